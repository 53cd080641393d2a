/** The five built-in policies (spec §18) on constructed contexts, and parameter injection. */
import { describe, expect, it } from 'vitest';
import {
	BUILTIN_POLICY_NAMES,
	builtinPolicy,
	builtinPolicyDocument,
	renderHoldReason,
	type CompiledPolicy,
	type PaymentDecision
} from '$lib/policy';
import { ctx } from './helpers';

function decide(policy: CompiledPolicy, fields: Parameters<typeof ctx>[0]): string {
	const decision: PaymentDecision = policy.evaluatePayment(ctx(fields));
	switch (decision.action) {
		case 'Hold':
			return `Hold ${renderHoldReason(decision.reason)}`;
		case 'Split':
			return `Split ${decision.numSplits}`;
		default:
			return decision.action;
	}
}

/** A transaction context at tick 100; `deadline` sets deadline_tick and ticks_to_deadline consistently. */
function tx(deadline: number, extra: Parameters<typeof ctx>[0] = {}) {
	return { current_tick: 100, deadline_tick: deadline, ticks_to_deadline: deadline - 100, ...extra };
}

describe('built-in policies', () => {
	it('bundles the five documents with their policy ids and only a payment tree', () => {
		const ids = BUILTIN_POLICY_NAMES.map((name) => builtinPolicy(name).policyId);
		expect(ids).toEqual([
			'fifo_policy',
			'deadline_policy',
			'liquidity_aware_policy',
			'liquidity_splitting_policy',
			'mock_splitting_policy'
		]);
		for (const name of BUILTIN_POLICY_NAMES) {
			const policy = builtinPolicy(name);
			expect(policy.hasTree('payment_tree')).toBe(true);
			expect(
				policy.hasTree('bank_tree') ||
					policy.hasTree('strategic_collateral_tree') ||
					policy.hasTree('end_of_tick_collateral_tree')
			).toBe(false);
			expect(builtinPolicyDocument(name)).toMatchObject({ version: '1.0', policy_id: policy.policyId });
		}
	});

	it('has the documented default parameters', () => {
		expect(Object.fromEntries(builtinPolicy('Fifo').parameters)).toEqual({});
		expect(Object.fromEntries(builtinPolicy('Deadline').parameters)).toEqual({ urgency_threshold: 5 });
		expect(Object.fromEntries(builtinPolicy('LiquidityAware').parameters)).toEqual({
			target_buffer: 50000,
			urgency_threshold: 5
		});
		expect(Object.fromEntries(builtinPolicy('LiquiditySplitting').parameters)).toEqual({
			max_splits: 4,
			min_split_amount: 10000
		});
		expect(Object.fromEntries(builtinPolicy('MockSplitting').parameters)).toEqual({ num_splits: 2 });
	});

	it('Fifo always releases', () => {
		const fifo = builtinPolicy('Fifo');
		expect(decide(fifo, tx(50, { balance: -1e9 }))).toBe('Release');
		expect(decide(fifo, tx(500))).toBe('Release');
	});

	it('Deadline drops at or after the deadline, releases when urgent, else holds NearDeadline', () => {
		const deadline = builtinPolicy('Deadline');
		expect(decide(deadline, tx(100))).toBe('Drop');
		expect(decide(deadline, tx(99))).toBe('Drop');
		expect(decide(deadline, tx(101))).toBe('Release');
		expect(decide(deadline, tx(105))).toBe('Release');
		expect(decide(deadline, tx(106))).toBe('Hold NearDeadline { ticks_remaining: 6 }');
		const patient = builtinPolicy('Deadline', { urgency_threshold: 10 });
		expect(decide(patient, tx(110))).toBe('Release');
		expect(decide(patient, tx(111))).toBe('Hold NearDeadline { ticks_remaining: 11 }');
	});

	it('LiquidityAware keeps the target buffer unless urgent', () => {
		const policy = builtinPolicy('LiquidityAware', { target_buffer: 100_000, urgency_threshold: 5 });
		const money = (balance: number, remaining: number) => ({
			balance,
			effective_liquidity: balance,
			remaining_amount: remaining,
			amount: remaining
		});
		expect(decide(policy, tx(100, money(1e9, 10)))).toBe('Drop');
		// Urgent: release if the payment can be paid at all.
		expect(decide(policy, tx(103, money(50_000, 50_000)))).toBe('Release');
		expect(decide(policy, tx(103, money(49_999, 50_000)))).toBe('Hold InsufficientLiquidity');
		// Not urgent: balance - remaining must stay >= target_buffer.
		expect(decide(policy, tx(120, money(150_000, 50_000)))).toBe('Release');
		expect(decide(policy, tx(120, money(149_999, 50_000)))).toBe('Hold InsufficientLiquidity');
		// Effective liquidity (with credit) counts only when urgent; the buffer test uses the balance.
		expect(
			decide(policy, tx(120, { balance: 0, effective_liquidity: 1e9, remaining_amount: 10, amount: 10 }))
		).toBe('Hold InsufficientLiquidity');
	});

	it('LiquidityAware with a zero buffer releases whatever can be paid', () => {
		const policy = builtinPolicy('LiquidityAware', { target_buffer: 0, urgency_threshold: 5 });
		expect(decide(policy, tx(150, { balance: 10, effective_liquidity: 10, remaining_amount: 10 }))).toBe(
			'Release'
		);
		expect(decide(policy, tx(150, { balance: 9, effective_liquidity: 9, remaining_amount: 10 }))).toBe(
			'Hold InsufficientLiquidity'
		);
	});

	it('LiquiditySplitting splits into max_splits when urgent, 2 otherwise, and ignores min_split_amount', () => {
		const policy = builtinPolicy('LiquiditySplitting', { max_splits: 6, min_split_amount: 999_999_999 });
		const account = (balance: number, amount: number) => ({ balance, amount, remaining_amount: amount });
		expect(decide(policy, tx(100, account(1e9, 1)))).toBe('Drop');
		expect(decide(policy, tx(105, account(1000, 1000)))).toBe('Release');
		expect(decide(policy, tx(105, account(999, 1000)))).toBe('Split 6');
		expect(decide(policy, tx(105, account(0, 1000)))).toBe('Hold InsufficientLiquidity');
		expect(decide(policy, tx(106, account(1000, 1000)))).toBe('Release');
		expect(decide(policy, tx(106, account(1, 1000)))).toBe('Split 2');
		expect(decide(policy, tx(106, account(-5, 1000)))).toBe('Hold InsufficientLiquidity');
	});

	it('MockSplitting always splits into num_splits', () => {
		expect(decide(builtinPolicy('MockSplitting'), tx(200))).toBe('Split 2');
		expect(decide(builtinPolicy('MockSplitting', { num_splits: 3 }), tx(200))).toBe('Split 3');
	});

	it('injects only the parameters a built-in takes, and does not alter the shared default', () => {
		const injected = builtinPolicy('Deadline', { urgency_threshold: 2, other: 9 } as never);
		expect(Object.fromEntries(injected.parameters)).toEqual({ urgency_threshold: 2 });
		expect(builtinPolicy('Deadline').parameters.get('urgency_threshold')).toBe(5);
	});
});
