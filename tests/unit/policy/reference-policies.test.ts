/** Every reference policy (47) and every policy embedded in the golden configs (19) loads and compiles. */
import { describe, expect, it } from 'vitest';
import { parsePolicy, type TreeName } from '$lib/policy';
import { ctx, fixtureFiles, loadFixture, readFixture } from './helpers';

const reference = fixtureFiles().filter((file) => !file.startsWith('golden-embedded/'));
const embedded = fixtureFiles('golden-embedded');
const TREES: TreeName[] = [
	'payment_tree',
	'bank_tree',
	'strategic_collateral_tree',
	'end_of_tick_collateral_tree'
];

describe('reference policies', () => {
	it('has all 47 files of the reference set, 18 of them under test_policies/', () => {
		expect(reference).toHaveLength(47);
		expect(reference.filter((file) => file.startsWith('test_policies/'))).toHaveLength(18);
	});

	it.each(reference)('%s validates and compiles', (file) => {
		const result = parsePolicy(readFixture(file));
		expect(result.ok ? [] : result.errors.map((error) => error.message)).toEqual([]);
		if (result.ok) expect(TREES.some((tree) => result.policy.hasTree(tree))).toBe(true);
	});
});

describe('policies embedded in the golden configs', () => {
	it('has the 19 distinct embedded policies', () => {
		expect(embedded).toHaveLength(19);
	});

	it.each(embedded)('%s validates and compiles', (file) => {
		const result = parsePolicy(readFixture(file));
		expect(result.ok ? [] : result.errors.map((error) => error.message)).toEqual([]);
	});
});

describe('reference policies decide as hand-computed', () => {
	it('test_exactly_at_threshold releases at equality', () => {
		const policy = loadFixture('test_policies/test_exactly_at_threshold.json');
		expect(policy.evaluatePayment(ctx({ effective_liquidity: 500, remaining_amount: 500 })).action).toBe(
			'Release'
		);
		expect(
			policy.evaluatePayment(ctx({ effective_liquidity: 499.999999, remaining_amount: 500 })).action
		).toBe('Hold');
		expect(policy.evaluateStrategicCollateral(ctx())).toEqual({ action: 'HoldCollateral' });
	});

	it('test_compute_divide compares with half the amount', () => {
		const policy = loadFixture('test_policies/test_compute_divide.json');
		expect(policy.evaluatePayment(ctx({ effective_liquidity: 250, remaining_amount: 500 })).action).toBe(
			'Release'
		);
		expect(policy.evaluatePayment(ctx({ effective_liquidity: 249, remaining_amount: 500 })).action).toBe(
			'Hold'
		);
	});

	it('test_urgent_or_affordable releases when either holds', () => {
		const policy = loadFixture('test_policies/test_urgent_or_affordable.json');
		expect(
			policy.evaluatePayment(ctx({ ticks_to_deadline: 3, effective_liquidity: 0, remaining_amount: 10 }))
				.action
		).toBe('Release');
		expect(
			policy.evaluatePayment(ctx({ ticks_to_deadline: 9, effective_liquidity: 10, remaining_amount: 10 }))
				.action
		).toBe('Release');
		expect(
			policy.evaluatePayment(ctx({ ticks_to_deadline: 9, effective_liquidity: 9, remaining_amount: 10 }))
		).toMatchObject({
			action: 'Hold',
			reason: { kind: 'Custom', text: 'BothConditionsFalse' }
		});
	});

	it('test_buffer_then_time releases late in the day without a buffer', () => {
		const policy = loadFixture('test_policies/test_buffer_then_time.json');
		const base = { effective_liquidity: 150, remaining_amount: 100 };
		expect(policy.evaluatePayment(ctx({ ...base, effective_liquidity: 200 })).nodeId).toBe(
			'TEST-A1-BufferRelease'
		);
		expect(policy.evaluatePayment(ctx({ ...base, day_progress_fraction: 0.55 })).nodeId).toBe(
			'TEST-A2-LateDayRelease'
		);
		expect(policy.evaluatePayment(ctx({ ...base, day_progress_fraction: 0.5 })).nodeId).toBe('TEST-A3-Hold');
	});

	it('target2_crisis_proactive_manager walks five levels for a low-priority payment with a thin buffer', () => {
		const policy = loadFixture('target2_crisis_proactive_manager.json');
		const fields = {
			ticks_to_deadline: 30,
			priority: 3,
			effective_liquidity: 100_000,
			remaining_amount: 80_000
		};
		// N1 (30 <= 8) false, N3 (3 >= 8) false, N6 (3 >= 6) false, N10 (30 <= 15) false, N12 (1e5 >= 1.28e5) false.
		expect(policy.evaluatePayment(ctx(fields))).toMatchObject({
			nodeId: 'T2CPM-A13-LowPri-Hold',
			reason: { kind: 'Custom', text: 'PreservingLiquidity' }
		});
		expect(policy.evaluatePayment(ctx({ ...fields, effective_liquidity: 128_000 })).nodeId).toBe(
			'T2CPM-A12-LowPri-SafeRelease'
		);
		expect(policy.evaluatePayment(ctx({ ...fields, ticks_to_deadline: 8 })).nodeId).toBe(
			'T2CPM-A1-Critical-Release'
		);
		expect(
			policy.evaluatePayment(ctx({ ...fields, ticks_to_deadline: 8, effective_liquidity: 1 })).nodeId
		).toBe('T2CPM-A2-Critical-UseCredit');
		expect(policy.evaluatePayment(ctx({ ...fields, priority: 8, effective_liquidity: 92_000 })).nodeId).toBe(
			'T2CPM-A3-HighPri-Release'
		);
		expect(policy.evaluatePayment(ctx({ ...fields, priority: 8, effective_liquidity: 91_999 })).nodeId).toBe(
			'T2CPM-A5-HighPri-Hold'
		);
	});

	it('every tree of every reference policy evaluates on a neutral context without a non-policy error', () => {
		for (const file of [...reference, ...embedded]) {
			const policy = loadFixture(file);
			const context = ctx({
				system_ticks_per_day: 100,
				max_collateral_capacity: 1e6,
				remaining_collateral_capacity: 1e6
			});
			for (const run of [
				() => policy.hasTree('payment_tree') && policy.evaluatePayment(context),
				() => policy.evaluateBank(context),
				() => policy.evaluateStrategicCollateral(context),
				() => policy.evaluateEndOfTickCollateral(context)
			]) {
				try {
					run();
				} catch (error) {
					expect((error as Error).name, `${file}: ${(error as Error).message}`).toBe('PolicyEvaluationError');
				}
			}
		}
	});
});
