/**
 * `payment-sim run … --db FILE --persist LEVEL`, for a scenario file and for --engine-config: the
 * same output as without --db, the run stored at the level asked for, and clear refusals.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { openStoreFile } from '../../../src/lib/store/node-store';
import { SCHEMA_VERSION } from '../../../src/lib/store/schema';
import { rowObjects } from '../../../src/lib/store/sql-db';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCENARIO = 'static/examples/examples/configs/advanced_policy_crisis.yaml';
const CONFIG = 'tests/fixtures/golden/exp2_12period__seed1/config.json';
const dir = mkdtempSync(join(tmpdir(), 'simcash-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function paymentSim(...args: string[]) {
	const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'payment-sim.mjs'), ...args], {
		cwd: ROOT,
		encoding: 'utf8'
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function query(path: string, sql: string) {
	const db = await NodeSqlDb.open(path, { readOnly: true });
	try {
		return rowObjects(await db.query(sql));
	} finally {
		await db.close();
	}
}

test(
	'a scenario run with --db prints what a run without it prints and stores the run at level full',
	{
		timeout: 120_000
	},
	async () => {
		const path = join(dir, 'runs.duckdb');
		const plain = paymentSim('run', SCENARIO);
		const stored = paymentSim('run', SCENARIO, '--db', path);
		expect(plain.status).toBe(0);
		expect(stored.status).toBe(0);
		expect(stored.stdout).toBe(plain.stdout);
		const id = /stored as (\S+) in /.exec(stored.stderr)?.[1];
		expect(id).toMatch(/^sim-advanced_policy_crisis-\d{8}-\d{6}-[0-9a-f]{6}$/);
		const final = JSON.parse(plain.stdout);
		expect(
			await query(
				path,
				`SELECT status, persistence_level, scenario_yaml = '${readFileSync(join(ROOT, SCENARIO), 'utf8').replaceAll("'", "''")}' AS same_text,
				events_written, (SELECT count(*) FROM simulation_events) AS events, total_cost
			FROM simulation_runs WHERE simulation_id = '${id}'`
			)
		).toEqual([
			{
				status: 'completed',
				persistence_level: 'full',
				same_text: true,
				events_written: BigInt(final.event_count),
				events: BigInt(final.event_count),
				total_cost: BigInt(final.cost_totals_all_days.total)
			}
		]);
	}
);

test('--engine-config with --db --persist summary stores the summary only', { timeout: 60_000 }, async () => {
	const path = join(dir, 'config.duckdb');
	const run = paymentSim('run', '--engine-config', CONFIG, '--db', path, '--persist', 'summary');
	expect(run.status).toBe(0);
	const rows = await query(
		path,
		`SELECT persistence_level, scenario_yaml, (SELECT count(*) FROM simulation_events) AS events,
			(SELECT count(*) FROM daily_agent_metrics) AS metrics FROM simulation_runs`
	);
	expect(rows).toEqual([{ persistence_level: 'summary', scenario_yaml: null, events: 0n, metrics: 2n }]);
});

test(
	'bad options and files are refused with a one-line reason and exit status 2',
	{ timeout: 60_000 },
	async () => {
		const noDb = paymentSim('run', SCENARIO, '--persist', 'events');
		expect(noDb.status).toBe(2);
		expect(noDb.stderr.split('\n')[0]).toBe('payment-sim: --persist events needs --db FILE');

		const badLevel = paymentSim(
			'run',
			'--engine-config',
			CONFIG,
			'--db',
			join(dir, 'x.duckdb'),
			'--persist',
			'all'
		);
		expect(badLevel.status).toBe(2);
		expect(badLevel.stderr.split('\n')[0]).toBe(
			'payment-sim: --persist: expected one of none, summary, events, full, got "all"'
		);

		const text = join(dir, 'notes.duckdb');
		writeFileSync(text, 'not a database\n');
		const notDuckDb = paymentSim('run', '--engine-config', CONFIG, '--db', text);
		expect([notDuckDb.status, notDuckDb.stdout, notDuckDb.stderr]).toEqual([
			2,
			'',
			'payment-sim: notes.duckdb is not a DuckDB database file; it was not opened.\n'
		]);

		const older = join(dir, 'older.duckdb');
		const { db } = await openStoreFile(older);
		await db.exec('UPDATE schema_version SET version = 0');
		await db.close();
		const readOnly = paymentSim('run', '--engine-config', CONFIG, '--db', older);
		expect(readOnly.status).toBe(2);
		expect(readOnly.stderr).toBe(
			'payment-sim: cannot store the run: older.duckdb has schema version 0; this version of SimCash Notebook ' +
				`writes version ${SCHEMA_VERSION} and cannot migrate files yet. It is open read-only.\n`
		);
		expect(await query(older, 'SELECT count(*) AS n FROM simulation_runs')).toEqual([{ n: 0n }]);
	}
);
