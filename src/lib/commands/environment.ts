/**
 * What commands need from the platform, so that the same executors run in the Node CLI and in the
 * app: files (read, written, listed), opening a database, a sink that writes rows into it, and a way
 * to let other work (a cancel, the page) in between steps. Failures are CommandFailure.
 */
import type { ResolveFile } from '../config';
import type { StoreAccess } from '../store/open-store';
import type { SqlDb } from '../store/sql-db';
import type { StoreSink } from '../store/store-sink';

export interface OpenedDatabase {
	db: SqlDb;
	/** How the database is named in messages: the path as typed, or the app's database name. */
	name: string;
	access: StoreAccess;
	/** Why it is read-only; null when writable. */
	readOnlyReason: string | null;
	/** File size, when the platform knows it. */
	sizeBytes: number | null;
	close(): Promise<void>;
}

export interface LineFile {
	line(text: string): void;
	close(): void;
}

export interface CommandEnvironment {
	/**
	 * Opens the database `--db` names (null: none given). With `write: false` the file is never changed;
	 * with `write: true` a missing file is created. Throws CommandFailure for a missing file (reading), a
	 * file that is not DuckDB, or a store of a newer version.
	 */
	openDatabase(path: string | null, options: { write: boolean }): Promise<OpenedDatabase>;
	/** Writes rows into an opened, writable database, one transaction per write. */
	storeSink(database: OpenedDatabase): StoreSink;
	/** A file's text; throws CommandFailure when it cannot be read. */
	readTextFile(path: string): Promise<string>;
	/** Reads the files a scenario or experiment refers to (null when missing). */
	resolveFile: ResolveFile;
	writeTextFile(path: string, text: string): Promise<void>;
	openLineFile(path: string): LineFile;
	/** The names of a folder's entries; throws CommandFailure when it is not a folder. */
	listDirectory(path: string): Promise<string[]>;
	/** Lets pending work (a cancel, progress) run between steps of a long command. */
	yieldToEventLoop(): Promise<void>;
	/** A secret from the environment (API keys); never stored. */
	secret(name: string): string | undefined;
	now(): Date;
}
