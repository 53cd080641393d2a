/**
 * SqlDb on @duckdb/node-api, for the CLI and Node tests. Pinned to the DuckDB version inside
 * DuckDB-WASM (v1.4.3) so that both runtimes speak the same dialect and storage format.
 */
import {
	DuckDBBlobValue,
	DuckDBDecimalValue,
	DuckDBInstance,
	type DuckDBAppender,
	type DuckDBConnection,
	type DuckDBValue
} from '@duckdb/node-api';
import { tableFromIPC, Type, type Vector } from 'apache-arrow';
import { DUCKDB_SESSION_SETTINGS } from './settings';
import { type QueryResult, type SqlDb, type SqlValue } from './sql-db';

export interface NodeOpenOptions {
	readOnly?: boolean;
}

export class NodeSqlDb implements SqlDb {
	private constructor(
		private readonly instance: DuckDBInstance,
		private readonly connection: DuckDBConnection
	) {}

	/** Opens a database file (created when missing), or an in-memory database for ':memory:'. */
	static async open(path: string, options: NodeOpenOptions = {}): Promise<NodeSqlDb> {
		const settings: Record<string, string> = {};
		if (options.readOnly) settings.access_mode = 'READ_ONLY';
		const instance = await DuckDBInstance.create(path, settings);
		const connection = await instance.connect();
		const db = new NodeSqlDb(instance, connection);
		for (const statement of DUCKDB_SESSION_SETTINGS) await connection.run(statement);
		return db;
	}

	async exec(sql: string): Promise<void> {
		await this.connection.run(sql);
	}

	async query(sql: string): Promise<QueryResult> {
		const reader = await this.connection.runAndReadAll(sql);
		const names = reader.columnNames();
		const types = reader.columnTypes();
		return {
			columns: names.map((name, i) => ({ name, type: types[i].toString() })),
			rows: reader.getRows().map((row) => row.map(toSqlValue))
		};
	}

	async insertArrowIpc(table: string, ipc: Uint8Array): Promise<void> {
		const batch = tableFromIPC(ipc);
		if (batch.numRows === 0) return;
		const appender = await this.connection.createAppender(table);
		const columns = batch.schema.fields.map((_, i) => batch.getChildAt(i) as Vector);
		const appendCell = columns.map((column) => appenderFor(appender, column.type.typeId));
		for (let row = 0; row < batch.numRows; row++) {
			for (let c = 0; c < columns.length; c++) {
				const value = columns[c].get(row);
				if (value === null || value === undefined) appender.appendNull();
				else appendCell[c](value);
			}
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
	}

	async checkpoint(): Promise<void> {
		await this.connection.run('CHECKPOINT');
	}

	async version(): Promise<string> {
		const result = await this.query('SELECT version() AS v');
		return String(result.rows[0][0]);
	}

	async close(): Promise<void> {
		this.connection.closeSync();
		this.instance.closeSync();
	}
}

function appenderFor(appender: DuckDBAppender, typeId: Type): (value: unknown) => void {
	switch (typeId) {
		case Type.Int:
			return (v) => (typeof v === 'bigint' ? appender.appendBigInt(v) : appender.appendInteger(v as number));
		case Type.Float:
			return (v) => appender.appendDouble(v as number);
		case Type.Bool:
			return (v) => appender.appendBoolean(v as boolean);
		case Type.Utf8:
		case Type.LargeUtf8:
			return (v) => appender.appendVarchar(v as string);
		case Type.Binary:
			return (v) => appender.appendBlob(v as Uint8Array);
		default:
			throw new Error(`insertArrowIpc: Arrow type ${Type[typeId]} is not supported by the Node adapter`);
	}
}

function toSqlValue(value: DuckDBValue): SqlValue {
	if (value === null || typeof value !== 'object') return value as SqlValue;
	if (value instanceof DuckDBBlobValue) return value.bytes;
	if (value instanceof DuckDBDecimalValue) return Number(value.toString());
	return value.toString();
}
