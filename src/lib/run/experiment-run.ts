/**
 * An experiment file run in the engine worker: loaded with its scenario (files resolved by the given
 * resolver), run by the optimisation loop with the chosen proposer, every step stored through the sink
 * (the StoreRecorder's transactions), and each iteration reported as it grows. The LLM's API key goes
 * to the proposer only: no record, row or progress report holds it. An interrupted experiment, read back
 * from the database by `loadStoredExperiment`, continues after its last committed iteration.
 */
import type { Diagnostic, ResolveFile } from '../config';
import {
	createProposer,
	loadExperiment,
	runExperiment,
	teeRecorder,
	type ExperimentResult,
	type OptimizerKind,
	type OptimizerSettings
} from '../experiments';
import { ProgressRecorder, type IterationProgress } from '../experiments/progress-recorder';
import { isResumableStatus, StoreRecorder, type StoredExperiment } from '../experiments/store-recorder';
import type { StoreSink } from '../store/store-sink';
import type { CancelToken } from './stepping';

export interface ExperimentSource {
	text: string;
	/** The file's path; the scenario is resolved from its folder, and diagnostics name it. */
	fileName: string;
}

export interface LlmEndpoint {
	/** Base URL of an OpenAI-compatible API; empty keeps the file's. */
	baseUrl: string;
	/** Empty keeps the file's. */
	model: string;
	apiKey: string;
}

export interface ExperimentRunOptions {
	/** Replaces the file's optimizer kind (default: the file's, else search). */
	optimizer?: OptimizerKind;
	maxIterations?: number;
	llm?: LlmEndpoint;
}

export type ExperimentRunOutcome =
	| { ok: true; result: ExperimentResult; warnings: Diagnostic[] }
	| { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** A cancel token that also aborts a signal, for code that stops on an AbortSignal. */
export function abortableCancelToken(): { cancelled: boolean; readonly signal: AbortSignal } {
	const controller = new AbortController();
	return {
		get cancelled() {
			return controller.signal.aborted;
		},
		set cancelled(value: boolean) {
			if (value) controller.abort();
		},
		signal: controller.signal
	};
}

function withEndpoint(settings: OptimizerSettings, llm: LlmEndpoint | undefined): OptimizerSettings {
	if (settings.kind !== 'llm' || llm === undefined) return settings;
	return {
		...settings,
		baseUrl: llm.baseUrl.trim() || settings.baseUrl,
		model: llm.model.trim() || settings.model
	};
}

export async function runExperimentFile(
	source: ExperimentSource,
	options: ExperimentRunOptions,
	resolveFile: ResolveFile,
	sink: StoreSink,
	cancel: CancelToken & { readonly signal: AbortSignal },
	onProgress: (progress: IterationProgress) => void,
	yieldToEventLoop: () => Promise<void>
): Promise<ExperimentRunOutcome> {
	const loaded = await loadExperiment(source.text, {
		fileName: source.fileName,
		resolveFile,
		...(options.optimizer === undefined ? {} : { optimizer: options.optimizer }),
		...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations })
	});
	if (!loaded.ok) return { ok: false, errors: loaded.errors, warnings: loaded.warnings };
	const settings = withEndpoint(loaded.experiment.optimizer, options.llm);
	const experiment = { ...loaded.experiment, optimizer: settings };
	const result = await runExperiment({
		experiment,
		scenario: loaded.scenario,
		experimentText: loaded.text,
		proposer: createProposer(settings, { apiKey: options.llm?.apiKey ?? '' }),
		recorder: teeRecorder(
			new StoreRecorder({ sink, yieldToEventLoop }),
			new ProgressRecorder(experiment.convergence.maxIterations, onProgress)
		),
		signal: cancel.signal,
		yieldToEventLoop
	});
	return { ok: true, result, warnings: loaded.warnings };
}

export interface ExperimentResumeOptions {
	/** The stored `llm` optimizer's endpoint has no key: the page supplies it (and may move the endpoint). */
	llm?: LlmEndpoint;
}

/**
 * Continues a stored experiment that did not complete, from its last committed iteration: the iteration
 * in flight when it stopped (and its runs) is deleted and run again, under the same experiment id and
 * settings, so the run ends exactly as an uninterrupted one would. Progress reports start with that
 * iteration.
 */
export async function resumeStoredExperiment(
	stored: StoredExperiment,
	options: ExperimentResumeOptions,
	sink: StoreSink,
	cancel: CancelToken & { readonly signal: AbortSignal },
	onProgress: (progress: IterationProgress) => void,
	yieldToEventLoop: () => Promise<void>
): Promise<ExperimentResult> {
	if (!isResumableStatus(stored.status))
		throw new Error(
			`${stored.experimentId} is ${stored.status}: only an interrupted experiment can be resumed`
		);
	const settings = withEndpoint(stored.experiment.optimizer, options.llm);
	const experiment = { ...stored.experiment, optimizer: settings };
	return runExperiment({
		experiment,
		scenario: stored.scenario,
		experimentText: stored.configText,
		proposer: createProposer(settings, { apiKey: options.llm?.apiKey ?? '' }),
		recorder: teeRecorder(
			new StoreRecorder({
				sink,
				yieldToEventLoop,
				resume: { scenario: stored.scenario, nextSeq: stored.nextSeq }
			}),
			new ProgressRecorder(experiment.convergence.maxIterations, onProgress)
		),
		resume: stored.resumePoint,
		signal: cancel.signal,
		yieldToEventLoop
	});
}
