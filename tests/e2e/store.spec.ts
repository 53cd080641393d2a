/**
 * The unified store in Chromium: a scenario run stored in OPFS from the scenario page; the database
 * exported (downloaded) and opened in @duckdb/node-api with identical query results; a file written
 * by the Node CLI imported into the browser with identical query results; and a tab closed in the
 * middle of a run, whose stored ticks survive as an interrupted run.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NodeSqlDb } from '../../src/lib/store/duckdb-node';
import { collectPageErrors, openApp, runSql } from './helpers';

const SMALL = 'examples/configs/advanced_policy_crisis.yaml';
const LONG = 'examples/configs/target2_crisis_25day.yaml';

/** Queries whose results must be the same wherever the file is opened (`$` is the catalog prefix). */
const QUERIES = [
	`SELECT simulation_id, status, persistence_level, scenario_name, ticks_completed, events_written, total_cost,
		rng_seed, config_hash FROM $simulation_runs ORDER BY simulation_id`,
	'SELECT simulation_id, event_type, count(*) AS n, sum(amount) AS amount FROM $simulation_events GROUP BY ALL ORDER BY ALL',
	`SELECT simulation_id, md5(string_agg(event_json, chr(10) ORDER BY seq)) AS digest FROM $simulation_events
		GROUP BY ALL ORDER BY ALL`,
	`SELECT simulation_id, count(*) AS n, sum(balance) AS balance, sum(total_cost) AS cost, min(tick) AS first,
		max(tick) AS last FROM $tick_agent_states GROUP BY ALL ORDER BY ALL`,
	'SELECT simulation_id, agent_id, sum(total_cost) AS cost FROM $daily_agent_metrics GROUP BY ALL ORDER BY ALL',
	'SELECT simulation_id, queue_type, count(*) AS n, sum(remaining_amount) AS remaining FROM $tick_queue_snapshots GROUP BY ALL ORDER BY ALL',
	'SELECT simulation_id, status, count(*) AS n, sum(amount_settled) AS settled FROM $transactions GROUP BY ALL ORDER BY ALL',
	'SELECT version, application FROM $schema_version'
];

function withCatalog(sql: string, catalog: string | null): string {
	return sql.replaceAll('$', catalog === null ? '' : `${catalog}.`);
}

/** Runs SQL in the SQL box and returns the result grid as text. */
async function gridRows(page: Page, sql: string): Promise<string[][]> {
	await runSql(page, sql);
	await expect(page.getByTestId('sql-error')).toHaveCount(0);
	return page
		.getByTestId('sql-result')
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent ?? ''))
		);
}

/** The same query in Node, cells formatted as the grid formats them. */
async function nodeRows(path: string, sql: string): Promise<string[][]> {
	const db = await NodeSqlDb.open(path, { readOnly: true });
	try {
		return (await db.query(sql)).rows.map((row) =>
			row.map((cell) => (cell === null ? 'NULL' : String(cell)))
		);
	} finally {
		await db.close();
	}
}

/** The canonical event lines of a bundled scenario, run by the Node CLI. */
function eventsInNode(file: string, out: string): string[] {
	execFileSync('node', ['bin/payment-sim.mjs', 'run', `static/examples/${file}`, '--events-jsonl', out], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	return readFileSync(out, 'utf8').split('\n').filter(Boolean);
}

function md5(lines: string[]): string {
	return createHash('md5').update(lines.join('\n')).digest('hex');
}

async function runScenarioInPage(page: Page, file: string) {
	await page.goto(`./scenarios?file=${encodeURIComponent(file)}`);
	await expect(page.getByTestId('check-state')).toHaveText(/valid/, { timeout: 30_000 });
	await expect(page.getByTestId('run-persist')).toHaveValue('full');
	await page.getByTestId('run-button').click();
}

test('a run stored in OPFS, exported, opens in @duckdb/node-api with identical query results', async ({
	page
}, testInfo) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await runScenarioInPage(page, SMALL);
	await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', {
		timeout: 90_000
	});
	const stored = page.getByTestId('run-stored');
	await expect(stored).toContainText('(full)');
	const id = await stored.getAttribute('data-simulation-id');
	expect(id).toMatch(/^sim-advanced_policy_crisis-\d{8}-\d{6}-[0-9a-f]{6}$/);
	await page.screenshot({ path: testInfo.outputPath('store-scenario-run.png'), fullPage: true });

	await page.goto('./');
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });
	await expect(page.getByTestId('store-status')).toHaveAttribute('data-access', 'read-write');
	const inBrowser: string[][][] = [];
	for (const sql of QUERIES) inBrowser.push(await gridRows(page, withCatalog(sql, null)));
	expect(inBrowser[0].map((row) => row.slice(0, 3))).toEqual([[id, 'completed', 'full']]);

	// The stored event stream is the one the Node CLI prints for the same file.
	const lines = eventsInNode(SMALL, testInfo.outputPath('events.jsonl'));
	expect(inBrowser[2]).toEqual([[id, md5(lines)]]);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('db-export').click()
	]);
	expect(download.suggestedFilename()).toBe('simcash.duckdb');
	const path = testInfo.outputPath('exported.duckdb');
	await download.saveAs(path);
	await expect(page.getByTestId('db-exported')).toContainText('simcash.duckdb');
	await page.getByTestId('database-files').screenshot({ path: testInfo.outputPath('store-export.png') });
	for (let q = 0; q < QUERIES.length; q++) {
		expect(await nodeRows(path, withCatalog(QUERIES[q], null))).toEqual(inBrowser[q]);
	}
	expect(errors).toEqual([]);
});

test('a file written by the Node CLI, imported into the browser, gives identical query results', async ({
	page
}, testInfo) => {
	const errors = collectPageErrors(page);
	const path = testInfo.outputPath('from-node.duckdb');
	execFileSync('node', ['bin/payment-sim.mjs', 'run', `static/examples/${SMALL}`, '--db', path], {
		stdio: 'ignore'
	});
	execFileSync(
		'node',
		[
			'bin/payment-sim.mjs',
			'run',
			`static/examples/${LONG}`,
			'--ticks',
			'150',
			'--db',
			path,
			'--persist',
			'events'
		],
		{ stdio: 'ignore' }
	);
	const inNode: string[][][] = [];
	for (const sql of QUERIES) inNode.push(await nodeRows(path, withCatalog(sql, null)));
	expect(inNode[0].length).toBe(2);

	await openApp(page);
	await page.getByTestId('db-import').setInputFiles(path);
	const result = page.getByTestId('db-import-result');
	await expect(result).toHaveAttribute('data-alias', 'imported_from_node');
	await expect(result).toContainText('attached read-only as imported_from_node');
	await page.getByTestId('database-files').screenshot({ path: testInfo.outputPath('store-import.png') });
	for (let q = 0; q < QUERIES.length; q++) {
		expect(await gridRows(page, withCatalog(QUERIES[q], 'imported_from_node'))).toEqual(inNode[q]);
	}

	// A file that is not DuckDB is refused before it is copied.
	await page.getByTestId('db-import').setInputFiles({
		name: 'notes.duckdb',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from('not a database, just some text that is long enough')
	});
	await expect(page.getByTestId('db-files-error')).toHaveText(
		'notes.duckdb is not a DuckDB database file; it was not opened.'
	);
	expect(errors).toEqual([]);
});

test('a tab closed in the middle of a run leaves an interrupted run with its stored ticks', async ({
	context
}, testInfo) => {
	const page = await context.newPage();
	await openApp(page);
	await runScenarioInPage(page, LONG);
	const storedTicks = page.getByTestId('run-ticks-stored');
	await expect
		.poll(async () => Number(await storedTicks.getAttribute('data-ticks')), { timeout: 90_000 })
		.toBeGreaterThan(0);
	const seen = Number(await storedTicks.getAttribute('data-ticks'));
	await page.screenshot({ path: testInfo.outputPath('store-before-close.png'), fullPage: true });
	await page.close();

	const again = await context.newPage();
	const errors = collectPageErrors(again);
	await openApp(again);
	await expect(again.getByTestId('store-status')).toContainText('1 run was interrupted');
	await again.screenshot({ path: testInfo.outputPath('store-after-reopen.png'), fullPage: true });
	const [row] = await gridRows(
		again,
		`SELECT status, ticks_completed, ticks_requested, events_written,
			(SELECT count(*) FROM simulation_events) AS events,
			(SELECT max(tick) FROM simulation_events) AS last_event_tick,
			(SELECT count(*) FROM tick_results) AS ticks,
			(SELECT md5(string_agg(event_json, chr(10) ORDER BY seq)) FROM simulation_events) AS digest
		FROM simulation_runs`
	);
	const [status, ticksCompleted, ticksRequested, eventsWritten, events, lastEventTick, ticks, digest] = row;
	expect(status).toBe('interrupted');
	expect(Number(ticksCompleted)).toBeGreaterThanOrEqual(seen);
	expect(Number(ticksCompleted)).toBeLessThan(Number(ticksRequested));
	expect(events).toBe(eventsWritten);
	expect(ticks).toBe(ticksCompleted);
	expect(Number(lastEventTick)).toBe(Number(ticksCompleted) - 1);
	const lines = eventsInNode(LONG, testInfo.outputPath('events.jsonl'));
	expect(digest).toBe(md5(lines.slice(0, Number(eventsWritten))));

	// The database is otherwise intact: it takes new work.
	await runSql(again, 'CREATE TABLE after_close AS SELECT 1 AS x');
	expect(await gridRows(again, 'SELECT count(*) FROM after_close')).toEqual([['1']]);
	expect(errors).toEqual([]);
});
