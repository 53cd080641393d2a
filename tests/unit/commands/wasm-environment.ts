/**
 * A command environment whose databases are opened by DuckDB-WASM (its Node build, the engine the app
 * runs in the browser), each file attached read-only as the app attaches imported files. It stands in
 * for the app when checking that a command gives the same answer on the same file in both runtimes.
 * One DuckDB-WASM instance serves every command (starting one takes over a second); `dispose` ends it.
 */
import { readFileSync } from 'node:fs';
import type { CommandEnvironment } from '../../../src/lib/commands';
import { CommandFailure } from '../../../src/lib/commands/failure';
import { nodeEnvironment } from '../../../src/lib/commands/node-environment';
import { WasmNodeSqlDb } from '../store/wasm-node-db';

export interface WasmEnvironment extends CommandEnvironment {
	dispose(): Promise<void>;
}

export function wasmEnvironment(): WasmEnvironment {
	let instance: Promise<WasmNodeSqlDb> | null = null;
	const attached = new Map<string, string>();
	return {
		...nodeEnvironment(),
		async openDatabase(path, { write }) {
			if (path === null || write) throw new CommandFailure('this environment opens named files for reading');
			instance ??= WasmNodeSqlDb.open();
			const db = await instance;
			let catalog = attached.get(path);
			if (catalog === undefined) {
				catalog = `imported_${attached.size}`;
				db.wasm.registerFileBuffer(`${catalog}.duckdb`, new Uint8Array(readFileSync(path)));
				await db.exec(`ATTACH '${catalog}.duckdb' AS ${catalog} (READ_ONLY)`);
				attached.set(path, catalog);
			}
			await db.exec(`USE ${catalog}`);
			return {
				db,
				name: path,
				access: 'read-only',
				readOnlyReason: 'attached read-only',
				sizeBytes: readFileSync(path).length,
				close: async () => undefined
			};
		},
		async dispose() {
			if (instance !== null) await (await instance).close();
		}
	};
}
