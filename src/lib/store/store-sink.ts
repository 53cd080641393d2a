/**
 * Where writers send their rows: one interface for the two write paths. In the browser the engine
 * worker holds a BatchSender (batch-channel.ts) that ships each write to the db worker; in Node the
 * writer holds a DirectSink on the database itself. Either way a write is one transaction: the Arrow
 * batches of several tables plus the statements that go with them (the run row's progress), so
 * that the database only ever holds whole ticks of a run.
 */
import type { SqlDb } from './sql-db';

export interface TableBatch {
	table: string;
	/** Arrow IPC stream of rows in the table's layout (table-layout.ts). */
	ipc: Uint8Array;
	rows: number;
}

export interface WriteTransaction {
	batches: TableBatch[];
	/** Run after the batches, inside the same transaction. */
	statements: string[];
}

export interface StoreSink {
	/** Transactions applied so far (writes and executes), in the order they were queued. */
	readonly applied: number;
	/**
	 * Queues one transaction. Resolves when the caller may build the next one: at once while few
	 * writes are in flight, otherwise when one of them is applied. A failure (the transaction is
	 * rolled back) is reported once, by a later call (write, execute or flush).
	 */
	write(transaction: WriteTransaction): Promise<void>;
	/** Applies statements in one transaction, after everything queued, and waits for them. */
	execute(statements: string[]): Promise<void>;
	/** Waits until everything queued is applied and made durable (CHECKPOINT). */
	flush(): Promise<void>;
}

/** Runs one transaction: batches, then statements; rolled back as a whole on failure. */
export async function applyTransaction(db: SqlDb, transaction: WriteTransaction): Promise<void> {
	await db.exec('BEGIN TRANSACTION');
	try {
		for (const batch of transaction.batches) await db.insertArrowIpc(batch.table, batch.ipc);
		for (const statement of transaction.statements) await db.exec(statement);
		await db.exec('COMMIT');
	} catch (error) {
		await db.exec('ROLLBACK');
		throw error;
	}
}

/**
 * Writes straight into a database from the same thread (Node: the CLI and tests). A write returns as
 * soon as the previous one is applied, so that its commit, which DuckDB executes off the JavaScript
 * thread, overlaps with the simulation; a failure is reported by the next call. Committed
 * transactions are durable through DuckDB's write-ahead log; flush() checkpoints them into the file.
 */
export class DirectSink implements StoreSink {
	applied = 0;
	private inFlight: Promise<void> = Promise.resolve();

	constructor(private readonly db: SqlDb) {}

	async write(transaction: WriteTransaction): Promise<void> {
		await this.takeInFlight();
		const applying = applyTransaction(this.db, transaction).then(() => {
			this.applied++;
		});
		// Keep the rejection for the next call, without an unhandled rejection in between.
		applying.catch(() => undefined);
		this.inFlight = applying;
	}

	async execute(statements: string[]): Promise<void> {
		await this.takeInFlight();
		await applyTransaction(this.db, { batches: [], statements });
		this.applied++;
	}

	/** Waits for the write in flight (without the CHECKPOINT of flush). */
	settled(): Promise<void> {
		return this.takeInFlight();
	}

	async flush(): Promise<void> {
		await this.takeInFlight();
		await this.db.checkpoint();
	}

	/** Waits for the write in flight; its failure is reported once, to this call. */
	private async takeInFlight(): Promise<void> {
		const pending = this.inFlight;
		this.inFlight = Promise.resolve();
		await pending;
	}
}
