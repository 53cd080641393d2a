/**
 * Policy evaluation throughput: evaluations per second of a deep reference payment tree
 * (target2_crisis_proactive_manager.json) on a fixed context, median of 5 runs. Also load throughput
 * (parse + validate + compile). Run directly with `npx tsx bench/policy.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArrayPolicyContext, parsePolicyOrThrow, type CompiledPolicy } from '../src/lib/policy';
import { median, type BenchResult } from './stats';

const POLICY_FILE = new URL(
	'../tests/fixtures/policies/target2_crisis_proactive_manager.json',
	import.meta.url
);
const RUNS = 5;
const EVALUATIONS_PER_RUN = 1_000_000;
const LOADS_PER_RUN = 200;

/** A low-priority payment far from its deadline with a thin buffer: the walk goes five conditions deep. */
function fixedContext(): ArrayPolicyContext {
	return new ArrayPolicyContext().set({
		amount: 80_000,
		remaining_amount: 80_000,
		priority: 3,
		ticks_to_deadline: 30,
		deadline_tick: 130,
		current_tick: 100,
		balance: 100_000,
		effective_liquidity: 100_000,
		available_liquidity: 100_000,
		unsecured_cap: 50_000,
		credit_limit: 50_000,
		queue1_total_value: 250_000,
		system_ticks_per_day: 100,
		system_tick_in_day: 0,
		day_progress_fraction: 0
	});
}

function evaluationsPerSecond(policy: CompiledPolicy, ctx: ArrayPolicyContext): number {
	let sink = 0;
	const start = performance.now();
	for (let i = 0; i < EVALUATIONS_PER_RUN; i++) {
		ctx.values[1] = 80_000 + (i & 7);
		if (policy.evaluatePayment(ctx).action === 'Hold') sink++;
	}
	const seconds = (performance.now() - start) / 1000;
	if (sink < 0) throw new Error('unreachable');
	return EVALUATIONS_PER_RUN / seconds;
}

function loadsPerSecond(text: string): number {
	const start = performance.now();
	for (let i = 0; i < LOADS_PER_RUN; i++) parsePolicyOrThrow(text);
	return LOADS_PER_RUN / ((performance.now() - start) / 1000);
}

export async function runPolicyBench(): Promise<BenchResult[]> {
	const text = readFileSync(fileURLToPath(POLICY_FILE), 'utf8');
	const policy = parsePolicyOrThrow(text);
	const ctx = fixedContext();
	evaluationsPerSecond(policy, ctx);
	const evaluations: number[] = [];
	const loads: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		evaluations.push(evaluationsPerSecond(policy, ctx));
		loads.push(loadsPerSecond(text));
	}
	return [
		{
			name: 'policy: payment_tree evaluations (target2_crisis_proactive_manager)',
			value: Math.round(median(evaluations)),
			unit: 'evaluations/s'
		},
		{
			name: 'policy: load (parse + validate + compile)',
			value: Math.round(median(loads)),
			unit: 'policies/s'
		}
	];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	for (const result of await runPolicyBench()) {
		console.log(`${result.name}: ${result.value.toLocaleString('en-US')} ${result.unit}`);
	}
}
