/** `db info`: what a database file is (size, schema version, access) and how many rows each table holds. */
import { quoteIdent } from '../../store/sql-db';
import { TABLES } from '../../store/schema';
import type { DbInfoCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';

export interface DatabaseInfo {
	database: string;
	size_bytes: number | null;
	schema_version: number | null;
	duckdb_version: string;
	access: string;
	tables: { table: string; rows: number; known: boolean }[];
}

const KNOWN: ReadonlySet<string> = new Set(TABLES.map((table) => table.name));

export async function executeDbInfo(
	command: DbInfoCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const info = await withReadableStore(
		env,
		command.db,
		async (database): Promise<DatabaseInfo> => {
			const { db } = database;
			const names = (
				await db.query(
					"SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name"
				)
			).rows.map((row) => String(row[0]));
			const tables = [];
			for (const table of names) {
				const count = await db.query(`SELECT count(*) FROM ${quoteIdent(table)}`);
				tables.push({ table, rows: Number(count.rows[0][0]), known: KNOWN.has(table) });
			}
			const version = names.includes('schema_version')
				? (await db.query('SELECT max(version) FROM schema_version')).rows[0][0]
				: null;
			return {
				database: database.name,
				size_bytes: database.sizeBytes,
				schema_version: version === null ? null : Number(version),
				duckdb_version: await db.version(),
				access: database.access,
				tables
			};
		},
		{ anySchema: true }
	);
	if (command.json) {
		output.write({ kind: 'json', value: info, indent: null });
		return 0;
	}
	const size = info.size_bytes === null ? 'unknown' : `${(info.size_bytes / (1024 * 1024)).toFixed(2)} MB`;
	output.write({
		kind: 'text',
		stream: 'stdout',
		lines: [
			`Database:        ${info.database}`,
			`Size:            ${size}`,
			`Schema version:  ${info.schema_version ?? 'none (not written by SimCash Notebook)'}`,
			`DuckDB:          ${info.duckdb_version}`,
			''
		]
	});
	output.write({
		kind: 'table',
		stream: 'stdout',
		title: null,
		columns: [
			{ label: 'Table', align: 'left' },
			{ label: 'Rows', align: 'right' }
		],
		rows: info.tables.map((table) => [
			table.known ? table.table : `${table.table} (not ours)`,
			String(table.rows)
		]),
		footer: ['', `Total: ${info.tables.length} table(s)`]
	});
	return 0;
}
