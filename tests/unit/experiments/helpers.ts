/** Shared helpers of the experiment tests: fixture files, loading, runs with the search proposer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolveFile } from '../../../src/lib/config';
import {
	createSearchProposer,
	loadExperiment,
	MemoryRecorder,
	runExperiment,
	type ExperimentConfig,
	type LoadExperimentOptions,
	type PolicyDocument,
	type RunExperimentOptions
} from '../../../src/lib/experiments';
import type { LoadedScenario } from '../../../src/lib/experiments/load-experiment';

export const EXPERIMENT_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'experiments');

export const CASTRO = {
	exp1: 'castro/experiments/exp1.yaml',
	exp2: 'castro/experiments/exp2.yaml',
	exp3: 'castro/experiments/exp3.yaml'
} as const;

/** Reads fixture files by their path below tests/fixtures/experiments; extra files shadow them. */
export function fixtureResolver(extra: Record<string, string> = {}): ResolveFile {
	return (path) => {
		if (Object.hasOwn(extra, path)) return extra[path];
		try {
			return readFileSync(join(EXPERIMENT_FIXTURES, path), 'utf8');
		} catch {
			return null;
		}
	};
}

export function fixtureText(path: string): string {
	return readFileSync(join(EXPERIMENT_FIXTURES, path), 'utf8');
}

export interface Loaded {
	experiment: ExperimentConfig;
	scenario: LoadedScenario;
	text: string;
}

/** Loads an experiment file (a fixture path, or `text` under that name); fails the test on errors. */
export async function load(
	fileName: string,
	options: Partial<LoadExperimentOptions> & { text?: string; files?: Record<string, string> } = {}
): Promise<Loaded> {
	const { text, files, ...rest } = options;
	const result = await loadExperiment(text ?? fixtureText(fileName), {
		fileName,
		resolveFile: fixtureResolver(files),
		...rest
	});
	if (!result.ok)
		throw new Error(result.errors.map((e) => `${e.file}:${e.line}: ${e.path}: ${e.message}`).join('\n'));
	return { experiment: result.experiment, scenario: result.scenario, text: result.text };
}

/** A fixed clock, so that two runs record identical data. */
export const FIXED_CLOCK = () => new Date(Date.UTC(2025, 11, 16, 12, 0, 0));

/** Runs an experiment with the search proposer and a memory recorder. */
export async function runSearch(loaded: Loaded, options: Partial<RunExperimentOptions> = {}) {
	const recorder = (options.recorder as MemoryRecorder | undefined) ?? new MemoryRecorder();
	const settings = loaded.experiment.optimizer;
	if (settings.kind !== 'search') throw new Error('expected the search optimizer');
	const result = await runExperiment({
		experiment: loaded.experiment,
		scenario: loaded.scenario,
		experimentText: loaded.text,
		proposer: createSearchProposer(settings),
		experimentId: `${loaded.experiment.name}-test`,
		now: FIXED_CLOCK,
		...options,
		recorder
	});
	return { result, recorder };
}

export function fraction(policy: PolicyDocument): number {
	return (policy.parameters as Record<string, number>).initial_liquidity_fraction;
}
