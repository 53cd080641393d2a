/**
 * Acceptance 4 of the store, in Node: a process killed in the middle of a full-level run (and of a
 * write transaction) leaves the run's row, which the next open marks interrupted, with exactly the
 * rows of its committed ticks — a prefix of the run that replay can read — and the rest of the
 * database intact.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runSimulation as runEngineOnly, serializeEvent } from '../../../src/lib/engine';
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { openStoreFile } from '../../../src/lib/store/node-store';
import { quoteString, rowObjects, type SqlDb } from '../../../src/lib/store/sql-db';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { loadGoldenFolder } from '../../parity/golden-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'simcash-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG = 'target2_crisis_25day__seed42';
const SHORT = 'exp2_12period__seed1';
const TABLES = [
	'simulation_events',
	'tick_results',
	'tick_agent_states',
	'daily_agent_metrics',
	'transactions'
];

/** Row counts and a checksum of every stored row of one run. */
async function fingerprint(db: SqlDb, simulationId: string): Promise<Record<string, unknown>> {
	const id = quoteString(simulationId);
	const print: Record<string, unknown> = {};
	for (const table of TABLES) {
		const [count, checksum] = (
			await db.query(`SELECT count(*), sum(hash(t::VARCHAR)) FROM ${table} t WHERE simulation_id = ${id}`)
		).rows[0];
		print[table] = [count, checksum];
	}
	print.run = rowObjects(
		await db.query(
			`SELECT status, ticks_completed, events_written, total_cost FROM simulation_runs WHERE simulation_id = ${id}`
		)
	);
	return print;
}

/** Runs the child until it holds an uncommitted second transaction, then kills it with SIGKILL. */
function runAndKill(path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), path, LONG, 'killed-run'],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let output = '';
		let errors = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('holding\n')) child.kill('SIGKILL');
		});
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (_code, signal) =>
			signal === 'SIGKILL' ? resolve(output) : reject(new Error(`child was not killed: ${output}\n${errors}`))
		);
	});
}

test(
	'a run killed mid-way is interrupted, with a complete prefix of its ticks; the rest is intact',
	{ timeout: 300_000 },
	async () => {
		const path = join(dir, 'crash.duckdb');
		const first = await openStoreFile(path);
		const short = loadGoldenFolder(SHORT);
		await runSimulation(
			{ config: short.config, scenarioName: `${SHORT}.json`, persist: 'full', simulationId: 'kept-run' },
			new DirectSink(first.db),
			{ cancelled: false },
			() => undefined,
			async () => undefined
		);
		const before = await fingerprint(first.db, 'kept-run');
		await first.db.close();

		const output = await runAndKill(path);
		expect(output).not.toContain('finished');

		const { db, status } = await openStoreFile(path);
		expect(status.interrupted).toBe(1);
		expect(await fingerprint(db, 'kept-run')).toEqual(before);

		const run = rowObjects(
			await db.query(
				"SELECT status, ticks_completed, ticks_requested, events_written, finished_at FROM simulation_runs WHERE simulation_id = 'killed-run'"
			)
		)[0];
		const ticks = Number(run.ticks_completed);
		const events = Number(run.events_written);
		expect(run.status).toBe('interrupted');
		expect(run.finished_at).toBeNull();
		expect(ticks).toBeGreaterThan(0);
		expect(ticks).toBeLessThan(Number(run.ticks_requested));

		// The stored events are exactly the first events of the run, and they are those of its first ticks.
		const golden = loadGoldenFolder(LONG);
		const expected: string[] = [];
		runEngineOnly(golden.config, { onEvent: (event) => expected.push(serializeEvent(event)) });
		const stored = (
			await db.query(
				"SELECT event_json FROM simulation_events WHERE simulation_id = 'killed-run' ORDER BY seq"
			)
		).rows.map((row) => row[0]);
		expect(stored.length).toBe(events);
		expect(stored).toEqual(expected.slice(0, events));
		const agents = golden.final.agents.length;
		const ticksPerDay = (golden.config as { ticks_per_day: number }).ticks_per_day;
		const perTable = rowObjects(
			await db.query(`SELECT
			(SELECT max(tick) FROM simulation_events WHERE simulation_id = 'killed-run') AS last_event_tick,
			(SELECT count(*) FROM tick_results WHERE simulation_id = 'killed-run') AS tick_results,
			(SELECT sum(num_events) FROM tick_results WHERE simulation_id = 'killed-run') AS tick_events,
			(SELECT max(tick) FROM tick_results WHERE simulation_id = 'killed-run') AS last_tick,
			(SELECT count(*) FROM tick_agent_states WHERE simulation_id = 'killed-run') AS agent_states,
			(SELECT count(*) FROM daily_agent_metrics WHERE simulation_id = 'killed-run') AS daily_metrics,
			(SELECT count(*) FROM transactions WHERE simulation_id = 'killed-run') AS transactions`)
		)[0];
		expect(perTable).toEqual({
			last_event_tick: BigInt(ticks - 1),
			tick_results: BigInt(ticks),
			tick_events: BigInt(events),
			last_tick: BigInt(ticks - 1),
			agent_states: BigInt(ticks * agents),
			daily_metrics: BigInt(Math.floor(ticks / ticksPerDay) * agents),
			transactions: 0n
		});
		await db.close();
	}
);
