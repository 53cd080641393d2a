/** Integer conversions of the original's Rust `as` casts, and rounding (spec §8, §9). */
import { describe, expect, it } from 'vitest';
import {
	clamp,
	maxNum,
	minNum,
	roundHalfAwayFromZero,
	toI64,
	toPriorityU8,
	toU64
} from '$lib/policy/numeric';

describe('conversions', () => {
	it('toI64 truncates toward zero, maps NaN to 0 and saturates', () => {
		expect(toI64(1000.99)).toBe(1000);
		expect(toI64(-1000.99)).toBe(-1000);
		expect(Object.is(toI64(-0.5), 0)).toBe(true);
		expect(toI64(NaN)).toBe(0);
		expect(toI64(Infinity)).toBe(2 ** 63);
		expect(toI64(-Infinity)).toBe(-(2 ** 63));
		expect(toI64(1e30)).toBe(2 ** 63);
	});

	it('toU64 truncates, maps NaN and negatives to 0 and saturates', () => {
		expect(toU64(2.9)).toBe(2);
		expect(toU64(-3)).toBe(0);
		expect(toU64(NaN)).toBe(0);
		expect(toU64(Infinity)).toBe(2 ** 64);
		expect(toU64(2 ** 60 + 0.5)).toBe(2 ** 60);
	});

	it('toPriorityU8 clamps to [0, 255] before truncating', () => {
		expect(toPriorityU8(300)).toBe(255);
		expect(toPriorityU8(255.9)).toBe(255);
		expect(toPriorityU8(-1)).toBe(0);
		expect(toPriorityU8(9.99)).toBe(9);
		expect(toPriorityU8(NaN)).toBe(0);
	});
});

describe('rounding and IEEE min/max', () => {
	it('rounds halves away from zero', () => {
		expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, -2.5001].map(roundHalfAwayFromZero)).toEqual([
			1, 2, 3, -1, -2, -3, 2, -3
		]);
		expect(roundHalfAwayFromZero(2 ** 53)).toBe(2 ** 53);
		expect(Number.isNaN(roundHalfAwayFromZero(NaN))).toBe(true);
	});

	it('maxNum and minNum let numbers win over NaN', () => {
		expect(maxNum(NaN, 2)).toBe(2);
		expect(maxNum(2, NaN)).toBe(2);
		expect(minNum(NaN, -2)).toBe(-2);
		expect(Number.isNaN(maxNum(NaN, NaN))).toBe(true);
		expect(clamp(NaN, NaN, NaN)).toBeNaN();
	});
});
