import { expect, test } from '@playwright/test';
import { collectPageErrors, openApp, sqlScalar } from './helpers';

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
	await page.getByTestId('job-rows').fill('20000');
	await page.getByTestId('job-run').click();
	await expect(page.getByTestId('job-status')).toContainText('Completed: 20,000 rows');
	expect(foreign).toEqual([]);
	expect(errors).toEqual([]);
});
