/**
 * SimCash engine core: a deterministic RTGS payment-system simulator at parity with SimCash 5534eff7.
 *
 *   const engine = createEngine(configJson);            // the serialized engine configuration
 *   const result = engine.tick(event => …);              // one tick, events to a sink
 *   const run = runSimulation(configJson, { ticks, onEvent }); // many ticks + the final summary
 *   const text = checkpointJson(engine);                  // complete state between ticks
 *   const resumed = restoreEngine(configJson, text);      // continues exactly like `engine`
 */
import { restoreCheckpoint } from './checkpoint-restore';
import { parseEngineConfig, type EngineConfig } from './config';
import { Engine, type EngineOptions, type TickResult } from './engine';
import type { EventSink } from './events';
import { SteppedRun } from './stepped-run';
import type { FinalSummary } from './summary';

export { parseEngineConfig } from './config';
export type * from './config';
export { Engine, type EngineOptions, type TickResult } from './engine';
export * from './events';
export { serializeEvent, formatF64 } from './serialize';
export { ConfigError, EngineAbortError, EngineOverflowError, SimulationError } from './errors';
export { RunRecorder, systemMetrics } from './summary';
export { SteppedRun, type SteppedRunOptions } from './stepped-run';
export type * from './summary';
export { Xorshift64Star } from './rng';
export type { CollateralRecord, CollateralCommandResult } from './collateral';
export type { LsmCycle } from './lsm';
export type { DailyMetrics } from './metrics';
export { saveCheckpoint, checkpointJson } from './checkpoint';
export { checkpointInfo } from './checkpoint-restore';
export type * from './checkpoint-document';
export { CHECKPOINT_FORMAT } from './checkpoint-document';
export { configHash } from './config-hash';
export { sha256Hex } from './sha256';

/** Creates an engine from a configuration object (JSON form, validated here) or an already parsed one. */
export function createEngine(config: unknown, options?: EngineOptions): Engine {
	return new Engine(isParsed(config) ? config : parseEngineConfig(config), options);
}

/**
 * Restores a checkpoint (document or JSON text) into a new engine for the same configuration (JSON form or
 * parsed). Throws SimulationError: DeserializationError, ConfigMismatch or StateValidationError.
 */
export function restoreEngine(config: unknown, checkpoint: unknown, options?: EngineOptions): Engine {
	return restoreCheckpoint(isParsed(config) ? config : parseEngineConfig(config), checkpoint, options);
}

function isParsed(config: unknown): config is EngineConfig {
	return (
		typeof config === 'object' && config !== null && typeof (config as EngineConfig).rng_seed === 'bigint'
	);
}

export interface RunOptions extends Omit<EngineOptions, 'onEvent'> {
	/** Ticks to run; defaults to num_days × ticks_per_day. */
	ticks?: number;
	/** Receives every event in emission order. */
	onEvent?: EventSink;
	/** Receives every completed tick's result. */
	onTick?: (result: TickResult) => void;
}

export interface RunResult {
	summary: FinalSummary;
	engine: Engine;
}

/**
 * Runs a configuration for `ticks` ticks (stopping at a failed tick, which the summary reports as
 * `tick_error`, as the original's harness does) and returns the final summary.
 */
export function runSimulation(config: unknown, options: RunOptions = {}): RunResult {
	return runEngine(createEngine(config, { onWarning: options.onWarning }), options);
}

/** {@link runSimulation} on an engine already created (for example to report construction errors first). */
export function runEngine(engine: Engine, options: Omit<RunOptions, 'onWarning'> = {}): RunResult {
	const run = new SteppedRun(engine, options);
	run.step(run.ticks);
	return { summary: run.finish(), engine };
}

export { formatFinalSummary } from './summary-json';
