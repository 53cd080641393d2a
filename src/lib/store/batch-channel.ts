/**
 * The write path between the engine worker and the db worker: a MessageChannel carrying Arrow IPC
 * buffers (transferred, never copied). The main thread only hands the two ports over and is never
 * in the data path. The sender keeps a bounded number of batches in flight, so a fast simulation
 * cannot outrun DuckDB and fill the memory of either worker.
 */
import type { SqlDb } from './sql-db';

export type BatchMessage =
	| { kind: 'exec'; id: number; sql: string }
	| { kind: 'batch'; id: number; table: string; rows: number; ipc: Uint8Array }
	| { kind: 'checkpoint'; id: number };

export type BatchReply = { kind: 'ack'; id: number; error?: string };

/** The port interface both ends need (MessagePort in the browser, worker_threads' port in Node). */
export interface PortLike {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent) => void) | null;
	close?(): void;
}

export class BatchSender {
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ rows: number; resolve: () => void; reject: (error: Error) => void }
	>();
	private readonly waitingForRoom: (() => void)[] = [];
	private failure: Error | undefined;
	/** Rows of batches the db worker has committed. */
	rowsAcknowledged = 0;

	constructor(
		private readonly port: PortLike,
		private readonly maxInFlight = 4
	) {
		port.onmessage = (event: MessageEvent<BatchReply>) => this.onReply(event.data);
	}

	/** Runs DDL or another statement in the db worker, in order with the batches. */
	exec(sql: string): Promise<void> {
		return this.request({ kind: 'exec', id: this.nextId++, sql });
	}

	/**
	 * Sends one batch. Resolves when the batch may be forgotten by the caller: immediately while
	 * fewer than maxInFlight are unacknowledged, otherwise once one of them is acknowledged.
	 * A failure of the insert surfaces in the next call or in checkpoint().
	 */
	async send(table: string, ipc: Uint8Array, rows: number): Promise<void> {
		this.throwIfFailed();
		const done = this.request({ kind: 'batch', id: this.nextId++, table, rows, ipc }, rows, [
			ipc.buffer as ArrayBuffer
		]);
		done.catch((error: Error) => (this.failure ??= error));
		while (this.pending.size >= this.maxInFlight) {
			await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
			this.throwIfFailed();
		}
	}

	/** Waits for every batch sent so far, then makes them durable with a CHECKPOINT. */
	async checkpoint(): Promise<void> {
		await this.request({ kind: 'checkpoint', id: this.nextId++ });
		this.throwIfFailed();
	}

	get inFlight(): number {
		return this.pending.size;
	}

	private throwIfFailed(): void {
		if (this.failure) throw this.failure;
	}

	private request(message: BatchMessage, rows = 0, transfer: Transferable[] = []): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			this.pending.set(message.id, { rows, resolve, reject });
			this.port.postMessage(message, transfer);
		});
	}

	private onReply(reply: BatchReply): void {
		const waiter = this.pending.get(reply.id);
		if (!waiter) return;
		this.pending.delete(reply.id);
		if (reply.error) {
			waiter.reject(new Error(reply.error));
		} else {
			this.rowsAcknowledged += waiter.rows;
			waiter.resolve();
		}
		this.waitingForRoom.shift()?.();
	}
}

/**
 * The db worker's end: applies messages strictly in arrival order, each batch in its own
 * transaction followed by a CHECKPOINT, so that a closed tab loses at most the batch in flight.
 * `withDb` runs work in the db worker's single queue, shared with the page's queries.
 */
export function serveBatches(
	port: PortLike,
	withDb: <T>(work: (db: SqlDb) => Promise<T>) => Promise<T>
): void {
	port.onmessage = (event: MessageEvent<BatchMessage>) => {
		const message = event.data;
		withDb((db) => applyMessage(db, message)).then(
			() => port.postMessage({ kind: 'ack', id: message.id } satisfies BatchReply),
			(error: unknown) =>
				port.postMessage({
					kind: 'ack',
					id: message.id,
					error: error instanceof Error ? error.message : String(error)
				} satisfies BatchReply)
		);
	};
}

async function applyMessage(db: SqlDb, message: BatchMessage): Promise<void> {
	switch (message.kind) {
		case 'exec':
			await db.exec(message.sql);
			return;
		case 'batch':
			await db.exec('BEGIN TRANSACTION');
			try {
				await db.insertArrowIpc(message.table, message.ipc);
				await db.exec('COMMIT');
			} catch (error) {
				await db.exec('ROLLBACK');
				throw error;
			}
			await db.checkpoint();
			return;
		case 'checkpoint':
			await db.checkpoint();
			return;
	}
}

/** A queue that runs async work one item at a time, in call order. */
export function createSerialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
	let tail: Promise<unknown> = Promise.resolve();
	return <T>(work: () => Promise<T>): Promise<T> => {
		const result = tail.then(work, work);
		tail = result.catch(() => undefined);
		return result;
	};
}
