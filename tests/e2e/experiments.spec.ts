import { expect, test } from '@playwright/test';
import { collectPageErrors, openApp, sqlScalar } from './helpers';

const EXP1 = 'experiments/castro/experiments/exp1.yaml';

test('Castro exp1 with search: progress, the equilibrium, the chart, and every step stored and linked', async ({
	page
}, testInfo) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
	await expect(page.getByRole('heading', { name: 'Bundled experiments' })).toBeVisible();

	await page.locator(`[data-testid="experiment-file"][data-file="${EXP1}"]`).click();
	await expect(page.getByTestId('optimizer')).toHaveValue('search');
	await page.getByTestId('experiment-start').click();
	await expect(page.getByTestId('experiment-run')).toHaveAttribute('data-running', 'true');

	// Progress: iteration rows appear as the run goes, before the stored view replaces them.
	await expect(page.getByTestId('iteration-row').first()).toBeVisible({ timeout: 60_000 });
	await page.screenshot({ path: testInfo.outputPath('experiment-progress.png'), fullPage: true });

	await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'completed', {
		timeout: 90_000
	});
	const view = page.getByTestId('experiment-view');
	await expect(view).toBeVisible();
	const experimentId = (await view.getAttribute('data-experiment-id')) ?? '';
	expect(experimentId).toMatch(/^exp1-/);

	const fraction = async (agent: string) =>
		Number(
			await view
				.locator(`[data-testid="final-row"][data-agent="${agent}"] [data-testid="final-fraction"]`)
				.textContent()
		);
	expect(Math.abs((await fraction('BANK_A')) - 0)).toBeLessThanOrEqual(0.005);
	expect(Math.abs((await fraction('BANK_B')) - 0.2)).toBeLessThanOrEqual(0.005);
	await expect(view.getByTestId('final-total')).toHaveAttribute('data-cents', '2000');
	await expect(view.getByTestId('final-total')).toHaveText('$20.00');

	const chart = view.getByTestId('cost-chart');
	await expect(chart.getByTestId('cost-line')).toHaveCount(2);
	const iterations = await view.getByTestId('iteration-row').count();
	expect(iterations).toBeGreaterThan(1);
	expect(iterations).toBeLessThanOrEqual(10);
	await expect(view.locator('[data-testid="proposal"][data-verdict="accepted"]').first()).toBeVisible();
	await expect(
		page.locator(`[data-testid="stored-experiment"][data-experiment-id="${experimentId}"]`)
	).toBeVisible();
	// The parameter path: from 0.50 to A 0.00 and B 0.20; search proposes only improvements, so none rejected.
	const parameters = view.getByTestId('parameter-chart');
	const path = async (agent: string) =>
		(
			(await parameters
				.locator(`[data-agent="${agent}"][data-testid="parameter-line"]`)
				.getAttribute('data-values')) ?? ''
		)
			.split(' ')
			.map(Number);
	expect((await path('BANK_A')).at(0)).toBe(0.5);
	expect((await path('BANK_A')).at(-1)).toBe(0);
	expect((await path('BANK_B')).at(-1)).toBe(0.2);
	await expect(parameters.getByTestId('rejected-marker')).toHaveCount(0);
	// Deterministic evaluation: no bootstrap statistics to show.
	await expect(view.getByTestId('bootstrap-table')).toHaveCount(0);

	// The policy diff, first against last iteration, then between two equilibrium iterations.
	const diff = view.getByTestId('policy-diff');
	const bankB = diff.locator('[data-testid="diff-agent"][data-agent="BANK_B"]');
	await expect(bankB.getByTestId('diff-parameter')).toHaveAttribute(
		'data-name',
		'initial_liquidity_fraction'
	);
	await expect(bankB.getByTestId('diff-before')).toHaveText('0.5');
	await expect(bankB.getByTestId('diff-after')).toHaveText('0.2');
	await expect(diff.getByTestId('diff-node')).toHaveCount(0);
	await diff.getByTestId('diff-from').selectOption('1');
	await expect(diff.getByTestId('diff-unchanged')).toHaveCount(2);
	await diff.getByTestId('diff-from').selectOption('0');

	await view.scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath('experiment-result.png'), fullPage: true });

	// The same data through the Database page's SQL box: the experiment row, its iterations, the
	// evaluation simulations they link to, and the stored proposals.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
	const id = `'${experimentId}'`;
	expect(
		await sqlScalar(
			page,
			`SELECT status || '/' || num_iterations || '/' || final_cost FROM experiments WHERE experiment_id = ${id}`
		)
	).toBe(`completed/${iterations}/2000`);
	expect(
		await sqlScalar(
			page,
			`SELECT count(*) FROM experiment_iterations i JOIN simulation_runs r ON r.simulation_id = i.evaluation_simulation_id
			 WHERE i.experiment_id = ${id} AND r.experiment_id = ${id} AND r.run_purpose = 'evaluation' AND r.status = 'completed'`
		)
	).toBe(String(iterations));
	expect(
		Number(
			await sqlScalar(
				page,
				`SELECT count(*) FROM policy_evaluations WHERE experiment_id = ${id} AND accepted`
			)
		)
	).toBeGreaterThan(0);
	expect(
		await sqlScalar(
			page,
			`SELECT count(*) FROM simulation_runs WHERE experiment_id = ${id} AND run_purpose = 'final'`
		)
	).toBe('1');
	expect(
		Number(
			await sqlScalar(
				page,
				`SELECT count(*) FROM simulation_events e JOIN simulation_runs r USING (simulation_id) WHERE r.experiment_id = ${id}`
			)
		)
	).toBeGreaterThan(0);
	expect(errors).toEqual([]);
});

test('a running experiment can be cancelled: it is kept as interrupted and the page stays usable', async ({
	page
}) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
	await page
		.locator('[data-testid="experiment-file"][data-file="experiments/castro/experiments/exp2.yaml"]')
		.click();
	await page.getByTestId('experiment-start').click();
	await expect(page.getByTestId('experiment-run')).toHaveAttribute('data-running', 'true');
	await page.getByTestId('experiment-cancel').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'cancelled', {
		timeout: 60_000
	});
	const view = page.getByTestId('experiment-view');
	await expect(view.getByTestId('experiment-summary')).toContainText('interrupted');
	await expect(page.getByTestId('experiment-start')).toBeEnabled();
	expect(errors).toEqual([]);
});
