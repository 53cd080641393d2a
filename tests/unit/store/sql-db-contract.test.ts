/**
 * The SqlDb contract, run against @duckdb/node-api (native) and against DuckDB-WASM's Node build:
 * both must return the same values for the same SQL, so that store code behaves the same in the
 * CLI and in the browser.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArrowBatchBuilder } from '../../../src/lib/store/arrow-batch';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { rowObjects, type SqlDb } from '../../../src/lib/store/sql-db';
import { WasmNodeSqlDb } from './wasm-node-db';

const runtimes: [string, () => Promise<SqlDb>][] = [
	['@duckdb/node-api', () => NodeSqlDb.open(':memory:')],
	['duckdb-wasm (Node build)', () => WasmNodeSqlDb.open()]
];

describe.each(runtimes)('SqlDb contract on %s', (_name, open) => {
	let db: SqlDb;
	beforeAll(async () => {
		db = await open();
	});
	afterAll(async () => {
		await db.close();
	});

	test('reports DuckDB v1.4.3, the engine inside DuckDB-WASM 1.32.0', async () => {
		expect(await db.version()).toBe('v1.4.3');
	});

	test('keeps 64-bit integers exact and maps the common types to JavaScript values', async () => {
		const result = await db.query(`SELECT
			9007199254740993::BIGINT AS big,
			(-2147483648)::INTEGER AS int,
			0.1::DOUBLE AS dbl,
			'grüße ✓'::VARCHAR AS txt,
			true AS flag,
			NULL::BIGINT AS missing,
			TIMESTAMP '2026-11-26 06:52:18' AS ts,
			DATE '2026-11-26' AS d`);
		expect(result.columns.map((c) => c.type)).toEqual([
			'BIGINT',
			'INTEGER',
			'DOUBLE',
			'VARCHAR',
			'BOOLEAN',
			'BIGINT',
			'TIMESTAMP',
			'DATE'
		]);
		expect(result.rows).toEqual([
			[9007199254740993n, -2147483648, 0.1, 'grüße ✓', true, null, '2026-11-26 06:52:18', '2026-11-26']
		]);
	});

	test('a SUM of BIGINT money is HUGEINT and stays exact past 2^53', async () => {
		const result = await db.query(
			'SELECT sum(x) AS total FROM (VALUES (9007199254740993::BIGINT), (9007199254740993::BIGINT)) t(x)'
		);
		expect(result.columns[0].type).toBe('HUGEINT');
		expect(result.rows[0][0]).toBe(18014398509481986n);
	});

	test("runs several statements in one exec and reports errors with DuckDB's message", async () => {
		await db.exec('CREATE TABLE contract_a (id INTEGER); INSERT INTO contract_a VALUES (1), (2), (3)');
		expect(rowObjects(await db.query('SELECT count(*)::INTEGER AS n FROM contract_a'))).toEqual([{ n: 3 }]);
		await expect(db.query('SELECT * FROM contract_missing')).rejects.toThrow(
			/Catalog Error.*contract_missing/s
		);
		// The database stays usable after an error.
		expect((await db.query('SELECT 1 AS one')).rows).toEqual([[1]]);
	});

	test('appends Arrow IPC batches built by ArrowBatchBuilder, nulls and unicode included', async () => {
		await db.exec(
			'CREATE TABLE contract_batch (seq BIGINT, tick INTEGER, label VARCHAR, share DOUBLE, ok BOOLEAN)'
		);
		const builder = new ArrowBatchBuilder(
			[
				{ name: 'seq', kind: 'int64' },
				{ name: 'tick', kind: 'int32' },
				{ name: 'label', kind: 'utf8' },
				{ name: 'share', kind: 'float64' },
				{ name: 'ok', kind: 'bool' }
			],
			4
		);
		builder.append([2n ** 53n + 1n, 7, 'Zürich → Frankfurt', 0.25, true]);
		builder.append([2, null, null, null, false]);
		builder.append([3, 9, '', 1.5, null]);
		await db.insertArrowIpc('contract_batch', builder.finish());
		// The builder is reused for the next batch.
		builder.append([4, 10, 'second batch', 2, true]);
		await db.insertArrowIpc('contract_batch', builder.finish());
		const rows = (await db.query('SELECT * FROM contract_batch ORDER BY seq')).rows;
		expect(rows).toEqual([
			[2n, null, null, null, false],
			[3n, 9, '', 1.5, null],
			[4n, 10, 'second batch', 2, true],
			[9007199254740993n, 7, 'Zürich → Frankfurt', 0.25, true]
		]);
	});

	test('appends dictionary strings, negative and large int64 and nulls across many DuckDB chunks', async () => {
		await db.exec(
			'CREATE TABLE contract_many (i BIGINT, seq BIGINT, kind VARCHAR, note VARCHAR, flag BOOLEAN)'
		);
		const builder = new ArrowBatchBuilder(
			[
				{ name: 'i', kind: 'int64' },
				{ name: 'seq', kind: 'int64' },
				{ name: 'kind', kind: 'dict' },
				{ name: 'note', kind: 'utf8' },
				{ name: 'flag', kind: 'bool' }
			],
			16
		);
		// 5,000 rows span three of DuckDB's 2,048-row chunks; every 7th value of each column is null.
		const rowAt = (i: number) => [
			BigInt(i),
			i % 7 === 1 ? null : BigInt(i - 2_500) * 2n ** 40n,
			i % 7 === 2 ? null : ['Arrival', 'RtgsImmediateSettlement', 'CostAccrual'][i % 3],
			i % 7 === 3 ? null : `note ${i} ✓`,
			i % 7 === 4 ? null : i % 2 === 0
		];
		const rows = Array.from({ length: 5_000 }, (_, i) => rowAt(i));
		for (const row of rows) builder.append(row.map((v, c) => (c === 1 && v !== null ? Number(v) : v)));
		await db.insertArrowIpc('contract_many', builder.finish());
		expect((await db.query('SELECT * FROM contract_many ORDER BY i')).rows).toEqual(rows);
		// Hand-computed: among i < 5,000 there are 715 values with i % 7 = 1 and 714 with i % 7 = 2, 3 or 4.
		const counts = rowObjects(
			await db.query(`SELECT count(seq) AS seqs, count(kind) AS kinds, count(DISTINCT kind) AS distinct_kinds,
				count(note) AS notes, count(flag) AS flags FROM contract_many`)
		);
		expect(counts).toEqual([
			{ seqs: 4_285n, kinds: 4_286n, distinct_kinds: 3n, notes: 4_286n, flags: 4_286n }
		]);
	});

	test('CHECKPOINT succeeds', async () => {
		await expect(db.checkpoint()).resolves.toBeUndefined();
	});
});
