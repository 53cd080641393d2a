/**
 * Experiment benchmark: wall time of the Castro experiments exp1, exp3 (deterministic) and exp2 (bootstrap,
 * 50 samples) with the offline `search` proposer in Node (median of 3 runs after a cold one, nothing
 * recorded), and the rate of bootstrap evaluations (one sandbox simulation of one sample), beside SimCash's
 * figure of about 71 ms per 100 small simulations on an M1 core.
 *
 *   npx tsx bench/experiments.bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectHistories } from '../src/lib/experiments/bootstrap-history';
import { buildSamples } from '../src/lib/experiments/bootstrap-samples';
import { createPacer } from '../src/lib/experiments/cancellation';
import { Evaluator } from '../src/lib/experiments/evaluation';
import {
	createSearchProposer,
	defaultPolicy,
	loadExperiment,
	runExperiment,
	type ExperimentResult
} from '../src/lib/experiments';
import type { LoadedScenario } from '../src/lib/experiments/load-experiment';
import type { ExperimentConfig } from '../src/lib/experiments/experiment-config';
import { median, type BenchResult } from './stats';

const EXAMPLES = join(import.meta.dirname, '..', 'static', 'examples');
const RUNS = 3;
/** Distinct policies priced in the bootstrap-rate measurement (each on every sample). */
const PRICED_POLICIES = 20;

async function loadCastro(name: string): Promise<{ experiment: ExperimentConfig; scenario: LoadedScenario }> {
	const fileName = `experiments/castro/experiments/${name}.yaml`;
	const read = (path: string) => {
		try {
			return readFileSync(join(EXAMPLES, path), 'utf8');
		} catch {
			return null;
		}
	};
	const loaded = await loadExperiment(read(fileName) ?? '', { fileName, resolveFile: read });
	if (!loaded.ok) throw new Error(`${name}: ${loaded.errors.map((e) => e.message).join('; ')}`);
	return loaded;
}

async function timeExperiment(name: string): Promise<{ ms: number; result: ExperimentResult }> {
	const { experiment, scenario } = await loadCastro(name);
	if (experiment.optimizer.kind !== 'search') throw new Error('expected the search optimizer');
	const proposer = createSearchProposer(experiment.optimizer);
	const started = performance.now();
	const result = await runExperiment({ experiment, scenario, proposer, experimentId: `${name}-bench` });
	return { ms: performance.now() - started, result };
}

/** Sandbox evaluations per second on exp2's samples of BANK_A (samples built as the loop builds them). */
async function bootstrapRate(): Promise<{ perSecond: number; evaluations: number; samples: number }> {
	const { experiment, scenario } = await loadCastro('exp2');
	const evaluator = new Evaluator({ experiment, scenario: scenario.config, pacer: createPacer() });
	const agents = experiment.optimizedAgents;
	const initial = await evaluator.run(
		Object.fromEntries(agents.map((agent) => [agent, defaultPolicy(agent)])),
		experiment.masterSeed,
		true
	);
	const histories = collectHistories(initial.outcome.events ?? [], agents);
	const settings = {
		masterSeed: experiment.masterSeed,
		samples: experiment.evaluation.numSamples,
		ticks: experiment.evaluation.ticks
	};
	evaluator.useSamples(
		new Map(
			agents.map((agent) => [
				agent,
				buildSamples(agent, histories.get(agent) ?? { outgoing: [], incoming: [] }, settings)
			])
		)
	);
	const oracle = evaluator.oracle(0, 'BANK_A', {});
	const started = performance.now();
	for (let i = 0; i < PRICED_POLICIES; i++) {
		await oracle.evaluate({
			...defaultPolicy('BANK_A'),
			parameters: { initial_liquidity_fraction: i / PRICED_POLICIES }
		});
	}
	const seconds = (performance.now() - started) / 1000;
	return {
		perSecond: evaluator.sandboxRuns / seconds,
		evaluations: evaluator.sandboxRuns,
		samples: settings.samples
	};
}

export async function runExperimentsBench(): Promise<BenchResult[]> {
	const results: BenchResult[] = [];
	for (const name of ['exp1', 'exp3', 'exp2']) {
		await timeExperiment(name);
		const runs: { ms: number; result: ExperimentResult }[] = [];
		for (let i = 0; i < RUNS; i++) runs.push(await timeExperiment(name));
		const { result } = runs[0];
		const ms = median(runs.map((run) => run.ms));
		const simulations = `${result.simulations.full.toLocaleString('en')} full + ${result.simulations.sandbox.toLocaleString('en')} sandbox simulations`;
		const subject = `${name} (${result.evaluationMode}), search, ${result.iterations} iterations, ${simulations}`;
		results.push({
			name: `experiment wall time, ${name}`,
			value: ms,
			unit: 'ms',
			subject,
			runs: runs.map((run) => run.ms)
		});
		console.log(`${name}: ${Math.round(ms)} ms median, ${result.iterations} iterations, ${simulations}`);
	}
	const rates = [];
	for (let i = 0; i < RUNS; i++) rates.push(await bootstrapRate());
	const perSecond = median(rates.map((rate) => rate.perSecond));
	const subject = `exp2 sandbox, BANK_A, ${PRICED_POLICIES} policies × ${rates[0].samples} samples, 12 ticks each`;
	results.push({
		name: 'bootstrap evaluations/s',
		value: perSecond,
		unit: 'evaluations/s',
		subject,
		runs: rates.map((r) => r.perSecond)
	});
	results.push({
		name: 'time per 100 bootstrap evaluations (SimCash: about 71 ms on an M1 core)',
		value: 100_000 / perSecond,
		unit: 'ms',
		subject,
		runs: rates.map((r) => 100_000 / r.perSecond)
	});
	console.log(
		`bootstrap evaluations: ${Math.round(perSecond).toLocaleString('en')}/s, ${(100_000 / perSecond).toFixed(1)} ms per 100`
	);
	return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runExperimentsBench();
