/** The replay page's balance chart frame: whole-number ticks on both axes, whatever the run's length. */
import { expect, test } from 'vitest';
import { balanceFrame } from '../../../src/routes/replay/balance-frame';

test('a 2-tick run gets the x ticks 0 and 1, not fractions of a tick', () => {
	expect(balanceFrame(1, 5000, 20_000).xTicks).toEqual([0, 1]);
});

test('a 1000-tick run gets round x ticks, and balances round y ticks including zero', () => {
	const frame = balanceFrame(999, -250_000, 1_000_000);
	expect(frame.xTicks).toEqual([0, 200, 400, 600, 800]);
	expect(frame.yTicks).toContain(0);
	expect(frame.yTicks.every(Number.isInteger)).toBe(true);
});

test('balances a few cents apart still get whole-cent y ticks', () => {
	expect(balanceFrame(10, 0, 2).yTicks.every(Number.isInteger)).toBe(true);
});
