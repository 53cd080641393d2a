/**
 * The part of SqlDb common to every runtime of DuckDB-WASM's synchronous ("blocking") bindings: the
 * browser's db worker (duckdb-wasm.ts) and DuckDB-WASM's Node build in tests. Each runtime file only
 * opens the database its way and adds what that runtime alone can do.
 */
import type { Table } from 'apache-arrow';
import { arrowToQueryResult } from './arrow-values';
import { DUCKDB_SESSION_SETTINGS } from './settings';
import type { QueryResult, SqlDb } from './sql-db';

/** What this base uses of a blocking connection (duckdb.DuckDBConnection in every runtime). */
export interface BlockingConnection {
	query(sql: string): Table;
	insertArrowFromIPCStream(ipc: Uint8Array, options: { name: string; create: boolean }): void;
	close(): void;
}

/** What this base uses of the blocking bindings (duckdb.DuckDBBindings in every runtime). */
export interface BlockingBindings {
	connect(): BlockingConnection;
	getVersion(): string;
	reset(): void;
}

export class BlockingSqlDb implements SqlDb {
	protected constructor(
		protected readonly bindings: BlockingBindings,
		protected readonly connection: BlockingConnection
	) {}

	/** A connection on opened bindings, with the session settings every DuckDB of ours runs with. */
	protected static connect(bindings: BlockingBindings): BlockingConnection {
		const connection = bindings.connect();
		for (const statement of DUCKDB_SESSION_SETTINGS) connection.query(statement);
		return connection;
	}

	async exec(sql: string): Promise<void> {
		this.connection.query(sql);
	}

	async query(sql: string): Promise<QueryResult> {
		return arrowToQueryResult(this.connection.query(sql));
	}

	async insertArrowIpc(table: string, ipc: Uint8Array): Promise<void> {
		this.connection.insertArrowFromIPCStream(ipc, { name: table, create: false });
	}

	async checkpoint(): Promise<void> {
		this.connection.query('CHECKPOINT');
	}

	async version(): Promise<string> {
		return this.bindings.getVersion();
	}

	async close(): Promise<void> {
		this.connection.close();
		this.bindings.reset();
	}
}
