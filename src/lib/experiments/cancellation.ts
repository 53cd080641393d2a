/**
 * Cancellation between simulations. The loop calls `checkpoint()` before every simulation: it throws
 * ExperimentCancelled once the signal is aborted, and now and then yields to the event loop so that a
 * worker can receive the cancel message while an experiment is running.
 */

export class ExperimentCancelled extends Error {
	constructor() {
		super('experiment cancelled');
		this.name = 'ExperimentCancelled';
	}
}

export interface Pacer {
	checkpoint(): Promise<void>;
}

export interface PacerOptions {
	signal?: AbortSignal;
	/** Lets other work run (a macrotask in a worker); defaults to doing nothing. */
	yieldToEventLoop?: () => Promise<void>;
	/** Longest stretch of work between two yields. */
	sliceMs?: number;
}

const DEFAULT_SLICE_MS = 50;

export function createPacer(options: PacerOptions = {}): Pacer {
	const slice = options.sliceMs ?? DEFAULT_SLICE_MS;
	const yieldNow = options.yieldToEventLoop;
	let lastYield = performance.now();
	return {
		async checkpoint() {
			if (yieldNow !== undefined && performance.now() - lastYield >= slice) {
				await yieldNow();
				lastYield = performance.now();
			}
			if (options.signal?.aborted) throw new ExperimentCancelled();
		}
	};
}
