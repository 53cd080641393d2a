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

/**
 * Resolves in a new task, so that messages waiting for this thread (a cancel, acknowledgements) are
 * handled in between; unlike a chain of setTimeout(0), not slowed to 4 ms per step after a few.
 */
export function nextMacrotask(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}
