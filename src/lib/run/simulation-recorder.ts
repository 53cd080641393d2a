/**
 * Records a run into the store at its persistence level: the run row first (status `running`),
 * then rows gathered while the engine runs and written in transactions at tick boundaries, each
 * advancing the run row's ticks_completed, so that the database always holds whole ticks; at the end
 * the transactions' final states and the run's outcome. Rows are encoded into Arrow batches here,
 * in the thread that runs the engine (the engine worker, in the browser).
 */
import type { Engine, SimulationEvent, TickResult } from '../engine';
import { ArrowBatchBuilder, type Cell } from '../store/arrow-batch';
import { includesLevel, type StoredLevel } from '../store/persistence-level';
import type { TableName } from '../store/schema';
import {
	finishRunSql,
	insertRunSql,
	runProgressSql,
	type RunFinish,
	type RunStart
} from '../store/simulation-runs';
import type { StoreSink, TableBatch } from '../store/store-sink';
import { arrowLayout } from '../store/table-layout';
import { appendEventRow } from './event-row';
import { appendTransactionRows, dailyMetricRows } from './summary-rows';
import { TickRowReader } from './tick-rows';

/**
 * Write a transaction once this many rows are waiting (two DuckDB row groups): DuckDB's cost per
 * committed row falls steeply with the size of the transaction (measured in DuckDB-WASM for the
 * synthetic run: 7.1 s at 30k rows, 3.0 s at 123k, 1.9 s at 246k, no better beyond) …
 */
const TRANSACTION_ROWS = 245_760;
/** … or once rows have waited this long, so that a slow run's stored prefix keeps up with it. */
const FLUSH_INTERVAL_MS = 5000;

/** How a run ended, as recorded in its row. */
export type RunOutcome = Omit<RunFinish, 'ticksCompleted' | 'eventsWritten'>;

export class SimulationRecorder {
	private readonly builders = new Map<TableName, ArrowBatchBuilder>();
	private readonly tickRows: TickRowReader;
	private readonly ticksPerDay: number;
	private readonly withEvents: boolean;
	private readonly withTicks: boolean;
	/** Events emitted so far; the next event's seq. */
	private seq = 0;
	private pendingRows = 0;
	private lastWrite = performance.now();
	/** The sink's count of applied transactions when this recorder started. */
	private firstTransaction = 0;
	/** Transactions this recorder queued on the sink. */
	private queued = 0;
	/** Writes not yet known to be applied: their place in the queue and the progress they record. */
	private readonly unconfirmed: { transaction: number; ticks: number; events: number }[] = [];
	/** The progress recorded by the last write known to be applied. */
	private confirmed = { ticks: 0, events: 0 };
	/** Last value of each register set in the current tick, keyed by agent and register. */
	private readonly registers = new Map<string, { tick: number; agent: string; key: string; value: number }>();

	constructor(
		private readonly engine: Engine,
		private readonly sink: StoreSink,
		readonly simulationId: string,
		readonly level: StoredLevel
	) {
		this.ticksPerDay = engine.config.ticks_per_day;
		this.withEvents = includesLevel(level, 'events');
		this.withTicks = includesLevel(level, 'full');
		this.tickRows = new TickRowReader(engine, simulationId);
	}

	/** Events emitted so far. */
	get eventCount(): number {
		return this.seq;
	}

	/** Ticks whose rows the database has committed (the sink may still be applying later writes). */
	get ticksStored(): number {
		return this.confirmedProgress().ticks;
	}

	private confirmedProgress(): { ticks: number; events: number } {
		const applied = this.sink.applied - this.firstTransaction;
		while (this.unconfirmed.length > 0 && this.unconfirmed[0].transaction < applied) {
			const { ticks, events } = this.unconfirmed[0];
			this.confirmed = { ticks, events };
			this.unconfirmed.shift();
		}
		return this.confirmed;
	}

	/** Writes the run row (and the statements given with it) and waits until they are stored. */
	async start(run: RunStart, statements: string[]): Promise<void> {
		this.firstTransaction = this.sink.applied;
		this.queued++;
		await this.sink.execute([insertRunSql(run), ...statements]);
	}

	readonly observe = (event: SimulationEvent): void => {
		const seq = this.seq++;
		if (!this.withEvents) return;
		appendEventRow(this.batch('simulation_events'), this.simulationId, seq, this.ticksPerDay, event);
		this.pendingRows++;
		if (event.event_type === 'StateRegisterSet') {
			this.registers.set(`${event.agent_id}\u0000${event.register_key}`, {
				tick: event.tick,
				agent: event.agent_id,
				key: event.register_key,
				value: event.new_value
			});
		}
	};

	readonly afterTick = (result: TickResult): void => {
		const tick = result.tick;
		this.appendRegisters();
		if (this.withTicks) {
			this.tickRows.tickResult(result, (values) => this.append('tick_results', values));
			this.tickRows.agentStates(tick, this.batch('tick_agent_states'));
			this.pendingRows += this.engine.agents.length;
			this.tickRows.queueSnapshots(tick, (values) => this.append('tick_queue_snapshots', values));
		}
		if (tick % this.ticksPerDay === this.ticksPerDay - 1) {
			dailyMetricRows(this.engine, this.simulationId, Math.floor(tick / this.ticksPerDay), (values) =>
				this.append('daily_agent_metrics', values)
			);
		}
	};

	/** Writes the rows gathered so far if enough are waiting or they have waited long enough. */
	async writeIfDue(ticksCompleted: number): Promise<void> {
		if (this.pendingRows === 0) return;
		if (this.pendingRows < TRANSACTION_ROWS && performance.now() - this.lastWrite < FLUSH_INTERVAL_MS) return;
		await this.write(ticksCompleted);
	}

	/** Writes every gathered row with the run row's progress, in one transaction. */
	async write(ticksCompleted: number, statements: string[] = []): Promise<void> {
		this.unconfirmed.push({ transaction: this.queued++, ticks: ticksCompleted, events: this.seq });
		await this.sink.write({
			batches: this.takeBatches(),
			statements: [runProgressSql(this.simulationId, ticksCompleted, this.seq), ...statements]
		});
		this.lastWrite = performance.now();
	}

	/**
	 * Writes the remaining rows, the transactions' final states (events level and up), the statements
	 * given and the run's outcome, then waits until everything is durable.
	 */
	async finish(ticksCompleted: number, outcome: RunOutcome, statements: string[] = []): Promise<void> {
		this.appendRegisters();
		if (this.withEvents) {
			appendTransactionRows(this.engine, this.simulationId, this.batch('transactions'));
		}
		await this.write(ticksCompleted, [
			...statements,
			finishRunSql(this.simulationId, { ...outcome, ticksCompleted, eventsWritten: this.seq })
		]);
		await this.sink.flush();
	}

	/**
	 * Records the outcome of a run that stopped on an error: rows not yet written are dropped, and
	 * the run row keeps the progress of the last write the database applied, so the stored prefix
	 * stays the last complete one.
	 */
	async abandon(outcome: RunOutcome): Promise<void> {
		this.builders.clear();
		this.pendingRows = 0;
		// Settle what is in flight: a failure there is the reason already being recorded.
		await this.sink.flush().catch(() => undefined);
		const stored = this.confirmedProgress();
		this.queued++;
		await this.sink.execute([
			finishRunSql(this.simulationId, {
				...outcome,
				ticksCompleted: stored.ticks,
				eventsWritten: stored.events
			})
		]);
		await this.sink.flush();
	}

	/** The batch being filled for a table. */
	private batch(table: TableName): ArrowBatchBuilder {
		let builder = this.builders.get(table);
		if (builder === undefined) {
			builder = new ArrowBatchBuilder(arrowLayout(table), 4096);
			this.builders.set(table, builder);
		}
		return builder;
	}

	private append(table: TableName, values: Cell[]): void {
		this.batch(table).append(values);
		this.pendingRows++;
	}

	private appendRegisters(): void {
		for (const r of this.registers.values()) {
			this.append('agent_state_registers', [this.simulationId, r.tick, r.agent, r.key, r.value]);
		}
		this.registers.clear();
	}

	private takeBatches(): TableBatch[] {
		const batches: TableBatch[] = [];
		for (const [table, builder] of this.builders) {
			const rows = builder.length;
			if (rows > 0) batches.push({ table, rows, ipc: builder.finish() });
		}
		this.pendingRows = 0;
		return batches;
	}
}
