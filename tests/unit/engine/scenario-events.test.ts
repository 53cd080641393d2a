import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../../src/lib/engine/errors';
import type { SimulationEvent } from '../../../src/lib/engine/events';
import { makeEngine, ofType, runTicks, type AgentSpec } from './helpers';

const ARRIVALS = {
	rate_per_tick: 0.6,
	amount_distribution: { Uniform: { min: 1_000, max: 2_000 } },
	counterparty_weights: {},
	deadline_range: [5, 15],
	priority_distribution: { Fixed: { value: 5 } }
};

function withEvents(agents: AgentSpec[], events: unknown[], top: Record<string, unknown> = {}) {
	return makeEngine(agents, { scenario_events: events, ...top });
}

function executed(events: SimulationEvent[]) {
	return ofType(events, 'ScenarioEventExecuted').map((e) => [e.tick, e.scenario_event_type, e.details]);
}

describe('DirectTransfer', () => {
	it('moves money without any liquidity check; details keys alphabetical', () => {
		const engine = withEvents(
			[{ id: 'BANK_A' }, { id: 'BANK_B', balance: 50 }],
			[
				{
					event: { type: 'direct_transfer', from_agent: 'BANK_B', to_agent: 'BANK_A', amount: 100 },
					schedule: { tick: 0 }
				}
			]
		);
		const { events } = runTicks(engine, 1);
		expect(engine.agents.map((a) => a.balance)).toEqual([100, -50]);
		expect(Object.keys(ofType(events, 'ScenarioEventExecuted')[0].details)).toEqual([
			'amount',
			'from_agent',
			'to_agent'
		]);
	});

	it('an unknown agent fails the tick', () => {
		const engine = withEvents(
			[{ id: 'A' }, { id: 'B' }],
			[
				{
					event: { type: 'direct_transfer', from_agent: 'Z', to_agent: 'A', amount: 1 },
					schedule: { tick: 0 }
				}
			]
		);
		expect(() => engine.tick()).toThrow('Invalid config: Scenario event failed: Agent not found: Z');
	});
});

describe('CollateralAdjustment', () => {
	it('changes the unsecured cap (not posted collateral); a negative result fails the tick', () => {
		const engine = withEvents(
			[{ id: 'A', cap: 1_000 }, { id: 'B' }],
			[
				{ event: { type: 'collateral_adjustment', agent: 'A', delta: 500 }, schedule: { tick: 0 } },
				{ event: { type: 'collateral_adjustment', agent: 'A', delta: -2_000 }, schedule: { tick: 1 } }
			]
		);
		runTicks(engine, 1);
		expect(engine.agents[0].unsecuredCap).toBe(1_500);
		expect(engine.agents[0].postedCollateral).toBe(0);
		expect(() => engine.tick()).toThrow(
			'Invalid config: Scenario event failed: Credit limit cannot go negative (current: 1500, delta: -2000)'
		);
		expect(engine.currentTick).toBe(1);
	});
});

describe('CustomTransactionArrival', () => {
	it('submits with the last-tick-of-day cap; details carry the uncapped deadline (§14.14)', () => {
		const engine = withEvents(
			[{ id: 'BANK_A' }, { id: 'BANK_B' }],
			[
				{
					event: {
						type: 'custom_transaction_arrival',
						from_agent: 'BANK_A',
						to_agent: 'BANK_B',
						amount: 5_000,
						priority: 7,
						deadline: 30
					},
					schedule: { tick: 1 }
				}
			],
			{ num_days: 2, deadline_cap_at_eod: true, rng_seed: 7 }
		);
		const { events } = runTicks(engine, 2);
		const [arrival, scenario] = events;
		expect(arrival).toMatchObject({
			event_type: 'Arrival',
			tick: 1,
			deadline: 9,
			priority: 7,
			is_divisible: false
		});
		expect(scenario).toMatchObject({
			event_type: 'ScenarioEventExecuted',
			details: {
				amount: 5_000,
				deadline: 31,
				from_agent: 'BANK_A',
				is_divisible: false,
				priority: 7,
				to_agent: 'BANK_B'
			}
		});
		expect(ofType(events, 'ScenarioEventExecuted')[0].details.tx_id).toBe(ofType(events, 'Arrival')[0].tx_id);
	});

	it('defaults: priority 5, deadline tick + max(ticks_per_day / 10, 5); not counted as arrivals', () => {
		const engine = withEvents(
			[{ id: 'A' }, { id: 'B' }],
			[
				{
					event: { type: 'custom_transaction_arrival', from_agent: 'A', to_agent: 'B', amount: 1 },
					schedule: { tick: 2 }
				}
			],
			{ ticks_per_day: 100 }
		);
		const { events, results } = runTicks(engine, 3);
		expect(ofType(events, 'Arrival')[0]).toMatchObject({ tick: 2, deadline: 12, priority: 5 });
		expect(results[2].num_arrivals).toBe(0);
	});

	it('a relative deadline of 0 is in the past and fails the tick', () => {
		const engine = withEvents(
			[{ id: 'A' }, { id: 'B' }],
			[
				{
					event: {
						type: 'custom_transaction_arrival',
						from_agent: 'A',
						to_agent: 'B',
						amount: 1,
						deadline: 0
					},
					schedule: { tick: 0 }
				}
			]
		);
		expect(() => engine.tick()).toThrow('Transaction deadline 0 is in the past (current tick: 0)');
	});
});

describe('arrival-rate, weight and deadline-window changes', () => {
	it('global multipliers apply to the base rate (no compounding); agent changes compound and rebase', () => {
		const engine = withEvents(
			[{ id: 'A', arrival_config: ARRIVALS }, { id: 'B' }],
			[
				{ event: { type: 'global_arrival_rate_change', multiplier: 2.0 }, schedule: { tick: 0 } },
				{ event: { type: 'global_arrival_rate_change', multiplier: 2.0 }, schedule: { tick: 1 } },
				{ event: { type: 'agent_arrival_rate_change', agent: 'A', multiplier: 1.5 }, schedule: { tick: 2 } },
				{ event: { type: 'global_arrival_rate_change', multiplier: 0.5 }, schedule: { tick: 3 } }
			]
		);
		const rates: (number | null)[] = [];
		const events: SimulationEvent[] = [];
		for (let i = 0; i < 4; i++) {
			engine.tick((e) => events.push(e));
			rates.push(engine.arrivals!.rate(0));
		}
		expect(rates).toEqual([1.2, 1.2, 1.7999999999999998, 0.8999999999999999]);
		expect(executed(events)[2]).toEqual([
			2,
			'agent_arrival_rate_change',
			{ agent: 'A', multiplier: 1.5, new_rate: 1.7999999999999998, old_rate: 1.2 }
		]);
	});

	it('without an arrival generator, rate/weight/deadline events do nothing and log nothing', () => {
		const engine = withEvents(
			[{ id: 'A' }, { id: 'B' }],
			[
				{ event: { type: 'global_arrival_rate_change', multiplier: 2 }, schedule: { tick: 0 } },
				{ event: { type: 'agent_arrival_rate_change', agent: 'A', multiplier: 2 }, schedule: { tick: 0 } },
				{
					event: { type: 'counterparty_weight_change', agent: 'A', counterparty: 'B', new_weight: 2 },
					schedule: { tick: 0 }
				},
				{ event: { type: 'deadline_window_change', min_ticks_multiplier: 2 }, schedule: { tick: 0 } }
			]
		);
		expect(runTicks(engine, 1).events).toEqual([]);
	});

	it('a rate change aimed at an agent without a legacy configuration is silent', () => {
		const engine = withEvents(
			[{ id: 'A', arrival_config: ARRIVALS }, { id: 'B' }],
			[{ event: { type: 'agent_arrival_rate_change', agent: 'B', multiplier: 2 }, schedule: { tick: 0 } }],
			{ rng_seed: 5 }
		);
		expect(executed(runTicks(engine, 1).events)).toEqual([]);
	});

	it('non-positive multipliers and negative weights fail the tick', () => {
		for (const event of [
			{ type: 'global_arrival_rate_change', multiplier: 0 },
			{ type: 'agent_arrival_rate_change', agent: 'A', multiplier: -1 },
			{ type: 'deadline_window_change', max_ticks_multiplier: 0 },
			{ type: 'counterparty_weight_change', agent: 'A', counterparty: 'B', new_weight: -1 }
		]) {
			const engine = withEvents(
				[{ id: 'A', arrival_config: ARRIVALS }, { id: 'B' }],
				[{ event, schedule: { tick: 0 } }]
			);
			expect(() => engine.tick()).toThrow(SimulationError);
		}
	});

	it('counterparty weights switch selection to the weighted path and are logged even for band-only agents', () => {
		const engine = withEvents(
			[{ id: 'A', arrival_config: { ...ARRIVALS, rate_per_tick: 3 } }, { id: 'B' }, { id: 'C' }],
			[
				{
					event: { type: 'counterparty_weight_change', agent: 'A', counterparty: 'B', new_weight: 0 },
					schedule: { tick: 0 }
				},
				{
					event: {
						type: 'counterparty_weight_change',
						agent: 'B',
						counterparty: 'A',
						new_weight: 1,
						auto_balance_others: true
					},
					schedule: { tick: 0 }
				}
			],
			{ rng_seed: 11 }
		);
		const { events } = runTicks(engine, 5);
		expect(executed(events)).toHaveLength(2);
		expect(ofType(events, 'Arrival').every((e) => e.receiver_id === 'C')).toBe(true);
	});

	it('deadline windows are multiplied and rounded half away from zero', () => {
		const engine = withEvents(
			[{ id: 'A', arrival_config: ARRIVALS }, { id: 'B' }],
			[
				{
					event: { type: 'deadline_window_change', min_ticks_multiplier: 0.5, max_ticks_multiplier: 1.5 },
					schedule: { tick: 0 }
				},
				{ event: { type: 'deadline_window_change', max_ticks_multiplier: 0.8 }, schedule: { tick: 1 } }
			]
		);
		runTicks(engine, 1);
		expect(engine.arrivals!.deadlineRange(0)).toEqual([3, 23]);
		const { events } = runTicks(engine, 1);
		expect(engine.arrivals!.deadlineRange(0)).toEqual([3, 18]);
		expect(executed(events)[0][2]).toEqual({ max_ticks_multiplier: 0.8, min_ticks_multiplier: null });
	});
});

describe('ScheduledSettlement', () => {
	it('settles at once with a synthetic tx id when the sender can pay, credit immediate even if deferred', () => {
		const engine = withEvents(
			[{ id: 'BANK_A', balance: 200 }, { id: 'BANK_B' }],
			[
				{
					event: { type: 'scheduled_settlement', from_agent: 'BANK_A', to_agent: 'BANK_B', amount: 7 },
					schedule: { tick: 2 }
				}
			],
			{ deferred_crediting: true }
		);
		const { events } = runTicks(engine, 3);
		expect(events[0]).toEqual({
			event_type: 'RtgsImmediateSettlement',
			tick: 2,
			tx_id: 'scheduled_settlement_BANK_A_BANK_B_7_2',
			sender: 'BANK_A',
			receiver: 'BANK_B',
			amount: 7,
			sender_balance_before: 200,
			sender_balance_after: 193
		});
		expect(executed(events)).toEqual([
			[2, 'scheduled_settlement', { amount: 7, from_agent: 'BANK_A', settled: true, to_agent: 'BANK_B' }]
		]);
		expect(engine.agents[1].balance).toBe(7);
	});

	it('without liquidity: no state change, settled false with a reason', () => {
		const engine = withEvents(
			[{ id: 'A' }, { id: 'B' }],
			[
				{
					event: { type: 'scheduled_settlement', from_agent: 'A', to_agent: 'B', amount: 10 },
					schedule: { tick: 0 }
				}
			]
		);
		const { events } = runTicks(engine, 1);
		expect(executed(events)).toEqual([
			[
				0,
				'scheduled_settlement',
				{ amount: 10, from_agent: 'A', reason: 'insufficient_liquidity', settled: false, to_agent: 'B' }
			]
		]);
		expect(engine.agents.map((a) => a.balance)).toEqual([0, 0]);
	});
});

describe('schedules', () => {
	it('repeating events fire at start + k × interval, in configuration order with one-time events', () => {
		const engine = withEvents(
			[
				{ id: 'A', balance: 1_000 },
				{ id: 'B', balance: 1_000 }
			],
			[
				{
					event: { type: 'direct_transfer', from_agent: 'B', to_agent: 'A', amount: 100 },
					schedule: { start_tick: 1, interval: 3 }
				},
				{
					event: { type: 'direct_transfer', from_agent: 'A', to_agent: 'B', amount: 1 },
					schedule: { tick: 4 }
				}
			]
		);
		const { events } = runTicks(engine, 8);
		expect(executed(events).map(([tick, , d]) => [tick, (d as { amount: number }).amount])).toEqual([
			[1, 100],
			[4, 100],
			[4, 1],
			[7, 100]
		]);
	});
	it('one-time events before and after a repeating one keep configuration order at a shared tick', () => {
		const transfer = (amount: number, schedule: unknown) => ({
			event: { type: 'direct_transfer', from_agent: 'A', to_agent: 'B', amount },
			schedule
		});
		const engine = withEvents(
			[{ id: 'A', balance: 1_000 }, { id: 'B' }],
			[transfer(1, { tick: 4 }), transfer(100, { start_tick: 1, interval: 3 }), transfer(2, { tick: 4 })]
		);
		const { events } = runTicks(engine, 5);
		expect(executed(events).map(([tick, , d]) => [tick, (d as { amount: number }).amount])).toEqual([
			[1, 100],
			[4, 1],
			[4, 100],
			[4, 2]
		]);
	});

	it('a repeating interval of 0 aborts once due, after the events configured before it', () => {
		const transfer = (amount: number, schedule: unknown) => ({
			event: { type: 'direct_transfer', from_agent: 'A', to_agent: 'B', amount },
			schedule
		});
		const engine = withEvents(
			[{ id: 'A', balance: 1_000 }, { id: 'B' }],
			[transfer(5, { tick: 2 }), transfer(7, { start_tick: 2, interval: 0 }), transfer(9, { tick: 2 })]
		);
		const events: SimulationEvent[] = [];
		runTicks(engine, 2);
		expect(() => engine.tick((e) => events.push(e))).toThrow('divisor of zero');
		expect(executed(events).map(([tick, , d]) => [tick, (d as { amount: number }).amount])).toEqual([[2, 5]]);
	});
});
