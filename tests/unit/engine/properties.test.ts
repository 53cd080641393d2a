import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	createEngine,
	runSimulation,
	serializeEvent,
	EngineAbortError,
	SimulationError
} from '../../../src/lib/engine';

const IDS = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA'];

const policyArb = fc.oneof(
	fc.constant<unknown>('Fifo'),
	fc.integer({ min: 0, max: 6 }).map((k) => ({ Deadline: { urgency_threshold: k } })),
	fc
		.record({
			target_buffer: fc.integer({ min: 0, max: 500_000 }),
			urgency_threshold: fc.integer({ min: 0, max: 6 })
		})
		.map((p) => ({ LiquidityAware: p })),
	fc.integer({ min: 2, max: 3 }).map((n) => ({ MockSplitting: { num_splits: n } }))
);

const arrivalArb = fc.option(
	fc.record({
		rate_per_tick: fc.double({ min: 0, max: 2, noNaN: true }),
		amount_distribution: fc
			.tuple(fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 0, max: 200_000 }))
			.map(([min, extra]) => ({ Uniform: { min, max: min + extra } })),
		counterparty_weights: fc.constant({}),
		deadline_range: fc
			.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10 }))
			.map(([a, b]) => [a, a + b]),
		priority_distribution: fc.constant({ Uniform: { min: 0, max: 10 } })
	}),
	{ nil: null }
);

/** Small random scenarios: 2–4 banks, random liquidity, built-in policies, arrivals, LSM and crediting modes. */
const scenarioArb = fc
	.record({
		agentCount: fc.integer({ min: 2, max: 4 }),
		agents: fc.array(
			fc.record({
				balance: fc.integer({ min: 0, max: 1_000_000 }),
				cap: fc.integer({ min: 0, max: 500_000 }),
				policy: policyArb,
				arrival: arrivalArb
			}),
			{ minLength: 4, maxLength: 4 }
		),
		ticksPerDay: fc.integer({ min: 2, max: 8 }),
		numDays: fc.integer({ min: 1, max: 3 }),
		seed: fc.integer({ min: 0, max: 2 ** 31 }),
		bilateral: fc.boolean(),
		cycles: fc.boolean(),
		deferred: fc.boolean(),
		capAtEod: fc.boolean(),
		transfers: fc.array(
			fc.record({ tick: fc.integer({ min: 0, max: 20 }), amount: fc.integer({ min: -50_000, max: 50_000 }) }),
			{
				maxLength: 3
			}
		)
	})
	.map((s) => ({
		ticks_per_day: s.ticksPerDay,
		num_days: s.numDays,
		rng_seed: s.seed,
		deferred_crediting: s.deferred,
		deadline_cap_at_eod: s.capAtEod,
		lsm_config: {
			enable_bilateral: s.bilateral,
			enable_cycles: s.cycles,
			max_cycle_length: 4,
			max_cycles_per_tick: 10
		},
		agent_configs: s.agents.slice(0, s.agentCount).map((a, i) => ({
			id: IDS[i],
			opening_balance: a.balance,
			unsecured_cap: a.cap,
			policy: a.policy,
			arrival_config: a.arrival
		})),
		scenario_events: s.transfers.map((t, i) => ({
			event: {
				type: 'direct_transfer',
				from_agent: IDS[i % s.agentCount],
				to_agent: IDS[(i + 1) % s.agentCount],
				amount: t.amount
			},
			schedule: { tick: t.tick }
		}))
	}));

describe('engine properties on random small scenarios', () => {
	it('money is conserved: the sum of balances is the same after every tick', () => {
		fc.assert(
			fc.property(scenarioArb, (config) => {
				const engine = createEngine(config);
				const initial = engine.state.balanceSum();
				const ticks = config.ticks_per_day * config.num_days;
				for (let i = 0; i < ticks; i++) {
					try {
						engine.tick();
					} catch (error) {
						if (error instanceof SimulationError || error instanceof EngineAbortError) return true;
						throw error;
					}
					if (engine.state.balanceSum() !== initial) return false;
				}
				return true;
			}),
			{ numRuns: 150 }
		);
	});

	it('incremental counters (Queue 1 and Queue 2 values, throughput sums) equal a full rescan after every tick', () => {
		fc.assert(
			fc.property(scenarioArb, (config) => {
				const engine = createEngine(config);
				const txs = engine.state.txs;
				const ticks = config.ticks_per_day * config.num_days;
				for (let i = 0; i < ticks; i++) {
					try {
						engine.tick();
					} catch (error) {
						if (error instanceof SimulationError || error instanceof EngineAbortError) return;
						throw error;
					}
					let queue2 = 0;
					for (const ix of engine.state.queue2.ids) queue2 += txs.remaining[ix];
					expect(engine.state.queue2.value).toBe(queue2);
					for (const agent of engine.agents) {
						let queue1 = 0;
						for (const ix of agent.queue1) queue1 += txs.remaining[ix];
						expect(agent.queue1Value).toBe(queue1);
						let sent = 0;
						let settled = 0;
						for (let ix = 0; ix < txs.count; ix++) {
							if (txs.sender[ix] !== agent.index) continue;
							sent += txs.amount[ix];
							settled += txs.amount[ix] - txs.remaining[ix];
						}
						expect([engine.state.sentAmount[agent.index], engine.state.sentSettled[agent.index]]).toEqual([
							sent,
							settled
						]);
					}
				}
			}),
			{ numRuns: 100 }
		);
	});

	it('runs are deterministic: same configuration and seed, identical events and summary', () => {
		fc.assert(
			fc.property(scenarioArb, (config) => {
				const run = () => {
					const lines: string[] = [];
					const { summary } = runSimulation(config, { onEvent: (e) => lines.push(serializeEvent(e)) });
					return { lines, summary: JSON.stringify(summary) };
				};
				const first = run();
				const second = run();
				expect(second.lines).toEqual(first.lines);
				expect(second.summary).toBe(first.summary);
			}),
			{ numRuns: 100 }
		);
	});
});
