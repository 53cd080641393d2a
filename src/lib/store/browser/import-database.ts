/**
 * Importing a .duckdb file into the browser: copied into OPFS (imports/), attached read-only under an
 * alias of its own, and inspected like any store, so that the SQL box can query `<alias>.<table>`.
 * A file of a newer schema version is detached again and refused.
 */
import type { WasmSqlDb } from '../duckdb-wasm';
import { inspectSchema, readOnlyReason } from '../open-store';
import { SCHEMA_VERSION } from '../schema';
import { quoteIdent, quoteString } from '../sql-db';
import { copyIntoImports } from './opfs-import';

export interface ImportedDatabase {
	/** The name the file is attached under. */
	alias: string;
	/** Its file name under imports/ in OPFS. */
	fileName: string;
	bytes: number;
	/** Its schema version, or null for a file without one. */
	version: number | null;
	tables: string[];
	/** What the import means for the user (always read-only). */
	message: string;
}

async function unusedAlias(db: WasmSqlDb, fileName: string): Promise<string> {
	const stem = fileName
		.replace(/\.[^.]*$/, '')
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, '_');
	const base = `imported_${stem}`.replace(/_+$/, '');
	const taken = new Set(
		(await db.query('SELECT database_name FROM duckdb_databases()')).rows.map((row) => String(row[0]))
	);
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export async function importDatabase(db: WasmSqlDb, file: File): Promise<ImportedDatabase> {
	const copied = await copyIntoImports(file);
	const alias = await unusedAlias(db, copied.name);
	await db.attachReadOnly(copied.path, alias);
	let reason: string | null;
	const state = await inspectSchema(db, alias);
	try {
		reason = readOnlyReason(state, file.name);
	} catch (error) {
		await db.exec(`DETACH ${quoteIdent(alias)}`);
		throw error;
	}
	const tables = (
		await db.query(
			`SELECT table_name FROM duckdb_tables() WHERE database_name = ${quoteString(alias)} ORDER BY table_name`
		)
	).rows.map((row) => String(row[0]));
	const version = state.kind === 'current' ? SCHEMA_VERSION : state.kind === 'older' ? state.version : null;
	return {
		alias,
		fileName: copied.name,
		bytes: copied.bytes,
		version,
		tables,
		message: reason ?? `${file.name} is attached read-only as ${alias}: query it as ${alias}.<table>.`
	};
}
