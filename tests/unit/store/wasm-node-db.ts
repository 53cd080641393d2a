/**
 * Test support: DuckDB-WASM's own Node build behind the SqlDb interface, converting results with the
 * same base (duckdb-blocking.ts) as the browser adapter. It lets one contract test run against both the
 * native and the WASM engine in Node; the browser-only parts (OPFS, workers) are covered by e2e tests.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BlockingSqlDb, type BlockingBindings } from '../../../src/lib/store/duckdb-blocking';

const require = createRequire(import.meta.url);
const modulePath = join(process.cwd(), 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');

interface WasmBindings extends BlockingBindings {
	instantiate(): Promise<unknown>;
	open(config: { path: string }): void;
	registerFileBuffer(name: string, buffer: Uint8Array): void;
}

export class WasmNodeSqlDb extends BlockingSqlDb {
	private constructor(readonly wasm: WasmBindings) {
		super(wasm, BlockingSqlDb.connect(wasm));
	}

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
		return new WasmNodeSqlDb(bindings);
	}
}
