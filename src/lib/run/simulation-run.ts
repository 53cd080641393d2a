/**
 * One simulation run with persistence: an engine configuration in, the engine stepped (cancellable,
 * with progress), its rows written through a StoreSink at the chosen persistence level, the final
 * summary out. The engine worker runs it with a sink to the db worker, the CLI with a sink on its
 * database file. Nothing here touches the DOM or Node.
 */
import {
	createEngine,
	formatFinalSummary,
	SteppedRun,
	type Engine,
	type EventSink,
	type FinalSummary,
	type TickResult
} from '../engine';
import { canonicalJson, sha256Hex } from '../store/canonical-json';
import type { PersistenceLevel, StoredLevel } from '../store/persistence-level';
import {
	standaloneSimulationId,
	experimentSimulationId,
	type ExperimentRunRef
} from '../store/simulation-id';
import type { RunStart } from '../store/simulation-runs';
import type { StoreSink } from '../store/store-sink';
import { checkpointRowSql } from './checkpoint-row';
import { policySnapshotsSql } from './policy-snapshots';
import { SimulationRecorder, type RunOutcome } from './simulation-recorder';
import { runInSteps, type CancelToken } from './stepping';

export interface SimulationRunSpec {
	/** The engine configuration in its JSON form (config.json, or what the scenario loader returns). */
	config: unknown;
	/** Names the run: the scenario or configuration file. */
	scenarioName: string;
	/** The scenario file's text, stored with the run; null for an engine configuration. */
	scenarioText?: string | null;
	/** Ticks to run; defaults to num_days × ticks_per_day. */
	ticks?: number;
	persist: PersistenceLevel;
	/** Overrides the generated id (a standalone run's `sim-…` id, or the experiment's structured id). */
	simulationId?: string;
	/** Links the run to an experiment; its id is then the structured id. */
	experiment?: ExperimentRunRef;
	/** Clock for the stored timestamps (tests pass a fixed one). */
	now?: () => Date;
	/** Also store the engine's final state (simulation_checkpoints), from which the run can go on. */
	finalCheckpoint?: boolean;
	/** Also receives every event (the CLI's --events-jsonl, live verbose output). */
	onEvent?: EventSink;
	/** Also receives every completed tick's result. */
	onTick?: (result: TickResult) => void;
	/** Receives the engine before its first tick (live verbose output reads its state after each tick). */
	onEngine?: (engine: Engine) => void;
	/** Receives the engine's warnings (refused state-register writes). */
	onWarning?: (message: string) => void;
}

export interface SimulationRunProgress {
	simulationId: string | null;
	ticksDone: number;
	ticksTotal: number;
	events: number;
	/** Ticks whose rows the database has committed (0 when nothing is stored). */
	ticksStored: number;
}

export type SimulationRunStatus = 'completed' | 'failed' | 'cancelled';

export interface SimulationRunResult {
	/** Null when nothing was stored (level none). */
	simulationId: string | null;
	persist: PersistenceLevel;
	status: SimulationRunStatus;
	/** The final summary in the golden final.json text form. */
	finalJson: string;
	summary: FinalSummary;
	ticksDone: number;
	events: number;
	/** Time inside the engine's ticks, including encoding rows (it happens as events are emitted). */
	engineMs: number;
	/** Wall-clock time of the whole run, writes included. */
	totalMs: number;
}

function simulationIdOf(spec: SimulationRunSpec, now: Date): string {
	if (spec.simulationId !== undefined) return spec.simulationId;
	if (spec.experiment !== undefined) return experimentSimulationId(spec.experiment);
	return standaloneSimulationId(spec.scenarioName, now);
}

async function runStart(
	spec: SimulationRunSpec,
	engine: Engine,
	simulationId: string,
	level: StoredLevel,
	ticks: number,
	startedAt: Date
): Promise<RunStart> {
	const configJson = canonicalJson(spec.config);
	return {
		simulationId,
		purpose: spec.experiment?.purpose ?? 'standalone',
		experimentId: spec.experiment?.experimentId ?? null,
		iteration: spec.experiment?.iteration ?? null,
		sampleIndex: spec.experiment?.sampleIndex ?? null,
		level,
		scenarioName: spec.scenarioName,
		scenarioText: spec.scenarioText ?? null,
		configJson,
		configHash: await sha256Hex(configJson),
		rngSeed: engine.config.rng_seed.toString(),
		ticksPerDay: engine.config.ticks_per_day,
		numDays: engine.config.num_days,
		numAgents: engine.agents.length,
		ticksRequested: ticks,
		startedAt
	};
}

function outcome(
	status: RunOutcome['status'],
	summary: FinalSummary | null,
	startedAt: number,
	now: Date,
	errorMessage: string | null
): RunOutcome {
	return {
		status,
		finishedAt: now,
		durationSeconds: (performance.now() - startedAt) / 1000,
		totalArrivals: summary?.system_metrics.total_arrivals ?? null,
		totalSettlements: summary?.system_metrics.total_settlements ?? null,
		totalCost: summary?.cost_totals_all_days.total ?? null,
		finalSummaryJson: summary ? formatFinalSummary(summary) : null,
		errorMessage
	};
}

/** One listener calling both (either may be absent). */
function both<T>(first?: (value: T) => void, second?: (value: T) => void): ((value: T) => void) | undefined {
	if (!first) return second;
	if (!second) return first;
	return (value) => {
		first(value);
		second(value);
	};
}

/**
 * Runs a simulation. Throws for a configuration the engine rejects (before anything is stored) and
 * for unexpected errors (after recording the run as failed); a tick that fails the way the
 * original's ticks fail ends the run with status `failed` and is reported in the summary.
 */
export async function runSimulation(
	spec: SimulationRunSpec,
	sink: StoreSink | null,
	cancel: CancelToken,
	onProgress: (progress: SimulationRunProgress) => void,
	yieldToEventLoop: () => Promise<void>
): Promise<SimulationRunResult> {
	const clock = spec.now ?? (() => new Date());
	const started = performance.now();
	const engine = createEngine(spec.config, { onWarning: spec.onWarning });
	spec.onEngine?.(engine);
	const ticks = spec.ticks ?? engine.config.num_days * engine.config.ticks_per_day;
	let recorder: SimulationRecorder | null = null;
	if (spec.persist !== 'none') {
		if (sink === null) throw new Error(`persistence level ${spec.persist} needs a database`);
		const startedAt = clock();
		const simulationId = simulationIdOf(spec, startedAt);
		recorder = new SimulationRecorder(engine, sink, simulationId, spec.persist);
		const start = await runStart(spec, engine, simulationId, spec.persist, ticks, startedAt);
		await recorder.start(start, [await policySnapshotsSql(simulationId, spec.config)]);
	}
	let events = 0;
	const run = new SteppedRun(engine, {
		ticks,
		onEvent: both(recorder?.observe ?? (() => events++), spec.onEvent),
		onTick: both(recorder?.afterTick, spec.onTick)
	});
	const eventCount = () => recorder?.eventCount ?? events;
	const progress = () =>
		onProgress({
			simulationId: recorder?.simulationId ?? null,
			ticksDone: run.completedTicks,
			ticksTotal: run.ticks,
			events: eventCount(),
			ticksStored: recorder?.ticksStored ?? 0
		});
	const fail = async (error: unknown): Promise<never> => {
		const message = error instanceof Error ? error.message : String(error);
		await recorder?.abandon(outcome('failed', null, started, clock(), message)).catch(() => undefined);
		throw error;
	};
	let engineMs = 0;
	let summary: FinalSummary;
	try {
		engineMs = await runInSteps(run, cancel, async () => {
			await recorder?.writeIfDue(run.completedTicks);
			progress();
			await yieldToEventLoop();
		});
		summary = run.finish();
	} catch (error) {
		return fail(error);
	}
	const cancelled = cancel.cancelled && !run.finished;
	const status: SimulationRunStatus = cancelled ? 'cancelled' : summary.tick_error ? 'failed' : 'completed';
	if (recorder !== null) {
		const message = cancelled
			? `Cancelled after ${run.completedTicks} of ${run.ticks} ticks.`
			: (summary.tick_error?.message ?? null);
		const stored = status === 'cancelled' ? 'interrupted' : status;
		try {
			const extra = spec.finalCheckpoint
				? [await checkpointRowSql(recorder.simulationId, engine, 'final', clock())]
				: [];
			await recorder.finish(run.completedTicks, outcome(stored, summary, started, clock(), message), extra);
		} catch (error) {
			return fail(error);
		}
	}
	progress();
	return {
		simulationId: recorder?.simulationId ?? null,
		persist: spec.persist,
		status,
		finalJson: formatFinalSummary(summary),
		summary,
		ticksDone: run.completedTicks,
		events: eventCount(),
		engineMs,
		totalMs: performance.now() - started
	};
}
