/**
 * Simulation ids. Runs of an experiment have structured ids, `{experiment_id}-iter{N}-{purpose}` plus
 * `-sample{M}` for bootstrap samples, so that a run names its experiment, iteration and role; a
 * standalone run gets a readable unique id, `sim-{scenario}-{yyyymmdd}-{hhmmss}-{hex6}`.
 */
import { RUN_PURPOSES } from './schema';

export type RunPurpose = (typeof RUN_PURPOSES)[number];
export type ExperimentRunPurpose = Exclude<RunPurpose, 'standalone'>;

export interface ExperimentRunRef {
	experimentId: string;
	iteration: number;
	purpose: ExperimentRunPurpose;
	/** Bootstrap samples only. */
	sampleIndex?: number;
}

const STRUCTURED = /^(.+)-iter(\d+)-([a-z]+)(?:-sample(\d+))?$/;

export function experimentSimulationId(ref: ExperimentRunRef): string {
	if (!Number.isSafeInteger(ref.iteration) || ref.iteration < 0)
		throw new RangeError(`iteration must be a non-negative integer, got ${ref.iteration}`);
	const hasSample = ref.sampleIndex !== undefined;
	if (hasSample !== (ref.purpose === 'bootstrap'))
		throw new RangeError('a sample index is given for bootstrap runs and only for them');
	if (hasSample && (!Number.isSafeInteger(ref.sampleIndex) || (ref.sampleIndex as number) < 0))
		throw new RangeError(`sample index must be a non-negative integer, got ${ref.sampleIndex}`);
	const base = `${ref.experimentId}-iter${ref.iteration}-${ref.purpose}`;
	return hasSample ? `${base}-sample${ref.sampleIndex}` : base;
}

/** The parts of a structured id, or null when `id` is not one. */
export function parseExperimentSimulationId(id: string): ExperimentRunRef | null {
	const match = STRUCTURED.exec(id);
	if (!match) return null;
	const purpose = match[3] as ExperimentRunPurpose;
	if (!(RUN_PURPOSES as readonly string[]).includes(purpose) || (purpose as RunPurpose) === 'standalone')
		return null;
	if ((match[4] !== undefined) !== (purpose === 'bootstrap')) return null;
	return {
		experimentId: match[1],
		iteration: Number(match[2]),
		purpose,
		...(match[4] !== undefined ? { sampleIndex: Number(match[4]) } : {})
	};
}

/** A file name reduced to what ids may hold: its stem, lower case, [a-z0-9_] only. */
export function idStem(fileName: string): string {
	const base = fileName.split(/[\\/]/).pop() ?? fileName;
	const stem = base.replace(/\.[^.]*$/, '').toLowerCase();
	const cleaned = stem.replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
	return (cleaned || 'run').slice(0, 40);
}

function twoDigits(n: number): string {
	return String(n).padStart(2, '0');
}

/** `yyyymmdd-hhmmss` in UTC. */
export function compactUtcTime(date: Date): string {
	return (
		`${date.getUTCFullYear()}${twoDigits(date.getUTCMonth() + 1)}${twoDigits(date.getUTCDate())}-` +
		`${twoDigits(date.getUTCHours())}${twoDigits(date.getUTCMinutes())}${twoDigits(date.getUTCSeconds())}`
	);
}

/** Six lowercase hex digits from the platform's cryptographic random source. */
export function randomHex6(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(3));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A standalone run's id. `at` and `suffix` default to now and a random hex6; tests pass both to
 * get a deterministic id.
 */
export function standaloneSimulationId(
	scenarioName: string,
	at: Date = new Date(),
	suffix: string = randomHex6()
): string {
	return `sim-${idStem(scenarioName)}-${compactUtcTime(at)}-${suffix}`;
}
