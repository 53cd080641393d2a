import { describe, expect, it } from 'vitest';
import { DEFAULT_COST_RATES, type CostRates } from '../../../src/lib/engine/config';
import {
	CostAccumulator,
	DelayCostCalculator,
	collateralCost,
	liquidityOpportunityCost,
	overdraftCost,
	priorityBand
} from '../../../src/lib/engine/costs';
import { makeEngine, ofType, runTicks } from './helpers';

function rates(overrides: Partial<CostRates>): CostRates {
	return { ...DEFAULT_COST_RATES, ...overrides };
}

function delayCost(r: CostRates, items: [remaining: number, overdue: boolean, priority: number][]): number {
	const calc = new DelayCostCalculator(r);
	for (const [remaining, overdue, priority] of items) calc.add(remaining, overdue, priority);
	return calc.cost();
}

describe('overdraft cost (§10.2): −balance × round(bps × 1000) / 10^7, half up', () => {
	it('spec examples', () => {
		expect(overdraftCost(-200_000, 1.0)).toBe(20);
		expect(overdraftCost(-10_000_000, 1.0)).toBe(1_000);
		expect(overdraftCost(-11_767_926, 0.8)).toBe(941);
		expect(overdraftCost(-1_000_000_000_000, 167)).toBe(16_700_000_000);
		expect(overdraftCost(-5_000, 0.001)).toBe(0);
	});

	it('no cost for non-negative balances, zero or invalid rates', () => {
		expect(overdraftCost(0, 5)).toBe(0);
		expect(overdraftCost(1_000, 5)).toBe(0);
		expect(overdraftCost(-1_000_000, 0)).toBe(0);
		expect(overdraftCost(-1_000_000, Number.NaN)).toBe(0);
		expect(overdraftCost(-1_000_000, -1)).toBe(0);
		expect(overdraftCost(-1_000_000, Infinity)).toBe(0);
	});

	it('rounds half up: 50,000 × 1 bp = 5; 5,000 × 1 bp = 0.5 → 1; 4,999 × 1 bp → 0', () => {
		expect(overdraftCost(-50_000, 1)).toBe(5);
		expect(overdraftCost(-5_000, 1)).toBe(1);
		expect(overdraftCost(-4_999, 1)).toBe(0);
	});

	it('10^15 overdraft at 9,999 bp exceeds 2^53 in the product and stays exact', () => {
		// 10^15 × 9,999,000 milli-bps = 9.999 × 10^21; / 10^7 = 999,900,000,000,000.
		expect(overdraftCost(-1_000_000_000_000_000, 9_999)).toBe(999_900_000_000_000);
	});
});

describe('collateral and liquidity opportunity cost (§10.4, §10.5): amount × round(bps × 10^6) / 10^10', () => {
	it('spec examples', () => {
		expect(collateralCost(1_000_000, 2)).toBe(200);
		expect(collateralCost(500_000, 2)).toBe(100);
		expect(collateralCost(100_000_000, 2)).toBe(20_000);
		expect(collateralCost(6_494_424, 0.0005)).toBe(0);
		expect(collateralCost(1_000_000_000_000, 42)).toBe(4_200_000_000);
		expect(liquidityOpportunityCost(1_000_000, 15)).toBe(1_500);
	});

	it('half up: 0.05 bp on 500,000 = 2.5 → 3 and on 700,000 = 3.5 → 4', () => {
		expect(liquidityOpportunityCost(500_000, 0.05)).toBe(3);
		expect(liquidityOpportunityCost(700_000, 0.05)).toBe(4);
	});

	it('nothing posted or allocated costs nothing', () => {
		expect(collateralCost(0, 2)).toBe(0);
		expect(liquidityOpportunityCost(0, 15)).toBe(0);
	});
});

describe('delay cost (§10.3): (Σ remaining × multipliers) × round(rate × 10^6) / 10^9', () => {
	it('500,000 queued at 0.0001 → 50; urgent ×1.5 → 75; low ×0.5 → 25', () => {
		expect(delayCost(rates({}), [[500_000, false, 5]])).toBe(50);
		const m = { urgent_multiplier: 1.5, normal_multiplier: 1.0, low_multiplier: 0.5 };
		expect(delayCost(rates({ priority_delay_multipliers: m }), [[500_000, false, 9]])).toBe(75);
		expect(delayCost(rates({ priority_delay_multipliers: m }), [[500_000, false, 2]])).toBe(25);
	});

	it('three 100,000 payments, priorities 9/5/2, multipliers 2.0/1.0/0.5 → 35', () => {
		const m = { urgent_multiplier: 2.0, normal_multiplier: 1.0, low_multiplier: 0.5 };
		expect(
			delayCost(rates({ priority_delay_multipliers: m }), [
				[100_000, false, 9],
				[100_000, false, 5],
				[100_000, false, 2]
			])
		).toBe(35);
	});

	it('overdue transactions count ×overdue_delay_multiplier: 45 → 105 → 225 (§14.12)', () => {
		expect(
			delayCost(rates({}), [
				[300_000, false, 5],
				[150_000, false, 5]
			])
		).toBe(45);
		expect(
			delayCost(rates({}), [
				[300_000, false, 5],
				[150_000, true, 5]
			])
		).toBe(105);
		expect(
			delayCost(rates({}), [
				[300_000, true, 5],
				[150_000, true, 5]
			])
		).toBe(225);
	});

	it('10^12 queued at 0.01 → 10^10; overdue ×5 takes W × R past 2^53 and stays exact', () => {
		expect(delayCost(rates({ delay_cost_per_tick_per_cent: 0.01 }), [[1_000_000_000_000, false, 5]])).toBe(
			10_000_000_000
		);
		// W = 10^12 × 5,000 = 5 × 10^15, R = 10,000 → W × R = 5 × 10^19 > 2^53; / 10^9 = 5 × 10^10.
		expect(delayCost(rates({ delay_cost_per_tick_per_cent: 0.01 }), [[1_000_000_000_000, true, 5]])).toBe(
			50_000_000_000
		);
	});

	it('W itself past 2^53 (two 4 × 10^15 overdue payments) is summed exactly', () => {
		// W = 2 × 4 × 10^15 × 5,000 = 4 × 10^19; R = 100 (0.0001); W × R / 10^9 = 4 × 10^12.
		expect(
			delayCost(rates({}), [
				[4_000_000_000_000_000, true, 5],
				[4_000_000_000_000_000, true, 5]
			])
		).toBe(4_000_000_000_000);
	});

	it('invalid overdue or priority multipliers count as 1.0; a zero rate gives 0', () => {
		expect(delayCost(rates({ overdue_delay_multiplier: Number.NaN }), [[500_000, true, 5]])).toBe(50);
		expect(delayCost(rates({ delay_cost_per_tick_per_cent: 0 }), [[500_000, true, 5]])).toBe(0);
		const m = { urgent_multiplier: -2, normal_multiplier: Infinity, low_multiplier: 1 };
		expect(delayCost(rates({ priority_delay_multipliers: m }), [[500_000, false, 9]])).toBe(50);
	});

	it('priority bands: 8–10 urgent, 4–7 normal, everything else low', () => {
		expect([0, 3, 4, 7, 8, 10, 11].map(priorityBand)).toEqual([2, 2, 1, 1, 0, 0, 2]);
	});
});

describe('accumulator (§10.1)', () => {
	it('sums components, tracks the most negative balance, resets', () => {
		const acc = new CostAccumulator();
		acc.addTick(20, 5, 0, 0, 3);
		acc.updatePeakDebit(-200_000);
		acc.updatePeakDebit(-100_000);
		acc.updatePeakDebit(50_000);
		expect(acc.total()).toBe(28);
		expect(acc.peakNetDebit).toBe(-200_000);
		acc.reset();
		expect(acc.total()).toBe(0);
		expect(acc.peakNetDebit).toBe(0);
	});
});

describe('costs in the tick loop', () => {
	it('overdraft cost accrues from the settlement tick on (§14.1)', () => {
		const engine = makeEngine(
			[
				{ id: 'A', balance: 1_000_000, cap: 500_000 },
				{ id: 'B', balance: 2_000_000 }
			],
			{ cost_rates: { overdraft_bps_per_tick: 1.0 } }
		);
		engine.submitTransaction('A', 'B', 1_200_000, 10, 5, false);
		const first = runTicks(engine, 1);
		expect(ofType(first.events, 'RtgsImmediateSettlement')[0].sender_balance_after).toBe(-200_000);
		expect(engine.costs[0].liquidity).toBe(20);
		runTicks(engine, 1);
		expect(engine.costs[0].liquidity).toBe(40);
		runTicks(engine, 4);
		expect(engine.costs[0].liquidity).toBe(120);
		expect(engine.costs[0].peakNetDebit).toBe(-200_000);
	});

	it('deadline and end-of-day penalties (§14.6): 750,000 for deadlines 50/120/150 over 100 ticks', () => {
		const engine = makeEngine([{ id: 'RECEIVER' }, { id: 'SENDER' }], {
			ticks_per_day: 100,
			cost_rates: { eod_penalty_per_transaction: 500_000, deadline_penalty: 250_000 }
		});
		for (const deadline of [50, 120, 150])
			engine.submitTransaction('SENDER', 'RECEIVER', 100_000, deadline, 5, false);
		runTicks(engine, 100);
		expect(engine.costs[1].penalty).toBe(750_000);
	});

	it('five stuck payments with deadlines 30–50 pay 5 × 250,000 + 5 × 500,000', () => {
		const engine = makeEngine([{ id: 'RECEIVER' }, { id: 'SENDER' }], {
			ticks_per_day: 100,
			cost_rates: { eod_penalty_per_transaction: 500_000, deadline_penalty: 250_000 }
		});
		for (const deadline of [30, 35, 40, 45, 50])
			engine.submitTransaction('SENDER', 'RECEIVER', 100_000, deadline, 5, false);
		runTicks(engine, 100);
		expect(engine.costs[1].penalty).toBe(3_750_000);
	});

	it('one deadline penalty then an end-of-day penalty: 60,000 for a 500,000 payment due at tick 5', () => {
		const engine = makeEngine([{ id: 'A' }, { id: 'B' }]);
		engine.submitTransaction('A', 'B', 500_000, 5, 5, false);
		const { events } = runTicks(engine, 10);
		const overdue = ofType(events, 'TransactionWentOverdue');
		expect(overdue.map((e) => [e.tick, e.ticks_overdue, e.deadline_penalty_cost])).toEqual([[6, 1, 50_000]]);
		expect(engine.costs[0].penalty).toBe(60_000);
		expect(ofType(events, 'EndOfDay')[0]).toMatchObject({
			day: 0,
			unsettled_count: 1,
			total_penalties: 10_000
		});
	});

	it('split friction: 3-way split at 1,000 → 2,000, charged at decision time, not in the tick total', () => {
		const engine = makeEngine([
			{ id: 'A', balance: 500_000, policy: { MockSplitting: { num_splits: 3 } } },
			{ id: 'B' }
		]);
		engine.submitTransaction('A', 'B', 150_000, 5, 5, false);
		const { events, results } = runTicks(engine, 1);
		expect(ofType(events, 'Arrival').map((e) => e.amount)).toEqual([50_000, 50_000, 50_000]);
		expect(engine.costs[0].splitFriction).toBe(2_000);
		expect(ofType(events, 'CostAccrual')[0].costs).toMatchObject({
			split_friction_cost: 2_000,
			total: 2_000
		});
		expect(results[0].total_cost).toBe(0);
	});

	it('accumulators reset at the first tick of each day except day 0', () => {
		const engine = makeEngine([{ id: 'A', posted_collateral: 1_000_000 }, { id: 'B' }], {
			ticks_per_day: 5,
			num_days: 2,
			cost_rates: { collateral_cost_per_tick_bps: 2.0 }
		});
		runTicks(engine, 5);
		expect(engine.costs[0].collateral).toBe(1_000);
		runTicks(engine, 1);
		expect(engine.costs[0].collateral).toBe(200);
	});
});
