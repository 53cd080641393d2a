/**
 * Persistence benchmark: the golden synthetic scenario (200 banks, 500 ticks, 400,840 events) stored
 * at level full, in Node (the CLI's path: Arrow batches appended in-process to a database file) and
 * in Chromium (the app's path: encoded in the engine worker, appended by the db worker into OPFS).
 * Reports engine-only time, time with persistence, the overhead, events written per second and the
 * file size. Target: persistence adds at most 1× the engine time.
 *
 *   npx tsx bench/persistence.bench.ts          (needs a build in build/ for the browser part)
 */
import type { Browser } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../src/lib/engine';
import { runSimulation } from '../src/lib/run/simulation-run';
import { openStoreFile } from '../src/lib/store/node-store';
import { DirectSink } from '../src/lib/store/store-sink';
import { launchChromium, serveBuild } from './chromium';
import { median, type BenchResult } from './stats';

const FOLDER = 'synthetic_200agents__seed20251126';
const CONFIG_PATH = join(import.meta.dirname, '..', 'tests', 'fixtures', 'golden', FOLDER, 'config.json');
const EVENTS = 400_840;
const RUNS = 3;
const PORT = 4191;

interface Measurement {
	engineMs: number;
	persistMs: number;
	bytes: number;
	/** DuckDB alone writing the same rows again (see duckdbFloorMs). */
	floorMs: number;
}

/** The tables a full-level run of this scenario fills with more than a few hundred rows. */
const BULK_TABLES = ['simulation_events', 'tick_agent_states', 'transactions', 'tick_queue_snapshots'];

/** Engine time as engine.bench.ts measures it: the tick loop only, events to a counting sink. */
function engineOnlyMs(config: unknown): number {
	const engine = createEngine(config);
	let events = 0;
	const sink = () => {
		events++;
	};
	const started = performance.now();
	const ticks = engine.config.num_days * engine.config.ticks_per_day;
	for (let i = 0; i < ticks; i++) engine.tick(sink);
	const ms = performance.now() - started;
	if (events !== EVENTS) throw new Error(`expected ${EVENTS} events, got ${events}`);
	return ms;
}

/** A full-level run into a new database file, from the first row to the final checkpoint. */
async function persistedMs(
	config: unknown,
	dir: string,
	run: number
): Promise<{ ms: number; bytes: number }> {
	const path = join(dir, `run-${run}.duckdb`);
	const { db } = await openStoreFile(path);
	const started = performance.now();
	const result = await runSimulation(
		{ config, scenarioName: `${FOLDER}.json`, persist: 'full' },
		new DirectSink(db),
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
	const ms = performance.now() - started;
	await db.close();
	if (result.events !== EVENTS) throw new Error(`expected ${EVENTS} events, got ${result.events}`);
	return { ms, bytes: statSync(path).size };
}

/**
 * DuckDB's own time to write the run's rows once more, with no JavaScript in the data path: the
 * stored tables copied by `CREATE TABLE … AS SELECT` into a new database file, committed and
 * checkpointed. No writer fed from JavaScript can be faster than this.
 */
async function duckdbFloorMs(stored: string, dir: string, run: number): Promise<number> {
	const { NodeSqlDb } = await import('../src/lib/store/duckdb-node');
	const copy = await NodeSqlDb.open(join(dir, `floor-${run}.duckdb`));
	try {
		await copy.exec(`ATTACH '${stored}' AS stored (READ_ONLY)`);
		const started = performance.now();
		await copy.exec('BEGIN TRANSACTION');
		for (const table of BULK_TABLES)
			await copy.exec(`CREATE TABLE ${table} AS SELECT * FROM stored.${table}`);
		await copy.exec('COMMIT');
		await copy.checkpoint();
		return performance.now() - started;
	} finally {
		await copy.close();
	}
}

async function measureNode(): Promise<Measurement[]> {
	const config = JSON.parse(readFileSync(CONFIG_PATH, 'utf8'));
	const dir = mkdtempSync(join(tmpdir(), 'simcash-bench-'));
	try {
		engineOnlyMs(config);
		await persistedMs(config, dir, 0);
		const runs: Measurement[] = [];
		for (let run = 1; run <= RUNS; run++) {
			const engineMs = engineOnlyMs(config);
			const persisted = await persistedMs(config, dir, run);
			const floorMs = await duckdbFloorMs(join(dir, `run-${run}.duckdb`), dir, run);
			runs.push({ engineMs, persistMs: persisted.ms, bytes: persisted.bytes, floorMs });
		}
		return runs;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * In a fresh browser profile: one run without persistence to warm the engine worker up, one measured
 * without (its engine time), one measured at level full (its wall time until every row is committed
 * and checkpointed in OPFS), then the size of the OPFS file.
 */
async function measureBrowserOnce(browser: Browser): Promise<Measurement> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(`http://127.0.0.1:${PORT}/`);
		await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
		const panel = page.getByTestId('engine-panel');
		await page.getByTestId('engine-file').setInputFiles(CONFIG_PATH);
		const runAt = async (level: 'none' | 'full') => {
			await panel.getByTestId('run-persist').selectOption(level);
			await page.getByTestId('engine-run').click();
			await panel.and(page.locator('[data-running="true"]')).waitFor({ timeout: 60_000 });
			await panel.and(page.locator('[data-running="false"][data-status="completed"]')).waitFor({
				timeout: 600_000
			});
			return {
				engineMs: Number(await panel.getAttribute('data-engine-ms')),
				totalMs: Number(await panel.getAttribute('data-total-ms'))
			};
		};
		await runAt('none');
		const engineOnly = await runAt('none');
		const stored = await runAt('full');
		const bytes = await page.evaluate(async () => {
			const root = await navigator.storage.getDirectory();
			return (await (await root.getFileHandle('simcash.duckdb')).getFile()).size;
		});
		// The floor in DuckDB-WASM: each copy is one statement of the SQL box (its own transaction and
		// CHECKPOINT into OPFS), timed from the click until the box is idle again.
		let floorMs = 0;
		for (const table of BULK_TABLES) {
			await page.getByTestId('sql-input').fill(`CREATE TABLE floor_${table} AS SELECT * FROM ${table}`);
			const started = performance.now();
			await page.getByTestId('sql-run').click();
			await page.locator('[data-testid="sql-console"][data-busy="false"]').waitFor({ timeout: 600_000 });
			floorMs += performance.now() - started;
			if ((await page.getByTestId('sql-error').count()) > 0) throw new Error(`floor copy of ${table} failed`);
		}
		return { engineMs: engineOnly.engineMs, persistMs: stored.totalMs, bytes, floorMs };
	} finally {
		await context.close();
	}
}

async function measureBrowser(): Promise<Measurement[]> {
	const server = await serveBuild(PORT);
	const browser = await launchChromium();
	try {
		const runs: Measurement[] = [];
		for (let run = 0; run < RUNS; run++) runs.push(await measureBrowserOnce(browser));
		return runs;
	} finally {
		await browser.close();
		server.kill();
	}
}

function figures(where: string, runs: Measurement[]): BenchResult[] {
	const subject = `${FOLDER}, 500 ticks, ${EVENTS.toLocaleString('en')} events, level full`;
	const engine = median(runs.map((r) => r.engineMs));
	const stored = median(runs.map((r) => r.persistMs));
	const results: BenchResult[] = [
		{
			name: `${where}: engine-only time (tick loop)`,
			value: engine,
			unit: 'ms',
			subject,
			runs: runs.map((r) => r.engineMs)
		},
		{
			name: `${where}: time with persistence (until committed)`,
			value: stored,
			unit: 'ms',
			subject,
			runs: runs.map((r) => r.persistMs)
		},
		{
			name: `${where}: time added by persistence, in engine times (target ≤ 100 %)`,
			value: (100 * (stored - engine)) / engine,
			unit: '%',
			subject: 'median with persistence / median engine-only − 1'
		},
		{
			name: `${where}: DuckDB alone writing the same rows (no JavaScript), in engine times`,
			value: (100 * median(runs.map((r) => r.floorMs))) / engine,
			unit: '%',
			subject: `CREATE TABLE … AS SELECT of ${BULK_TABLES.join(', ')}; median ${Math.round(median(runs.map((r) => r.floorMs)))} ms`,
			runs: runs.map((r) => (100 * r.floorMs) / engine)
		},
		{
			name: `${where}: events written per second`,
			value: EVENTS / (stored / 1000),
			unit: 'events/s',
			subject: 'events / time with persistence (plus per-tick states and queues)'
		},
		{
			name: `${where}: database file size`,
			value: median(runs.map((r) => r.bytes)),
			unit: 'bytes',
			subject: 'one full-level run in a new file',
			runs: runs.map((r) => r.bytes)
		}
	];
	for (const r of results) console.log(`${r.name}: ${r.value.toPrecision(4)} ${r.unit}`);
	return results;
}

export async function runPersistenceBench(): Promise<BenchResult[]> {
	return [...figures('Node', await measureNode()), ...figures('Chromium', await measureBrowser())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runPersistenceBench();
