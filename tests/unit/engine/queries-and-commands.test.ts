import { describe, expect, it } from 'vitest';
import { action, makeEngine, ofType, policy, runTicks } from './helpers';

describe('external collateral commands (engine spec §12.7)', () => {
	it('post: refuses non-positive amounts and unknown agents; no capacity check; ManualPost event', () => {
		const engine = makeEngine([{ id: 'A', cap: 1_000 }, { id: 'B' }]);
		const events: unknown[] = [];
		engine.setEventSink((event) => events.push(event));
		expect(engine.postCollateral('A', 0)).toEqual({
			success: false,
			message: 'Collateral amount must be positive'
		});
		expect(engine.postCollateral('Z', 10)).toEqual({ success: false, message: "Agent 'Z' not found" });
		expect(engine.postCollateral('A', 50_000)).toEqual({
			success: true,
			message: 'Posted 50000 cents collateral at tick 0'
		});
		expect(engine.agents[0].postedCollateral).toBe(50_000);
		expect(engine.agents[0].collateralPostedAtTick).toBe(0);
		expect(events).toEqual([
			{
				event_type: 'CollateralPost',
				tick: 0,
				agent_id: 'A',
				amount: 50_000,
				reason: 'ManualPost',
				new_total: 50_000
			}
		]);
		expect(engine.collateralRecords).toEqual([]);
	});

	it('withdraw: holding period of 5 ticks from the last manual post', () => {
		const engine = makeEngine([{ id: 'A', balance: 100_000 }, { id: 'B' }]);
		runTicks(engine, 1);
		engine.postCollateral('A', 10_000);
		runTicks(engine, 2);
		expect(engine.withdrawCollateral('A', 1_000)).toEqual({
			success: false,
			message: 'Minimum holding period not met. 3 tick(s) remaining'
		});
		runTicks(engine, 3);
		expect(engine.withdrawCollateral('A', 1_000).success).toBe(true);
	});

	it('withdraw: no more than keeps credit used covered, with no buffer (§4.2)', () => {
		// Balance -50,000, no unsecured cap, 100,000 posted at haircut 0.02: 51,021 must stay.
		const engine = makeEngine([{ id: 'A', balance: -50_000, posted_collateral: 100_000 }, { id: 'B' }]);
		expect(engine.withdrawCollateral('A', 48_980)).toEqual({
			success: false,
			message:
				'Withdrawal would breach collateralized headroom. Max withdrawable: 48979, requested: 48980. ' +
				'Current state: credit_used=50000, allowed_limit=98000, headroom=48000. ' +
				'Ensure balance is restored or post more collateral before withdrawing.'
		});
		const events: unknown[] = [];
		engine.setEventSink((event) => events.push(event));
		expect(engine.withdrawCollateral('A', 48_979)).toEqual({
			success: true,
			message: 'Withdrew 48979 cents collateral'
		});
		expect(events).toEqual([
			{
				event_type: 'CollateralWithdraw',
				tick: 0,
				agent_id: 'A',
				amount: 48_979,
				reason: 'ManualWithdraw',
				new_total: 51_021
			}
		]);
		expect(engine.withdrawCollateral('A', 0)).toEqual({
			success: false,
			message: 'Withdrawal amount must be positive'
		});
	});

	it('[QUIRK] withdrawing everything sets the posted-at tick to 0, which then blocks withdrawals before tick 5', () => {
		const engine = makeEngine([{ id: 'A', balance: 100_000, posted_collateral: 10_000 }, { id: 'B' }]);
		runTicks(engine, 2);
		expect(engine.withdrawCollateral('A', 10_000).success).toBe(true);
		expect(engine.agents[0].collateralPostedAtTick).toBe(0);
		engine.agents[0].setPostedCollateral(5_000);
		runTicks(engine, 1);
		expect(engine.withdrawCollateral('A', 1_000)).toEqual({
			success: false,
			message: 'Minimum holding period not met. 2 tick(s) remaining'
		});
	});
});

describe('records kept outside the event log (§11.4)', () => {
	it('collateral events of a day: policy posts, captured after the change (§14.15)', () => {
		const engine = makeEngine(
			[
				{
					id: 'A',
					balance: 100_000,
					cap: 10_000,
					policy: policy({
						strategic_collateral_tree: action('post', 'PostCollateral', {
							amount: { value: 30_000 },
							reason: { value: 'PreemptivePosting' },
							auto_withdraw_after_ticks: { value: 2 }
						})
					})
				},
				{ id: 'B' }
			],
			{ ticks_per_day: 2, num_days: 2 }
		);
		runTicks(engine, 3);
		const summary = (day: number) =>
			engine
				.collateralEventsForDay(day)
				.map((r) => [
					r.tick,
					r.day,
					r.action,
					r.layer,
					r.posted_collateral_before,
					r.posted_collateral_after
				]);
		expect(summary(0)).toEqual([
			[0, 0, 'post', 'strategic', 30_000, 60_000],
			[1, 0, 'post', 'strategic', 60_000, 90_000]
		]);
		expect(summary(1)).toEqual([[2, 1, 'post', 'strategic', 90_000, 120_000]]);
		expect(summary(2)).toEqual([]);
	});

	it('LSM cycles of a day: a failing bilateral pair is recorded every tick, agent A as max outflow (§9.4.8)', () => {
		const engine = makeEngine([{ id: 'A' }, { id: 'B' }], { ticks_per_day: 2, num_days: 2 });
		engine.submitTransaction('A', 'B', 500_000, 3, 5, false);
		engine.submitTransaction('B', 'A', 100_000, 3, 5, false);
		const { events } = runTicks(engine, 3);
		expect(ofType(events, 'LsmBilateralOffset').map((e) => e.tick)).toEqual([0, 1, 2]);
		expect(engine.lsmCyclesForDay(0).map((c) => c.tick)).toEqual([0, 1]);
		expect(engine.lsmCyclesForDay(1)).toEqual([
			{
				tick: 2,
				day: 1,
				cycle_type: 'bilateral',
				cycle_length: 2,
				agents: ['A', 'B', 'A'],
				transactions: ['tx_1', 'tx_2'],
				settled_value: 100_000,
				total_value: 600_000,
				tx_amounts: [500_000, 100_000],
				net_positions: { A: -400_000, B: 400_000 },
				max_net_outflow: 400_000,
				max_net_outflow_agent: 'A'
			}
		]);
	});
});

describe('simulation id (§12.2)', () => {
	it('[QUIRK] is "sim-" and the current RNG state, so it moves as arrivals draw (§2.9 vector for seed 12345)', () => {
		const engine = makeEngine([{ id: 'A' }, { id: 'B' }], { rng_seed: 12345 });
		expect(engine.simulationId).toBe('sim-12345');
		runTicks(engine, 2);
		expect(engine.simulationId).toBe('sim-12345');
		for (let i = 0; i < 5; i++) engine.rng.next();
		expect(engine.simulationId).toBe('sim-13437934951602944603');
	});
});

describe('daily agent metrics (§12.4)', () => {
	it('[QUIRK] counters stay 0 and collateral_capacity is 10 × unsecured cap even with an explicit capacity', () => {
		const engine = makeEngine(
			[
				{ id: 'A', balance: 10_000, cap: 5_000, max_collateral_capacity: 1_000 },
				{ id: 'B', balance: 0 }
			],
			{ ticks_per_day: 2, num_days: 2 }
		);
		engine.submitTransaction('A', 'B', 4_000, 3, 5, false);
		runTicks(engine, 2);
		const [a] = engine.metrics.day(0);
		expect(a).toMatchObject({
			agent_id: 'A',
			day: 0,
			opening_balance: 10_000,
			closing_balance: 6_000,
			min_balance: 6_000,
			collateral_capacity: 50_000,
			num_arrivals: 0,
			num_sent: 0,
			num_settled: 0
		});
		expect(engine.metrics.day(1)).toEqual([]);
	});
});

describe('deferred crediting after a failed tick (§8, §12.1)', () => {
	it('credits accumulated by a failed tick are dropped, as the original starts each tick with an empty accumulator', () => {
		const condition = (node_id: string, posted: number, onTrue: unknown, onFalse: unknown) => ({
			type: 'condition',
			node_id,
			condition: { op: '==', left: { field: 'posted_collateral' }, right: { value: posted } },
			on_true: onTrue,
			on_false: onFalse
		});
		// B posts 6,000 at the first attempt of tick 0; its end-of-tick post of 5,000 then exceeds the
		// remaining capacity (10,000 − 6,000) and fails the tick. The retry withdraws 1,000 first and passes.
		const bPolicy = policy({
			strategic_collateral_tree: condition(
				'fresh',
				0,
				action('post', 'PostCollateral', {
					amount: { value: 6_000 },
					reason: { value: 'PreemptivePosting' }
				}),
				condition(
					'retry',
					6_000,
					action('trim', 'WithdrawCollateral', {
						amount: { value: 1_000 },
						reason: { value: 'CostOptimization' }
					}),
					action('hold', 'HoldCollateral')
				)
			),
			end_of_tick_collateral_tree: condition(
				'again',
				6_000,
				action('more', 'PostCollateral', {
					amount: { value: 5_000 },
					reason: { value: 'PreemptivePosting' }
				}),
				action('keep', 'HoldCollateral')
			)
		});
		const engine = makeEngine(
			[
				{ id: 'A', balance: 1_000 },
				{ id: 'B', cap: 1_000, policy: bPolicy }
			],
			{
				deferred_crediting: true
			}
		);
		engine.submitTransaction('A', 'B', 500, 5, 5, false);
		expect(() => engine.tick()).toThrow('only has 4000 capacity remaining');
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'DeferredCreditApplied')).toEqual([]);
		expect(engine.agents.map((a) => a.balance)).toEqual([500, 0]);
	});
});
