/**
 * The frame of the replay page's balance chart: ticks along x, balances (possibly negative) along y
 * with round, whole-number tick values, zero included so that overdrafts read at a glance.
 */
export const WIDTH = 640;
export const HEIGHT = 240;
export const MARGIN = { top: 12, right: 16, bottom: 30, left: 84 } as const;
export const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
export const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
export const COLOURS = [
	'#2454c5',
	'#c2410c',
	'#15803d',
	'#7e22ce',
	'#0e7490',
	'#a16207',
	'#be185d',
	'#4d7c0f'
];

export interface BalanceFrame {
	x: (tick: number) => number;
	y: (cents: number) => number;
	xTicks: number[];
	yTicks: number[];
}

/** 1, 2 or 5 times a power of ten, the smallest such step giving at most `count` intervals. */
function niceStep(span: number, count: number): number {
	const raw = span / count;
	const power = 10 ** Math.floor(Math.log10(raw));
	return ([1, 2, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
}

export function balanceFrame(lastTick: number, minCents: number, maxCents: number): BalanceFrame {
	const low = Math.min(0, minCents);
	const high = Math.max(0, maxCents, low + 1);
	// Ticks and cents are whole numbers: so are the steps (a 2-tick run gets 0 and 1, not 0.2, 0.4, …).
	const yStep = Math.max(1, niceStep(high - low, 4));
	const yMin = Math.floor(low / yStep) * yStep;
	const yMax = Math.ceil(high / yStep) * yStep;
	const xMax = Math.max(1, lastTick);
	const xStep = Math.max(1, niceStep(xMax, 8));
	return {
		x: (tick) => MARGIN.left + (tick / xMax) * PLOT_WIDTH,
		y: (cents) => MARGIN.top + PLOT_HEIGHT - ((cents - yMin) / (yMax - yMin)) * PLOT_HEIGHT,
		xTicks: Array.from({ length: Math.floor(xMax / xStep) + 1 }, (_, i) => i * xStep),
		yTicks: Array.from({ length: Math.round((yMax - yMin) / yStep) + 1 }, (_, i) => yMin + i * yStep)
	};
}
