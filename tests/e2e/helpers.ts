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

/**
 * Runs a bundled scenario file on the Scenarios page, stored at `level`, and waits for the end; returns
 * the stored run's simulation id.
 */
export async function storeScenarioRun(
	page: Page,
	file: string,
	level: 'summary' | 'events' | 'full',
	timeout = 120_000
): Promise<string> {
	await page.goto(`./scenarios?file=${encodeURIComponent(file)}`);
	await expect(page.getByTestId('check-state')).toHaveText(/valid/, { timeout: 30_000 });
	await page.getByTestId('run-persist').selectOption(level);
	await page.getByTestId('run-button').click();
	await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout });
	const stored = page.getByTestId('run-stored');
	await expect(stored).toContainText(`(${level})`);
	return (await stored.getAttribute('data-simulation-id')) ?? '';
}

/** Types a command in the Database page's console, runs it with Enter, and returns its finished entry. */
export async function typeCommand(page: Page, text: string, timeout = 60_000) {
	const input = page.getByTestId('command-input');
	await input.fill(text);
	await input.press('Enter');
	const entry = page.getByTestId('command-entry').last();
	await expect(entry.locator('.prompt')).toContainText(text.replace(/^payment-sim /, ''));
	await expect(entry).toHaveAttribute('data-exit-code', /\d+/, { timeout });
	await expect(page.getByTestId('command-console')).toHaveAttribute('data-busy', 'false');
	return entry;
}
