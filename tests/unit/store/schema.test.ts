/**
 * The schema of schema.ts as DuckDB sees it, on the native engine and on DuckDB-WASM's Node build:
 * the DDL creates cleanly from empty and again (idempotent), every money column is BIGINT and no
 * DOUBLE holds money, index names are unique, declared constraints hold, the Arrow layouts match the
 * tables, and docs/schema.md is the generated one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import { SCHEMA_VERSION, TABLES, tableDef, type TableName } from '../../../src/lib/store/schema';
import { formattedSchemaMarkdown, SCHEMA_DOC_PATH } from '../../../src/lib/store/schema-doc-file';
import { schemaStatements } from '../../../src/lib/store/schema-ddl';
import { rowObjects, type SqlDb } from '../../../src/lib/store/sql-db';
import { arrowLayout } from '../../../src/lib/store/table-layout';
import { WasmNodeSqlDb } from './wasm-node-db';

/** The only DOUBLE columns: none of them is money. */
const DOUBLE_COLUMNS = [
	'agent_state_registers.register_value',
	'policy_evaluations.avg_delay',
	'policy_evaluations.settlement_rate',
	'simulation_runs.duration_seconds'
];

/** Names that suggest money; every such column must be declared money (hence BIGINT) or listed here. */
const MONEY_NAME = /cost|amount|balance|collateral|penalt|_cap$|limit|value|ci_95/;
const NOT_MONEY = [
	'agent_state_registers.register_value',
	'tick_agent_states.queue1_size',
	'daily_agent_metrics.num_collateral_posts',
	'daily_agent_metrics.num_collateral_withdrawals',
	'simulation_runs.duration_seconds'
];

const runtimes: [string, () => Promise<SqlDb>][] = [
	['@duckdb/node-api', () => NodeSqlDb.open(':memory:')],
	['duckdb-wasm (Node build)', () => WasmNodeSqlDb.open()]
];

describe.each(runtimes)('schema on %s', (_name, open) => {
	let db: SqlDb;
	beforeAll(async () => {
		db = await open();
		await createSchema(db, new Date('2026-11-26T08:00:00Z'));
	});
	afterAll(async () => {
		await db.close();
	});

	test('creates every table, and running the DDL again changes nothing', async () => {
		const before = await db.query(
			"SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'main' ORDER BY ALL"
		);
		for (const statement of schemaStatements()) await db.exec(statement);
		await createSchema(db);
		const after = await db.query(
			"SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'main' ORDER BY ALL"
		);
		expect(after.rows).toEqual(before.rows);
		const tables = (
			await db.query(
				"SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'"
			)
		).rows
			.map((row) => row[0])
			.sort();
		expect(tables).toEqual(TABLES.map((t) => t.name).sort());
		expect((await db.query('SELECT version, application FROM schema_version')).rows).toEqual([
			[BigInt(SCHEMA_VERSION), 'simcash-notebook']
		]);
	});

	test('every column has the declared type and nullability', async () => {
		const columns = rowObjects(
			await db.query(
				"SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'"
			)
		);
		const expected = TABLES.flatMap((t) =>
			t.columns.map((c) => ({
				table_name: t.name,
				column_name: c.name,
				data_type: c.type,
				is_nullable: c.nullable === true
			}))
		);
		const key = (c: Record<string, unknown>) => `${c.table_name}.${c.column_name}`;
		expect(columns.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
			expected.sort((a, b) => key(a).localeCompare(key(b)))
		);
	});

	test('money is BIGINT everywhere, and no DOUBLE column holds money', async () => {
		const columns = rowObjects(
			await db.query(
				"SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'"
			)
		);
		const typeOf = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c.data_type]));
		const money = TABLES.flatMap((t) => t.columns.filter((c) => c.money).map((c) => `${t.name}.${c.name}`));
		expect(money.length).toBe(50);
		for (const name of money) expect([name, typeOf.get(name)]).toEqual([name, 'BIGINT']);
		const doubles = columns
			.filter((c) => c.data_type === 'DOUBLE')
			.map((c) => `${c.table_name}.${c.column_name}`);
		expect(doubles.sort()).toEqual(DOUBLE_COLUMNS);
		const moneyLike = columns
			.map((c) => `${c.table_name}.${c.column_name}`)
			.filter((name) => MONEY_NAME.test(name.split('.')[1]) && typeOf.get(name) !== 'VARCHAR')
			.filter((name) => !money.includes(name) && !NOT_MONEY.includes(name));
		expect(moneyLike).toEqual([]);
	});

	test('index names are unique and every declared index exists', async () => {
		const indexes = (
			await db.query(
				"SELECT index_name FROM duckdb_indexes() WHERE database_name = current_database() AND schema_name = 'main'"
			)
		).rows.map((row) => row[0]);
		const declared = TABLES.flatMap((t) => (t.indexes ?? []).map((i) => i.name));
		expect(new Set(declared).size).toBe(declared.length);
		expect([...indexes].sort()).toEqual([...declared].sort());
	});

	test('declared keys, foreign keys, value lists and NOT NULL hold', async () => {
		const run = `INSERT INTO simulation_runs (simulation_id, run_purpose, status, persistence_level, config_json,
			config_hash, rng_seed, ticks_per_day, num_days, num_agents, ticks_requested, started_at)
			VALUES ('sim-a', 'standalone', 'running', 'full', '{}', 'h', 18446744073709551615, 10, 1, 2, 10, TIMESTAMP '2026-11-26 08:00:00')`;
		await db.exec(run);
		await expect(db.exec(run)).rejects.toThrow(/PRIMARY KEY|primary key|Duplicate key/);
		await expect(
			db.exec("UPDATE simulation_runs SET status = 'paused' WHERE simulation_id = 'sim-a'")
		).rejects.toThrow(/CHECK/i);
		await expect(
			db.exec("INSERT INTO policy_snapshots VALUES ('sim-missing', 'BANK_A', 0, 0, '\"Fifo\"', 'h')")
		).rejects.toThrow(/foreign key/i);
		await db.exec("INSERT INTO policy_snapshots VALUES ('sim-a', 'BANK_A', 0, 0, '\"Fifo\"', 'h')");
		await expect(
			db.exec("INSERT INTO policy_snapshots VALUES ('sim-a', 'BANK_A', 0, 0, '\"Fifo\"', 'h2')")
		).rejects.toThrow(/PRIMARY KEY|primary key|Duplicate key/);
		await expect(
			db.exec("INSERT INTO tick_results VALUES ('sim-a', 0, 0, NULL, 0, 0, 0, 0)")
		).rejects.toThrow(/NOT NULL/);
		await expect(
			db.exec(`INSERT INTO simulation_runs (simulation_id, run_purpose, status, persistence_level, config_json,
				config_hash, rng_seed, ticks_per_day, num_days, num_agents, ticks_requested, started_at, experiment_id)
				VALUES ('x-iter0-initial', 'initial', 'running', 'full', '{}', 'h', 1, 10, 1, 2, 10, TIMESTAMP '2026-11-26 08:00:00', 'exp-missing')`)
		).rejects.toThrow(/foreign key/i);
		const seed = await db.query(
			"SELECT rng_seed, ticks_completed, events_written FROM simulation_runs WHERE simulation_id = 'sim-a'"
		);
		expect(seed.rows).toEqual([[18446744073709551615n, 0n, 0n]]);
	});
});

test('TableName lists exactly the tables of the schema', () => {
	const names: TableName[] = [
		'schema_version',
		'simulation_runs',
		'policy_snapshots',
		'daily_agent_metrics',
		'simulation_events',
		'transactions',
		'agent_state_registers',
		'tick_results',
		'tick_agent_states',
		'tick_queue_snapshots',
		'simulation_checkpoints',
		'experiments',
		'experiment_iterations',
		'policy_evaluations',
		'experiment_events',
		'notebooks'
	];
	expect(TABLES.map((t) => t.name)).toEqual(names);
	for (const name of names) expect(tableDef(name).name).toBe(name);
});

test('bulk tables have an Arrow layout of their columns, in order, with matching kinds', () => {
	const kinds: Record<string, string[]> = {
		VARCHAR: ['utf8', 'dict'],
		BIGINT: ['int64'],
		DOUBLE: ['float64'],
		BOOLEAN: ['bool']
	};
	for (const table of TABLES.filter((t) => t.bulk)) {
		const layout = arrowLayout(table.name as TableName);
		expect(layout.map((c) => c.name)).toEqual(table.columns.map((c) => c.name));
		table.columns.forEach((column, i) => expect(kinds[column.type]).toContain(layout[i].kind));
	}
	expect(() => arrowLayout('simulation_runs')).toThrow(/not a bulk-written table/);
});

test('docs/schema.md is generated from the schema (npx tsx scripts/schema-doc.ts)', async () => {
	const path = join(import.meta.dirname, '..', '..', '..', SCHEMA_DOC_PATH);
	expect(readFileSync(path, 'utf8')).toBe(await formattedSchemaMarkdown(path));
});
