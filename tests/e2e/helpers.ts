import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions of a page; tests assert it stays empty. */
export function collectPageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	return errors;
}

/** Opens the app (optionally with query parameters) and waits until DuckDB has opened the database. */
export async function openApp(page: Page, query = ''): Promise<void> {
	await page.goto(query ? `./?${query}` : './');
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });
}

export async function reloadApp(page: Page): Promise<void> {
	await page.reload();
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });
}

/** Runs SQL through the SQL box and waits for it to finish. */
export async function runSql(page: Page, sql: string): Promise<void> {
	await page.getByTestId('sql-input').fill(sql);
	await page.getByTestId('sql-run').click();
	await expect(page.getByTestId('sql-console')).toHaveAttribute('data-busy', 'false', { timeout: 90_000 });
}

/** Runs SQL that must succeed and returns the first cell of the result as text. */
export async function sqlScalar(page: Page, sql: string): Promise<string> {
	await runSql(page, sql);
	await expect(page.getByTestId('sql-error')).toHaveCount(0);
	return (
		(await page.getByTestId('sql-result').locator('tbody tr').first().locator('td').first().textContent()) ??
		''
	);
}

/** Runs SQL that must succeed (statements without a result set too). */
export async function sqlOk(page: Page, sql: string): Promise<void> {
	await runSql(page, sql);
	const error = page.getByTestId('sql-error');
	if ((await error.count()) > 0) throw new Error(`SQL failed: ${sql}\n${await error.textContent()}`);
}
