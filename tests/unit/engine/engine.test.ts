import { describe, expect, it } from 'vitest';
import { RtgsPriority } from '../../../src/lib/engine/transactions';
import { action, makeEngine, ofType, policy, runTicks } from './helpers';

describe('priority escalation and hold reasons (§14.13)', () => {
	it('boosts linearly inside the window and releases once LiquidityAware sees urgency', () => {
		const engine = makeEngine(
			[
				{
					id: 'A',
					balance: 100_000,
					policy: { LiquidityAware: { target_buffer: 1_000_000, urgency_threshold: 2 } }
				},
				{ id: 'B', balance: 100_000 }
			],
			{
				ticks_per_day: 20,
				priority_escalation: { enabled: true, start_escalating_at_ticks: 4, max_boost: 3 }
			}
		);
		engine.submitTransaction('A', 'B', 50_000, 6, 2, false);
		const { events } = runTicks(engine, 5);
		const holds = ofType(events, 'PolicyHold');
		expect(holds.map((e) => [e.tick, e.reason])).toEqual([
			[0, 'InsufficientLiquidity'],
			[1, 'InsufficientLiquidity'],
			[2, 'InsufficientLiquidity'],
			[3, 'InsufficientLiquidity']
		]);
		expect(
			ofType(events, 'PriorityEscalated').map((e) => [
				e.tick,
				e.original_priority,
				e.escalated_priority,
				e.ticks_until_deadline,
				e.boost_applied
			])
		).toEqual([
			[3, 2, 3, 3, 1],
			[4, 2, 4, 2, 2]
		]);
		expect(ofType(events, 'RtgsImmediateSettlement').map((e) => e.tick)).toEqual([4]);
		expect(
			ofType(events, 'CostAccrual')
				.slice(0, 3)
				.map((e) => e.costs.delay_cost)
		).toEqual([5, 5, 5]);
	});
});

describe('collateral layers (§8 steps 1.5, 1.8; §14.15)', () => {
	it('posts every tick, the 2-tick timer withdraws at step 1.8; history records are taken after the change', () => {
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
			{ ticks_per_day: 20 }
		);
		const { events } = runTicks(engine, 3);
		expect(ofType(events, 'CollateralPost').map((e) => [e.tick, e.amount, e.reason, e.new_total])).toEqual([
			[0, 30_000, 'PreemptivePosting', 30_000],
			[1, 30_000, 'PreemptivePosting', 60_000],
			[2, 30_000, 'PreemptivePosting', 90_000]
		]);
		expect(ofType(events, 'CollateralTimerWithdrawn')).toEqual([
			{
				event_type: 'CollateralTimerWithdrawn',
				tick: 2,
				agent_id: 'A',
				amount: 30_000,
				original_reason: 'PreemptivePosting',
				posted_at_tick: 0,
				new_total: 60_000
			}
		]);
		expect(
			engine.collateralRecords.map((r) => [
				r.tick,
				r.posted_collateral_before,
				r.posted_collateral_after,
				r.available_capacity_after
			])
		).toEqual([
			[0, 30_000, 60_000, 40_000],
			[1, 60_000, 90_000, 10_000],
			[2, 90_000, 120_000, -20_000]
		]);
	});

	it('posting beyond the remaining capacity fails the tick with the original message', () => {
		const engine = makeEngine([
			{
				id: 'A',
				cap: 1_000,
				policy: policy({
					strategic_collateral_tree: action('post', 'PostCollateral', { amount: { value: 10_001 } })
				})
			},
			{ id: 'B' }
		]);
		expect(() => engine.tick()).toThrow(
			'Invalid config: Agent A tried to post 10001 collateral but only has 10000 capacity remaining'
		);
	});

	it('a policy withdrawal is clamped to what is posted and not headroom-guarded', () => {
		const engine = makeEngine([
			{
				id: 'A',
				balance: -50_000,
				cap: 0,
				posted_collateral: 100_000,
				policy: policy({
					end_of_tick_collateral_tree: action('w', 'WithdrawCollateral', {
						amount: { value: 500_000 },
						reason: { value: 'CostOptimization' }
					})
				})
			},
			{ id: 'B' }
		]);
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'CollateralWithdraw')[0]).toMatchObject({
			amount: 100_000,
			new_total: 0,
			reason: 'CostOptimization'
		});
		expect(engine.agents[0].creditUsed).toBeGreaterThan(engine.agents[0].allowedOverdraftLimit);
	});
});

describe('bank tree: budgets and state registers (§4.5, §4.7)', () => {
	it('a budget blocks releases beyond it; registers are reset with events at end of day', () => {
		const engine = makeEngine(
			[
				{
					id: 'A',
					balance: 1_000_000,
					policy: policy({
						bank_tree: {
							type: 'condition',
							node_id: 'first',
							condition: { op: '==', left: { field: 'system_tick_in_day' }, right: { value: 0 } },
							on_true: action('budget', 'SetReleaseBudget', { max_value_to_release: { value: 150_000 } }),
							on_false: action('count', 'AddState', { key: { value: 'bank_state_n' }, value: { value: 1 } })
						}
					})
				},
				{ id: 'B' }
			],
			{ ticks_per_day: 3 }
		);
		for (let i = 0; i < 3; i++) engine.submitTransaction('A', 'B', 100_000, 2, 5, false);
		const { events } = runTicks(engine, 3);
		expect(ofType(events, 'BankBudgetSet')[0]).toMatchObject({
			tick: 0,
			max_value: 150_000,
			focus_counterparties: null
		});
		expect(
			ofType(events, 'PolicyHold')
				.filter((e) => e.tick === 0)
				.map((e) => e.reason)
		).toEqual(['BudgetExhausted', 'BudgetExhausted']);
		// [QUIRK] AddState leaves tick 0's exhausted budget in force at tick 1.
		expect(ofType(events, 'PolicyHold').filter((e) => e.tick === 1)).toHaveLength(2);
		const registers = ofType(events, 'StateRegisterSet');
		expect(registers.map((e) => [e.tick, e.old_value, e.new_value, e.reason])).toEqual([
			[1, 0, 1, 'policy_action'],
			[2, 1, 2, 'policy_action'],
			[2, 2, 0, 'eod_reset']
		]);
		expect(registers[0].decision_path).toBe('first(false) → count');
	});

	it('a register key without the bank_state_ prefix is refused with a warning and no event', () => {
		const warnings: string[] = [];
		const engine = makeEngine([
			{
				id: 'A',
				policy: policy({
					bank_tree: action('s', 'SetState', { key: { value: 'oops' }, value: { value: 1 } })
				})
			},
			{ id: 'B' }
		]);
		Object.assign(engine, { warn: (m: string) => warnings.push(m) });
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'StateRegisterSet')).toHaveLength(0);
		expect(warnings).toEqual([
			"WARN: SetState failed for agent A at tick 0: Register key must start with 'bank_state_', got: 'oops'"
		]);
	});
});

describe('Queue 1 decisions (§8.1)', () => {
	it('Drop removes and marks overdue without penalties; Reprioritize logs the uncapped value', () => {
		const engine = makeEngine([
			{
				id: 'A',
				policy: policy({
					payment_tree: {
						type: 'condition',
						node_id: 'big',
						condition: { op: '>', left: { field: 'amount' }, right: { value: 500 } },
						on_true: action('drop', 'Drop'),
						on_false: action('re', 'Reprioritize', { new_priority: { value: 15 } })
					}
				})
			},
			{ id: 'B' }
		]);
		engine.submitTransaction('A', 'B', 1_000, 5, 5, false);
		engine.submitTransaction('A', 'B', 100, 5, 5, false);
		const { events } = runTicks(engine, 10);
		expect(ofType(events, 'PolicyDrop')[0]).toMatchObject({ tick: 0, reason: 'Expired deadline' });
		expect(ofType(events, 'TransactionReprioritized')[0]).toMatchObject({
			old_priority: 5,
			new_priority: 15
		});
		expect(engine.state.txs.priority[1]).toBe(10);
		expect(engine.state.txs.isOverdue(0)).toBe(true);
		expect(engine.agents[0].queue1).toEqual([1]);
		expect(ofType(events, 'TransactionWentOverdue').map((e) => e.tx_id)).toEqual([engine.txId(1)]);
	});

	it('Release with timed_for_tick waits in Queue 1 until the target tick', () => {
		const engine = makeEngine([
			{
				id: 'A',
				balance: 1_000,
				policy: policy({
					payment_tree: action('timed', 'Release', {
						timed_for_tick: { compute: { op: '+', left: { field: 'arrival_tick' }, right: { value: 2 } } },
						priority_flag: { value: 'LOW' }
					})
				})
			},
			{ id: 'B' }
		]);
		engine.submitTransaction('A', 'B', 100, 9, 5, false);
		const { events } = runTicks(engine, 3);
		expect(events.map((e) => [e.tick, e.event_type])).toEqual([
			[2, 'RtgsSubmission'],
			[2, 'PolicySubmit'],
			[2, 'RtgsImmediateSettlement']
		]);
		expect(ofType(events, 'RtgsSubmission')[0].internal_priority).toBe(1);
	});

	it('StaggerSplit: first child released without RtgsSubmission, the rest back in Queue 1 [QUIRK]', () => {
		const engine = makeEngine(
			[
				{
					id: 'A',
					balance: 10_000,
					policy: policy({
						payment_tree: {
							type: 'condition',
							node_id: 'child',
							condition: { op: '==', left: { field: 'is_split' }, right: { value: 1 } },
							on_true: action('hold', 'Hold', { reason: { value: 'NearDeadline' } }),
							on_false: action('stagger', 'StaggerSplit', {
								num_splits: { value: 3 },
								stagger_first_now: { value: 1 },
								stagger_gap_ticks: { value: 5 },
								priority_boost_children: { value: 2 }
							})
						}
					})
				},
				{ id: 'B' }
			],
			{ cost_rates: { split_friction_cost: 100 } }
		);
		engine.submitTransaction('A', 'B', 1_000, 4, 5, false);
		const { events } = runTicks(engine, 2);
		const tick0 = events.filter((e) => e.tick === 0).map((e) => e.event_type);
		expect(tick0).toEqual([
			'Arrival',
			'Arrival',
			'Arrival',
			'CostAccrual',
			'PolicySplit',
			'RtgsImmediateSettlement'
		]);
		expect(ofType(events, 'Arrival').map((e) => [e.amount, e.priority])).toEqual([
			[333, 7],
			[333, 7],
			[334, 7]
		]);
		expect(ofType(events, 'PolicyHold').map((e) => [e.tick, e.reason])).toEqual([
			[1, 'NearDeadline { ticks_remaining: 3 }'],
			[1, 'NearDeadline { ticks_remaining: 3 }']
		]);
		expect(engine.state.txs.rtgsPriority[1]).toBe(RtgsPriority.None);
	});

	it('Queue 2 withdraw and resubmit (step 2b): back to Queue 1 with the new declared priority', () => {
		const engine = makeEngine([
			{
				id: 'A',
				policy: policy({
					payment_tree: {
						type: 'condition',
						node_id: 'q2',
						condition: { op: '==', left: { field: 'is_in_queue2' }, right: { value: 1 } },
						on_true: action('resubmit', 'ResubmitToRtgs', { rtgs_priority: { value: 'Urgent' } }),
						on_false: action('release', 'Release')
					}
				})
			},
			{ id: 'B' }
		]);
		engine.submitTransaction('A', 'B', 1_000, 9, 5, false);
		const { events } = runTicks(engine, 3);
		const types = (tick: number) => events.filter((e) => e.tick === tick).map((e) => e.event_type);
		expect(types(0)).toEqual(['RtgsSubmission', 'PolicySubmit', 'QueuedRtgs']);
		expect(types(1)).toEqual(['RtgsWithdrawal', 'RtgsResubmission']);
		expect(types(2)).toEqual(['RtgsSubmission', 'PolicySubmit', 'QueuedRtgs']);
		expect(ofType(events, 'RtgsResubmission')[0]).toMatchObject({
			old_rtgs_priority: 'None',
			new_rtgs_priority: 'Urgent'
		});
		expect(ofType(events, 'RtgsSubmission').map((e) => e.rtgs_priority)).toEqual(['Normal', 'Urgent']);
	});

	it('[QUIRK] a bare WithdrawFromRtgs in step 2b leaves the transaction in no queue', () => {
		const engine = makeEngine([
			{
				id: 'A',
				policy: policy({
					payment_tree: {
						type: 'condition',
						node_id: 'q2',
						condition: { op: '==', left: { field: 'is_in_queue2' }, right: { value: 1 } },
						on_true: action('withdraw', 'WithdrawFromRtgs'),
						on_false: action('release', 'Release')
					}
				})
			},
			{ id: 'B' }
		]);
		engine.submitTransaction('A', 'B', 1_000, 9, 5, false);
		const { events } = runTicks(engine, 5);
		expect(ofType(events, 'RtgsWithdrawal')[0]).toMatchObject({ tick: 1, original_rtgs_priority: 'Normal' });
		expect(engine.agents[0].queue1).toEqual([]);
		expect(engine.state.queue2.size).toBe(0);
		expect(events.filter((e) => e.tick > 1)).toEqual([]);
	});

	it('[QUIRK] ResubmitToRtgs on a Queue 1 transaction duplicates it; releasing both copies fails the tick', () => {
		const engine = makeEngine([
			{
				id: 'A',
				balance: 10_000,
				policy: policy({
					payment_tree: {
						type: 'condition',
						node_id: 'first',
						condition: { op: '==', left: { field: 'current_tick' }, right: { value: 0 } },
						on_true: action('resubmit', 'ResubmitToRtgs', { rtgs_priority: { value: 'Urgent' } }),
						on_false: action('release', 'Release')
					}
				})
			},
			{ id: 'B' }
		]);
		engine.submitTransaction('A', 'B', 1_000, 9, 5, false);
		runTicks(engine, 1);
		expect(engine.agents[0].queue1).toEqual([0, 0]);
		expect(() => engine.tick()).toThrow(
			'Settlement error: Settle failed: Settlement amount must be positive'
		);
	});

	it('WithdrawFromRtgs on a Queue 1 transaction fails into a PolicyHold', () => {
		const engine = makeEngine([
			{ id: 'A', policy: policy({ payment_tree: action('w', 'WithdrawFromRtgs') }) },
			{ id: 'B' }
		]);
		engine.submitTransaction('A', 'B', 1_000, 9, 5, false);
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'PolicyHold')[0].reason).toBe(
			`WithdrawFromRtgs failed: Settlement error: Transaction ${engine.txId(0)} not found in RTGS Queue 2`
		);
	});
});

describe('orderings', () => {
	it('priority_deadline re-sorts Queue 1 by priority desc, then deadline asc, stably', () => {
		const engine = makeEngine([{ id: 'A', balance: 1_000_000 }, { id: 'B' }], {
			queue1_ordering: 'priority_deadline'
		});
		engine.submitTransaction('A', 'B', 1, 9, 5, false);
		engine.submitTransaction('A', 'B', 2, 8, 7, false);
		engine.submitTransaction('A', 'B', 3, 9, 5, false);
		engine.submitTransaction('A', 'B', 4, 5, 5, false);
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'RtgsImmediateSettlement').map((e) => e.amount)).toEqual([2, 4, 1, 3]);
	});

	it('priority_mode sorts Queue 2 by declared RTGS priority then submission tick, not internal priority', () => {
		const engine = makeEngine([{ id: 'A' }, { id: 'B' }], { priority_mode: true });
		engine.submitTransaction('A', 'B', 100, 9, 10, false);
		engine.submitTransaction('A', 'B', 200, 9, 1, false, RtgsPriority.HighlyUrgent);
		runTicks(engine, 1);
		expect(engine.state.queue2.ids).toEqual([1, 0]);
		engine.agents[0].credit(200);
		const { events } = runTicks(engine, 1);
		expect(ofType(events, 'Queue2LiquidityRelease').map((e) => e.amount)).toEqual([200]);
	});
});

describe('external commands between ticks (§12.7)', () => {
	it('submission validates agents, amount and deadline, and logs the requested priority', () => {
		const engine = makeEngine([{ id: 'A' }, { id: 'B' }], { deadline_cap_at_eod: true });
		const events: unknown[] = [];
		engine.setEventSink((e) => events.push(e));
		expect(() => engine.submitTransaction('Z', 'B', 1, 5, 5, false)).toThrow('Agent not found: Z');
		expect(() => engine.submitTransaction('A', 'B', 0, 5, 5, false)).toThrow(
			'Transaction amount must be positive, got 0'
		);
		engine.submitTransaction('A', 'B', 10, 50, 12, true);
		expect(events).toEqual([
			{
				event_type: 'Arrival',
				tick: 0,
				tx_id: 'tx_1',
				sender_id: 'A',
				receiver_id: 'B',
				amount: 10,
				deadline: 9,
				priority: 12,
				is_divisible: true
			}
		]);
		expect(engine.state.txs.priority[0]).toBe(10);
	});

	it('construction validates in the original order with its messages', () => {
		expect(() => makeEngine([{ id: 'A' }, { id: 'A' }])).toThrow('Invalid config: Duplicate agent ID: A');
		expect(() => makeEngine([{ id: 'A', liquidity_pool: -1 }])).toThrow(
			'liquidity_pool must be non-negative, got -1'
		);
		expect(() => makeEngine([{ id: 'A', liquidity_pool: 10, liquidity_allocation_fraction: 1.5 }])).toThrow(
			'liquidity_allocation_fraction must be between 0.0 and 1.0, got 1.5'
		);
		expect(() => makeEngine([], {})).toThrow('Must have at least one agent');
	});

	it('liquidity pool: floor(pool × fraction) is added to the opening balance (§14.8)', () => {
		const engine = makeEngine([
			{ id: 'A', balance: 500_000, liquidity_pool: 1_000_000, liquidity_allocation_fraction: 0.5 },
			{ id: 'B', liquidity_pool: 2_000_000 },
			{ id: 'C', liquidity_pool: 1_000_001, liquidity_allocation_fraction: 0.5 }
		]);
		expect(engine.agents.map((a) => a.balance)).toEqual([1_000_000, 2_000_000, 500_000]);
	});
});
