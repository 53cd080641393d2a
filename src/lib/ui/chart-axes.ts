/**
 * The frame shared by the by-iteration charts: one size and margin, iterations along x from 0, values
 * along y from 0 to a maximum, and the tick positions of both axes, so every chart reads the same way.
 */

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;
export const CHART_MARGIN = { top: 16, right: 20, bottom: 36, left: 72 } as const;
export const PLOT_WIDTH = CHART_WIDTH - CHART_MARGIN.left - CHART_MARGIN.right;
export const PLOT_HEIGHT = CHART_HEIGHT - CHART_MARGIN.top - CHART_MARGIN.bottom;
export const SERIES_COLOURS = ['#2454c5', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#a16207'];

/** At most this many labelled iterations, so long runs stay legible. */
const MAX_X_TICKS = 10;

export interface IterationFrame {
	x: (iteration: number) => number;
	y: (value: number) => number;
	xTicks: number[];
	yTicks: number[];
}

export function iterationFrame(lastIteration: number, maxValue: number, yTickCount = 4): IterationFrame {
	const xMax = Math.max(1, lastIteration);
	const yMax = maxValue > 0 ? maxValue : 1;
	const xStep = Math.max(1, Math.ceil(xMax / MAX_X_TICKS));
	return {
		x: (iteration) => CHART_MARGIN.left + (iteration / xMax) * PLOT_WIDTH,
		y: (value) => CHART_MARGIN.top + PLOT_HEIGHT - (value / yMax) * PLOT_HEIGHT,
		xTicks: Array.from({ length: Math.floor(xMax / xStep) + 1 }, (_, i) => i * xStep),
		yTicks: Array.from({ length: yTickCount + 1 }, (_, i) => (yMax * i) / yTickCount)
	};
}

export function seriesColour(index: number): string {
	return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

const SERIES_DASHES = [undefined, '7 4', '2 3', '10 3 2 3'];

/**
 * Line width of series `index` of `count`: earlier series are drawn wider, so a line another one
 * covers exactly (two banks with the same costs) still shows at its edges.
 */
export function seriesWidth(index: number, count: number): number {
	return 2 + 1.5 * (count - 1 - index);
}

/** Dash pattern of series `index` (the first is solid): lines differ by more than their colour. */
export function seriesDash(index: number): string | undefined {
	return SERIES_DASHES[index % SERIES_DASHES.length];
}

/** CSS background of a legend swatch: the series' colour, with its dashes. */
export function swatchBackground(index: number): string {
	const colour = seriesColour(index);
	const dash = seriesDash(index);
	if (dash === undefined) return colour;
	const [on, off] = dash.split(' ').map(Number);
	return `repeating-linear-gradient(90deg, ${colour} 0 ${on}px, transparent ${on}px ${on + off}px)`;
}
