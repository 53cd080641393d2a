import { describe, expect, it } from 'vitest';
import {
	centre,
	formatCount,
	formatDictRepr,
	formatFixed,
	formatFloatRepr,
	formatStringRepr
} from '../../../src/lib/replay/python-format';

describe("Python's fixed-point format ('.Nf')", () => {
	it('rounds exact binary ties to even, unlike toFixed', () => {
		expect(formatFixed(0.5, 0)).toBe('0');
		expect(formatFixed(1.5, 0)).toBe('2');
		expect(formatFixed(2.5, 0)).toBe('2');
		expect(formatFixed(0.25, 1)).toBe('0.2');
		expect(formatFixed(0.75, 1)).toBe('0.8');
		expect((2.5).toFixed(0)).toBe('3');
	});

	it('rounds non-ties by the exact binary value', () => {
		// 2.675 is stored just below 2.675; 1.005 likewise.
		expect(formatFixed(2.675, 2)).toBe('2.67');
		expect(formatFixed(1.005, 2)).toBe('1.00');
		expect(formatFixed(97.84946236559139, 1)).toBe('97.8');
		expect(formatFixed(99.95, 1)).toBe('100.0');
	});

	it('keeps the sign of negative values, also when they round to zero', () => {
		expect(formatFixed(-12.345, 1)).toBe('-12.3');
		expect(formatFixed(-0.04, 1)).toBe('-0.0');
		expect(formatFixed(-0, 1)).toBe('-0.0');
		expect(formatFixed(0, 1)).toBe('0.0');
	});

	it('spells non-finite values and prints huge ones in full', () => {
		expect(formatFixed(NaN, 1)).toBe('nan');
		expect(formatFixed(Infinity, 1)).toBe('inf');
		expect(formatFixed(-Infinity, 2)).toBe('-inf');
		expect(formatFixed(1e22, 1)).toBe('10000000000000000000000.0');
	});

	it('groups counts by thousands', () => {
		expect(formatCount(0)).toBe('0');
		expect(formatCount(999)).toBe('999');
		expect(formatCount(1234)).toBe('1,234');
		expect(formatCount(-1234567)).toBe('-1,234,567');
	});
});

describe("Python's float repr", () => {
	it('adds .0 to integral values and keeps shortest digits', () => {
		expect(formatFloatRepr(0)).toBe('0.0');
		expect(formatFloatRepr(-0)).toBe('-0.0');
		expect(formatFloatRepr(42)).toBe('42.0');
		expect(formatFloatRepr(-3.5)).toBe('-3.5');
		expect(formatFloatRepr(0.1)).toBe('0.1');
		expect(formatFloatRepr(1234567890123456)).toBe('1234567890123456.0');
	});

	it('switches to exponent form below 1e-4 and from 1e16', () => {
		expect(formatFloatRepr(0.0001)).toBe('0.0001');
		expect(formatFloatRepr(0.00001)).toBe('1e-05');
		expect(formatFloatRepr(0.000015)).toBe('1.5e-05');
		expect(formatFloatRepr(1e16)).toBe('1e+16');
		expect(formatFloatRepr(1.5e16)).toBe('1.5e+16');
		expect(formatFloatRepr(1e100)).toBe('1e+100');
	});

	it('spells non-finite values', () => {
		expect(formatFloatRepr(NaN)).toBe('nan');
		expect(formatFloatRepr(Infinity)).toBe('inf');
		expect(formatFloatRepr(-Infinity)).toBe('-inf');
	});
});

describe("Python's dict and str repr", () => {
	it('quotes strings with single quotes unless they hold one', () => {
		expect(formatStringRepr('BANK_A')).toBe("'BANK_A'");
		expect(formatStringRepr("it's")).toBe('"it\'s"');
		expect(formatStringRepr('say "x" it\'s')).toBe("'say \"x\" it\\'s'");
		expect(formatStringRepr('a\\b\nc\t\u0001')).toBe("'a\\\\b\\nc\\t\\x01'");
		expect(formatStringRepr('é→')).toBe("'é→'");
	});

	it('prints a flat dict with ints, floats, booleans and None', () => {
		const floats = new Set(['multiplier', 'old_rate']);
		expect(
			formatDictRepr(
				{ agent: 'A', amount: 150000, multiplier: 2, old_rate: null, settled: false, flag: true },
				(key) => floats.has(key)
			)
		).toBe(
			"{'agent': 'A', 'amount': 150000, 'multiplier': 2.0, 'old_rate': None, 'settled': False, 'flag': True}"
		);
		expect(formatDictRepr({}, () => false)).toBe('{}');
	});

	it('centres with the odd space on the right', () => {
		expect(centre('END OF DAY 0 SUMMARY', 64)).toBe(' '.repeat(22) + 'END OF DAY 0 SUMMARY' + ' '.repeat(22));
		expect(centre('END OF DAY 10 SUMMARY', 64)).toBe(
			' '.repeat(21) + 'END OF DAY 10 SUMMARY' + ' '.repeat(22)
		);
	});
});
