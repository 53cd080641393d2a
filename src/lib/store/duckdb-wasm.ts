/**
 * SqlDb on DuckDB-WASM's synchronous ("blocking") bindings. It runs inside the db worker: the
 * bindings block the thread they run on, and only a dedicated worker may hold the OPFS sync access
 * handles that DuckDB writes through.
 */
import * as duckdb from 'duckdb-wasm-blocking';
import type { SyncAccessHandle } from './browser/sync-access-handle';
import { BlockingSqlDb } from './duckdb-blocking';
import { applyOpfsWalFix, type PatchableRuntime } from './opfs-wal-fix';
import { quoteIdent, quoteString } from './sql-db';

export interface WasmOpenOptions {
	/** URL of duckdb-eh.wasm, bundled with the site. */
	wasmUrl: string;
	/** 'opfs://<name>' for a persistent database, or ':memory:'. */
	path: string;
	/** Leave DuckDB-WASM's OPFS hooks as shipped (only to demonstrate the data loss they cause). */
	withoutWalFix?: boolean;
	onProgress?: (bytesLoaded: number, bytesTotal: number) => void;
}

export class WasmSqlDb extends BlockingSqlDb {
	private constructor(
		private readonly wasm: duckdb.DuckDBBindings,
		connection: duckdb.DuckDBConnection,
		readonly path: string
	) {
		super(wasm, connection);
	}

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
		const connection = BlockingSqlDb.connect(bindings) as duckdb.DuckDBConnection;
		return new WasmSqlDb(bindings, connection, options.path);
	}

	/**
	 * The bytes of this database's OPFS file, after a CHECKPOINT has put everything in it. Read through
	 * DuckDB's own sync access handle: copyFileToBuffer returns nothing for OPFS files, and a second
	 * handle on the file cannot be opened while DuckDB holds one.
	 */
	async fileBytes(): Promise<Uint8Array> {
		if (!this.path.startsWith('opfs://')) throw new Error(`${this.path} is not a file in OPFS`);
		this.connection.query('CHECKPOINT');
		const handle = this.accessHandle();
		if (!handle) throw new Error(`DuckDB holds no access handle for ${this.path}`);
		const bytes = new Uint8Array(handle.getSize());
		handle.read(bytes, { at: 0 });
		return bytes;
	}

	/** The size of this database's OPFS file as it is now; null for an in-memory database. */
	fileSize(): number | null {
		return this.accessHandle()?.getSize() ?? null;
	}

	private accessHandle(): SyncAccessHandle | undefined {
		const runtime = duckdb.BROWSER_RUNTIME as unknown as {
			_files: Map<string, unknown>;
			_preparedHandles: Record<string, unknown>;
		};
		return (runtime._files.get(this.path) ?? runtime._preparedHandles[this.path]) as
			| SyncAccessHandle
			| undefined;
	}

	/** Attaches another database file of OPFS, read-only, under `alias`. */
	async attachReadOnly(path: string, alias: string): Promise<void> {
		await this.wasm.prepareDBFileHandle(path, duckdb.DuckDBDataProtocol.BROWSER_FSACCESS);
		this.connection.query(`ATTACH ${quoteString(path)} AS ${quoteIdent(alias)} (READ_ONLY)`);
	}

	override async close(): Promise<void> {
		this.connection.query('CHECKPOINT');
		await super.close();
	}
}
