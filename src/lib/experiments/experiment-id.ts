/**
 * Identifiers: an experiment run is `{name}-{yyyymmdd}-{hhmmss}-{hex6}` (UTC, like the store's run ids), and
 * its simulations have structured ids `{experiment_id}-iter{N}-{purpose}[-sample{M}]`, N 0-based.
 */

export type SimulationPurpose = 'initial' | 'evaluation' | 'bootstrap' | 'final';

function twoDigits(n: number): string {
	return String(n).padStart(2, '0');
}

function randomHex6(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(3));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function experimentRunId(name: string, at: Date, suffix: string = randomHex6()): string {
	const date = `${at.getUTCFullYear()}${twoDigits(at.getUTCMonth() + 1)}${twoDigits(at.getUTCDate())}`;
	const time = `${twoDigits(at.getUTCHours())}${twoDigits(at.getUTCMinutes())}${twoDigits(at.getUTCSeconds())}`;
	return `${name}-${date}-${time}-${suffix}`;
}

/** Bootstrap runs carry their sample index; no other purpose does. */
export function experimentSimulationId(
	experimentId: string,
	iteration: number,
	purpose: SimulationPurpose,
	sample?: number
): string {
	const base = `${experimentId}-iter${iteration}-${purpose}`;
	return purpose === 'bootstrap' ? `${base}-sample${sample ?? 0}` : base;
}
