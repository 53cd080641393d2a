/**
 * Opening a database as a SimCash Notebook store: create the schema in an empty database, accept the
 * current schema version, fall back to read-only for files without a version or with an older one,
 * and refuse files of a newer version. Nothing is dropped or rewritten; the one automatic change is
 * that runs and experiments left `running` by a writer that is gone are marked `interrupted`.
 */
import { schemaStatements } from './schema-ddl';
import { SCHEMA_VERSION } from './schema';
import { quoteIdent, quoteString, type SqlDb } from './sql-db';
import { insertSql } from './sql-literal';

export const APPLICATION = 'simcash-notebook';

export type SchemaState =
	| { kind: 'empty' }
	| { kind: 'current' }
	| { kind: 'unversioned'; tables: string[] }
	| { kind: 'older'; version: number }
	| { kind: 'newer'; version: number };

export type StoreAccess = 'read-write' | 'read-only';

export interface StoreStatus {
	access: StoreAccess;
	/** The file's schema version, or null for a file without one. */
	version: number | null;
	/** Why the store is read-only; null when it is writable. */
	message: string | null;
	/** The schema was created by this open. */
	created: boolean;
	/** Runs and experiments this open marked interrupted. */
	interrupted: number;
}

export class StoreRefusedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StoreRefusedError';
	}
}

/** The tables of a catalog (the current database, or an attached one by name). */
async function tableNames(db: SqlDb, catalog: string | null): Promise<string[]> {
	const database = catalog === null ? 'current_database()' : quoteString(catalog);
	const result = await db.query(
		`SELECT table_name FROM duckdb_tables() WHERE database_name = ${database} AND schema_name = 'main' ORDER BY table_name`
	);
	return result.rows.map((row) => String(row[0]));
}

export async function inspectSchema(db: SqlDb, catalog: string | null = null): Promise<SchemaState> {
	const tables = await tableNames(db, catalog);
	if (tables.length === 0) return { kind: 'empty' };
	if (!tables.includes('schema_version')) return { kind: 'unversioned', tables };
	const prefix = catalog === null ? '' : `${quoteIdent(catalog)}.`;
	const result = await db.query(`SELECT max(version) FROM ${prefix}schema_version`);
	const found = result.rows[0]?.[0];
	if (found === null || found === undefined) return { kind: 'unversioned', tables };
	const version = Number(found);
	if (version === SCHEMA_VERSION) return { kind: 'current' };
	return version < SCHEMA_VERSION ? { kind: 'older', version } : { kind: 'newer', version };
}

/** The read-only explanation for a schema state, or null when the state is writable. */
export function readOnlyReason(state: SchemaState, name: string): string | null {
	switch (state.kind) {
		case 'empty':
		case 'current':
			return null;
		case 'unversioned':
			return (
				`${name} has no schema_version table: it was not written by SimCash Notebook ` +
				`(tables: ${state.tables.join(', ')}). It is open read-only.`
			);
		case 'older':
			return (
				`${name} has schema version ${state.version}; this version of SimCash Notebook writes version ` +
				`${SCHEMA_VERSION} and cannot migrate files yet. It is open read-only.`
			);
		case 'newer':
			throw new StoreRefusedError(
				`${name} has schema version ${state.version}, written by a newer SimCash Notebook (this one ` +
					`reads version ${SCHEMA_VERSION} and older). It was not opened; use a newer version.`
			);
	}
}

/** Creates every table and index, and records the schema version. Idempotent. */
export async function createSchema(db: SqlDb, now: Date = new Date()): Promise<void> {
	await db.exec('BEGIN TRANSACTION');
	try {
		for (const statement of schemaStatements()) await db.exec(statement);
		await db.exec(
			`${insertSql('schema_version', { version: SCHEMA_VERSION, applied_at: now, application: APPLICATION })} ` +
				'ON CONFLICT DO NOTHING'
		);
		await db.exec('COMMIT');
	} catch (error) {
		await db.exec('ROLLBACK');
		throw error;
	}
}

/**
 * Marks runs and experiments still `running` as interrupted; returns how many. (No RETURNING clause:
 * DuckDB executes an UPDATE … RETURNING as delete and insert, which the foreign keys referencing
 * simulation_runs then refuse.)
 */
export async function markInterrupted(db: SqlDb, now: Date = new Date()): Promise<number> {
	const reason = quoteString(
		`Interrupted: the writer stopped before the end (found running on ${now.toISOString()}).`
	);
	const running = await db.query(
		"SELECT (SELECT count(*) FROM simulation_runs WHERE status = 'running') + " +
			"(SELECT count(*) FROM experiments WHERE status = 'running')"
	);
	const count = Number(running.rows[0][0]);
	if (count === 0) return 0;
	await db.exec(
		`UPDATE simulation_runs SET status = 'interrupted', error_message = coalesce(error_message, ${reason}) ` +
			"WHERE status = 'running'"
	);
	await db.exec("UPDATE experiments SET status = 'interrupted' WHERE status = 'running'");
	return count;
}

/**
 * For a reader that knows no writer can still be at work (in Node, DuckDB's file lock keeps any other
 * process out while one writes): shows runs and experiments left `running` as `interrupted`, as the
 * next writable open will mark them, without writing the file. Temporary views named like the tables
 * shadow them for this connection only.
 */
export async function showStaleRunsAsInterrupted(db: SqlDb): Promise<void> {
	const catalog = quoteIdent(String((await db.query('SELECT current_database()')).rows[0][0]));
	for (const table of ['simulation_runs', 'experiments']) {
		await db.exec(
			`CREATE OR REPLACE TEMP VIEW ${quoteIdent(table)} AS SELECT * REPLACE ` +
				`(CASE WHEN status = 'running' THEN 'interrupted' ELSE status END AS status) ` +
				`FROM ${catalog}.main.${quoteIdent(table)}`
		);
	}
}

export interface OpenStoreOptions {
	/** The database may be written: create the schema if empty, mark dead runs interrupted. */
	writable: boolean;
	/** How the database is named in messages (file name or path). */
	name: string;
	now?: Date;
}

/**
 * Prepares a freshly opened database for use and reports whether it can be written. Throws
 * StoreRefusedError for a file of a newer schema version.
 */
export async function openStore(db: SqlDb, options: OpenStoreOptions): Promise<StoreStatus> {
	const state = await inspectSchema(db);
	const reason = readOnlyReason(state, options.name);
	const version = state.kind === 'current' || state.kind === 'empty' ? SCHEMA_VERSION : null;
	if (reason !== null) {
		return {
			access: 'read-only',
			version: state.kind === 'older' ? state.version : null,
			message: reason,
			created: false,
			interrupted: 0
		};
	}
	if (!options.writable) {
		return {
			access: 'read-only',
			version: state.kind === 'empty' ? null : version,
			message: `${options.name} is open read-only.`,
			created: false,
			interrupted: 0
		};
	}
	const created = state.kind === 'empty';
	if (created) await createSchema(db, options.now);
	const interrupted = created ? 0 : await markInterrupted(db, options.now);
	if (created || interrupted > 0) await db.checkpoint();
	return { access: 'read-write', version: SCHEMA_VERSION, message: null, created, interrupted };
}
