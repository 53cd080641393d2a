/**
 * Statistics over per-sample costs (spec §7.2), in integer cents: the integer mean, the sample standard
 * deviation and the 95 % confidence interval from Student's t, each truncated as SimCash truncates them.
 */

/** Two-tailed 0.975 critical values of Student's t by degrees of freedom (SimCash's table). */
const T_CRITICAL: ReadonlyArray<readonly [number, number]> = [
	[1, 12.706],
	[2, 4.303],
	[3, 3.182],
	[4, 2.776],
	[5, 2.571],
	[6, 2.447],
	[7, 2.365],
	[8, 2.306],
	[9, 2.262],
	[10, 2.228],
	[15, 2.131],
	[20, 2.086],
	[25, 2.06],
	[30, 2.042],
	[40, 2.021],
	[50, 2.009],
	[60, 2.0],
	[80, 1.99],
	[100, 1.984]
];

const T_LARGE_SAMPLE = 1.96;

/** t for `degrees` degrees of freedom: the table's value at the largest listed df not above it. */
export function tCritical(degrees: number): number {
	if (degrees > 100) return T_LARGE_SAMPLE;
	let value = T_CRITICAL[0][1];
	for (const [df, t] of T_CRITICAL) if (df <= degrees) value = t;
	return value;
}

export interface CostStatistics {
	/** Integer mean (truncated), cents. */
	mean: number;
	/** Sample standard deviation (N − 1), truncated; null below two samples. */
	stdDev: number | null;
	ci95Lower: number | null;
	ci95Upper: number | null;
	/** Coefficient of variation, std / mean; null without a standard deviation or with a zero mean. */
	cv: number | null;
	samples: number;
}

/** Truncated mean of integer costs; 0 for no samples. */
export function integerMean(costs: readonly number[]): number {
	if (costs.length === 0) return 0;
	return Math.trunc(costs.reduce((sum, cost) => sum + cost, 0) / costs.length);
}

export function costStatistics(costs: readonly number[]): CostStatistics {
	const samples = costs.length;
	const mean = integerMean(costs);
	if (samples < 2) return { mean, stdDev: null, ci95Lower: null, ci95Upper: null, cv: null, samples };
	const exactMean = costs.reduce((sum, cost) => sum + cost, 0) / samples;
	const variance = costs.reduce((sum, cost) => sum + (cost - exactMean) ** 2, 0) / (samples - 1);
	const std = Math.sqrt(variance);
	const halfWidth = (tCritical(samples - 1) * std) / Math.sqrt(samples);
	return {
		mean,
		stdDev: Math.trunc(std),
		ci95Lower: Math.trunc(exactMean - halfWidth),
		ci95Upper: Math.trunc(exactMean + halfWidth),
		cv: exactMean === 0 ? null : std / exactMean,
		samples
	};
}
