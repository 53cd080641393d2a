/**
 * The write path between the engine worker and the db worker: a MessageChannel carrying write
 * transactions whose Arrow IPC buffers are transferred, never copied. The main thread only hands the
 * two ports over and is never in the data path. The sender keeps a bounded number of transactions in
 * flight, so a fast simulation cannot outrun DuckDB and fill the memory of either worker.
 */
import type { SqlDb } from './sql-db';
import { applyTransaction, type StoreSink, type WriteTransaction } from './store-sink';

export type BatchMessage =
	| { kind: 'transaction'; id: number; transaction: WriteTransaction }
	| { kind: 'checkpoint'; id: number };

export type BatchReply = { kind: 'ack'; id: number; error?: string };

/** The port interface both ends need (MessagePort in the browser, worker_threads' port in Node). */
export interface PortLike {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent) => void) | null;
	close?(): void;
}

export class BatchSender implements StoreSink {
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ rows: number; transaction: boolean; resolve: () => void; reject: (error: Error) => void }
	>();
	private readonly waitingForRoom: (() => void)[] = [];
	private failure: Error | undefined;
	/** Rows of transactions the db worker has committed. */
	rowsAcknowledged = 0;
	/** Transactions the db worker has committed. */
	applied = 0;

	constructor(
		private readonly port: PortLike,
		private readonly maxInFlight = 4
	) {
		port.onmessage = (event: MessageEvent<BatchReply>) => this.onReply(event.data);
	}

	/**
	 * Sends one transaction. Resolves immediately while fewer than maxInFlight are unacknowledged,
	 * otherwise once one of them is acknowledged. A failure surfaces in the next call or in flush().
	 */
	async write(transaction: WriteTransaction): Promise<void> {
		this.throwIfFailed();
		const rows = transaction.batches.reduce((sum, batch) => sum + batch.rows, 0);
		const transfer = transaction.batches.map((batch) => batch.ipc.buffer as ArrayBuffer);
		const done = this.request({ kind: 'transaction', id: this.nextId++, transaction }, rows, transfer);
		done.catch((error: Error) => (this.failure ??= error));
		while (this.pending.size >= this.maxInFlight) {
			await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
			this.throwIfFailed();
		}
	}

	async execute(statements: string[]): Promise<void> {
		this.throwIfFailed();
		await this.request({ kind: 'transaction', id: this.nextId++, transaction: { batches: [], statements } });
	}

	/** Waits for every transaction sent so far, then makes them durable with a CHECKPOINT. */
	async flush(): Promise<void> {
		await this.request({ kind: 'checkpoint', id: this.nextId++ });
		this.throwIfFailed();
	}

	get inFlight(): number {
		return this.pending.size;
	}

	/** Reports a failed transaction once; the sender stays usable (it was rolled back). */
	private throwIfFailed(): void {
		const failure = this.failure;
		if (failure === undefined) return;
		this.failure = undefined;
		throw failure;
	}

	private request(message: BatchMessage, rows = 0, transfer: Transferable[] = []): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			this.pending.set(message.id, { rows, transaction: message.kind === 'transaction', resolve, reject });
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
			if (waiter.transaction) this.applied++;
			waiter.resolve();
		}
		this.waitingForRoom.shift()?.();
	}
}

/**
 * The db worker's end: applies messages strictly in arrival order, each transaction followed by a
 * CHECKPOINT, so that a closed tab loses at most the transaction in flight. `withDb` runs work in
 * the db worker's single queue, shared with the page's queries.
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
	if (message.kind === 'transaction') await applyTransaction(db, message.transaction);
	await db.checkpoint();
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
