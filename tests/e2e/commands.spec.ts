/**
 * The command console of the Database page against the CLI: two runs stored in the browser, then
 * `db simulations --json` typed in the app and `npx payment-sim db simulations --db <downloaded file>
 * --json` give the same rows; an unknown id gives the CLI's one-line error; a verbose replay of two ticks
 * shows the CLI's lines. Screenshots of the console with a table, a JSON result and an error.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { collectPageErrors, openApp, storeScenarioRun, typeCommand } from './helpers';

const FULL_RUN = 'examples/configs/advanced_policy_crisis.yaml';
const SUMMARY_RUN = 'experiments/castro/configs/exp2_12period.yaml';

interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

function cli(args: string[]): CliResult {
	const result = spawnSync('npx', ['payment-sim', ...args], { encoding: 'utf8', timeout: 120_000 });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let page: Page;
let errors: string[];
let fullId: string;
let summaryId: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }: { browser: Browser }) => {
	test.setTimeout(240_000);
	const context = await browser.newContext({ acceptDownloads: true });
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	page = await context.newPage();
	errors = collectPageErrors(page);
	await openApp(page);
	fullId = await storeScenarioRun(page, FULL_RUN, 'full');
	summaryId = await storeScenarioRun(page, SUMMARY_RUN, 'summary');
	await page.goto('./');
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });
});

test.afterAll(async () => {
	await page.context().close();
});

test('db simulations --json in the app gives the rows the CLI gives for the downloaded file', async () => {
	const testInfo = test.info();
	const entry = await typeCommand(page, 'db simulations --json');
	await expect(entry).toHaveAttribute('data-exit-code', '0');
	const inApp = JSON.parse((await entry.getByTestId('command-json').textContent()) as string);
	expect(inApp.map((row: { simulation_id: string }) => row.simulation_id).sort()).toEqual(
		[fullId, summaryId].sort()
	);
	expect(inApp.find((row: { simulation_id: string }) => row.simulation_id === fullId)).toMatchObject({
		persistence_level: 'full',
		status: 'completed',
		run_purpose: 'standalone'
	});
	await entry.screenshot({ path: testInfo.outputPath('command-json.png') });
	await entry.getByTestId('command-copy').click();
	await expect(entry.getByTestId('command-copy')).toHaveText('Copied');
	expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(inApp);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('db-export').click()
	]);
	const path = testInfo.outputPath('simcash.duckdb');
	await download.saveAs(path);
	const fromCli = cli(['db', 'simulations', '--db', path, '--json']);
	expect(fromCli.stderr).toBe('');
	expect(fromCli.status).toBe(0);
	const inCli = JSON.parse(fromCli.stdout);
	expect(inCli.length).toBe(2);
	expect(inCli.every((row: { events: number }) => row.events > 0)).toBe(true);
	expect(inApp).toEqual(inCli);

	// The same with the leading program name and --db naming the app's file; a table without --json.
	const again = await typeCommand(page, 'payment-sim db simulations --db simcash.duckdb --json');
	expect(JSON.parse((await again.getByTestId('command-json').textContent()) as string)).toEqual(inCli);
	const table = await typeCommand(page, 'db simulations');
	await expect(table.getByTestId('command-table').locator('tbody tr')).toHaveCount(2);
	await expect(table.getByTestId('command-table').locator('caption')).toHaveText('Simulation runs');
	await table.screenshot({ path: testInfo.outputPath('command-table.png') });
	expect(errors).toEqual([]);
});

test('an unknown id gives the one-line error the CLI prints, and exit status 1', async () => {
	const testInfo = test.info();
	const entry = await typeCommand(page, 'replay sim-nope');
	await expect(entry).toHaveAttribute('data-exit-code', '1');
	const error = entry.getByTestId('command-error');
	await expect(error).toHaveText('payment-sim: no simulation or experiment sim-nope in simcash.duckdb');
	await expect(entry.getByTestId('command-text')).toHaveCount(0);

	const path = testInfo.outputPath('simcash.duckdb');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('db-export').click()
	]);
	await download.saveAs(path);
	const fromCli = cli(['replay', 'sim-nope', '--db', path]);
	expect(fromCli.status).toBe(1);
	expect(fromCli.stdout).toBe('');
	expect(fromCli.stderr).toBe(`payment-sim: no simulation or experiment sim-nope in ${path}\n`);

	// Another file than the app's, and a usage error.
	const other = await typeCommand(page, 'db info --db results.duckdb');
	await expect(other.getByTestId('command-error')).toHaveText(
		"payment-sim: results.duckdb: not open in the app; commands read simcash.duckdb, the app's database (leave out --db)"
	);
	const usage = await typeCommand(page, 'db costs');
	await expect(usage).toHaveAttribute('data-exit-code', '2');
	await expect(usage.getByTestId('command-error')).toHaveText(/^payment-sim: db costs: .*simulation id/);
	await page.getByTestId('command-console').screenshot({ path: testInfo.outputPath('command-error.png') });
	expect(errors).toEqual([]);
});

test('replay --verbose of ticks 0 to 1 shows the lines the CLI prints', async () => {
	const testInfo = test.info();
	const entry = await typeCommand(page, `replay ${fullId} --verbose --from-tick 0 --to-tick 1`);
	await expect(entry).toHaveAttribute('data-exit-code', '0');
	const verbose = await entry.locator('[data-testid="command-text"][data-stream="stderr"]').allTextContents();
	const summary = await entry.getByTestId('command-data').allTextContents();
	await page.getByTestId('command-console').screenshot({ path: testInfo.outputPath('command-replay.png') });
	expect(await entry.locator('[data-testid="command-text"][data-stream="stdout"]').count()).toBe(0);

	const path = testInfo.outputPath('simcash.duckdb');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('db-export').click()
	]);
	await download.saveAs(path);
	const fromCli = cli(['replay', fullId, '--db', path, '--verbose', '--from-tick', '0', '--to-tick', '1']);
	expect(fromCli.status).toBe(0);
	const cliLines = fromCli.stderr.replace(/\n$/, '').split('\n');
	expect(cliLines.some((line) => line.includes('═══ Tick 0 ═══'))).toBe(true);
	expect(cliLines.some((line) => line.includes('═══ Tick 1 ═══'))).toBe(true);
	expect(cliLines.length).toBeGreaterThan(20);
	expect(verbose.join('\n').split('\n')).toEqual(cliLines);
	expect(summary.join('\n')).toBe(fromCli.stdout.replace(/\n$/, ''));
	expect(errors).toEqual([]);
});

test('Esc stops a long command: exit status 130 and the CLI’s interruption line', async () => {
	const input = page.getByTestId('command-input');
	await input.fill(`replay ${fullId} --verbose`);
	await input.press('Enter');
	await expect(page.getByTestId('command-console')).toHaveAttribute('data-busy', 'true');
	await input.press('Escape');
	const entry = page.getByTestId('command-entry').last();
	await expect(entry).toHaveAttribute('data-exit-code', '130', { timeout: 60_000 });
	const message = (await entry.getByTestId('command-error').textContent()) ?? '';
	const replayed = /^payment-sim: interrupted after (\d+) replayed ticks$/.exec(message);
	expect(replayed, message).not.toBeNull();
	expect(Number(replayed![1])).toBeLessThan(300);
	await expect(page.getByTestId('command-console')).toHaveAttribute('data-busy', 'false');
	expect(errors).toEqual([]);
});

test('history: ↑ and ↓ recall the commands typed', async () => {
	const input = page.getByTestId('command-input');
	await input.fill('cost-schema --format json');
	await input.press('ArrowUp');
	await expect(input).toHaveValue(/^replay sim-\S+ --verbose$/);
	await input.press('ArrowUp');
	await expect(input).toHaveValue(/^replay sim-\S+ --verbose --from-tick 0 --to-tick 1$/);
	await input.press('ArrowUp');
	await expect(input).toHaveValue('db costs');
	await input.press('ArrowDown');
	await input.press('ArrowDown');
	await input.press('ArrowDown');
	await expect(input).toHaveValue('cost-schema --format json');
	await input.press('Enter');
	const entry = page.getByTestId('command-entry').last();
	await expect(entry).toHaveAttribute('data-exit-code', '0', { timeout: 30_000 });
	await expect(entry.getByTestId('command-json')).toContainText('"');
	expect(errors).toEqual([]);
});
