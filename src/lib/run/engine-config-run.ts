/**
 * Runs a serialized engine configuration (the config.json form) in steps, reporting progress and
 * accepting a cancel between steps, storing it at the persistence level asked for (default none):
 * the run of simulation-run.ts. Used by the engine worker; nothing here touches the DOM or Node.
 */
import type { PersistenceLevel } from '../store/persistence-level';
import type { StoreSink } from '../store/store-sink';
import { runSimulation } from './simulation-run';
import type { CancelToken } from './stepping';

export interface EngineRunOptions {
	/** Ticks to run; defaults to the configuration's num_days × ticks_per_day. */
	ticks?: number;
	/** What to store of the run (default none). */
	persist?: PersistenceLevel;
	/** Names the stored run (the configuration's file name). */
	source?: string;
}

export interface EngineRunProgress {
	ticksDone: number;
	ticksTotal: number;
	events: number;
}

export interface EngineRunResult {
	status: 'completed' | 'failed' | 'cancelled';
	/** The final summary in the golden final.json text form. */
	finalJson: string;
	ticksDone: number;
	events: number;
	/** Time spent inside the engine's ticks, excluding the pauses for progress and cancel. */
	engineMs: number;
	/** Wall-clock time of the whole run, every stored row committed. */
	totalMs: number;
	/** The stored run's id; null when nothing was stored. */
	simulationId: string | null;
}

export async function runEngineConfig(
	config: unknown,
	options: EngineRunOptions,
	sink: StoreSink | null,
	cancel: CancelToken,
	onProgress: (progress: EngineRunProgress) => void,
	yieldToEventLoop: () => Promise<void>
): Promise<EngineRunResult> {
	const result = await runSimulation(
		{
			config,
			scenarioName: options.source ?? 'config.json',
			ticks: options.ticks,
			persist: options.persist ?? 'none'
		},
		sink,
		cancel,
		({ ticksDone, ticksTotal, events }) => onProgress({ ticksDone, ticksTotal, events }),
		yieldToEventLoop
	);
	return {
		status: result.status,
		finalJson: result.finalJson,
		ticksDone: result.ticksDone,
		events: result.events,
		engineMs: result.engineMs,
		totalMs: result.totalMs,
		simulationId: result.simulationId
	};
}
