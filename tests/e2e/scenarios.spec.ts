import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from './helpers';

const FILE = 'experiments/castro/configs/exp2_12period.yaml';

async function openScenario(page: Page, file: string) {
	await page.goto(`./scenarios?file=${encodeURIComponent(file)}`);
	await expect(page.getByRole('heading', { name: file })).toBeVisible();
	await expect(page.getByTestId('check-state')).toHaveText(/valid/, { timeout: 30_000 });
}

/** Replaces the first occurrence of `from` in the editor with `to`, typing as a user would. */
async function editFirst(page: Page, from: string, to: string) {
	const content = page.getByTestId('yaml-editor').locator('.cm-content');
	await content.click();
	await page.keyboard.press('Control+Home');
	const text = (await content.innerText()).replaceAll('\u200b', '');
	expect(text).toContain(from);
	await page.getByTestId('yaml-editor').locator('.cm-line', { hasText: from }).first().click();
	await page.keyboard.press('End');
	await page.keyboard.press('Shift+Home');
	const line = (await page.getByTestId('yaml-editor').locator('.cm-activeLine').innerText()).replace(
		from,
		to
	);
	await page.keyboard.insertText(line.trimStart());
}

test('edit a bundled scenario: an error shows at its line, the fix clears it, the run shows costs', async ({
	page
}, testInfo) => {
	const errors = collectPageErrors(page);
	await openScenario(page, FILE);

	const yamlText = await (await page.request.get(`./examples/${FILE}`)).text();
	const lines = yamlText.split('\n');
	const seedLine = lines.findIndex((l) => /^\s*rng_seed:/.test(l)) + 1;
	expect(seedLine).toBeGreaterThan(0);
	const original = lines[seedLine - 1].trim();

	await editFirst(page, original, 'rng_seed: not-a-number');
	await expect(page.getByTestId('check-state')).toHaveText(/1 error/, { timeout: 15_000 });
	const problem = page.getByTestId('diagnostic').first();
	await expect(problem).toHaveAttribute('data-line', String(seedLine));
	await expect(problem).toHaveAttribute('data-severity', 'error');
	await expect(problem).toContainText('simulation.rng_seed');
	await expect(problem).toContainText('not-a-number');
	await page.screenshot({ path: testInfo.outputPath('scenario-error.png'), fullPage: true });

	await page.getByTestId('run-button').click();
	await expect(page.getByTestId('run-error')).toContainText('1 error');

	await editFirst(page, 'rng_seed: not-a-number', original);
	await expect(page.getByTestId('check-state')).toHaveText(/valid/, { timeout: 15_000 });
	await expect(
		page.getByTestId('diagnostic').filter({ has: page.locator('[data-severity="error"]') })
	).toHaveCount(0);

	await page.getByTestId('run-button').click();
	await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', {
		timeout: 60_000
	});
	await expect(page.getByTestId('run-percent')).toHaveText('100 %');
	await expect(page.getByTestId('run-progress')).toHaveAttribute('value', '100');
	await expect(page.getByTestId('costs-table').locator('tbody tr')).toHaveCount(2);
	await page.screenshot({ path: testInfo.outputPath('scenario-run.png'), fullPage: true });
	expect(errors).toEqual([]);
});

test('a run can be cancelled and the page stays usable', async ({ page }) => {
	await openScenario(page, 'examples/configs/target2_crisis_25day.yaml');
	await page.getByTestId('run-button').click();
	await expect(page.getByTestId('scenario-run')).toHaveAttribute('data-running', 'true');
	await expect
		.poll(async () => Number((await page.getByTestId('run-percent').textContent())?.replace(' %', '')), {
			timeout: 30_000
		})
		.toBeGreaterThan(0);
	await page.getByTestId('run-cancel').click();
	await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled', {
		timeout: 30_000
	});
	await page.getByTestId('run-ticks').fill('10');
	await page.getByTestId('run-button').click();
	await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', {
		timeout: 30_000
	});
});
