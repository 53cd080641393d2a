/**
 * A database file written by DuckDB-WASM opens in @duckdb/node-api, and the reverse: the browser and
 * the CLI share .duckdb files, so both engines must read each other's storage format.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { WasmNodeSqlDb } from './wasm-node-db';

const dir = mkdtempSync(join(tmpdir(), 'simcash-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLE_SQL = `CREATE TABLE ledger AS
	SELECT i::BIGINT AS id, 'BANK_' || (i % 7) AS agent, (i * 1000003)::BIGINT AS amount_cents
	FROM range(5000) t(i)`;
const SUMMARY_SQL =
	'SELECT count(*)::BIGINT AS n, sum(amount_cents)::BIGINT AS total, max(agent) AS last_agent FROM ledger';
// Hand-computed: sum over i < 5000 of i * 1,000,003 = 1,000,003 * 4999 * 5000 / 2.
const EXPECTED = [[5000n, 1_000_003n * 12_497_500n, 'BANK_6']];

test('a file written by DuckDB-WASM opens in @duckdb/node-api', async () => {
	const path = join(dir, 'written-by-wasm.duckdb');
	const wasm = await WasmNodeSqlDb.open();
	await wasm.exec(`ATTACH '${path}' AS out; USE out; ${TABLE_SQL}; CHECKPOINT; USE memory; DETACH out`);
	await wasm.close();

	const native = await NodeSqlDb.open(path, { readOnly: true });
	expect((await native.query(SUMMARY_SQL)).rows).toEqual(EXPECTED);
	await native.close();
});

test('a file written by @duckdb/node-api opens in DuckDB-WASM', async () => {
	const path = join(dir, 'written-by-node.duckdb');
	const native = await NodeSqlDb.open(path);
	await native.exec(TABLE_SQL);
	await native.checkpoint();
	await native.close();

	const wasm = await WasmNodeSqlDb.open();
	wasm.wasm.registerFileBuffer('from-node.duckdb', new Uint8Array(readFileSync(path)));
	await wasm.exec("ATTACH 'from-node.duckdb' AS imported (READ_ONLY); USE imported");
	expect((await wasm.query(SUMMARY_SQL)).rows).toEqual(EXPECTED);
	await wasm.close();
});
