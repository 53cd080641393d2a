/** Boolean operators, values and computations, with hand-computed expectations (spec §6–§9, §23). */
import { describe, expect, it } from 'vitest';
import { FieldId } from '$lib/policy';
import { compute, computeValue, ctx, evaluateNumber, field, lit, param, truth } from './helpers';

const cmp = (op: string, left: unknown, right: unknown) => ({ op, left, right });
const INFINITE = { ticks_to_nearest_queue2_deadline: Infinity };
const NAN = compute({
	op: '-',
	left: field('ticks_to_nearest_queue2_deadline'),
	right: field('ticks_to_nearest_queue2_deadline')
});

describe('comparisons', () => {
	it('== uses an absolute tolerance of 1e-9 (conformance 1)', () => {
		expect(truth(cmp('==', lit(0.1), lit(0.1000000001)))).toBe(true);
		expect(truth(cmp('==', lit(0), lit(9.99e-10)))).toBe(true);
		expect(truth(cmp('==', lit(0), lit(1e-9)))).toBe(false);
		expect(truth(cmp('==', lit(1e6), lit(1e6 + 1e-9 * 2)))).toBe(false);
		expect(truth(cmp('==', lit(-5), lit(-5)))).toBe(true);
	});

	it('!= is the exact complement of == except for NaN', () => {
		expect(truth(cmp('!=', lit(0), lit(1e-9)))).toBe(true);
		expect(truth(cmp('!=', lit(0), lit(5e-10)))).toBe(false);
		expect(truth(cmp('!=', lit(2), lit(3)))).toBe(true);
	});

	it('< and > have no tolerance (conformance 2)', () => {
		expect(truth(cmp('>', lit(1e-10), lit(0)))).toBe(true);
		expect(truth(cmp('<', lit(0), lit(1e-10)))).toBe(true);
		expect(truth(cmp('<', lit(1), lit(1)))).toBe(false);
		expect(truth(cmp('>', lit(1), lit(1)))).toBe(false);
		expect(truth(cmp('<', lit(3), lit(2)))).toBe(false);
	});

	it('<= and >= accept differences below 1e-9', () => {
		expect(truth(cmp('<=', lit(1.0000000005), lit(1)))).toBe(true);
		expect(truth(cmp('<=', lit(1.000000002), lit(1)))).toBe(false);
		expect(truth(cmp('<=', lit(-3), lit(1)))).toBe(true);
		expect(truth(cmp('>=', lit(0.9999999995), lit(1)))).toBe(true);
		expect(truth(cmp('>=', lit(0.999999998), lit(1)))).toBe(false);
		expect(truth(cmp('>=', lit(4), lit(1)))).toBe(true);
	});

	it('follows IEEE rules for infinities and NaN', () => {
		const inf = field('ticks_to_nearest_queue2_deadline');
		const context = ctx(INFINITE);
		expect(truth(cmp('==', inf, inf), context)).toBe(false);
		expect(truth(cmp('!=', inf, inf), context)).toBe(false);
		expect(truth(cmp('<=', inf, inf), context)).toBe(true);
		expect(truth(cmp('>=', inf, inf), context)).toBe(true);
		for (const op of ['==', '!=', '<', '<=', '>', '>=']) {
			expect(truth(cmp(op, NAN, lit(0)), context), op).toBe(false);
			expect(truth(cmp(op, lit(0), NAN), context), op).toBe(false);
		}
	});

	it('treats boolean literals as 1 and 0 (conformance 8)', () => {
		expect(truth(cmp('==', lit(true), lit(1)))).toBe(true);
		expect(truth(cmp('==', lit(false), lit(0)))).toBe(true);
		expect(truth(cmp('>', lit(true), lit(false)))).toBe(true);
	});

	it('fails on literals that are not numbers or booleans', () => {
		const message = 'Invalid literal type: expected number';
		expect(truth(cmp('==', lit('5'), lit(5)))).toBe(message);
		expect(truth(cmp('==', lit(null), lit(0)))).toBe(message);
		expect(truth(cmp('==', lit([1]), lit(1)))).toBe(message);
		expect(truth(cmp('==', lit({ a: 1 }), lit(1)))).toBe(message);
	});

	it('evaluates left before right', () => {
		const divideByBalance = compute({ op: '/', left: lit(1), right: field('balance') });
		expect(truth(cmp('<', lit('x'), divideByBalance), ctx({ balance: 0 }))).toBe(
			'Invalid literal type: expected number'
		);
		expect(truth(cmp('<', divideByBalance, lit('x')), ctx({ balance: 0 }))).toBe(
			'Division by zero in computation'
		);
	});
});

describe('logical operators', () => {
	const yes = cmp('==', lit(1), lit(1));
	const no = cmp('==', lit(1), lit(2));
	const boom = cmp('==', lit('boom'), lit(1));

	it('and / or of an empty list are true / false (conformance 7)', () => {
		expect(truth({ op: 'and', conditions: [] })).toBe(true);
		expect(truth({ op: 'or', conditions: [] })).toBe(false);
	});

	it('and is true only when every item is', () => {
		expect(truth({ op: 'and', conditions: [yes, yes, yes] })).toBe(true);
		expect(truth({ op: 'and', conditions: [yes, no, yes] })).toBe(false);
	});

	it('or is true when some item is', () => {
		expect(truth({ op: 'or', conditions: [no, no, yes] })).toBe(true);
		expect(truth({ op: 'or', conditions: [no, no] })).toBe(false);
	});

	it('short-circuits: items after the deciding one are never evaluated', () => {
		expect(truth({ op: 'and', conditions: [no, boom] })).toBe(false);
		expect(truth({ op: 'or', conditions: [yes, boom] })).toBe(true);
		expect(truth({ op: 'and', conditions: [yes, boom] })).toBe('Invalid literal type: expected number');
		expect(truth({ op: 'or', conditions: [no, boom] })).toBe('Invalid literal type: expected number');
	});

	it('not negates, and nests', () => {
		expect(truth({ op: 'not', condition: yes })).toBe(false);
		expect(truth({ op: 'not', condition: { op: 'not', condition: yes } })).toBe(true);
		expect(truth({ op: 'not', condition: { op: 'or', conditions: [] } })).toBe(true);
	});
});

describe('values', () => {
	it('reads context fields by name', () => {
		expect(evaluateNumber(field('balance'), ctx({ balance: -1234.5 }))).toBe(-1234.5);
		expect(truth(cmp('==', field('amount'), lit(777)), ctx({ amount: 777 }))).toBe(true);
	});

	it('reads parameters', () => {
		expect(evaluateNumber(param('k'), ctx(), { k: 42.5 })).toBe(42.5);
	});

	it('fails on a parameter that does not exist (bank tree, which validation does not check)', () => {
		expect(evaluateNumber(param('nope'), ctx(), { other: 1 })).toBe('Parameter not found: nope');
	});

	it('reads registers, 0 when unset, in every tree (conformance 11)', () => {
		const context = ctx({}, { bank_state_x: 12.5 });
		expect(evaluateNumber(field('bank_state_x'), context)).toBe(12.5);
		expect(evaluateNumber(field('bank_state_anything'), context)).toBe(0);
		expect(truth(cmp('==', field('bank_state_x'), lit(12.5)), context)).toBe(true);
		expect(truth(cmp('==', field('bank_state_never_set'), lit(0)), context)).toBe(true);
	});

	it('fails at run time on names that pass validation but exist in no context', () => {
		expect(truth(cmp('>', field('time_in_queue'), lit(0)))).toBe('Field not found: time_in_queue');
		expect(truth(cmp('>', field('cost_urgency'), lit(0)))).toBe('Field not found: cost_urgency');
		expect(evaluateNumber(field('overdraft_utilization'))).toBe('Field not found: overdraft_utilization');
	});

	it('asks the context for the field id of the catalogue', () => {
		const seen: number[] = [];
		const context = { field: (id: number) => (seen.push(id), id), register: () => 0 };
		expect(evaluateNumber(field('throughput_gap'), context as never)).toBe(FieldId.throughput_gap);
		expect(seen).toEqual([64]);
	});
});

describe('computations', () => {
	const bin = (op: string, left: number, right: number) =>
		computeValue({ op, left: lit(left), right: lit(right) });

	it('+ - * are plain double arithmetic', () => {
		expect(bin('+', 0.1, 0.2)).toBe(0.30000000000000004);
		expect(bin('-', 5, 7.5)).toBe(-2.5);
		expect(bin('*', 1.5, -4)).toBe(-6);
		expect(computeValue({ op: '+', left: lit(true), right: lit(1) })).toBe(2);
	});

	it('/ fails below machine epsilon only (conformance 4, 5)', () => {
		expect(bin('/', 1, 1e-17)).toBe('Division by zero in computation');
		expect(bin('/', 1, 0)).toBe('Division by zero in computation');
		expect(bin('/', 1, -2e-16)).toBe('Division by zero in computation');
		expect(bin('/', 1, 1e-12)).toBe(1e12);
		expect(bin('/', 1, 2.220446049250313e-16)).toBe(4503599627370496);
		expect(bin('/', 7, 2)).toBe(3.5);
		expect(bin('/', 0, 5)).toBe(0);
	});

	it('div0 returns the default below 1e-9 and divides otherwise (conformance 4, 5)', () => {
		const div0 = (numerator: unknown, denominator: unknown, fallback: unknown) =>
			computeValue({ op: 'div0', numerator, denominator, default: fallback });
		expect(div0(lit(1), lit(1e-17), lit(7))).toBe(7);
		expect(div0(lit(1), lit(1e-12), lit(7))).toBe(7);
		expect(div0(lit(1), lit(-5e-10), lit(-1))).toBe(-1);
		expect(div0(lit(1), lit(2e-9), lit(7))).toBeCloseTo(5e8, 0);
		expect(div0(lit(5), lit(2), lit(7))).toBe(2.5);
		expect(div0(lit(5), lit(2), lit('unused'))).toBe(2.5);
		expect(div0(lit(5), lit(0), lit('used'))).toBe('Invalid literal type: expected number');
	});

	it('max and min over arrays, empty arrays fail at run time (conformance 6)', () => {
		expect(computeValue({ op: 'max', values: [lit(3), lit(7), lit(-2)] })).toBe(7);
		expect(computeValue({ op: 'min', values: [lit(3), lit(7), lit(-2)] })).toBe(-2);
		expect(computeValue({ op: 'max', values: [lit(-4)] })).toBe(-4);
		expect(computeValue({ op: 'max', values: [] })).toBe('Empty value list for min/max computation');
		expect(computeValue({ op: 'min', values: [] })).toBe('Empty value list for min/max computation');
	});

	it('max and min skip NaN operands', () => {
		const context = ctx(INFINITE);
		expect(computeValue({ op: 'max', values: [NAN, lit(1)] }, context)).toBe(1);
		expect(computeValue({ op: 'min', values: [lit(1), NAN] }, context)).toBe(1);
		expect(computeValue({ op: 'max', values: [NAN, NAN] }, context)).toBe(-Infinity);
		expect(computeValue({ op: 'min', values: [NAN] }, context)).toBe(Infinity);
	});

	it('round breaks ties away from zero (conformance 3)', () => {
		const round = (x: number) => computeValue({ op: 'round', value: lit(x) });
		expect(round(2.5)).toBe(3);
		expect(round(-2.5)).toBe(-3);
		expect(round(0.5)).toBe(1);
		expect(round(-0.5)).toBe(-1);
		expect(round(1.4999999999999998)).toBe(1);
		expect(round(2.4)).toBe(2);
		expect(Object.is(round(-0.4), -0)).toBe(true);
		expect(round(-7)).toBe(-7);
	});

	it('ceil, floor and abs', () => {
		expect(computeValue({ op: 'ceil', value: lit(2.1) })).toBe(3);
		expect(computeValue({ op: 'ceil', value: lit(-2.9) })).toBe(-2);
		expect(computeValue({ op: 'floor', value: lit(-2.1) })).toBe(-3);
		expect(computeValue({ op: 'floor', value: lit(2.9) })).toBe(2);
		expect(computeValue({ op: 'abs', value: lit(-3.25) })).toBe(3.25);
	});

	it('clamp is minNum(maxNum(value, min), max)', () => {
		const clamp = (value: unknown, min: unknown, max: unknown) =>
			computeValue({ op: 'clamp', value, min, max });
		expect(clamp(lit(5), lit(0), lit(3))).toBe(3);
		expect(clamp(lit(-1), lit(0), lit(3))).toBe(0);
		expect(clamp(lit(2), lit(0), lit(3))).toBe(2);
		expect(clamp(lit(5), lit(10), lit(3))).toBe(3);
		const context = ctx(INFINITE);
		expect(computeValue({ op: 'clamp', value: NAN, min: lit(0), max: lit(3) }, context)).toBe(0);
		expect(computeValue({ op: 'clamp', value: lit(5), min: NAN, max: lit(3) }, context)).toBe(3);
		expect(computeValue({ op: 'clamp', value: lit(5), min: lit(0), max: NAN }, context)).toBe(5);
	});

	it('nests computations and mixes fields and parameters', () => {
		const nested = {
			op: '*',
			left: compute({ op: '-', left: field('balance'), right: param('buffer') }),
			right: compute({ op: 'max', values: [lit(0.5), field('collateral_haircut')] })
		};
		expect(computeValue(nested, ctx({ balance: 1000, collateral_haircut: 0.02 }), { buffer: 200 })).toBe(400);
	});

	it('evaluates clamp and div0 operands in order, stopping at the first error', () => {
		expect(
			computeValue({
				op: 'clamp',
				value: lit('a'),
				min: compute({ op: '/', left: lit(1), right: lit(1e-20) }),
				max: lit(1)
			})
		).toBe('Invalid literal type: expected number');
		expect(
			computeValue({
				op: 'div0',
				numerator: compute({ op: 'max', values: [] }),
				denominator: lit('x'),
				default: lit(1)
			})
		).toBe('Empty value list for min/max computation');
	});
});
