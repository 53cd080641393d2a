import { expect, test } from '@playwright/test';
import { collectPageErrors, openApp, reloadApp, runSql, sqlOk, sqlScalar } from './helpers';

test('shows the database, runs SQL, and keeps rows in OPFS across a reload', async ({ page }, testInfo) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await expect(page.getByTestId('db-path')).toHaveText('opfs://simcash.duckdb');
	await expect(page.getByTestId('db-version')).toHaveText('v1.4.3');

	await sqlOk(page, 'CREATE TABLE notes (id INTEGER, body VARCHAR)');
	await sqlOk(page, "INSERT INTO notes SELECT i, 'note ' || i FROM range(250) t(i)");
	expect(await sqlScalar(page, 'SELECT count(*) FROM notes')).toBe('250');
	await page.screenshot({ path: testInfo.outputPath('app-after-insert.png'), fullPage: true });

	await reloadApp(page);
	expect(await sqlScalar(page, 'SELECT count(*) FROM notes')).toBe('250');
	expect(await sqlScalar(page, 'SELECT body FROM notes WHERE id = 249')).toBe('note 249');
	expect(errors).toEqual([]);
});

test("a SQL error shows DuckDB's message under the box and the database stays usable", async ({
	page
}, testInfo) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await sqlOk(page, 'CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (1), (2)');
	await runSql(page, 'SELECT * FROM no_such_table');
	const error = page.getByTestId('sql-error');
	await expect(error).toContainText('Catalog Error');
	await expect(error).toContainText('no_such_table');
	await expect(page.getByTestId('sql-input')).toHaveValue('SELECT * FROM no_such_table');
	await page.screenshot({ path: testInfo.outputPath('app-sql-error.png'), fullPage: true });
	expect(await sqlScalar(page, 'SELECT sum(x) FROM kept')).toBe('3');
	expect(errors).toEqual([]);
});

test('the SQL box is keyboard-usable: Ctrl+Enter runs the query', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('sql-input').focus();
	await page.keyboard.press('Control+A');
	await page.keyboard.type('SELECT 6 * 7 AS product');
	await page.keyboard.press('Control+Enter');
	await expect(page.getByTestId('sql-result').locator('tbody td').first()).toHaveText('42');
});

test('a second tab on the same database gets a clear message, not a lock error', async ({
	page,
	context
}, testInfo) => {
	await openApp(page);
	const second = await context.newPage();
	await second.goto('./');
	await expect(second.getByTestId('status')).toHaveText('locked', { timeout: 30_000 });
	await expect(second.getByTestId('status-message')).toContainText('open in another tab');
	await expect(second.getByTestId('status-message')).not.toContainText('createSyncAccessHandle');
	await second.screenshot({ path: testInfo.outputPath('second-tab-locked.png'), fullPage: true });

	// Once the owning tab has gone, the other one can open the database.
	await page.close();
	await reloadApp(second);
});

test('the page can be edited before DuckDB has loaded', async ({ page }) => {
	// Hold the wasm download back so that the page is seen in its loading state.
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/*.wasm', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('./');
	await expect(page.getByTestId('status')).toHaveText('loading');
	await page.getByTestId('sql-input').fill('SELECT 1 + 1 AS two');
	await page.getByTestId('sql-run').click();
	await expect(page.getByTestId('sql-run')).toHaveText('Waiting for DuckDB…');
	release();
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });
	await expect(page.getByTestId('sql-result').locator('tbody td').first()).toHaveText('2');
});
