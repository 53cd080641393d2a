/**
 * The app's one connection to its two workers, shared by every page: started once by the layout,
 * it owns the database (one tab, one owner) for the life of the tab.
 */
import { Comlink, startWorkers, type Workers } from './workers';

export type SessionStatus = 'loading' | 'ready' | 'locked' | 'error';

export interface SessionOptions {
	dbName: string;
	/** Diagnostics for the durability tests: rely on the write-ahead log alone. */
	walOnly: boolean;
	/** Diagnostics: DuckDB-WASM's stock OPFS hooks. */
	withoutWalFix: boolean;
}

export const session = $state({
	status: 'loading' as SessionStatus,
	message: 'Loading DuckDB…',
	dbPath: '',
	version: '',
	bytesLoaded: 0,
	bytesTotal: 0,
	startupMs: undefined as number | undefined,
	options: { dbName: 'simcash.duckdb', walOnly: false, withoutWalFix: false } as SessionOptions
});

let workers: Workers | undefined;
let started = false;
let markWorkers: (w: Workers) => void;
const workersStarted = new Promise<Workers>((resolve) => (markWorkers = resolve));
let markReady: (w: Workers) => void;
let markFailed: (error: Error) => void;
const ready = new Promise<Workers>((resolve, reject) => {
	markReady = resolve;
	markFailed = reject;
});
// Pages stay usable while DuckDB loads; work submitted meanwhile waits for this.
ready.catch(() => undefined);

/** The workers once the database is open; rejects if it cannot be opened. */
export function whenReady(): Promise<Workers> {
	return ready;
}

/** The workers as soon as they exist (the engine does not need the database). */
export function currentWorkers(): Workers | undefined {
	return workers;
}

/** Resolves as soon as the workers exist, before the database is open. */
export function whenWorkers(): Promise<Workers> {
	return workersStarted;
}

export function optionsFromUrl(url: URL): SessionOptions {
	const params = url.searchParams;
	return {
		dbName: params.get('db') ?? 'simcash.duckdb',
		walOnly: params.get('durability') === 'wal',
		withoutWalFix: params.get('walfix') === 'off'
	};
}

export function startSession(options: SessionOptions): void {
	if (started) return;
	started = true;
	session.options = options;
	const startedAt = performance.now();
	(async () => {
		try {
			workers = await startWorkers();
			markWorkers(workers);
			const info = await workers.db.open(
				options.dbName,
				{ withoutWalFix: options.withoutWalFix, checkpointAfterStatements: !options.walOnly },
				Comlink.proxy((loaded: number, total: number) => {
					session.bytesLoaded = loaded;
					session.bytesTotal = total;
				})
			);
			session.dbPath = info.path;
			session.version = info.version;
			session.startupMs = performance.now() - startedAt;
			session.status = 'ready';
			session.message = 'ready';
			markReady(workers);
		} catch (e) {
			const error = e instanceof Error ? e : new Error(String(e));
			session.status = error.name === 'DatabaseLockedError' ? 'locked' : 'error';
			session.message = error.message;
			markFailed(error);
		}
	})();
}

/** Makes committed work durable when the tab may be going away. */
export function checkpointSoon(): void {
	if (session.status === 'ready' && !session.options.walOnly) {
		workers?.db.checkpoint().catch(() => undefined);
	}
}
