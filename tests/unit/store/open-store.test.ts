/**
 * Opening database files: a new file gets the schema; the current version opens for writing and marks
 * runs left `running` as interrupted; a file without a schema version or with an older one opens
 * read-only with a message and is never written; a newer version and a file that is not DuckDB are
 * refused with a message.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { NotDuckDbFileError } from '../../../src/lib/store/duckdb-file';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema, StoreRefusedError } from '../../../src/lib/store/open-store';
import { openStoreFile } from '../../../src/lib/store/node-store';
import { SCHEMA_VERSION } from '../../../src/lib/store/schema';

const dir = mkdtempSync(join(tmpdir(), 'simcash-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-11-26T08:00:00Z');

function fileHash(path: string): string {
	return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function withRawDb(path: string, work: (db: NodeSqlDb) => Promise<void>): Promise<void> {
	const db = await NodeSqlDb.open(path);
	await work(db);
	await db.checkpoint();
	await db.close();
}

const RUNNING_RUN = `INSERT INTO simulation_runs (simulation_id, run_purpose, status, persistence_level, config_json,
	config_hash, rng_seed, ticks_per_day, num_days, num_agents, ticks_requested, started_at)
	VALUES ('sim-dead', 'standalone', 'running', 'full', '{}', 'h', 1, 10, 1, 2, 10, TIMESTAMP '2026-11-26 07:00:00')`;

test('a new file gets the current schema and opens for writing', async () => {
	const path = join(dir, 'new.duckdb');
	const { db, status } = await openStoreFile(path, { now: NOW });
	expect(status).toEqual({
		access: 'read-write',
		version: SCHEMA_VERSION,
		message: null,
		created: true,
		interrupted: 0
	});
	expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([[BigInt(SCHEMA_VERSION)]]);
	await db.close();

	const again = await openStoreFile(path);
	expect(again.status).toEqual({
		access: 'read-write',
		version: SCHEMA_VERSION,
		message: null,
		created: false,
		interrupted: 0
	});
	await again.db.close();
});

test('a run left running reads as interrupted, and is marked so when the file is next opened for writing', async () => {
	const path = join(dir, 'dead-run.duckdb');
	await withRawDb(path, async (db) => {
		await createSchema(db);
		await db.exec(RUNNING_RUN);
	});
	// A reader that could open the file knows its writer is gone: it shows the run interrupted, and
	// leaves the file as it was.
	const before = fileHash(path);
	const readOnly = await openStoreFile(path, { readOnly: true });
	expect(readOnly.status.access).toBe('read-only');
	expect((await readOnly.db.query('SELECT status FROM simulation_runs')).rows).toEqual([['interrupted']]);
	await readOnly.db.close();
	expect(fileHash(path)).toBe(before);

	const { db, status } = await openStoreFile(path, { now: NOW });
	expect(status.interrupted).toBe(1);
	expect((await db.query('SELECT status, error_message FROM simulation_runs')).rows).toEqual([
		[
			'interrupted',
			'Interrupted: the writer stopped before the end (found running on 2026-11-26T08:00:00.000Z).'
		]
	]);
	await db.close();
});

test('a file of an older schema version opens read-only, with a message, and is not written', async () => {
	const path = join(dir, 'older.duckdb');
	await withRawDb(path, async (db) => {
		await createSchema(db);
		await db.exec(RUNNING_RUN);
		await db.exec(`UPDATE schema_version SET version = ${SCHEMA_VERSION - 1}`);
	});
	const before = fileHash(path);
	const { db, status } = await openStoreFile(path);
	expect(status.access).toBe('read-only');
	expect(status.version).toBe(SCHEMA_VERSION - 1);
	expect(status.message).toBe(
		`older.duckdb has schema version ${SCHEMA_VERSION - 1}; this version of SimCash Notebook writes version ` +
			`${SCHEMA_VERSION} and cannot migrate files yet. It is open read-only.`
	);
	// The dead run stays as it was, and the handle refuses writes.
	expect((await db.query('SELECT status FROM simulation_runs')).rows).toEqual([['running']]);
	await expect(db.exec('DELETE FROM simulation_runs')).rejects.toThrow(/read-only/i);
	await db.close();
	expect(fileHash(path)).toBe(before);
});

test('a DuckDB file without schema_version (e.g. SimCash’s own) opens read-only and is not written', async () => {
	const path = join(dir, 'simcash.db');
	await withRawDb(path, async (db) => {
		await db.exec(`CREATE TABLE experiments (run_id VARCHAR PRIMARY KEY, experiment_name VARCHAR NOT NULL);
			INSERT INTO experiments VALUES ('exp1-20251215-084901-866d63', 'exp1')`);
	});
	const before = fileHash(path);
	const { db, status } = await openStoreFile(path);
	expect(status).toEqual({
		access: 'read-only',
		version: null,
		message:
			'simcash.db has no schema_version table: it was not written by SimCash Notebook (tables: experiments). ' +
			'It is open read-only.',
		created: false,
		interrupted: 0
	});
	expect((await db.query('SELECT experiment_name FROM experiments')).rows).toEqual([['exp1']]);
	await db.close();
	expect(fileHash(path)).toBe(before);
});

test('a file of a newer schema version is refused', async () => {
	const path = join(dir, 'newer.duckdb');
	await withRawDb(path, async (db) => {
		await createSchema(db);
		await db.exec(`UPDATE schema_version SET version = ${SCHEMA_VERSION + 1}`);
	});
	const before = fileHash(path);
	await expect(openStoreFile(path)).rejects.toThrow(StoreRefusedError);
	await expect(openStoreFile(path)).rejects.toThrow(
		`newer.duckdb has schema version ${SCHEMA_VERSION + 1}, written by a newer SimCash Notebook (this one reads ` +
			`version ${SCHEMA_VERSION} and older). It was not opened; use a newer version.`
	);
	expect(fileHash(path)).toBe(before);
});

test('a file that is not a DuckDB database is refused and left alone', async () => {
	const text = join(dir, 'notes.duckdb');
	writeFileSync(text, 'these are not the bytes you are looking for\n');
	await expect(openStoreFile(text)).rejects.toThrow(NotDuckDbFileError);
	await expect(openStoreFile(text)).rejects.toThrow(
		'notes.duckdb is not a DuckDB database file; it was not opened.'
	);
	expect(readFileSync(text, 'utf8')).toBe('these are not the bytes you are looking for\n');
	const empty = join(dir, 'empty.duckdb');
	writeFileSync(empty, '');
	await expect(openStoreFile(empty)).rejects.toThrow(NotDuckDbFileError);
});
