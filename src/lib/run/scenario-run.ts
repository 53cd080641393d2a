/**
 * A scenario file (YAML text) checked and run in the engine worker: the loader turns it into the
 * engine configuration, resolving policy files through the given resolver, then the stepped run
 * takes over, storing the run through the sink at the persistence level asked for. Nothing here
 * touches the DOM or Node.
 */
import { loadScenario, type Diagnostic, type ResolveFile } from '../config';
import type { PersistenceLevel } from '../store/persistence-level';
import type { StoreSink } from '../store/store-sink';
import type { EngineRunResult } from './engine-config-run';
import { runSimulation, type SimulationRunProgress } from './simulation-run';
import type { CancelToken } from './stepping';

export interface ScenarioSource {
	text: string;
	/** The file's path; policy files are resolved from its folder, and diagnostics name it. */
	fileName: string;
}

export interface ScenarioCheck {
	errors: Diagnostic[];
	warnings: Diagnostic[];
}

export interface ScenarioRunOptions {
	seed?: number;
	ticks?: number;
	/** What to store of the run (default none). */
	persist?: PersistenceLevel;
}

export interface ScenarioRunResult extends EngineRunResult {
	persist: PersistenceLevel;
}

export type ScenarioRunOutcome =
	| { ok: true; run: ScenarioRunResult; warnings: Diagnostic[] }
	| { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

export async function checkScenario(
	source: ScenarioSource,
	resolveFile: ResolveFile
): Promise<ScenarioCheck> {
	const result = await loadScenario(source.text, { fileName: source.fileName, resolveFile });
	return { errors: result.ok ? [] : result.errors, warnings: result.warnings };
}

export async function runScenario(
	source: ScenarioSource,
	options: ScenarioRunOptions,
	resolveFile: ResolveFile,
	sink: StoreSink | null,
	cancel: CancelToken,
	onProgress: (progress: SimulationRunProgress) => void,
	yieldToEventLoop: () => Promise<void>
): Promise<ScenarioRunOutcome> {
	const loaded = await loadScenario(source.text, {
		fileName: source.fileName,
		resolveFile,
		seed: options.seed
	});
	if (!loaded.ok) return { ok: false, errors: loaded.errors, warnings: loaded.warnings };
	const result = await runSimulation(
		{
			config: loaded.config,
			scenarioName: source.fileName,
			scenarioText: source.text,
			ticks: options.ticks,
			persist: options.persist ?? 'none'
		},
		sink,
		cancel,
		onProgress,
		yieldToEventLoop
	);
	const run: ScenarioRunResult = {
		simulationId: result.simulationId,
		persist: result.persist,
		status: result.status,
		finalJson: result.finalJson,
		ticksDone: result.ticksDone,
		events: result.events,
		engineMs: result.engineMs,
		totalMs: result.totalMs
	};
	return { ok: true, run, warnings: loaded.warnings };
}
