import { describe, expect, it } from 'vitest';
import { DEFAULT_LSM_CONFIG } from '../../../src/lib/engine/config';
import { runLsmPass, settleCycle } from '../../../src/lib/engine/lsm';
import { DeferredCredits, processQueue2, settleReleased } from '../../../src/lib/engine/settlement';
import { Agent } from '../../../src/lib/engine/agents';
import { makeEngine, makeState, ofType, queueInQueue2, runTicks } from './helpers';

function agent(balance: number, cap: number, posted = 0, haircut = 0.02): Agent {
	return new Agent(0, 'X', {
		balance,
		unsecuredCap: cap,
		postedCollateral: posted,
		collateralHaircut: haircut,
		allocatedLiquidity: 0,
		maxCollateralCapacity: null,
		bilateralLimits: null,
		multilateralLimit: null,
		agentCount: 1
	});
}

function lsm(state: ReturnType<typeof makeState>, overrides: Partial<typeof DEFAULT_LSM_CONFIG> = {}) {
	return runLsmPass(state, { ...DEFAULT_LSM_CONFIG, ...overrides }, 0, 100, false, null);
}

describe('available liquidity (§4.2)', () => {
	it('balance −50,000, cap 60,000, posted 100,000 at 2% → collateral value 98,000, available 108,000', () => {
		const a = agent(-50_000, 60_000, 100_000);
		expect(a.collateralCapacityValue).toBe(98_000);
		expect(a.availableLiquidity).toBe(108_000);
		expect(a.canPay(108_000)).toBe(true);
		expect(a.canPay(108_001)).toBe(false);
	});

	it('balance 1,000,000 with cap 500,000 → 1,500,000; posted 10M at 10% + cap 2M → limit 11M', () => {
		expect(agent(1_000_000, 500_000).availableLiquidity).toBe(1_500_000);
		expect(agent(0, 2_000_000, 10_000_000, 0.1).allowedOverdraftLimit).toBe(11_000_000);
	});
});

describe('RTGS settlement of a released transaction (§9.1)', () => {
	it('settles in full when liquidity covers it, else appends to Queue 2', () => {
		const state = makeState([{ id: 'A', balance: 100 }, { id: 'B' }]);
		const ok = state.createTransaction(0, 1, 100, 0, 5, 5, -1);
		const tooBig = state.createTransaction(0, 1, 1, 0, 5, 5, -1);
		expect(settleReleased(state, ok, 0, null)).toBe(true);
		expect(state.agents.map((a) => a.balance)).toEqual([0, 100]);
		expect(settleReleased(state, tooBig, 0, null)).toBe(false);
		expect(state.queue2.ids).toEqual([tooBig]);
		expect(state.queue2.value).toBe(1);
	});

	it('a split child settling updates its parent, which becomes settled with the last child (§5.8)', () => {
		const state = makeState([{ id: 'A', balance: 1_000 }, { id: 'B' }]);
		const parent = state.createTransaction(0, 1, 300, 0, 5, 5, -1);
		const c1 = state.createTransaction(0, 1, 150, 0, 5, 5, parent);
		const c2 = state.createTransaction(0, 1, 150, 0, 5, 5, parent);
		settleReleased(state, c1, 3, null);
		expect(state.txs.remaining[parent]).toBe(150);
		settleReleased(state, c2, 4, null);
		expect(state.txs.remaining[parent]).toBe(0);
		expect(state.txs.statusTick[parent]).toBe(4);
	});

	it('bilateral and multilateral limits block settlement and the transaction queues', () => {
		const engine = makeEngine(
			[
				{
					id: 'A',
					balance: 1_000_000,
					limits: { bilateral_limits: { B: 150_000 }, multilateral_limit: 250_000 }
				},
				{ id: 'B' },
				{ id: 'C' }
			],
			{ lsm_config: { enable_bilateral: false, enable_cycles: false } }
		);
		engine.submitTransaction('A', 'B', 100_000, 5, 5, false);
		engine.submitTransaction('A', 'B', 100_000, 5, 5, false);
		engine.submitTransaction('A', 'C', 200_000, 5, 5, false);
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'RtgsImmediateSettlement')).toHaveLength(1);
		expect(ofType(events, 'BilateralLimitExceeded')[0]).toMatchObject({
			amount: 100_000,
			current_bilateral_outflow: 100_000,
			bilateral_limit: 150_000
		});
		expect(ofType(events, 'MultilateralLimitExceeded')[0]).toMatchObject({
			amount: 200_000,
			current_total_outflow: 100_000,
			multilateral_limit: 250_000
		});
		expect(engine.state.queue2.size).toBe(2);
	});
});

describe('Queue 2 pass (§9.2)', () => {
	it('one settlement funds a later queued payment (liquidity recycling, §14.5)', () => {
		const state = makeState([{ id: 'A', balance: 500_000 }, { id: 'B' }, { id: 'C' }]);
		const bc = state.createTransaction(1, 2, 300_000, 0, 10, 5, -1);
		expect(settleReleased(state, bc, 0, null)).toBe(false);
		const ab = state.createTransaction(0, 1, 500_000, 0, 10, 5, -1);
		expect(settleReleased(state, ab, 0, null)).toBe(true);
		expect(processQueue2(state, 0, null)).toEqual([bc]);
		expect(state.agents.map((a) => a.balance)).toEqual([0, 200_000, 300_000]);
		expect(state.queue2.size).toBe(0);
	});

	it('each entry is tried once in order; a failure does not block later entries', () => {
		const state = makeState([{ id: 'A' }, { id: 'B' }]);
		const first = queueInQueue2(state, 0, 1, 100_000);
		const second = queueInQueue2(state, 0, 1, 200_000);
		const third = queueInQueue2(state, 0, 1, 150_000);
		state.agents[0].credit(100_000);
		expect(processQueue2(state, 0, null)).toEqual([first]);
		state.agents[0].credit(200_000);
		expect(processQueue2(state, 0, null)).toEqual([second]);
		expect(state.queue2.ids).toEqual([third]);
	});

	it('marks entries past their deadline overdue before trying them', () => {
		const state = makeState([{ id: 'A' }, { id: 'B' }]);
		const ix = queueInQueue2(state, 0, 1, 1_000, 2);
		processQueue2(state, 3, null);
		expect(state.txs.isOverdue(ix)).toBe(true);
		expect(state.txs.statusTick[ix]).toBe(3);
	});

	it('an overdue-in-Queue-2 payment settled in the same tick pays no deadline penalty (§14.17)', () => {
		const engine = makeEngine([{ id: 'BANK_A' }, { id: 'BANK_B', balance: 5_000 }], { rng_seed: 7 });
		engine.submitTransaction('BANK_A', 'BANK_B', 1_000, 2, 5, false);
		const early = runTicks(engine, 3);
		expect(ofType(early.events, 'QueuedRtgs')).toHaveLength(1);
		engine.submitTransaction('BANK_B', 'BANK_A', 2_000, 5, 5, false);
		const { events } = runTicks(engine, 1);
		expect(events.map((e) => e.event_type)).toEqual([
			'RtgsSubmission',
			'PolicySubmit',
			'RtgsImmediateSettlement',
			'Queue2LiquidityRelease'
		]);
		expect(ofType(events, 'TransactionWentOverdue')).toHaveLength(0);
		expect(engine.costs[0].penalty).toBe(0);
	});
});

describe('deferred crediting (§9.5)', () => {
	it('credits wait for the end of the tick: crossing payments with zero balances stay queued', () => {
		const engine = makeEngine([{ id: 'A' }, { id: 'B' }], {
			deferred_crediting: true,
			lsm_config: { enable_bilateral: false, enable_cycles: false }
		});
		engine.submitTransaction('A', 'B', 10_000, 5, 5, false);
		engine.submitTransaction('B', 'A', 10_000, 5, 5, false);
		runTicks(engine, 1);
		expect(engine.state.queue2.size).toBe(2);
	});

	it('with immediate crediting the incoming payment funds the outgoing one in the same tick', () => {
		const engine = makeEngine([{ id: 'A' }, { id: 'B', balance: 10_000 }], {
			lsm_config: { enable_bilateral: false, enable_cycles: false }
		});
		engine.submitTransaction('A', 'B', 10_000, 5, 5, false);
		engine.submitTransaction('B', 'A', 10_000, 5, 5, false);
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'RtgsImmediateSettlement')).toHaveLength(1);
		expect(ofType(events, 'Queue2LiquidityRelease')).toHaveLength(1);
		expect(engine.state.queue2.size).toBe(0);
	});

	it('applies one DeferredCreditApplied per receiver in sorted order with its source transactions', () => {
		const state = makeState([{ id: 'A' }, { id: 'B' }, { id: 'C' }]);
		const dc = new DeferredCredits(3);
		dc.accumulate(2, 300, 7);
		dc.accumulate(0, 100, 5);
		dc.accumulate(2, 50, 9);
		expect(dc.sourcesOf(0)).toEqual([5]);
		expect(dc.sourcesOf(1)).toBeNull();
		expect(dc.sourcesOf(2)).toEqual([7, 9]);
		expect(dc.take(2)).toBe(350);
		expect(dc.isEmpty).toBe(false);
		expect(dc.take(0)).toBe(100);
		expect(dc.isEmpty).toBe(true);
		expect(state.agentCount).toBe(3);
	});
});

describe('LSM bilateral offsetting (§9.4.2, §14.4)', () => {
	it('A↔B 500,000 each way with 100,000 each: settles both, balances unchanged', () => {
		const state = makeState([
			{ id: 'A', balance: 100_000 },
			{ id: 'B', balance: 100_000 }
		]);
		queueInQueue2(state, 0, 1, 500_000);
		queueInQueue2(state, 1, 0, 500_000);
		const result = lsm(state, { enable_cycles: false });
		expect(result.bilateralOffsets).toBe(1);
		expect(state.queue2.size).toBe(0);
		expect(state.agents.map((a) => a.balance)).toEqual([100_000, 100_000]);
		expect(result.events[0]).toMatchObject({
			event_type: 'LsmBilateralOffset',
			amount_a: 500_000,
			amount_b: 500_000
		});
	});

	it('asymmetric A→B 500,000, B→A 300,000 with A 200,000, B 100,000 → A 0, B 300,000', () => {
		const state = makeState([
			{ id: 'A', balance: 200_000 },
			{ id: 'B', balance: 100_000 }
		]);
		queueInQueue2(state, 0, 1, 500_000);
		queueInQueue2(state, 1, 0, 300_000);
		lsm(state, { enable_cycles: false });
		expect(state.agents.map((a) => a.balance)).toEqual([0, 300_000]);
	});

	it('all queued payments of a pair settle together (3 × 200,000 each way, zero balances)', () => {
		const state = makeState([{ id: 'A' }, { id: 'B' }]);
		for (let i = 0; i < 3; i++) {
			queueInQueue2(state, 0, 1, 200_000);
			queueInQueue2(state, 1, 0, 200_000);
		}
		const result = lsm(state, { enable_cycles: false });
		expect(result.bilateralOffsets).toBe(1);
		expect(state.queue2.size).toBe(0);
		expect(state.agents.map((a) => a.balance)).toEqual([0, 0]);
	});

	it('[QUIRK] an infeasible pair is still reported, and counted in each of the three iterations', () => {
		const state = makeState([{ id: 'A' }, { id: 'B' }]);
		queueInQueue2(state, 0, 1, 500_000);
		queueInQueue2(state, 1, 0, 100_000);
		const result = lsm(state);
		expect(result.bilateralOffsets).toBe(3);
		expect(result.events).toHaveLength(1);
		expect(state.queue2.size).toBe(2);
		expect(result.records[0]).toMatchObject({ cycle_type: 'bilateral', max_net_outflow_agent: 'A' });
	});

	it('gridlocked pair over a day (§14.12): reports, costs and penalties', () => {
		const engine = makeEngine([
			{ id: 'BANK_A', balance: 100_000 },
			{ id: 'BANK_B', balance: 100_000 }
		]);
		engine.submitTransaction('BANK_A', 'BANK_B', 300_000, 5, 5, false);
		engine.submitTransaction('BANK_B', 'BANK_A', 300_000, 5, 5, false);
		engine.submitTransaction('BANK_A', 'BANK_B', 150_000, 3, 5, false);
		const { events, results } = runTicks(engine, 10);
		expect(results[0]).toMatchObject({ num_settlements: 3, num_lsm_releases: 3, total_cost: 75 });
		expect(ofType(events, 'LsmBilateralOffset').filter((e) => e.tick === 0)[0]).toMatchObject({
			agent_a: 'BANK_A',
			agent_b: 'BANK_B',
			amount_a: 450_000,
			amount_b: 300_000
		});
		expect(results.map((r) => r.total_cost)).toEqual([
			75, 75, 75, 75, 50_135, 135, 100_375, 375, 375, 30_375
		]);
		expect(ofType(events, 'EndOfDay')[0]).toMatchObject({ unsettled_count: 3, total_penalties: 30_000 });
		expect([engine.costs[0].delay, engine.costs[0].penalty]).toEqual([1_290, 120_000]);
		expect([engine.costs[1].delay, engine.costs[1].penalty]).toEqual([780, 60_000]);
		expect(engine.agents.map((a) => a.balance)).toEqual([100_000, 100_000]);
	});
});

describe('LSM cycles (§9.4.5–9.4.7, §14.4, §14.16)', () => {
	function triangle(balances: [number, number, number], caps: [number, number, number]) {
		const state = makeState([
			{ id: 'A', balance: balances[0], cap: caps[0] },
			{ id: 'B', balance: balances[1], cap: caps[1] },
			{ id: 'C', balance: balances[2], cap: caps[2] }
		]);
		queueInQueue2(state, 0, 1, 500_000);
		queueInQueue2(state, 1, 2, 800_000);
		queueInQueue2(state, 2, 0, 700_000);
		return state;
	}

	it('settles a feasible triangle on net positions (A +200,000, B −300,000, C +100,000)', () => {
		const state = triangle([0, 300_000, 0], [500_000, 0, 200_000]);
		const result = lsm(state);
		expect(result.cyclesSettled).toBe(1);
		expect(state.agents.map((a) => a.balance)).toEqual([200_000, 0, 100_000]);
		expect(result.events[0]).toMatchObject({
			event_type: 'LsmCycleSettlement',
			agents: ['A', 'B', 'C', 'A'],
			total_value: 2_000_000,
			net_positions: [200_000, -300_000, 100_000, 200_000],
			max_net_outflow: 300_000,
			max_net_outflow_agent: 'B'
		});
	});

	it('is all-or-nothing: B with 200,000 or with 100,000 + cap 100,000 cannot cover 300,000', () => {
		for (const [balance, cap] of [
			[200_000, 0],
			[100_000, 100_000]
		]) {
			const state = triangle([0, balance, 0], [500_000, cap, 200_000]);
			const cycle = { agents: [0, 1, 2, 0], transactions: [0, 1, 2], totalValue: 2_000_000 };
			expect(settleCycle(state, cycle, 0, null)).toBeNull();
			expect([0, 1, 2].map((ix) => state.txs.remaining[ix])).toEqual([500_000, 800_000, 700_000]);
			expect(state.agents.map((a) => a.balance)).toEqual([0, balance, 0]);
		}
	});

	it('after a failed cycle the pass re-tries Queue 2: A pays A→B alone with its cap, B→C stays', () => {
		const state = triangle([0, 200_000, 0], [500_000, 0, 200_000]);
		const result = lsm(state);
		expect(result.cyclesSettled).toBe(0);
		expect(result.events).toHaveLength(0);
		expect(state.agents.map((a) => a.balance)).toEqual([-500_000, 700_000, 0]);
		expect(state.queue2.size).toBe(2);
	});

	it('a net payer may go into its overdraft: B 0 with cap 300,000 ends at −300,000', () => {
		const state = triangle([0, 0, 0], [500_000, 300_000, 200_000]);
		expect(lsm(state).cyclesSettled).toBe(1);
		expect(state.agents[1].balance).toBe(-300_000);
	});

	it('four-agent cycle found by the DFS (value 3,900,000)', () => {
		const state = makeState([
			{ id: 'A', balance: 100_000 },
			{ id: 'B', balance: 200_000 },
			{ id: 'C' },
			{ id: 'D', balance: 100_000 }
		]);
		queueInQueue2(state, 0, 1, 1_000_000);
		queueInQueue2(state, 1, 2, 1_200_000);
		queueInQueue2(state, 2, 3, 800_000);
		queueInQueue2(state, 3, 0, 900_000);
		const result = lsm(state, { max_cycle_length: 5 });
		expect(result.cyclesSettled).toBe(1);
		expect(result.events[0]).toMatchObject({ total_value: 3_900_000 });
		expect(state.agents.map((a) => a.balance)).toEqual([0, 0, 400_000, 0]);
	});

	it('three-ring of 50,000 / 30,000 / 40,000 with 10,000 each → A 0, B 30,000, C 0', () => {
		const state = makeState([
			{ id: 'A', balance: 10_000 },
			{ id: 'B', balance: 10_000 },
			{ id: 'C', balance: 10_000 }
		]);
		queueInQueue2(state, 0, 1, 50_000);
		queueInQueue2(state, 1, 2, 30_000);
		queueInQueue2(state, 2, 0, 40_000);
		lsm(state);
		expect(state.agents.map((a) => a.balance)).toEqual([0, 30_000, 0]);
	});

	it('[QUIRK] a reverse-oriented 3-cycle A→C→B→A is never found; the forward one is', () => {
		const reverse = makeState([{ id: 'A' }, { id: 'B' }, { id: 'C' }]);
		queueInQueue2(reverse, 0, 2, 100_000);
		queueInQueue2(reverse, 2, 1, 100_000);
		queueInQueue2(reverse, 1, 0, 100_000);
		expect(lsm(reverse).cyclesSettled).toBe(0);
		expect(reverse.queue2.size).toBe(3);
		const forward = makeState([{ id: 'A' }, { id: 'B' }, { id: 'C' }]);
		queueInQueue2(forward, 0, 1, 100_000);
		queueInQueue2(forward, 1, 2, 100_000);
		queueInQueue2(forward, 2, 0, 100_000);
		expect(lsm(forward).cyclesSettled).toBe(1);
		expect(forward.queue2.size).toBe(0);
	});

	it('a backwards 4-ring A→D→C→B→A is found by the DFS, nets all zero', () => {
		const state = makeState([{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }]);
		queueInQueue2(state, 0, 3, 100_000);
		queueInQueue2(state, 3, 2, 100_000);
		queueInQueue2(state, 2, 1, 100_000);
		queueInQueue2(state, 1, 0, 100_000);
		const result = lsm(state);
		expect(result.events[0]).toMatchObject({
			agents: ['A', 'D', 'C', 'B', 'A'],
			tx_amounts: [100_000, 100_000, 100_000, 100_000],
			total_value: 400_000,
			net_positions: [0, 0, 0, 0, 0],
			max_net_outflow: 0,
			max_net_outflow_agent: ''
		});
	});

	it('four-bank ring, each 100,000 and paying 500,000 to the next: everything settles, balances unchanged', () => {
		const state = makeState(['A', 'B', 'C', 'D'].map((id) => ({ id, balance: 100_000 })));
		for (let i = 0; i < 4; i++) queueInQueue2(state, i, (i + 1) % 4, 500_000);
		const result = lsm(state);
		expect(result.cyclesSettled).toBe(1);
		expect(result.events[0]).toMatchObject({ total_value: 2_000_000 });
		expect(state.queue2.size).toBe(0);
		expect(state.agents.map((a) => a.balance)).toEqual([100_000, 100_000, 100_000, 100_000]);
	});

	it('entry disposition only renames the bilateral event', () => {
		const state = makeState([
			{ id: 'A', balance: 100_000 },
			{ id: 'B', balance: 100_000 }
		]);
		const ab = queueInQueue2(state, 0, 1, 500_000);
		const ba = queueInQueue2(state, 1, 0, 400_000);
		const result = runLsmPass(state, DEFAULT_LSM_CONFIG, 0, 100, true, null);
		expect(result.events[0]).toEqual({
			event_type: 'EntryDispositionOffset',
			tick: 0,
			incoming_tx_id: state.txs.ids[ab],
			queued_tx_id: state.txs.ids[ba],
			agent_a: 'A',
			agent_b: 'B',
			offset_amount: 400_000,
			incoming_amount: 500_000,
			queued_amount: 400_000
		});
		expect(state.queue2.size).toBe(0);
	});
});
