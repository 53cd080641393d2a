/** The 25 conformance examples of the spec (§23), one test each. */
import { describe, expect, it } from 'vitest';
import { NO_QUEUE2_DEADLINE, parsePolicy, renderHoldReason } from '$lib/policy';
import {
	action,
	computeValue,
	condition,
	ctx,
	doc,
	evaluateNumber,
	field,
	lit,
	load,
	loadErrors,
	param,
	truth
} from './helpers';

const cmp = (op: string, left: unknown, right: unknown) => ({ op, left, right });

describe('spec §23 conformance examples', () => {
	it('1: == within 1e-9', () => expect(truth(cmp('==', lit(0.1), lit(0.1000000001)))).toBe(true));
	it('2: > has no tolerance', () => expect(truth(cmp('>', lit(1e-10), lit(0)))).toBe(true));
	it('3: round 2.5 / -2.5 / 0.5', () => {
		expect([2.5, -2.5, 0.5].map((x) => computeValue({ op: 'round', value: lit(x) }))).toEqual([3, -3, 1]);
	});
	it('4: / by 1e-17 fails; div0 gives the default', () => {
		expect(computeValue({ op: '/', left: lit(1), right: lit(1e-17) })).toBe(
			'Division by zero in computation'
		);
		expect(computeValue({ op: 'div0', numerator: lit(1), denominator: lit(1e-17), default: lit(7) })).toBe(7);
	});
	it('5: / by 1e-12 divides; div0 gives the default', () => {
		expect(computeValue({ op: '/', left: lit(1), right: lit(1e-12) })).toBe(1e12);
		expect(computeValue({ op: 'div0', numerator: lit(1), denominator: lit(1e-12), default: lit(7) })).toBe(7);
	});
	it('6: max of [] loads and fails at run time', () => {
		expect(computeValue({ op: 'max', values: [] })).toBe('Empty value list for min/max computation');
	});
	it('7: empty and / or', () => {
		expect(truth({ op: 'and', conditions: [] })).toBe(true);
		expect(truth({ op: 'or', conditions: [] })).toBe(false);
	});
	it('8: true == 1', () => expect(truth(cmp('==', lit(true), lit(1)))).toBe(true));
	it('9: Split 2.9 on 1001 gives 2 children', () => {
		expect(
			load(doc({ payment_tree: action('Split', { num_splits: lit(2.9) }) })).evaluatePayment(
				ctx({ amount: 1001 })
			)
		).toMatchObject({ numSplits: 2 });
	});
	it('10: Split with a boolean num_splits fails', () => {
		expect(() =>
			load(doc({ payment_tree: action('Split', { num_splits: lit(true) }) })).evaluatePayment(ctx())
		).toThrow('Invalid action parameter type: num_splits');
	});
	it('11: an unset register reads 0 in every tree', () => {
		expect(evaluateNumber(field('bank_state_anything'))).toBe(0);
		expect(truth(cmp('==', field('bank_state_anything'), lit(0)))).toBe(true);
	});
	it('12: tx_counterparty_id is rejected in the payment tree', () => {
		expect(
			loadErrors(
				doc({
					payment_tree: condition(
						'N',
						cmp('>', field('tx_counterparty_id'), lit(0)),
						action('Release'),
						action('Hold', undefined, 'A2')
					)
				})
			)[0].type
		).toBe('InvalidFieldReference');
	});
	it('13: amount is rejected in the bank tree', () => {
		expect(
			loadErrors(
				doc({ bank_tree: action('SetState', { key: lit('bank_state_a'), value: field('amount') }) })
			)[0].type
		).toBe('InvalidFieldReference');
	});
	it('14: an unknown param only in the bank tree loads and fails at run time', () => {
		expect(evaluateNumber(param('nope'))).toBe('Parameter not found: nope');
	});
	it('15: the same node id in the payment and bank trees is valid', () => {
		expect(
			parsePolicy(
				doc({
					payment_tree: action('Release', undefined, 'X'),
					bank_tree: action('NoAction', undefined, 'X')
				})
			).ok
		).toBe(true);
	});
	it('16: the same node id in the payment and strategic trees is rejected', () => {
		expect(
			loadErrors(
				doc({
					payment_tree: action('Release', undefined, 'X'),
					strategic_collateral_tree: action('HoldCollateral', undefined, 'X')
				})
			)[0].type
		).toBe('DuplicateNodeId');
	});
	it('17: a string parameter value is a decoding error', () => {
		expect(loadErrors({ version: '1', policy_id: 'p', parameters: { p: '5' } })[0]).toMatchObject({
			type: 'ParseError',
			path: 'parameters.p'
		});
	});
	it('18: an unwrapped action parameter is a decoding error', () => {
		expect(
			loadErrors(
				doc({
					payment_tree: { type: 'action', node_id: 'A', action: 'Split', parameters: { num_splits: 3 } }
				})
			)[0]
		).toMatchObject({
			type: 'ParseError',
			path: 'payment_tree.parameters.num_splits'
		});
	});
	it('19: Release in the strategic tree loads and fails at run time', () => {
		const policy = load(doc({ strategic_collateral_tree: action('Release') }));
		expect(() => policy.evaluateStrategicCollateral(ctx())).toThrow(/^Invalid action type/);
	});
	it('20: Release in the bank tree is NoAction', () => {
		expect(load(doc({ bank_tree: action('Release') })).evaluateBank(ctx()).action).toBe('NoAction');
	});
	it('21: PostCollateral of 0.9 holds', () => {
		expect(
			load(
				doc({ strategic_collateral_tree: action('PostCollateral', { amount: lit(0.9) }) })
			).evaluateStrategicCollateral(ctx())
		).toEqual({ action: 'HoldCollateral' });
	});
	it('22: Hold NearDeadline with ticks_to_deadline -3 has 0 ticks remaining', () => {
		const decision = load(
			doc({ payment_tree: action('Hold', { reason: lit('NearDeadline') }) })
		).evaluatePayment(ctx({ ticks_to_deadline: -3 }));
		expect(decision.action === 'Hold' && renderHoldReason(decision.reason)).toBe(
			'NearDeadline { ticks_remaining: 0 }'
		);
	});
	it('23: priority_flag URGENT sets priority 5', () => {
		expect(
			load(doc({ payment_tree: action('Release', { priority_flag: lit('URGENT') }) })).evaluatePayment(ctx())
		).toMatchObject({ priorityOverride: 5 });
	});
	it('24: Reprioritize 300 clamps to 255 (the engine then caps at 10)', () => {
		expect(
			load(doc({ payment_tree: action('Reprioritize', { new_priority: lit(300) }) })).evaluatePayment(ctx())
		).toMatchObject({ newPriority: 255 });
	});
	it('25: queue2_nearest_deadline sentinel is 2^64 - 1 as a double; ticks_to_nearest_queue2_deadline is +inf', () => {
		expect(NO_QUEUE2_DEADLINE).toBe(2 ** 64);
		const text =
			'{"version":"1","policy_id":"p","payment_tree":{"type":"condition","node_id":"N","condition":{"op":"==","left":{"field":"queue2_nearest_deadline"},"right":{"value":18446744073709551615}},"on_true":{"type":"action","node_id":"T","action":"Release"},"on_false":{"type":"action","node_id":"F","action":"Drop"}}}';
		expect(load(text).evaluatePayment(ctx({ queue2_nearest_deadline: NO_QUEUE2_DEADLINE })).action).toBe(
			'Release'
		);
		expect(
			truth(
				cmp('==', field('queue2_nearest_deadline'), lit(2 ** 64)),
				ctx({ queue2_nearest_deadline: NO_QUEUE2_DEADLINE })
			)
		).toBe(true);
		expect(
			truth(
				cmp('>', field('ticks_to_nearest_queue2_deadline'), lit(1e308)),
				ctx({ ticks_to_nearest_queue2_deadline: Infinity })
			)
		).toBe(true);
	});
});
