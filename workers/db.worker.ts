/**
 * The db worker: DuckDB-WASM on a database file in OPFS, exposed to the page with comlink and fed
 * by the engine worker over a MessageChannel; it also exports the file and imports others. Thin by
 * design: the work is in src/lib/store.
 */
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import * as Comlink from 'comlink';
import type { ExitCode, OutputBlock } from '../src/lib/commands/output';
import type { EventFilter } from '../src/lib/replay/filter';
import type { StoredRun } from '../src/lib/replay/stored-run';
import type { PageTick } from '../src/lib/replay/stored-tick-display';
import type { TickReadAhead } from '../src/lib/replay/tick-read-ahead';
import { nextMacrotask } from '../src/lib/run/stepping';
import { createSerialQueue, serveBatches } from '../src/lib/store/batch-channel';
import { lockDatabase } from '../src/lib/store/browser/database-lock';
import { importDatabase, type ImportedDatabase } from '../src/lib/store/browser/import-database';
import { WasmSqlDb } from '../src/lib/store/duckdb-wasm';
import { openStore, type StoreStatus } from '../src/lib/store/open-store';
import type { QueryResult, SqlDb } from '../src/lib/store/sql-db';

export interface OpenOptions {
	/** Keep DuckDB-WASM's stock OPFS hooks (diagnostics only: they lose data, see opfs-wal-fix.ts). */
	withoutWalFix?: boolean;
	/**
	 * CHECKPOINT after every statement the page runs (default). Off only to test that the WAL alone
	 * keeps committed rows.
	 */
	checkpointAfterStatements?: boolean;
}

export interface OpenInfo {
	path: string;
	version: string;
	/** Milliseconds spent loading and compiling DuckDB, then opening the file. */
	instantiateMs: number;
	openMs: number;
	/** Whether runs can be stored, and runs found interrupted. */
	store: StoreStatus;
}

let db: WasmSqlDb | undefined;
let dbName = '';
let store: StoreStatus | undefined;
/** The running command's cancel; commands run one at a time. */
let command: AbortController | undefined;
/** The replay page's run: its ticks read so far and read ahead (the day statistics kept inside). */
let replay: { key: string; ticks: TickReadAhead<PageTick, EventFilter> } | undefined;
let checkpointAfterStatements = true;
let releaseLock: (() => void) | undefined;
let markOpen: () => void;
const opened = new Promise<void>((resolve) => (markOpen = resolve));
const serial = createSerialQueue();
/** Every operation waits for the database and runs alone, in call order. */
const withDb = <T>(work: (db: WasmSqlDb) => Promise<T>): Promise<T> =>
	opened.then(() => serial(() => work(db!)));

const api = {
	/** Opens (creating if missing) the database at opfs://<name>. */
	async open(
		name: string,
		options: OpenOptions = {},
		onProgress?: (loaded: number, total: number) => void
	): Promise<OpenInfo> {
		if (db) throw new Error(`A database is already open: ${db.path}`);
		const path = `opfs://${name}`;
		dbName = name;
		checkpointAfterStatements = options.checkpointAfterStatements ?? true;
		releaseLock = await lockDatabase(path);
		const started = performance.now();
		let instantiated = started;
		db = await WasmSqlDb.open({
			wasmUrl,
			path,
			withoutWalFix: options.withoutWalFix,
			onProgress: (loaded, total) => {
				instantiated = performance.now();
				onProgress?.(loaded, total);
			}
		});
		const version = await db.version();
		store = await openStore(db, { writable: true, name });
		markOpen();
		return {
			path,
			version,
			instantiateMs: Math.round(instantiated - started),
			openMs: Math.round(performance.now() - instantiated),
			store
		};
	},

	/** Runs the page's SQL and returns the last statement's rows. */
	query(sql: string): Promise<QueryResult> {
		return withDb(async (db) => {
			const result = await db.query(sql);
			if (checkpointAfterStatements) await checkpointUnlessInTransaction(db);
			return result;
		});
	},

	/**
	 * Runs a query of the app's own read-only views (the replay page): unlike `query`, no CHECKPOINT
	 * follows, since nothing changed; scrubbing through ticks then costs a query, not a query and a
	 * checkpoint, per table.
	 */
	read(sql: string): Promise<QueryResult> {
		return withDb((db) => db.query(sql));
	},

	/**
	 * One tick of a run stored at level full as the replay page shows it (balances, queues, events,
	 * verbose lines), read and formatted here: the page gets one answer per tick instead of a handful of
	 * query results to parse and format on the main thread. The tick's neighbours are then read ahead
	 * (a few answers kept), so ← and → usually find theirs ready.
	 */
	async replayTick(run: StoredRun, tick: number, filter: EventFilter): Promise<PageTick> {
		await opened;
		const key = `${run.simulationId}\n${run.ticksCompleted}`;
		if (replay?.key !== key) {
			const [{ StoredTickDisplay, pageTick }, { TickReadAhead, ReadAheadStopped }] = await Promise.all([
				import('../src/lib/replay/stored-tick-display'),
				import('../src/lib/replay/tick-read-ahead')
			]);
			const display = new StoredTickDisplay(
				{ query: (sql: string) => withDb((current) => current.query(sql)) },
				run
			);
			const ticks = new TickReadAhead<PageTick, EventFilter>({
				lastTick: run.ticksCompleted - 1,
				keyOf: (filter) => JSON.stringify(filter),
				read: async (tick, filter, stop) => {
					// Checked when the query's turn comes, so a tick asked for waits for one query at most.
					const reader = {
						query: (sql: string) =>
							withDb((current) => {
								if (stop()) throw new ReadAheadStopped();
								return current.query(sql);
							})
					};
					return pageTick(await display.tick(tick, filter, reader));
				}
			});
			if (replay?.key !== key) replay = { key, ticks };
		}
		return replay.ticks.get(tick, filter);
	},

	exec(sql: string): Promise<void> {
		return withDb(async (db) => {
			await db.exec(sql);
			if (checkpointAfterStatements) await checkpointUnlessInTransaction(db);
		});
	},

	checkpoint(): Promise<void> {
		return withDb((db) => db.checkpoint());
	},

	/** Whether runs can be stored in the open database. */
	storeStatus(): Promise<StoreStatus> {
		return withDb(async () => store!);
	},

	/**
	 * Runs a typed payment-sim command on the open database (read only, see commands/app-environment.ts)
	 * and sends its output blocks to `onBlocks` as they come, a few at a time. Each of the command's
	 * statements queues with the rest of the work, so a run being stored goes on meanwhile. Resolves with
	 * the exit status once every block has been delivered.
	 */
	async runCommand(text: string, onBlocks: (blocks: OutputBlock[]) => void): Promise<ExitCode> {
		await opened;
		// Loaded on first use: the commands (engine, configuration, experiments) stay out of start-up.
		const [{ runCommandText }, { appEnvironment }] = await Promise.all([
			import('../src/lib/commands/execute'),
			import('../src/lib/commands/app-environment')
		]);
		command?.abort();
		const controller = new AbortController();
		command = controller;
		let pending: OutputBlock[] = [];
		let sentAt = performance.now();
		const send = async () => {
			const blocks = pending;
			pending = [];
			sentAt = performance.now();
			if (blocks.length > 0) await onBlocks(blocks);
		};
		const environment = appEnvironment({
			name: dbName,
			async query(sql) {
				await nextMacrotask();
				return withDb((current) => current.query(sql));
			},
			version: () => withDb((current) => current.version()),
			sizeBytes: () => withDb(async (current) => current.fileSize()),
			store: store!
		});
		try {
			const result = await runCommandText(text, environment, controller.signal, (block) => {
				pending.push(block);
				if (performance.now() - sentAt > 100) void send().catch(() => undefined);
			});
			await send();
			return result.exitCode;
		} finally {
			if (command === controller) command = undefined;
		}
	},

	/** Asks the running command to stop at its next step (exit status 130). */
	cancelCommand(): void {
		command?.abort();
	},

	/** The engine worker's end of the batch channel; writes are refused while the store is read-only. */
	connectEngine(port: MessagePort): void {
		serveBatches(port, withWritableDb);
	},

	/** The database file, complete (checkpointed), to download. */
	exportDatabase(): Promise<Uint8Array> {
		return withDb(async (current) => {
			const bytes = await current.fileBytes();
			return Comlink.transfer(bytes, [bytes.buffer]);
		});
	},

	/** Copies a .duckdb file into OPFS and attaches it read-only; see import-database.ts. */
	importDatabase(file: File): Promise<ImportedDatabase> {
		return withDb((current) => importDatabase(current, file));
	},

	close(): Promise<void> {
		return withDb(async (current) => {
			await current.close();
			db = undefined;
			releaseLock?.();
		});
	}
};

function withWritableDb<T>(work: (db: SqlDb) => Promise<T>): Promise<T> {
	return withDb((current) => {
		if (store?.access !== 'read-write') throw new Error(`Runs cannot be stored: ${store?.message}`);
		return work(current);
	});
}

/** Inside a transaction the user opened, the CHECKPOINT waits for their COMMIT. */
async function checkpointUnlessInTransaction(db: WasmSqlDb): Promise<void> {
	try {
		await db.checkpoint();
	} catch (error) {
		if (!(error instanceof Error && /transaction/i.test(error.message))) throw error;
	}
}

export type DbWorkerApi = typeof api;

Comlink.expose(api);
