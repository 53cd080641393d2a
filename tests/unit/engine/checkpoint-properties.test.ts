/**
 * Property: on random small scenarios (policies with budgets, registers, collateral timers, splits,
 * RTGS withdrawals; band and legacy arrivals; runtime arrival changes; TARGET2 switches) and random
 * external commands between ticks, a checkpoint taken at a random tick and restored into a fresh engine
 * continues with exactly the events, tick results and final state of the uninterrupted run.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkpointJson,
	createEngine,
	EngineAbortError,
	restoreEngine,
	serializeEvent,
	SimulationError,
	type Engine
} from '../../../src/lib/engine';
import { RtgsPriority } from '../../../src/lib/engine/transactions';
import { FIXTURE_ROOT, readFixtureText } from '../../parity/golden-fixtures';

const IDS = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA'];

/** Policy documents of the golden coverage scenarios: budgets, registers, timers, splits, RTGS actions. */
function goldenPolicies(folder: string, agents: string[]): unknown[] {
	const config = JSON.parse(readFixtureText(join(FIXTURE_ROOT, folder), 'config.json')) as {
		agent_configs: { id: string; policy: unknown }[];
	};
	return config.agent_configs.filter((a) => agents.includes(a.id)).map((a) => a.policy);
}

const POLICIES: unknown[] = [
	'Fifo',
	{ Deadline: { urgency_threshold: 3 } },
	{ LiquidityAware: { target_buffer: 100_000, urgency_threshold: 2 } },
	{ MockSplitting: { num_splits: 3 } },
	{ LiquiditySplitting: { max_splits: 3, min_split_amount: 10_000 } },
	...goldenPolicies('collateral_and_registers__seed11', ['CR_PROBE', 'CR_BUDGET', 'CR_EMA']),
	...goldenPolicies('target2_features__seed11', ['T2_A', 'T2_B']),
	...goldenPolicies('splitting__seed11', ['SPLIT_STAGGER', 'SPLIT_SMART'])
];

const amountArb = fc
	.tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.integer({ min: 0, max: 400_000 }))
	.map(([min, extra]) => ({ Uniform: { min, max: min + extra } }));

const weightsArb = fc.oneof(
	fc.constant({}),
	fc.dictionary(fc.constantFrom(...IDS), fc.constantFrom(0, 0.5, 1, 2), { maxKeys: 3 })
);

const legacyArb = fc.record({
	rate_per_tick: fc.double({ min: 0, max: 1.5, noNaN: true }),
	amount_distribution: amountArb,
	counterparty_weights: weightsArb,
	deadline_range: fc
		.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 10 }))
		.map(([a, b]) => [a, a + b]),
	priority_distribution: fc.constant({ Uniform: { min: 0, max: 10 } })
});

const bandArb = fc.record({
	rate_per_tick: fc.double({ min: 0, max: 0.8, noNaN: true }),
	amount_distribution: amountArb,
	deadline_offset_min: fc.integer({ min: 1, max: 4 }),
	deadline_offset_max: fc.integer({ min: 5, max: 12 }),
	counterparty_weights: weightsArb
});

const arrivalsArb = fc.oneof(
	fc.constant({}),
	legacyArb.map((arrival_config) => ({ arrival_config })),
	fc
		.record({ urgent: fc.option(bandArb, { nil: null }), normal: fc.option(bandArb, { nil: null }) })
		.map((arrival_bands) => ({ arrival_bands }))
);

const agentArb = fc.record({
	balance: fc.integer({ min: 0, max: 600_000 }),
	cap: fc.integer({ min: 0, max: 300_000 }),
	policy: fc.constantFrom(...POLICIES),
	arrivals: arrivalsArb,
	posted: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
	multilateral: fc.option(fc.integer({ min: 50_000, max: 1_000_000 }), { nil: null })
});

const scenarioEventArb = fc.oneof(
	fc.record({ type: fc.constant('direct_transfer'), amount: fc.integer({ min: -50_000, max: 50_000 }) }),
	fc.record({ type: fc.constant('global_arrival_rate_change'), multiplier: fc.constantFrom(0.5, 1.5, 2) }),
	fc.record({ type: fc.constant('agent_arrival_rate_change'), multiplier: fc.constantFrom(0.5, 3) }),
	fc.record({ type: fc.constant('counterparty_weight_change'), new_weight: fc.constantFrom(0, 1, 4) }),
	fc.record({
		type: fc.constant('deadline_window_change'),
		min: fc.constantFrom(0.5, 1.5),
		max: fc.constantFrom(0.8, 2)
	}),
	fc.record({
		type: fc.constant('custom_transaction_arrival'),
		amount: fc.integer({ min: 1_000, max: 500_000 })
	}),
	fc.record({ type: fc.constant('collateral_adjustment'), delta: fc.integer({ min: 0, max: 100_000 }) })
);

function scenarioEvent(kind: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
	switch (kind.type) {
		case 'direct_transfer':
			return { type: kind.type, from_agent: from, to_agent: to, amount: kind.amount };
		case 'agent_arrival_rate_change':
			return { type: kind.type, agent: from, multiplier: kind.multiplier };
		case 'counterparty_weight_change':
			return { type: kind.type, agent: from, counterparty: to, new_weight: kind.new_weight };
		case 'deadline_window_change':
			return { type: kind.type, min_ticks_multiplier: kind.min, max_ticks_multiplier: kind.max };
		case 'custom_transaction_arrival':
			return {
				type: kind.type,
				from_agent: from,
				to_agent: to,
				amount: kind.amount,
				priority: 7,
				deadline: 4
			};
		case 'collateral_adjustment':
			return { type: kind.type, agent: from, delta: kind.delta };
		default:
			return { ...kind };
	}
}

const scenarioArb = fc
	.record({
		agentCount: fc.integer({ min: 2, max: 4 }),
		agents: fc.array(agentArb, { minLength: 4, maxLength: 4 }),
		ticksPerDay: fc.integer({ min: 3, max: 10 }),
		numDays: fc.integer({ min: 1, max: 3 }),
		seed: fc.integer({ min: 0, max: 2 ** 31 }),
		switches: fc.record({
			deferred_crediting: fc.boolean(),
			deadline_cap_at_eod: fc.boolean(),
			priority_mode: fc.boolean(),
			algorithm_sequencing: fc.boolean(),
			entry_disposition_offsetting: fc.boolean()
		}),
		ordering: fc.constantFrom('fifo', 'priority_deadline'),
		escalation: fc.boolean(),
		cycles: fc.boolean(),
		events: fc.array(
			fc.record({
				tick: fc.integer({ min: 0, max: 25 }),
				repeat: fc.option(fc.integer({ min: 2, max: 6 }), { nil: null }),
				kind: scenarioEventArb
			}),
			{ maxLength: 5 }
		)
	})
	.map((s) => {
		const ids = IDS.slice(0, s.agentCount);
		return {
			ticks_per_day: s.ticksPerDay,
			num_days: s.numDays,
			rng_seed: s.seed,
			...s.switches,
			queue1_ordering: s.ordering,
			priority_escalation: { enabled: s.escalation, start_escalating_at_ticks: 6, max_boost: 3 },
			lsm_config: {
				enable_bilateral: true,
				enable_cycles: s.cycles,
				max_cycle_length: 4,
				max_cycles_per_tick: 10
			},
			agent_configs: s.agents.slice(0, s.agentCount).map((a, i) => ({
				id: ids[i],
				opening_balance: a.balance,
				unsecured_cap: a.cap,
				policy: a.policy,
				posted_collateral: a.posted,
				limits: a.multilateral === null ? null : { bilateral_limits: {}, multilateral_limit: a.multilateral },
				...a.arrivals
			})),
			scenario_events: s.events.map((e, i) => ({
				event: scenarioEvent(e.kind, ids[i % ids.length], ids[(i + 1) % ids.length]),
				schedule: e.repeat === null ? { tick: e.tick } : { start_tick: e.tick, interval: e.repeat }
			}))
		};
	});

/** An external call between ticks; indices pick among whatever exists at that moment. */
const commandArb = fc.record({
	tick: fc.integer({ min: 0, max: 30 }),
	kind: fc.constantFrom('submit', 'withdraw_rtgs', 'resubmit', 'post_collateral', 'withdraw_collateral'),
	pick: fc.nat(),
	amount: fc.integer({ min: 1, max: 300_000 }),
	offset: fc.integer({ min: 1, max: 12 }),
	priority: fc.integer({ min: 0, max: 12 })
});
type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;

function apply(engine: Engine, command: Command): void {
	const agents = engine.agents;
	const agent = agents[command.pick % agents.length];
	const txs = engine.state.txs;
	try {
		switch (command.kind) {
			case 'submit': {
				const receiver = agents[(command.pick + 1) % agents.length];
				const declared = [RtgsPriority.None, RtgsPriority.Urgent, RtgsPriority.HighlyUrgent][
					command.pick % 3
				];
				engine.submitTransaction(
					agent.id,
					receiver.id,
					command.amount,
					engine.currentTick + command.offset,
					command.priority,
					false,
					declared
				);
				return;
			}
			case 'withdraw_rtgs': {
				const queue = engine.state.queue2.ids;
				if (queue.length > 0) engine.withdrawFromRtgs(queue[command.pick % queue.length]);
				return;
			}
			case 'resubmit':
				if (txs.count > 0) engine.resubmitToRtgs(command.pick % txs.count, RtgsPriority.Urgent);
				return;
			case 'post_collateral':
				engine.postCollateral(agent.id, command.amount);
				return;
			case 'withdraw_collateral':
				engine.withdrawCollateral(agent.id, command.amount);
				return;
		}
	} catch (error) {
		if (!(error instanceof SimulationError)) throw error;
	}
}

interface Trace {
	events: string[];
	results: string[];
	failure: string | null;
	finalState: string;
}

/** Runs ticks `from`..`to` with the commands due before each tick; a failed tick ends the run. */
function continueRun(engine: Engine, from: number, to: number, commands: Command[], events: string[]): Trace {
	const results: string[] = [];
	let failure: string | null = null;
	engine.setEventSink((event) => events.push(serializeEvent(event)));
	for (let t = from; t < to && failure === null; t++) {
		for (const command of commands) if (command.tick === t) apply(engine, command);
		try {
			results.push(JSON.stringify(engine.tick()));
		} catch (error) {
			if (!(error instanceof SimulationError || error instanceof EngineAbortError)) throw error;
			failure = `${t}: ${error.message}`;
		}
	}
	return { events, results, failure, finalState: failure === null ? checkpointJson(engine) : '' };
}

describe('checkpoint property', () => {
	it('checkpoint at a random tick, restore, continue = uninterrupted run', () => {
		fc.assert(
			fc.property(scenarioArb, fc.array(commandArb, { maxLength: 12 }), fc.nat(), (config, commands, at) => {
				const ticks = config.ticks_per_day * config.num_days;
				const k = at % (ticks + 1);
				const whole = createEngine(config);
				const prefix = continueRun(whole, 0, k, commands, []);
				if (prefix.failure !== null) return;
				const checkpoint = checkpointJson(whole);
				const eventsBefore = prefix.events.length;
				const uninterrupted = continueRun(whole, k, ticks, commands, prefix.events);

				const restored = restoreEngine(config, JSON.parse(checkpoint));
				const resumed = continueRun(restored, k, ticks, commands, []);

				expect(resumed.events).toEqual(uninterrupted.events.slice(eventsBefore));
				expect(resumed.results).toEqual(uninterrupted.results);
				expect(resumed.failure).toBe(uninterrupted.failure);
				expect(resumed.finalState === uninterrupted.finalState).toBe(true);
			}),
			{ numRuns: 120 }
		);
	});
});
