/**
 * Test support: DuckDB-WASM's own Node build behind the SqlDb interface, converting results with the
 * same arrowToQueryResult the browser adapter uses. It lets one contract test run against both the
 * native and the WASM engine in Node; the browser-only parts (OPFS, workers) are covered by e2e tests.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { arrowToQueryResult } from '../../../src/lib/store/arrow-values';
import { DUCKDB_SESSION_SETTINGS } from '../../../src/lib/store/settings';
import type { QueryResult, SqlDb } from '../../../src/lib/store/sql-db';

const require = createRequire(import.meta.url);
const modulePath = join(process.cwd(), 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');

interface WasmConnection {
	query(sql: string): import('apache-arrow').Table;
	insertArrowFromIPCStream(ipc: Uint8Array, options: { name: string; create: boolean }): void;
	close(): void;
}

interface WasmBindings {
	instantiate(): Promise<unknown>;
	open(config: { path: string }): void;
	connect(): WasmConnection;
	getVersion(): string;
	registerFileBuffer(name: string, buffer: Uint8Array): void;
	reset(): void;
}

export class WasmNodeSqlDb implements SqlDb {
	private constructor(
		readonly bindings: WasmBindings,
		private readonly connection: WasmConnection
	) {}

	static async open(): Promise<WasmNodeSqlDb> {
		const duckdb = require(modulePath);
		const dist = dirname(modulePath);
		const bundle = { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' };
		const bindings: WasmBindings = await duckdb.createDuckDB(
			{ mvp: bundle, eh: bundle },
			new duckdb.VoidLogger(),
			duckdb.NODE_RUNTIME
		);
		await bindings.instantiate();
		bindings.open({ path: ':memory:' });
		const connection = bindings.connect();
		for (const statement of DUCKDB_SESSION_SETTINGS) connection.query(statement);
		return new WasmNodeSqlDb(bindings, connection);
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
