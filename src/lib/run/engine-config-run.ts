/**
 * Runs a serialized engine configuration (the config.json form) in steps, reporting progress and
 * accepting a cancel between steps. Used by the engine worker; nothing here touches the DOM or Node.
 */
import { createEngine, formatFinalSummary, SteppedRun } from '../engine';
import type { CancelToken } from './placeholder-job';

export interface EngineRunOptions {
	/** Ticks to run; defaults to the configuration's num_days × ticks_per_day. */
	ticks?: number;
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
}

/** Pause between steps so that a cancel message can be received; steps last about this long. */
const STEP_BUDGET_MS = 50;

export async function runEngineConfig(
	config: unknown,
	options: EngineRunOptions,
	cancel: CancelToken,
	onProgress: (progress: EngineRunProgress) => void,
	yieldToEventLoop: () => Promise<void>
): Promise<EngineRunResult> {
	let events = 0;
	const run = new SteppedRun(createEngine(config), {
		ticks: options.ticks,
		onEvent: () => {
			events++;
		}
	});
	let engineMs = 0;
	let ticksPerStep = 1;
	while (!run.finished && !cancel.cancelled) {
		const started = performance.now();
		run.step(ticksPerStep);
		const elapsed = performance.now() - started;
		engineMs += elapsed;
		// Grow or shrink the step so that each lasts about STEP_BUDGET_MS.
		const scaled = Math.round((ticksPerStep * STEP_BUDGET_MS) / Math.max(elapsed, 1));
		ticksPerStep = Math.max(1, Math.min(ticksPerStep * 4, scaled));
		onProgress({ ticksDone: run.completedTicks, ticksTotal: run.ticks, events });
		await yieldToEventLoop();
	}
	const summary = run.finish();
	return {
		status: cancel.cancelled && !run.finished ? 'cancelled' : summary.tick_error ? 'failed' : 'completed',
		finalJson: formatFinalSummary(summary),
		ticksDone: run.completedTicks,
		events,
		engineMs
	};
}
