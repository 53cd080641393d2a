/** The 17 actions: parameters, conversions, defaults and run-time errors (spec §9–§11, §13, §23). */
import { describe, expect, it } from 'vitest';
import { renderHoldReason, type CompiledPolicy } from '$lib/policy';
import {
	action,
	compute,
	condition,
	ctx,
	doc,
	expectEvaluationError,
	field,
	lit,
	load,
	param
} from './helpers';

const payment = (name: string, parameters?: Record<string, unknown>, params?: Record<string, number>) =>
	load(doc({ payment_tree: action(name, parameters) }, params));
const bank = (name: string, parameters?: Record<string, unknown>, params?: Record<string, number>) =>
	load(doc({ bank_tree: action(name, parameters) }, params));
const strategic = (name: string, parameters?: Record<string, unknown>) =>
	load(doc({ strategic_collateral_tree: action(name, parameters) }));
const endOfTick = (name: string, parameters?: Record<string, unknown>) =>
	load(doc({ end_of_tick_collateral_tree: action(name, parameters) }));

const INFINITE = { ticks_to_nearest_queue2_deadline: Infinity };
const NAN = compute({
	op: '-',
	left: field('ticks_to_nearest_queue2_deadline'),
	right: field('ticks_to_nearest_queue2_deadline')
});

describe('Release and ReleaseWithCredit', () => {
	it('release without options', () => {
		for (const name of ['Release', 'ReleaseWithCredit'] as const) {
			expect(payment(name).evaluatePayment(ctx())).toEqual({
				action: name,
				nodeId: 'A1',
				priorityOverride: null,
				timedForTick: null
			});
		}
	});

	it('maps priority_flag HIGH/MEDIUM/LOW to 10/5/1 and any other string to 5 (conformance 23)', () => {
		const flag = (value: unknown) => {
			const decision = payment('Release', { priority_flag: { value } }).evaluatePayment(ctx());
			return decision.action === 'Release' ? decision.priorityOverride : undefined;
		};
		expect(flag('HIGH')).toBe(10);
		expect(flag('MEDIUM')).toBe(5);
		expect(flag('LOW')).toBe(1);
		expect(flag('URGENT')).toBe(5);
		expect(flag('high')).toBe(5);
		expect(flag(10)).toBe(null);
	});

	it('ignores a priority_flag that is not a literal', () => {
		const decision = payment('ReleaseWithCredit', { priority_flag: field('priority') }).evaluatePayment(
			ctx({ priority: 10 })
		);
		expect(decision).toMatchObject({ priorityOverride: null });
	});

	it('truncates timed_for_tick and evaluates it from fields', () => {
		expect(payment('Release', { timed_for_tick: lit(12.9) }).evaluatePayment(ctx())).toMatchObject({
			timedForTick: 12
		});
		expect(payment('Release', { timed_for_tick: lit(-3) }).evaluatePayment(ctx())).toMatchObject({
			timedForTick: 0
		});
		const computed = payment('Release', {
			timed_for_tick: compute({ op: '+', left: field('current_tick'), right: lit(2) })
		});
		expect(computed.evaluatePayment(ctx({ current_tick: 40 }))).toMatchObject({ timedForTick: 42 });
	});

	it('rejects a non-numeric timed_for_tick when evaluated', () => {
		expectEvaluationError(
			() => payment('Release', { timed_for_tick: lit('5') }).evaluatePayment(ctx()),
			'Invalid action parameter type: timed_for_tick'
		);
	});
});

describe('Split and PaceAndRelease', () => {
	it('truncates num_splits (conformance 9)', () => {
		expect(payment('Split', { num_splits: lit(2.9) }).evaluatePayment(ctx({ amount: 1001 }))).toEqual({
			action: 'Split',
			nodeId: 'A1',
			numSplits: 2
		});
		expect(payment('PaceAndRelease', { num_splits: lit(4) }).evaluatePayment(ctx())).toEqual({
			action: 'PaceAndRelease',
			nodeId: 'A1',
			numSplits: 4
		});
	});

	it('rejects booleans, strings, missing and < 2 (conformance 10)', () => {
		expectEvaluationError(
			() => payment('Split', { num_splits: lit(true) }).evaluatePayment(ctx()),
			'Invalid action parameter type: num_splits'
		);
		expectEvaluationError(
			() => payment('Split', { num_splits: lit('3') }).evaluatePayment(ctx()),
			'Invalid action parameter type: num_splits'
		);
		expectEvaluationError(
			() => payment('Split').evaluatePayment(ctx()),
			'Missing required action parameter: num_splits'
		);
		expectEvaluationError(
			() => payment('Split', { num_splits: lit(1.99) }).evaluatePayment(ctx()),
			'Invalid action parameter type: num_splits must be >= 2'
		);
		expectEvaluationError(
			() => payment('PaceAndRelease', { num_splits: lit(-3) }).evaluatePayment(ctx()),
			'Invalid action parameter type: num_splits must be >= 2'
		);
	});

	it('reads num_splits from a parameter or a computation', () => {
		expect(payment('Split', { num_splits: param('n') }, { n: 3 }).evaluatePayment(ctx())).toMatchObject({
			numSplits: 3
		});
		const byAmount = payment('Split', {
			num_splits: compute({
				op: 'ceil',
				value: compute({ op: '/', left: field('amount'), right: lit(1000) })
			})
		});
		expect(byAmount.evaluatePayment(ctx({ amount: 4500 }))).toMatchObject({ numSplits: 5 });
		expectEvaluationError(
			() => byAmount.evaluatePayment(ctx({ amount: 1000 })),
			'Invalid action parameter type: num_splits must be >= 2'
		);
	});
});

describe('StaggerSplit', () => {
	const all = {
		num_splits: lit(4),
		stagger_first_now: lit(1),
		stagger_gap_ticks: lit(3),
		priority_boost_children: lit(2)
	};

	it('converts its four parameters', () => {
		expect(payment('StaggerSplit', all).evaluatePayment(ctx())).toEqual({
			action: 'StaggerSplit',
			nodeId: 'A1',
			numSplits: 4,
			staggerFirstNow: 1,
			staggerGapTicks: 3,
			priorityBoostChildren: 2
		});
		const odd = {
			num_splits: lit(3.7),
			stagger_first_now: lit(3.2),
			stagger_gap_ticks: lit(-1),
			priority_boost_children: lit(300)
		};
		expect(payment('StaggerSplit', odd).evaluatePayment(ctx())).toMatchObject({
			numSplits: 3,
			staggerFirstNow: 3,
			staggerGapTicks: 0,
			priorityBoostChildren: 255
		});
	});

	it('requires all four parameters, read in order', () => {
		expectEvaluationError(
			() => payment('StaggerSplit', { num_splits: lit(4) }).evaluatePayment(ctx()),
			'Missing required action parameter: stagger_first_now'
		);
		const { priority_boost_children: _omit, ...three } = all;
		expectEvaluationError(
			() => payment('StaggerSplit', three).evaluatePayment(ctx()),
			'Missing required action parameter: priority_boost_children'
		);
	});

	it('checks num_splits >= 2 and stagger_first_now <= num_splits', () => {
		expectEvaluationError(
			() => payment('StaggerSplit', { ...all, num_splits: lit(1) }).evaluatePayment(ctx()),
			'Invalid action parameter type: num_splits must be >= 2'
		);
		expectEvaluationError(
			() => payment('StaggerSplit', { ...all, stagger_first_now: lit(5) }).evaluatePayment(ctx()),
			'Invalid action parameter type: stagger_first_now cannot exceed num_splits'
		);
		expect(
			payment('StaggerSplit', { ...all, stagger_first_now: lit(4) }).evaluatePayment(ctx())
		).toMatchObject({ staggerFirstNow: 4 });
	});
});

describe('Hold', () => {
	const reasonOf = (parameters?: Record<string, unknown>, fields = {}) => {
		const decision = payment('Hold', parameters).evaluatePayment(ctx(fields));
		if (decision.action !== 'Hold') throw new Error('expected Hold');
		return renderHoldReason(decision.reason);
	};

	it('maps the known reasons', () => {
		expect(reasonOf({ reason: lit('InsufficientLiquidity') })).toBe('InsufficientLiquidity');
		expect(reasonOf({ reason: lit('AwaitingInflows') })).toBe('AwaitingInflows');
		expect(reasonOf({ reason: lit('LowPriority') })).toBe('LowPriority');
	});

	it('computes NearDeadline ticks from ticks_to_deadline, never below 0 (conformance 22)', () => {
		expect(reasonOf({ reason: lit('NearDeadline') }, { ticks_to_deadline: 7.8 })).toBe(
			'NearDeadline { ticks_remaining: 7 }'
		);
		expect(reasonOf({ reason: lit('NearDeadline') }, { ticks_to_deadline: -3 })).toBe(
			'NearDeadline { ticks_remaining: 0 }'
		);
	});

	it('keeps other strings as custom reasons and defaults to "Policy decision"', () => {
		expect(reasonOf({ reason: lit('AwaitingOffsets') })).toBe('Custom("AwaitingOffsets")');
		expect(reasonOf({ reason: lit('say "hi"\n') })).toBe('Custom("say \\"hi\\"\\n")');
		expect(reasonOf()).toBe('Custom("Policy decision")');
		expect(reasonOf({ reason: lit(3) })).toBe('Custom("Policy decision")');
		expect(reasonOf({ reason: field('priority') })).toBe('Custom("Policy decision")');
	});
});

describe('Drop, Reprioritize, WithdrawFromRtgs, ResubmitToRtgs', () => {
	it('Drop and WithdrawFromRtgs take no parameters', () => {
		expect(payment('Drop').evaluatePayment(ctx())).toEqual({ action: 'Drop', nodeId: 'A1' });
		expect(payment('WithdrawFromRtgs', { ignored: lit('x') }).evaluatePayment(ctx())).toEqual({
			action: 'WithdrawFromRtgs',
			nodeId: 'A1'
		});
	});

	it('Reprioritize clamps to [0, 255] then truncates (conformance 24)', () => {
		const priority = (value: unknown, fields = {}) =>
			payment('Reprioritize', { new_priority: value }).evaluatePayment(ctx(fields));
		expect(priority(lit(300))).toMatchObject({ newPriority: 255 });
		expect(priority(lit(-5))).toMatchObject({ newPriority: 0 });
		expect(priority(lit(7.9))).toMatchObject({ newPriority: 7 });
		expect(priority(NAN, INFINITE)).toMatchObject({ newPriority: 0 });
		expect(
			priority(compute({ op: '+', left: field('priority'), right: lit(2) }), { priority: 4 })
		).toMatchObject({ newPriority: 6 });
		expectEvaluationError(
			() => payment('Reprioritize').evaluatePayment(ctx()),
			'Missing required action parameter: new_priority'
		);
	});

	it('ResubmitToRtgs accepts exactly the three RTGS priorities', () => {
		for (const value of ['HighlyUrgent', 'Urgent', 'Normal']) {
			expect(payment('ResubmitToRtgs', { rtgs_priority: lit(value) }).evaluatePayment(ctx())).toEqual({
				action: 'ResubmitToRtgs',
				nodeId: 'A1',
				rtgsPriority: value
			});
		}
		expectEvaluationError(
			() => payment('ResubmitToRtgs').evaluatePayment(ctx()),
			'Missing required action parameter: rtgs_priority'
		);
		expectEvaluationError(
			() => payment('ResubmitToRtgs', { rtgs_priority: field('priority') }).evaluatePayment(ctx()),
			'Invalid action parameter type: rtgs_priority must be a direct string value'
		);
		expectEvaluationError(
			() => payment('ResubmitToRtgs', { rtgs_priority: lit(1) }).evaluatePayment(ctx()),
			'Invalid action parameter type: rtgs_priority must be a string'
		);
		expectEvaluationError(
			() => payment('ResubmitToRtgs', { rtgs_priority: lit('urgent') }).evaluatePayment(ctx()),
			"Invalid action parameter type: rtgs_priority must be 'HighlyUrgent', 'Urgent', or 'Normal', got 'urgent'"
		);
	});
});

describe('actions in the wrong tree', () => {
	it('bank and collateral actions fail in the payment tree', () => {
		for (const name of ['SetReleaseBudget', 'NoAction', 'PostCollateral', 'HoldCollateral']) {
			expect(() => payment(name).evaluatePayment(ctx())).toThrow(/^Invalid action type: /);
		}
	});

	it('payment and bank actions fail in collateral trees (conformance 19)', () => {
		expect(() => strategic('Release').evaluateStrategicCollateral(ctx())).toThrow(/^Invalid action type: /);
		expect(() => endOfTick('NoAction').evaluateEndOfTickCollateral(ctx())).toThrow(/^Invalid action type: /);
	});

	it('any non-bank action in the bank tree is NoAction (conformance 20)', () => {
		expect(bank('Release').evaluateBank(ctx())).toEqual({ action: 'NoAction', decisionPath: 'A1' });
		expect(bank('PostCollateral', { amount: lit('x') }).evaluateBank(ctx())).toEqual({
			action: 'NoAction',
			decisionPath: 'A1'
		});
	});
});

describe('SetReleaseBudget', () => {
	it('truncates the amounts and keeps string focus counterparties', () => {
		const policy = bank('SetReleaseBudget', {
			max_value_to_release: lit(50000.9),
			focus_counterparties: lit(['BANK_B', 7, 'BANK_C']),
			max_per_counterparty: lit(-10.5)
		});
		expect(policy.evaluateBank(ctx())).toEqual({
			action: 'SetReleaseBudget',
			maxValueToRelease: 50000,
			focusCounterparties: ['BANK_B', 'BANK_C'],
			maxPerCounterparty: -10,
			decisionPath: 'A1'
		});
	});

	it('has no focus list when it is empty, not an array, or not a literal', () => {
		for (const focus of [lit([]), lit([1, 2]), lit('BANK_B'), field('balance')]) {
			expect(
				bank('SetReleaseBudget', { max_value_to_release: lit(1), focus_counterparties: focus }).evaluateBank(
					ctx()
				)
			).toMatchObject({
				focusCounterparties: null,
				maxPerCounterparty: null
			});
		}
	});

	it('computes the budget from fields and requires max_value_to_release', () => {
		const policy = bank('SetReleaseBudget', {
			max_value_to_release: compute({ op: '*', left: field('balance'), right: lit(0.5) })
		});
		expect(policy.evaluateBank(ctx({ balance: 1001 }))).toMatchObject({ maxValueToRelease: 500 });
		expect(policy.evaluateBank(ctx({ balance: -1001 }))).toMatchObject({ maxValueToRelease: -500 });
		expectEvaluationError(
			() => bank('SetReleaseBudget').evaluateBank(ctx()),
			'Missing required action parameter: max_value_to_release'
		);
	});
});

describe('SetState and AddState', () => {
	it('SetState carries key, value and reason (default policy_action)', () => {
		expect(bank('SetState', { key: lit('bank_state_mode'), value: lit(2.5) }).evaluateBank(ctx())).toEqual({
			action: 'SetState',
			key: 'bank_state_mode',
			value: 2.5,
			reason: 'policy_action',
			decisionPath: 'A1'
		});
	});

	it('AddState reads its delta from "value" and can compute it from registers', () => {
		const policy = bank('AddState', {
			key: lit('bank_state_count'),
			value: compute({ op: '+', left: field('bank_state_count'), right: lit(1) }),
			reason: lit('count')
		});
		expect(policy.evaluateBank(ctx({}, { bank_state_count: 4 }))).toEqual({
			action: 'AddState',
			key: 'bank_state_count',
			delta: 5,
			reason: 'count',
			decisionPath: 'A1'
		});
	});

	it('accepts only literal strings for key and reason', () => {
		expectEvaluationError(
			() => bank('SetState', { value: lit(1) }).evaluateBank(ctx()),
			'Missing required action parameter: key'
		);
		expectEvaluationError(
			() => bank('SetState', { key: lit(5), value: lit(1) }).evaluateBank(ctx()),
			'Invalid action parameter type: key'
		);
		expectEvaluationError(
			() => bank('SetState', { key: field('balance'), value: lit(1) }).evaluateBank(ctx()),
			"Invalid action parameter type: String parameter 'key' does not support field references"
		);
		expectEvaluationError(
			() => bank('AddState', { key: param('k'), value: lit(1) }, { k: 1 }).evaluateBank(ctx()),
			"Invalid action parameter type: String parameter 'key' does not support param references"
		);
		expectEvaluationError(
			() =>
				bank('SetState', {
					key: lit('bank_state_a'),
					value: lit(1),
					reason: compute({ op: 'abs', value: lit(1) })
				}).evaluateBank(ctx()),
			"Invalid action parameter type: String parameter 'reason' does not support computed values"
		);
		expectEvaluationError(
			() => bank('SetState', { key: lit('bank_state_a') }).evaluateBank(ctx()),
			'Missing required action parameter: value'
		);
		expectEvaluationError(
			() => bank('SetState', { key: lit('bank_state_a'), value: lit(true) }).evaluateBank(ctx()),
			'Invalid action parameter type: value'
		);
	});

	it('records the decision path of the bank tree', () => {
		const policy = load(
			doc({
				bank_tree: condition(
					'B1',
					{ op: '>', left: field('balance'), right: lit(0) },
					condition(
						'B2',
						{ op: '<', left: field('balance'), right: lit(100) },
						action('SetState', { key: lit('bank_state_x'), value: lit(1) }, 'B3'),
						action('NoAction', undefined, 'B4')
					),
					action('NoAction', undefined, 'B5')
				)
			})
		);
		expect(policy.evaluateBank(ctx({ balance: 50 })).decisionPath).toBe('B1(true) → B2(true) → B3');
		expect(policy.evaluateBank(ctx({ balance: 500 })).decisionPath).toBe('B1(true) → B2(false) → B4');
		expect(policy.evaluateBank(ctx({ balance: -1 })).decisionPath).toBe('B1(false) → B5');
	});
});

describe('collateral actions', () => {
	it('PostCollateral truncates the amount and reads reason and auto-withdrawal', () => {
		expect(
			strategic('PostCollateral', {
				amount: lit(1000.99),
				reason: lit('PreemptivePosting'),
				auto_withdraw_after_ticks: lit(3.7)
			}).evaluateStrategicCollateral(ctx())
		).toEqual({
			action: 'PostCollateral',
			amount: 1000,
			reason: 'PreemptivePosting',
			autoWithdrawAfterTicks: 3
		});
		expect(
			endOfTick('PostCollateral', {
				amount: lit(5),
				auto_withdraw_after_ticks: lit(0.5)
			}).evaluateEndOfTickCollateral(ctx())
		).toMatchObject({
			reason: 'UrgentLiquidityNeed',
			autoWithdrawAfterTicks: 0
		});
		expect(
			strategic('PostCollateral', {
				amount: lit(5),
				auto_withdraw_after_ticks: lit(0)
			}).evaluateStrategicCollateral(ctx())
		).toMatchObject({
			autoWithdrawAfterTicks: null
		});
	});

	it('an amount that truncates to 0 or below holds (conformance 21)', () => {
		expect(strategic('PostCollateral', { amount: lit(0.9) }).evaluateStrategicCollateral(ctx())).toEqual({
			action: 'HoldCollateral'
		});
		expect(strategic('PostCollateral', { amount: lit(-0.5) }).evaluateStrategicCollateral(ctx())).toEqual({
			action: 'HoldCollateral'
		});
		expect(strategic('WithdrawCollateral', { amount: lit(-100) }).evaluateStrategicCollateral(ctx())).toEqual(
			{ action: 'HoldCollateral' }
		);
		// Auto-withdrawal is not read when the post becomes a hold.
		expect(
			strategic('PostCollateral', {
				amount: lit(0),
				auto_withdraw_after_ticks: lit('x')
			}).evaluateStrategicCollateral(ctx())
		).toEqual({ action: 'HoldCollateral' });
	});

	it('reads the amount from computations, e.g. a capped liquidity gap', () => {
		const policy = strategic('PostCollateral', {
			amount: compute({
				op: 'min',
				values: [field('queue1_liquidity_gap'), field('remaining_collateral_capacity')]
			}),
			reason: lit('DeadlineEmergency')
		});
		expect(
			policy.evaluateStrategicCollateral(
				ctx({ queue1_liquidity_gap: 70000, remaining_collateral_capacity: 50000 })
			)
		).toMatchObject({ amount: 50000, reason: 'DeadlineEmergency' });
	});

	it('WithdrawCollateral and HoldCollateral', () => {
		expect(
			endOfTick('WithdrawCollateral', {
				amount: lit(250.5),
				reason: lit('LiquidityRestored')
			}).evaluateEndOfTickCollateral(ctx())
		).toEqual({
			action: 'WithdrawCollateral',
			amount: 250,
			reason: 'LiquidityRestored'
		});
		expect(
			endOfTick('WithdrawCollateral', {
				amount: lit(1),
				reason: lit('Whatever')
			}).evaluateEndOfTickCollateral(ctx())
		).toMatchObject({ reason: 'UrgentLiquidityNeed' });
		expect(endOfTick('HoldCollateral').evaluateEndOfTickCollateral(ctx())).toEqual({
			action: 'HoldCollateral'
		});
		expectEvaluationError(
			() => endOfTick('WithdrawCollateral').evaluateEndOfTickCollateral(ctx()),
			'Missing required action parameter: amount'
		);
	});
});

describe('absent trees', () => {
	const only = (trees: Record<string, unknown>): CompiledPolicy => load(doc(trees));

	it('payment tree absent is an error; the others default', () => {
		const policy = only({ bank_tree: action('NoAction') });
		expectEvaluationError(() => policy.evaluatePayment(ctx()), 'Invalid tree: payment_tree is not defined');
		const paymentOnly = only({ payment_tree: action('Release') });
		expect(paymentOnly.evaluateBank(ctx())).toEqual({ action: 'NoAction', decisionPath: null });
		expect(paymentOnly.evaluateStrategicCollateral(ctx())).toEqual({ action: 'HoldCollateral' });
		expect(paymentOnly.evaluateEndOfTickCollateral(ctx())).toEqual({ action: 'HoldCollateral' });
	});
});
