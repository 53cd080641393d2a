/**
 * A scenario file (YAML text) checked and run in the engine worker: the loader turns it into the
 * engine configuration, resolving policy files through the given resolver, then the stepped run
 * takes over. Nothing here touches the DOM or Node.
 */
import { loadScenario, type Diagnostic, type ResolveFile } from '../config';
import { runEngineConfig, type EngineRunProgress, type EngineRunResult } from './engine-config-run';
import type { CancelToken } from './placeholder-job';

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
}

export type ScenarioRunOutcome =
	| { ok: true; run: EngineRunResult; warnings: Diagnostic[] }
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
	cancel: CancelToken,
	onProgress: (progress: EngineRunProgress) => void,
	yieldToEventLoop: () => Promise<void>
): Promise<ScenarioRunOutcome> {
	const loaded = await loadScenario(source.text, {
		fileName: source.fileName,
		resolveFile,
		seed: options.seed
	});
	if (!loaded.ok) return { ok: false, errors: loaded.errors, warnings: loaded.warnings };
	const run = await runEngineConfig(
		loaded.config,
		{ ticks: options.ticks },
		cancel,
		onProgress,
		yieldToEventLoop
	);
	return { ok: true, run, warnings: loaded.warnings };
}
