/** How chart series are told apart: colour, then dash pattern, then width for lines that coincide. */
import { expect, test } from 'vitest';
import { seriesColour, seriesDash, seriesWidth, swatchBackground } from '../../../src/lib/ui/chart-axes';

test('the first series is solid, the next ones dashed, each differently', () => {
	expect(seriesDash(0)).toBeUndefined();
	const dashes = [1, 2, 3].map(seriesDash);
	expect(dashes.every((d) => d !== undefined && /^\d+( \d+)+$/.test(d))).toBe(true);
	expect(new Set(dashes).size).toBe(3);
});

test('earlier series are wider, so a line covered by a later one still shows', () => {
	expect([0, 1, 2].map((i) => seriesWidth(i, 3))).toEqual([5, 3.5, 2]);
	expect(seriesWidth(0, 1)).toBe(2);
});

test('a legend swatch shows the colour, dashed as its line is', () => {
	expect(swatchBackground(0)).toBe(seriesColour(0));
	expect(swatchBackground(1)).toBe(
		`repeating-linear-gradient(90deg, ${seriesColour(1)} 0 7px, transparent 7px 11px)`
	);
});
