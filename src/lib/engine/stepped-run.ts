/**
 * A run that advances a given number of ticks at a time, so that a caller (the engine worker) can
 * report progress and accept a cancel between steps. runEngine is the same run in one step.
 */
import type { Engine, TickResult } from './engine';
import { EngineAbortError, EngineOverflowError, SimulationError } from './errors';
import type { EventSink } from './events';
import { RunRecorder, type FinalSummary } from './summary';

export interface SteppedRunOptions {
	/** Ticks to run; defaults to num_days × ticks_per_day. */
	ticks?: number;
	/** Receives every event in emission order. */
	onEvent?: EventSink;
	/** Receives every completed tick's result. */
	onTick?: (result: TickResult) => void;
}

export class SteppedRun {
	readonly ticks: number;
	private ticksDone = 0;
	private failed = false;
	private readonly recorder: RunRecorder;
	private readonly sink: EventSink;

	constructor(
		readonly engine: Engine,
		private readonly options: SteppedRunOptions = {}
	) {
		this.ticks = options.ticks ?? engine.config.num_days * engine.config.ticks_per_day;
		const recorder = new RunRecorder(engine, this.ticks);
		this.recorder = recorder;
		const userSink = options.onEvent;
		this.sink = userSink
			? (event) => {
					recorder.observe(event);
					userSink(event);
				}
			: recorder.observe;
	}

	get completedTicks(): number {
		return this.ticksDone;
	}

	get finished(): boolean {
		return this.failed || this.ticksDone >= this.ticks;
	}

	/**
	 * Runs up to `count` more ticks. A tick that fails the way the original's ticks fail ends the run
	 * (the summary reports it as tick_error); other errors are rethrown.
	 */
	step(count: number): void {
		const end = Math.min(this.ticks, this.ticksDone + count);
		while (!this.failed && this.ticksDone < end) {
			let result: TickResult;
			try {
				result = this.engine.tick(this.sink);
			} catch (error) {
				if (!isRunStoppingError(error)) throw error;
				this.recorder.tickFailed(error);
				this.failed = true;
				return;
			}
			this.ticksDone++;
			this.recorder.tickCompleted(result.tick);
			this.options.onTick?.(result);
		}
	}

	finish(): FinalSummary {
		return this.recorder.finish();
	}
}

/** Errors that end a run the way the original's tick errors and panics do (reported, not rethrown). */
function isRunStoppingError(error: unknown): boolean {
	return (
		error instanceof SimulationError ||
		error instanceof EngineAbortError ||
		error instanceof EngineOverflowError
	);
}
