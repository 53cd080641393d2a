/** "Did you mean …": the closest known name to a misspelt one. */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = Array.from({ length: rows }, (_, i) =>
		Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
	);
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
			}
		}
	}
	return d[a.length][b.length];
}

/**
 * Names that SimCash's documentation or example files use for a setting that is spelt differently (or lives
 * elsewhere) in the schema; edit distance alone would not find them. Same-level renames apply only where
 * the target is a known key; the others point elsewhere and apply anywhere.
 */
const SAME_LEVEL_RENAMES: Readonly<Record<string, string>> = {
	threshold_ticks: 'start_escalating_at_ticks',
	parameters: 'params',
	max_collateral: 'max_collateral_capacity',
	seed: 'rng_seed',
	rate: 'lambda'
};

const ELSEWHERE: Readonly<Record<string, string>> = {
	lsm_enabled: 'lsm_config (top level)',
	lsm_frequency_ticks: 'lsm_config (top level)',
	cost_model: 'cost_rates',
	overdraft_rate: 'cost_rates.overdraft_bps_per_tick',
	delay_cost_per_tick: 'cost_rates.delay_cost_per_tick_per_cent'
};

/**
 * The known name closest to `name` when it is close enough to be a plausible misspelling (case is ignored;
 * at most about a third of the letters differ), or a known rename.
 */
export function suggestName(name: string, known: readonly string[]): string | undefined {
	if (Object.hasOwn(SAME_LEVEL_RENAMES, name) && known.includes(SAME_LEVEL_RENAMES[name]))
		return SAME_LEVEL_RENAMES[name];
	if (Object.hasOwn(ELSEWHERE, name)) return ELSEWHERE[name];
	const lower = name.toLowerCase();
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of known) {
		const distance = editDistance(lower, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	const limit = Math.max(2, Math.floor(name.length / 3));
	return best !== undefined && bestDistance <= limit && bestDistance < name.length ? best : undefined;
}
