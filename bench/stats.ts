/** One measured figure of `npm run bench`. */
export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	/** What was measured on (scenario, data size). */
	subject?: string;
	/** The individual runs the value is the median of. */
	runs?: number[];
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
