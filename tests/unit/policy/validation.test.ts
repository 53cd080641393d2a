/** Invalid documents are rejected with the expected path and message; all errors are reported together. */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '$lib/policy';
import { INVALID_CASES } from './invalid-cases';
import { action, condition, doc, field, lit, loadErrors, param } from './helpers';

describe('invalid documents', () => {
	it('has at least 40 hand-written cases', () => {
		expect(INVALID_CASES.length).toBeGreaterThanOrEqual(40);
	});

	it.each(INVALID_CASES.map((c) => [c.name, c] as const))('%s', (_name, invalid) => {
		const errors = loadErrors(invalid.source);
		expect(errors.map((error) => `${error.type} @ ${error.path}`)).toEqual([
			`${invalid.type} @ ${invalid.path}`
		]);
		expect(errors[0].message).toContain(invalid.message);
		expect(errors[0].found.length).toBeGreaterThan(0);
		expect(errors[0].allowed.length).toBeGreaterThan(0);
	});

	it('says in validation errors that SimCash checks them lazily', () => {
		for (const invalid of INVALID_CASES.filter((c) => c.type !== 'ParseError')) {
			expect(loadErrors(invalid.source)[0].message).toContain(
				'reports this only when it first evaluates a tree of this policy'
			);
		}
		for (const invalid of INVALID_CASES.filter((c) => c.type === 'ParseError')) {
			expect(loadErrors(invalid.source)[0].message).not.toContain('first evaluates');
		}
	});
});

describe('all errors of a document are reported together', () => {
	it('reports the validation groups in the original order: ids, depth, fields, parameters, division', () => {
		const tree = condition(
			'N1',
			{
				op: 'and',
				conditions: [
					{ op: '>', left: field('balanse'), right: param('missing') },
					{ op: '<', left: { compute: { op: '/', left: lit(1), right: lit(0) } }, right: lit(1) }
				]
			},
			action('Release', undefined, 'A1'),
			action('Hold', undefined, 'A1')
		);
		const errors = loadErrors(doc({ payment_tree: tree }));
		expect(errors.map((error) => error.type)).toEqual([
			'DuplicateNodeId',
			'InvalidFieldReference',
			'InvalidParameterReference',
			'DivisionByZeroRisk'
		]);
	});

	it('reports structural errors of several trees and validation errors of the well-formed ones', () => {
		const errors = loadErrors({
			version: 1,
			policy_id: 'p',
			payment_tree: { type: 'action', node_id: 'A1', action: 'Nope' },
			bank_tree: condition(
				'B1',
				{ op: '>', left: field('amount'), right: lit(0) },
				action('NoAction', undefined, 'B2'),
				action('NoAction', undefined, 'B3')
			),
			strategic_collateral_tree: { type: 'condition', node_id: 'S1' }
		});
		expect(errors.map((error) => `${error.type} @ ${error.path}`)).toEqual([
			'ParseError @ version',
			'ParseError @ payment_tree.action',
			'ParseError @ strategic_collateral_tree.condition',
			'ParseError @ strategic_collateral_tree.on_true',
			'ParseError @ strategic_collateral_tree.on_false',
			'InvalidFieldReference @ bank_tree.condition.left.field'
		]);
	});

	it('reports each rejected field once per tree, and each missing parameter once overall', () => {
		const gt = (name: string, p: string) => ({ op: '>', left: field(name), right: param(p) });
		const tree = (prefix: string) =>
			condition(
				`${prefix}1`,
				{ op: 'or', conditions: [gt('nope', 'q'), gt('nope', 'q')] },
				action('HoldCollateral', undefined, `${prefix}2`),
				action('HoldCollateral', undefined, `${prefix}3`)
			);
		const errors = loadErrors(
			doc({ strategic_collateral_tree: tree('S'), end_of_tick_collateral_tree: tree('E') })
		);
		expect(errors.map((error) => `${error.type} @ ${error.path}`)).toEqual([
			'InvalidFieldReference @ strategic_collateral_tree.condition.conditions[0].left.field',
			'InvalidFieldReference @ end_of_tick_collateral_tree.condition.conditions[0].left.field',
			'InvalidParameterReference @ strategic_collateral_tree.condition.conditions[0].right.param'
		]);
	});

	it('reports every repeat of a node id', () => {
		const errors = loadErrors(
			doc({
				payment_tree: condition(
					'N',
					{ op: 'and', conditions: [] },
					action('Release', undefined, 'N'),
					action('Hold', undefined, 'N')
				)
			})
		);
		expect(errors.map((error) => error.path)).toEqual([
			'payment_tree.on_true.node_id',
			'payment_tree.on_false.node_id'
		]);
	});
});

describe('what validation does not check (as in the original)', () => {
	const accepts = (source: unknown) => {
		const result = parsePolicy(source);
		expect(result.ok ? [] : result.errors.map((error) => error.message)).toEqual([]);
		return result;
	};

	it('allows the same node id in the bank tree and the payment tree (conformance 15)', () => {
		accepts(
			doc({ payment_tree: action('Release', undefined, 'X'), bank_tree: action('NoAction', undefined, 'X') })
		);
	});

	it('does not check parameters, ids, depth or divisions of the bank tree (conformance 14)', () => {
		const result = accepts(
			doc({
				bank_tree: condition(
					'B',
					{ op: '>', left: param('nope'), right: { compute: { op: '/', left: lit(1), right: lit(0) } } },
					action('NoAction', undefined, 'B'),
					action('NoAction', undefined, 'B')
				)
			})
		);
		expect(result.warnings.map((w) => w.type)).toContain('UncheckedParameterReference');
	});

	it('does not look for literal zero divisors in the left operand of a division or in div0', () => {
		const nested = {
			compute: { op: '/', left: { compute: { op: '/', left: lit(1), right: lit(0) } }, right: lit(2) }
		};
		accepts(
			doc({
				payment_tree: condition(
					'N',
					{ op: '>', left: nested, right: lit(0) },
					action('Release'),
					action('Hold', undefined, 'A2')
				)
			})
		);
		const div0 = { compute: { op: 'div0', numerator: lit(1), denominator: lit(0), default: lit(0) } };
		accepts(
			doc({
				payment_tree: condition(
					'N',
					{ op: '>', left: div0, right: lit(0) },
					action('Release'),
					action('Hold', undefined, 'A2')
				)
			})
		);
		accepts(
			doc({
				payment_tree: condition(
					'N',
					{ op: '>', left: { compute: { op: '/', left: lit(1), right: lit(false) } }, right: lit(0) },
					action('Release'),
					action('Hold', undefined, 'A2')
				)
			})
		);
	});

	it('accepts a depth of exactly 100', () => {
		let node: Record<string, unknown> = action('Release', undefined, 'LEAF');
		for (let i = 100; i >= 1; i--)
			node = condition(
				`N${i}`,
				{ op: '>', left: field('balance'), right: lit(0) },
				node,
				action('Hold', undefined, `H${i}`)
			);
		accepts(doc({ payment_tree: node }));
	});

	it('accepts wrong-family actions, missing action parameters and phantom fields, with warnings', () => {
		const result = accepts(
			doc({
				payment_tree: condition(
					'N',
					{ op: '>', left: field('time_in_queue'), right: lit('x') },
					action('Split'),
					action('PostCollateral', undefined, 'A2')
				),
				strategic_collateral_tree: action('Release', undefined, 'S1')
			})
		);
		expect(result.warnings.map((w) => `${w.type} @ ${w.path}`)).toEqual([
			'MissingActionParameter @ payment_tree.on_true.parameters',
			'ActionNotAllowedInTree @ payment_tree.on_false.action',
			'InvalidLiteral @ payment_tree.condition.right.value',
			'FieldMissingAtRunTime @ payment_tree.condition.left.field',
			'ActionNotAllowedInTree @ strategic_collateral_tree.action'
		]);
	});
});
