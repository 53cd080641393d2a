/** Builders for hand-made engine configurations and states used by the engine unit tests. */
import { Agent } from '../../../src/lib/engine/agents';
import { parseEngineConfig, type EngineConfig } from '../../../src/lib/engine/config';
import { Engine, type EngineOptions, type TickResult } from '../../../src/lib/engine/engine';
import type { SimulationEvent } from '../../../src/lib/engine/events';
import { SimulationState } from '../../../src/lib/engine/state';

export interface AgentSpec {
	id: string;
	balance?: number;
	cap?: number;
	policy?: unknown;
	[key: string]: unknown;
}

/** A JSON-form engine configuration with engine defaults for everything not given. */
export function configJson(agents: AgentSpec[], top: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		ticks_per_day: 10,
		num_days: 1,
		rng_seed: 1,
		agent_configs: agents.map(({ id, balance, cap, policy, ...rest }) => ({
			id,
			opening_balance: balance ?? 0,
			unsecured_cap: cap ?? 0,
			policy: policy ?? 'Fifo',
			...rest
		})),
		...top
	};
}

/** A FromJson policy from tree fragments (payment tree: always Release unless given). */
export function policy(trees: Record<string, unknown>, parameters: Record<string, number> = {}) {
	return {
		FromJson: {
			json: JSON.stringify({
				version: '1.0',
				policy_id: 'test',
				payment_tree: { type: 'action', node_id: 'release', action: 'Release' },
				strategic_collateral_tree: null,
				end_of_tick_collateral_tree: null,
				parameters,
				...trees
			})
		}
	};
}

/** An action node of a policy tree. */
export const action = (node_id: string, name: string, parameters: Record<string, unknown> = {}) => ({
	type: 'action',
	node_id,
	action: name,
	parameters
});

export function makeEngine(
	agents: AgentSpec[],
	top: Record<string, unknown> = {},
	options: EngineOptions = {}
): Engine {
	return new Engine(parseEngineConfig(configJson(agents, top)), options);
}

export function parsedConfig(agents: AgentSpec[], top: Record<string, unknown> = {}): EngineConfig {
	return parseEngineConfig(configJson(agents, top));
}

/** Runs `ticks` ticks, collecting events and tick results. */
export function runTicks(
	engine: Engine,
	ticks: number
): { events: SimulationEvent[]; results: TickResult[] } {
	const events: SimulationEvent[] = [];
	const results: TickResult[] = [];
	for (let i = 0; i < ticks; i++) results.push(engine.tick((e) => events.push(e)));
	return { events, results };
}

export function ofType<T extends SimulationEvent['event_type']>(
	events: SimulationEvent[],
	type: T
): Extract<SimulationEvent, { event_type: T }>[] {
	return events.filter((e): e is Extract<SimulationEvent, { event_type: T }> => e.event_type === type);
}

/** A bare simulation state (agents in the given order, which must be sorted) for settlement-level tests. */
export function makeState(
	agents: { id: string; balance?: number; cap?: number; posted?: number; haircut?: number }[]
): SimulationState {
	return new SimulationState(
		agents.map(
			(a, index) =>
				new Agent(index, a.id, {
					balance: a.balance ?? 0,
					unsecuredCap: a.cap ?? 0,
					postedCollateral: a.posted ?? 0,
					collateralHaircut: a.haircut ?? 0.02,
					allocatedLiquidity: 0,
					maxCollateralCapacity: null,
					bilateralLimits: null,
					multilateralLimit: null,
					agentCount: agents.length
				})
		)
	);
}

/** Creates a transaction directly in Queue 2 (as if released earlier and queued). */
export function queueInQueue2(
	state: SimulationState,
	sender: number,
	receiver: number,
	amount: number,
	deadline = 100
): number {
	const ix = state.createTransaction(sender, receiver, amount, 0, deadline, 5, -1);
	state.queue2.push(ix, amount);
	return ix;
}
