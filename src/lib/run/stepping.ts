/**
 * Runs a SteppedRun a slice at a time so that the thread stays responsive: each step lasts about
 * STEP_BUDGET_MS, and between steps the caller reports progress, writes rows and yields, which lets a
 * cancel message arrive.
 */
import type { SteppedRun } from '../engine';

export interface CancelToken {
	readonly cancelled: boolean;
}

/** Steps last about this long. */
const STEP_BUDGET_MS = 50;

/** Runs until the run finishes or is cancelled; returns the milliseconds spent inside the steps. */
export async function runInSteps(
	run: SteppedRun,
	cancel: CancelToken,
	betweenSteps: () => Promise<void>
): Promise<number> {
	let stepMs = 0;
	let ticksPerStep = 1;
	while (!run.finished && !cancel.cancelled) {
		const started = performance.now();
		run.step(ticksPerStep);
		const elapsed = performance.now() - started;
		stepMs += elapsed;
		// Grow or shrink the step so that each lasts about STEP_BUDGET_MS.
		const scaled = Math.round((ticksPerStep * STEP_BUDGET_MS) / Math.max(elapsed, 1));
		ticksPerStep = Math.max(1, Math.min(ticksPerStep * 4, scaled));
		await betweenSteps();
	}
	return stepMs;
}
