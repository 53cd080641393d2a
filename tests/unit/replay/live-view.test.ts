/** Building TickViews and day statistics from a running engine. */
import { describe, expect, it } from 'vitest';
import type { Engine, SimulationEvent, TickResult } from '../../../src/lib/engine';
import {
	formatTick,
	LiveDayStatistics,
	LiveTickViews,
	NO_FILTER,
	type TickView
} from '../../../src/lib/replay';
import { action, makeEngine, policy } from '../engine/helpers';

const HOLD = policy({ payment_tree: action('hold', 'Hold', { reason: { value: 'Waiting' } }) });

function arrival(from: string, to: string, amount: number, tick: number, deadline: number, priority = 5) {
	return {
		event: { type: 'custom_transaction_arrival', from_agent: from, to_agent: to, amount, priority, deadline },
		schedule: { tick }
	};
}

interface Step {
	result: TickResult;
	events: SimulationEvent[];
	view: TickView;
}

function run(engine: Engine, ticks: number): Step[] {
	const views = new LiveTickViews(engine);
	const steps: Step[] = [];
	for (let i = 0; i < ticks; i++) {
		const events: SimulationEvent[] = [];
		const result = engine.tick((event) => events.push(event));
		steps.push({ result, events, view: views.afterTick(result, events) });
	}
	return steps;
}

describe('LiveTickViews', () => {
	it('measures balance changes from the balances at creation, pool allocation included', () => {
		const engine = makeEngine(
			[
				{ id: 'A', balance: 100_000, liquidity_pool: 50_000, liquidity_allocation_fraction: 0.5 },
				{ id: 'B', balance: 0 }
			],
			{ scenario_events: [arrival('A', 'B', 30_000, 0, 10)] }
		);
		const [first, second] = run(engine, 2);
		expect(first.view.agents.map((a) => [a.agentId, a.balance, a.balanceChange])).toEqual([
			['A', 95_000, -30_000],
			['B', 30_000, 30_000]
		]);
		expect(second.view.agents.map((a) => a.balanceChange)).toEqual([0, 0]);
		expect(first.view).toMatchObject({
			tick: 0,
			day: 0,
			counts: { arrivals: 0, settlements: 1, lsmReleases: 0, totalCost: first.result.total_cost },
			eventTransactions: [{ txId: 'tx_1', priority: 5, deadlineTick: 10 }],
			openTransactions: [],
			overdueCostRates: {
				deadlinePenalty: 50_000,
				delayCostPerTickPerCent: 0.0001,
				overdueDelayMultiplier: 5
			}
		});
	});

	it('lists Queue 1 and RTGS entries in queue order, then open transactions in no queue', () => {
		const engine = makeEngine(
			[{ id: 'A', policy: { MockSplitting: { num_splits: 2 } } }, { id: 'B' }, { id: 'C', policy: HOLD }],
			{
				scenario_events: [
					arrival('A', 'B', 10_000, 0, 5),
					arrival('B', 'C', 20_000, 0, 5),
					arrival('C', 'A', 30_000, 0, 5)
				]
			}
		);
		const [first] = run(engine, 1);
		// tx_1 (A) is split into tx_4 and tx_5, which wait in the RTGS queue with B's tx_2; C holds tx_3.
		expect(
			first.view.openTransactions.map((tx) => [
				tx.txId,
				tx.senderId,
				tx.receiverId,
				tx.location,
				tx.position,
				tx.remainingAmount
			])
		).toEqual([
			['tx_3', 'C', 'A', 'queue1', 0, 30_000],
			['tx_4', 'A', 'B', 'rtgs', 0, 5_000],
			['tx_5', 'A', 'B', 'rtgs', 1, 5_000],
			['tx_2', 'B', 'C', 'rtgs', 2, 20_000],
			['tx_1', 'A', 'B', 'none', 0, 10_000]
		]);
	});

	it('prints the priority a transaction has after the tick, not the one it arrived with', () => {
		// Deadline 2 ticks away at arrival: boost round(3 × (1 − 2/4)) = 2, priority 2 → 4 within tick 0.
		const engine = makeEngine([{ id: 'A', policy: HOLD }, { id: 'B' }], {
			priority_escalation: { enabled: true, start_escalating_at_ticks: 4, max_boost: 3 },
			scenario_events: [arrival('A', 'B', 10_000, 0, 2, 2)]
		});
		const [first] = run(engine, 1);
		expect(first.events.find((e) => e.event_type === 'Arrival')).toMatchObject({ priority: 2 });
		expect(first.view.eventTransactions).toEqual([{ txId: 'tx_1', priority: 4, deadlineTick: 2 }]);
		const lines = formatTick(
			{ ...first.view, counts: { ...first.view.counts, arrivals: 1 } },
			first.events,
			NO_FILTER
		);
		expect(lines).toContain('     $100.00 | P:4 MED | ⏰ Tick 2');
	});

	it('counts the deadline window from the tick after the one just run, then reports the overdue cost', () => {
		const engine = makeEngine([{ id: 'A', policy: HOLD }, { id: 'B' }], {
			scenario_events: [arrival('A', 'B', 10_000, 0, 2)]
		});
		const steps = run(engine, 4);
		const near = (step: Step) =>
			formatTick(step.view, step.events, NO_FILTER).filter((line) => line.includes('Deadline: Tick'));
		expect(near(steps[0])).toEqual([
			'  🔴 NEXT TICK! TX tx_1... | A → B | $100.00 | Deadline: Tick 2 (1 tick away)'
		]);
		expect(near(steps[1])).toEqual([
			'  🔴 NEXT TICK! TX tx_1... | A → B | $100.00 | Deadline: Tick 2 (0 ticks away)'
		]);
		expect(near(steps[2])).toEqual([]);
		// Overdue at tick 3 (3 > 2); after it the engine is at tick 4: 1 tick overdue,
		// 10000 × 0.0001 × 5 × 1 = 5 cents of delay, plus the 50000-cent deadline penalty.
		expect(steps[3].view.openTransactions[0].overdueSinceTick).toBe(3);
		const lines = formatTick(steps[3].view, steps[3].events, NO_FILTER);
		const at = lines.indexOf('🔥 Overdue Transactions:');
		expect(lines.slice(at, at + 5)).toEqual([
			'🔥 Overdue Transactions:',
			'  🔥 TX tx_1... | A → B | $100.00 | Overdue: 1 tick',
			'     💸 Costs: Penalty $500.00 + Delay $0.05 = $500.05',
			'',
			'  Total Overdue Cost: $500.05'
		]);
	});
});

describe('LiveDayStatistics', () => {
	it('counts split parents once, LSM settlements by parent, and adds up the tick costs', () => {
		const engine = makeEngine([{ id: 'A', policy: { MockSplitting: { num_splits: 2 } } }, { id: 'B' }], {
			ticks_per_day: 2,
			num_days: 2,
			scenario_events: [
				arrival('A', 'B', 10_000, 0, 20),
				arrival('B', 'A', 10_000, 0, 20),
				arrival('B', 'A', 5_000, 2, 20)
			]
		});
		const views = new LiveTickViews(engine);
		const days = new LiveDayStatistics(engine);
		const out: (ReturnType<LiveDayStatistics['afterTick']> | string)[] = [];
		const costs: number[] = [];
		const lsmEvents: SimulationEvent[] = [];
		for (let i = 0; i < 4; i++) {
			const events: SimulationEvent[] = [];
			const result = engine.tick((event) => events.push(event));
			views.afterTick(result, events);
			costs.push(result.total_cost);
			lsmEvents.push(...events.filter((e) => e.event_type === 'LsmBilateralOffset'));
			out.push(days.afterTick(result, events));
		}
		// The two children of tx_1 offset against tx_2 in one bilateral LSM settlement.
		expect(lsmEvents.map((e) => (e.event_type === 'LsmBilateralOffset' ? e.tx_ids : []))).toEqual([
			['tx_3', 'tx_4', 'tx_2']
		]);
		expect(out).toEqual([
			null,
			{ day: 0, arrivals: 2, settlements: 2, lsmSettled: 2, totalCost: costs[0] + costs[1] },
			null,
			{ day: 1, arrivals: 1, settlements: 0, lsmSettled: 0, totalCost: costs[2] + costs[3] }
		]);
		expect(days.lsmSettledTotal).toBe(2);
	});
});
