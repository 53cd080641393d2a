import { expect, test } from '@playwright/test';
import { collectPageErrors, openApp, sqlScalar, storeScenarioRun, typeCommand } from './helpers';

test('the app loads and works with every request to another origin blocked', async ({ page, baseURL }) => {
	const ownOrigin = new URL(baseURL!).origin;
	const foreign: string[] = [];
	await page.context().route('**/*', (route) => {
		const url = route.request().url();
		if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === ownOrigin) {
			return route.continue();
		}
		foreign.push(url);
		return route.abort('blockedbyclient');
	});
	// Workers' own requests (wasm, chunks) go through the context's routing too.
	const errors = collectPageErrors(page);
	await openApp(page);
	expect(await sqlScalar(page, 'SELECT count(*) FROM range(10)')).toBe('10');
	// A scenario (its policy files fetched by the engine worker), stored by the db worker, and a
	// command in the console (its module loaded on first use).
	const id = await storeScenarioRun(page, 'examples/configs/bis_liquidity_delay_tradeoff.yaml', 'full');
	await page.goto('./');
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });
	const entry = await typeCommand(page, 'db simulations --json');
	await expect(entry).toHaveAttribute('data-exit-code', '0');
	await expect(entry.getByTestId('command-json')).toContainText(id);
	expect(foreign).toEqual([]);
	expect(errors).toEqual([]);
});
