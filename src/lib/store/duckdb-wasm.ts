/**
 * SqlDb on DuckDB-WASM's synchronous ("blocking") bindings. It runs inside the db worker: the
 * bindings block the thread they run on, and only a dedicated worker may hold the OPFS sync access
 * handles that DuckDB writes through.
 */
import * as duckdb from 'duckdb-wasm-blocking';
import { arrowToQueryResult } from './arrow-values';
import { applyOpfsWalFix, type PatchableRuntime } from './opfs-wal-fix';
import { DUCKDB_SESSION_SETTINGS } from './settings';
import type { QueryResult, SqlDb } from './sql-db';

export interface WasmOpenOptions {
	/** URL of duckdb-eh.wasm, bundled with the site. */
	wasmUrl: string;
	/** 'opfs://<name>' for a persistent database, or ':memory:'. */
	path: string;
	/** Leave DuckDB-WASM's OPFS hooks as shipped (only to demonstrate the data loss they cause). */
	withoutWalFix?: boolean;
	onProgress?: (bytesLoaded: number, bytesTotal: number) => void;
}

export class WasmSqlDb implements SqlDb {
	private constructor(
		private readonly bindings: duckdb.DuckDBBindings,
		private readonly connection: duckdb.DuckDBConnection,
		readonly path: string
	) {}

	static async open(options: WasmOpenOptions): Promise<WasmSqlDb> {
		if (!options.withoutWalFix) applyOpfsWalFix(duckdb.BROWSER_RUNTIME as unknown as PatchableRuntime);
		// Every browser that matters has wasm exception handling, so the eh build is shipped alone.
		const bundle = { mainModule: options.wasmUrl, mainWorker: '' };
		const bindings = await duckdb.createDuckDB(
			{ mvp: bundle, eh: bundle },
			new duckdb.VoidLogger(),
			duckdb.BROWSER_RUNTIME
		);
		await bindings.instantiate((progress) => options.onProgress?.(progress.bytesLoaded, progress.bytesTotal));
		if (options.path.startsWith('opfs://')) {
			await bindings.prepareDBFileHandle(options.path, duckdb.DuckDBDataProtocol.BROWSER_FSACCESS);
			bindings.open({
				path: options.path,
				accessMode: duckdb.DuckDBAccessMode.READ_WRITE,
				useDirectIO: true
			});
		} else {
			bindings.open({ path: ':memory:' });
		}
		const connection = bindings.connect();
		for (const statement of DUCKDB_SESSION_SETTINGS) connection.query(statement);
		return new WasmSqlDb(bindings, connection, options.path);
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
		this.connection.query('CHECKPOINT');
		this.connection.close();
		this.bindings.reset();
	}
}
