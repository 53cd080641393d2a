/**
 * The bootstrap sandbox (spec §5.2, step 3): one agent alone with its resampled day. A SOURCE agent with
 * practically unlimited funds pays the agent's sampled incoming payments at their historical settlement
 * ticks (through RTGS, so they behave like real receipts); the agent's sampled outgoing payments go to a
 * SINK that can absorb anything. The other banks' behaviour is thereby frozen into the history.
 *
 * Unlike SimCash, the scenario's switches (deferred crediting, deadline cap at end of day, LSM, queue
 * ordering) are carried into the sandbox, so that a receipt is usable exactly when it would be in the
 * scenario itself (docs/divergences.md, "Experiments").
 */
import type { EngineAgentJson, EngineConfigJson, EngineScheduledEventJson } from '../config';
import type { BootstrapSample } from './bootstrap-samples';
import { agentWithPolicy } from './policy-config';
import type { PolicyDocument } from './policy-document';

/** SimCash's "infinite" liquidity: 10 billion cents. */
const UNLIMITED = 10_000_000_000;

function freeId(base: string, taken: string): string {
	let id = base;
	while (id === taken) id = `_${id}`;
	return id;
}

function plainAgent(id: string, openingBalance: number, unsecuredCap: number): EngineAgentJson {
	return {
		id,
		opening_balance: openingBalance,
		unsecured_cap: unsecuredCap,
		policy: 'Fifo',
		arrival_config: null,
		arrival_bands: null,
		posted_collateral: null,
		collateral_haircut: null,
		max_collateral_capacity: null,
		limits: null,
		liquidity_pool: null,
		liquidity_allocation_fraction: null
	};
}

function sampleEvents(sample: BootstrapSample, source: string, sink: string): EngineScheduledEventJson[] {
	const events: EngineScheduledEventJson[] = sample.outgoing.map((tx) => ({
		event: {
			type: 'custom_transaction_arrival',
			from_agent: sample.agentId,
			to_agent: sink,
			amount: tx.amount,
			priority: tx.priority,
			deadline: Math.max(1, tx.deadlineTick - tx.arrivalTick),
			is_divisible: null
		},
		schedule: { tick: tx.arrivalTick }
	}));
	for (const tx of sample.incoming) {
		if (tx.settlementTick === null) continue;
		events.push({
			event: {
				type: 'scheduled_settlement',
				from_agent: source,
				to_agent: sample.agentId,
				amount: tx.amount
			},
			schedule: { tick: tx.settlementTick }
		});
	}
	return events;
}

/** The sandbox configuration evaluating `policy` for the sample's agent on that sample. */
export function sandboxConfig(
	scenario: EngineConfigJson,
	sample: BootstrapSample,
	policy: PolicyDocument
): EngineConfigJson {
	const template = scenario.agent_configs.find((agent) => agent.id === sample.agentId);
	if (template === undefined) throw new Error(`agent ${sample.agentId} is not in the scenario`);
	const source = freeId('SOURCE', sample.agentId);
	const sink = freeId('SINK', sample.agentId);
	const target: EngineAgentJson = {
		...agentWithPolicy(template, policy),
		arrival_config: null,
		arrival_bands: null,
		limits: null
	};
	const events = sampleEvents(sample, source, sink);
	return {
		...scenario,
		ticks_per_day: sample.ticks,
		num_days: 1,
		rng_seed: sample.seed,
		agent_configs: [plainAgent(source, UNLIMITED, 0), target, plainAgent(sink, 0, UNLIMITED)],
		scenario_events: events.length > 0 ? events : null
	};
}
