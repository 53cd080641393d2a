/**
 * Opening a database file in Node (the CLI, tests, benches): refuse a file that is not DuckDB,
 * inspect it read-only first so that a foreign or older file is never written (not even by a
 * write-ahead-log replay), then reopen it for writing when it is, or will become, a current store.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DUCKDB_HEADER_BYTES, isDuckDbHeader, NotDuckDbFileError } from './duckdb-file';
import { NodeSqlDb } from './duckdb-node';
import {
	inspectSchema,
	openStore,
	readOnlyReason,
	showStaleRunsAsInterrupted,
	type StoreStatus
} from './open-store';

export interface NodeStore {
	db: NodeSqlDb;
	status: StoreStatus;
}

export interface OpenStoreFileOptions {
	/** Never write, even to a current store. */
	readOnly?: boolean;
	now?: Date;
}

function checkHeader(path: string): void {
	if (statSync(path).size === 0) throw new NotDuckDbFileError(basename(path));
	const header = new Uint8Array(DUCKDB_HEADER_BYTES);
	const fd = openSync(path, 'r');
	try {
		readSync(fd, header, 0, DUCKDB_HEADER_BYTES, 0);
	} finally {
		closeSync(fd);
	}
	if (!isDuckDbHeader(header)) throw new NotDuckDbFileError(basename(path));
}

export async function openStoreFile(path: string, options: OpenStoreFileOptions = {}): Promise<NodeStore> {
	const name = basename(path);
	const exists = existsSync(path);
	if (exists) checkHeader(path);
	if (exists) {
		const probe = await NodeSqlDb.open(path, { readOnly: true });
		let writable: boolean;
		try {
			const current = readOnlyReason(await inspectSchema(probe), name) === null;
			writable = !options.readOnly && current;
			if (!writable) {
				const status = await openStore(probe, { writable: false, name });
				// This process could open the file, so no other one is writing it: what is still running
				// was interrupted.
				if (current) await showStaleRunsAsInterrupted(probe);
				return { db: probe, status };
			}
		} catch (error) {
			await probe.close();
			throw error;
		}
		await probe.close();
	} else if (options.readOnly) {
		throw new Error(`${path} does not exist`);
	}
	const db = await NodeSqlDb.open(path);
	try {
		return { db, status: await openStore(db, { writable: true, name, now: options.now }) };
	} catch (error) {
		await db.close();
		throw error;
	}
}
