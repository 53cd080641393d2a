/**
 * The engine worker: runs simulations and streams their rows, encoded as Arrow batches here, to the
 * db worker over the MessagePort the page hands it. Thin by design: the work is in src/lib/run.
 */
import * as Comlink from 'comlink';
import {
	runEngineConfig,
	type EngineRunOptions,
	type EngineRunProgress,
	type EngineRunResult
} from '../src/lib/run/engine-config-run';
import {
	checkScenario,
	runScenario,
	type ScenarioCheck,
	type ScenarioRunOptions,
	type ScenarioRunOutcome,
	type ScenarioSource
} from '../src/lib/run/scenario-run';
import type { SimulationRunProgress } from '../src/lib/run/simulation-run';
import {
	abortableCancelToken,
	resumeStoredExperiment,
	runExperimentFile,
	type ExperimentResumeOptions,
	type ExperimentRunOptions,
	type ExperimentRunOutcome,
	type ExperimentSource
} from '../src/lib/run/experiment-run';
import type { IterationProgress } from '../src/lib/experiments/progress-recorder';
import type { ExperimentResult } from '../src/lib/experiments/loop';
import type { StoredExperiment } from '../src/lib/experiments/store-recorder';
import { createFetchResolver } from '../src/lib/config';
import { nextMacrotask } from '../src/lib/run/stepping';
import { BatchSender } from '../src/lib/store/batch-channel';
import type { PersistenceLevel } from '../src/lib/store/persistence-level';

let dbPort: MessagePort | undefined;
let current: { cancelled: boolean } | undefined;

const api = {
	connectDb(port: MessagePort): void {
		dbPort = port;
	},

	/**
	 * Runs a serialized engine configuration (config.json text), storing it at `options.persist`
	 * (default none); `source` names it in error messages and in the stored run.
	 */
	async runEngineConfig(
		configText: string,
		source: string,
		options: EngineRunOptions,
		onProgress: (progress: EngineRunProgress) => void
	): Promise<EngineRunResult> {
		if (current) throw new Error('A job is already running');
		let config: unknown;
		try {
			config = JSON.parse(configText);
		} catch (error) {
			throw new Error(`${source}: not valid JSON: ${(error as Error).message}`);
		}
		return asTheJob({ cancelled: false }, (token) =>
			runEngineConfig(
				config,
				{ source, ...options },
				sinkFor(options.persist),
				token,
				onProgress,
				nextMacrotask
			)
		).catch((error: Error) => {
			throw new Error(`${source}: ${error.message}`);
		});
	},

	/**
	 * Checks a scenario file without running it. Policy files are fetched relative to `baseUrl`
	 * (the bundled examples folder).
	 */
	checkScenario(source: ScenarioSource, baseUrl: string): Promise<ScenarioCheck> {
		return checkScenario(source, createFetchResolver(baseUrl));
	},

	/**
	 * Loads and runs a scenario file, storing the run in the db worker's database at
	 * `options.persist` (default none); errors of the file come back as diagnostics, not exceptions.
	 */
	async runScenario(
		source: ScenarioSource,
		baseUrl: string,
		options: ScenarioRunOptions,
		onProgress: (progress: SimulationRunProgress) => void
	): Promise<ScenarioRunOutcome> {
		const sink = sinkFor(options.persist);
		return asTheJob({ cancelled: false }, (token) =>
			runScenario(source, options, createFetchResolver(baseUrl), sink, token, onProgress, nextMacrotask)
		);
	},

	/**
	 * Loads and runs an experiment file (its scenario fetched relative to `baseUrl`), storing every
	 * iteration in the db worker's database and reporting each iteration as it grows; errors of the
	 * file come back as diagnostics. Cancel stops it between simulations; committed iterations stay.
	 */
	async runExperiment(
		source: ExperimentSource,
		baseUrl: string,
		options: ExperimentRunOptions,
		onProgress: (progress: IterationProgress) => void
	): Promise<ExperimentRunOutcome> {
		const sink = channelSink();
		return asTheJob(abortableCancelToken(), (token) =>
			runExperimentFile(source, options, createFetchResolver(baseUrl), sink, token, onProgress, nextMacrotask)
		);
	},

	/**
	 * Continues a stored experiment that did not complete (read back by the page through the db worker)
	 * from its last committed iteration, storing and reporting as `runExperiment` does.
	 */
	async resumeExperiment(
		stored: StoredExperiment,
		options: ExperimentResumeOptions,
		onProgress: (progress: IterationProgress) => void
	): Promise<ExperimentResult> {
		const sink = channelSink();
		return asTheJob(abortableCancelToken(), (token) =>
			resumeStoredExperiment(stored, options, sink, token, onProgress, nextMacrotask)
		);
	},

	/** Asks the running job to stop after the batch in hand; rows already sent are kept. */
	cancel(): void {
		if (current) current.cancelled = true;
	}
};

/** Runs `work` as the one job of this worker; `cancel` sets its token. */
async function asTheJob<Token extends { cancelled: boolean }, T>(
	token: Token,
	work: (token: Token) => Promise<T>
): Promise<T> {
	if (current) throw new Error('A job is already running');
	current = token;
	try {
		return await work(token);
	} finally {
		current = undefined;
	}
}

/** The write path to the db worker. */
function channelSink(): BatchSender {
	if (!dbPort) throw new Error('The engine worker is not connected to the db worker');
	return new BatchSender(dbPort);
}

/** The write path for a run stored at `persist`; null when nothing is stored. */
function sinkFor(persist: PersistenceLevel | undefined): BatchSender | null {
	return (persist ?? 'none') === 'none' ? null : channelSink();
}

export type EngineWorkerApi = typeof api;

Comlink.expose(api);
