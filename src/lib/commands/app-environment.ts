/**
 * The command environment of the app: the one database the app has open (in the db worker), read only,
 * and no files. `--db` may be left out; when given it must name the open database (its file name, its
 * opfs:// path, or any path ending in that file name, such as a downloaded copy's). Commands that would
 * read or write files, or store runs, fail with a one-line message naming the page that does it.
 * Platform-neutral: the db worker supplies the reads, unit tests a Node database.
 */
import { nextMacrotask } from '../run/stepping';
import type { StoreStatus } from '../store/open-store';
import type { QueryResult, SqlDb } from '../store/sql-db';
import type { CommandEnvironment, OpenedDatabase } from './environment';
import { CommandFailure } from './failure';

export interface AppDatabase {
	/** The open database's file name, e.g. simcash.duckdb. */
	name: string;
	/** Runs one read-only statement (the db worker queues it with the rest of its work). */
	query(sql: string): Promise<QueryResult>;
	version(): Promise<string>;
	/** The file's size in bytes, when known. */
	sizeBytes(): Promise<number | null>;
	/** How the app opened the store (read-write unless it is an older or foreign file). */
	store: StoreStatus;
}

export const CONSOLE_READS_ONLY =
	"the app's command console only reads the database; store runs on the Scenarios or Experiments page";

/** Whether a `--db` value names the open database. */
export function namesOpenDatabase(path: string, name: string): boolean {
	const withoutScheme = path.startsWith('opfs://') ? path.slice('opfs://'.length) : path;
	return withoutScheme.split(/[/\\]/).at(-1) === name;
}

function noFiles(path: string): CommandFailure {
	return new CommandFailure(
		`${path}: the app's command console has no files (use the Scenarios or Experiments page, or the CLI)`
	);
}

function refuseWrite(): never {
	throw new CommandFailure(CONSOLE_READS_ONLY);
}

/** The open database as SqlDb for commands: reads pass through, writes are refused, close is a no-op. */
function readingView(database: AppDatabase): SqlDb {
	return {
		query: (sql) => database.query(sql),
		version: () => database.version(),
		exec: async () => refuseWrite(),
		insertArrowIpc: async () => refuseWrite(),
		checkpoint: async () => undefined,
		close: async () => undefined
	};
}

export function appEnvironment(database: AppDatabase): CommandEnvironment {
	const db = readingView(database);
	return {
		async openDatabase(path, { write }): Promise<OpenedDatabase> {
			if (path !== null && !namesOpenDatabase(path, database.name))
				throw new CommandFailure(
					`${path}: not open in the app; commands read ${database.name}, the app's database (leave out --db)`
				);
			if (write) refuseWrite();
			return {
				db,
				name: database.name,
				access: 'read-only',
				readOnlyReason: database.store.message ?? "the app's command console only reads",
				sizeBytes: await database.sizeBytes(),
				close: async () => undefined
			};
		},
		storeSink: () => refuseWrite(),
		readTextFile: async (path) => {
			throw noFiles(path);
		},
		resolveFile: async (path) => {
			throw noFiles(path);
		},
		writeTextFile: async (path) => {
			throw noFiles(path);
		},
		openLineFile: (path) => {
			throw noFiles(path);
		},
		listDirectory: async (path) => {
			throw noFiles(path);
		},
		yieldToEventLoop: nextMacrotask,
		secret: () => undefined,
		now: () => new Date()
	};
}
