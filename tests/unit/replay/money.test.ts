import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyChange, formatSignedMoney } from '../../../src/lib/replay/money';
import { formatFixed, groupThousands } from '../../../src/lib/replay/python-format';

describe('money as the original prints it ($ then cents / 100 with separators and two decimals)', () => {
	it('follows the spec examples', () => {
		expect(formatMoney(-50000)).toBe('$-500.00');
		expect(formatMoney(123456789)).toBe('$1,234,567.89');
	});

	it('prints zero, one cent and negative cents', () => {
		expect(formatMoney(0)).toBe('$0.00');
		expect(formatMoney(-0)).toBe('$0.00');
		expect(formatMoney(1)).toBe('$0.01');
		expect(formatMoney(-1)).toBe('$-0.01');
		expect(formatMoney(-5)).toBe('$-0.05');
		expect(formatMoney(99)).toBe('$0.99');
		expect(formatMoney(100)).toBe('$1.00');
	});

	it('groups thousands, negative amounts included', () => {
		expect(formatMoney(99_999)).toBe('$999.99');
		expect(formatMoney(100_000)).toBe('$1,000.00');
		expect(formatMoney(-123_456_789)).toBe('$-1,234,567.89');
		expect(formatMoney(100_000_000_000)).toBe('$1,000,000,000.00');
	});

	it('prints the largest safe amounts as Python does from the double cents / 100', () => {
		// 2^53 − 1 cents: the double nearest to 90071992547409.91 is 90071992547409.90625, whose two-decimal
		// rounding is .91.
		expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
		// 7036874417766413 / 100 is stored as 70368744177664.125 exactly, a tie: Python rounds to even (.12)
		// where a round-half-up would print .13.
		expect(7036874417766413 / 100).toBe(70368744177664.125);
		expect(formatMoney(7036874417766413)).toBe('$70,368,744,177,664.12');
		expect(formatMoney(-7036874417766413)).toBe('$-70,368,744,177,664.12');
	});

	it('prints half cents (non-integer input) with round-half-even on the binary value', () => {
		// 0.125 and 0.375 are exact in binary: ties, rounded to the even digit.
		expect(formatMoney(12.5)).toBe('$0.12');
		expect(formatMoney(37.5)).toBe('$0.38');
		expect(formatMoney(0.4)).toBe('$0.00');
	});

	it('prints changes with a plus on gains and net positions with the sign first', () => {
		expect(formatMoneyChange(500)).toBe('+$5.00');
		expect(formatMoneyChange(-1200)).toBe('$-12.00');
		expect(formatMoneyChange(0)).toBe('$0.00');
		expect(formatSignedMoney(10000)).toBe('+$100.00');
		expect(formatSignedMoney(-20000)).toBe('-$200.00');
		expect(formatSignedMoney(0)).toBe('$0.00');
	});
});

describe('money: the integer shortcut agrees with the exact rounding', () => {
	it('gives the same text as rounding cents / 100 exactly, around the shortcut limit and at random', () => {
		const limit = 2 ** 51;
		const samples = [limit - 1, limit - 99, -(limit - 1), 1_000_000_007, 123_456_789_012_345];
		let seed = 12345;
		for (let i = 0; i < 2000; i++) {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			samples.push(Math.floor((seed / 2 ** 31) * 2 ** 40) * (i % 2 === 0 ? 1 : -1));
		}
		for (const cents of samples) {
			expect(formatMoney(cents)).toBe(`$${groupThousands(formatFixed(cents / 100, 2))}`);
		}
	});
});
