import { expect, test, type Page } from '@playwright/test';
import { formatMoney } from '../../src/lib/replay/money';
import { collectPageErrors, openApp, reloadApp, sqlScalar } from './helpers';

const EXP1 = 'experiments/castro/experiments/exp1.yaml';

async function openExperiments(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
	await expect(page.getByRole('heading', { name: 'Bundled experiments' })).toBeVisible();
}

/** Checks the experiment view's final evaluation: exp1's equilibrium A 0.00, B 0.20, $20.00 in all. */
async function expectExp1Equilibrium(page: Page) {
	const view = page.getByTestId('experiment-view');
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
}

test('Castro exp1 with search: progress, the equilibrium, the chart, and every step stored and linked', async ({
	page
}, testInfo) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await openExperiments(page);

	await page.locator(`[data-testid="experiment-file"][data-file="${EXP1}"]`).click();
	await expect(page.getByTestId('optimizer')).toHaveValue('search');
	await page.getByTestId('experiment-start').click();
	await expect(page.getByTestId('experiment-run')).toHaveAttribute('data-running', 'true');

	// Progress: iteration rows appear as the run goes, before the stored view replaces them.
	await expect(page.getByTestId('iteration-row').first()).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('experiment-iterations-progress')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('experiment-progress.png'), fullPage: true });

	await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'completed', {
		timeout: 90_000
	});
	await expect(page.getByTestId('experiment-iterations-percent')).toHaveText('100 %');
	const view = page.getByTestId('experiment-view');
	await expect(view).toBeVisible();
	const experimentId = (await view.getAttribute('data-experiment-id')) ?? '';
	expect(experimentId).toMatch(/^exp1-/);

	await expectExp1Equilibrium(page);

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

	// Each stored iteration links to the replay of its evaluation run; iteration 1's (A 0.00, B 0.20)
	// opens on the replay page, which shows that run, not the newest one, with its stored tick-0 balances.
	await expect(view.getByTestId('iteration-replay')).toHaveCount(iterations);
	const link = view.locator(
		'[data-testid="iteration-row"][data-iteration="1"] [data-testid="iteration-replay"]'
	);
	const simulationId = (await link.getAttribute('data-simulation-id')) ?? '';
	expect(simulationId).toBe(`${experimentId}-iter1-evaluation`);
	await view.getByTestId('iterations-table').scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath('experiment-iteration-links.png') });
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/replay\\?simulation=${simulationId}$`));
	const about = page.getByTestId('replay-simulation');
	await expect(about).toHaveAttribute('data-simulation-id', simulationId);
	await expect(about).toContainText(simulationId);
	await expect(about).toContainText(`iteration 1 of experiment ${experimentId}`);
	await expect(page.getByTestId('replay-run')).toHaveValue(simulationId);
	await expect(page.getByTestId('replay-position')).toHaveAttribute('data-tick', '0');
	const shownBalances = await page
		.getByTestId('replay-agents')
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((row) => `${row.getAttribute('data-agent')}=${row.querySelector('.balance')?.textContent}`)
		);
	await page.screenshot({ path: testInfo.outputPath('replay-from-iteration.png'), fullPage: true });

	// The same data through the Database page's SQL box: the experiment row, its iterations, the
	// evaluation simulations they link to, and the stored proposals.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
	const storedBalances = await sqlScalar(
		page,
		`SELECT string_agg(agent_id || '=' || balance, ';' ORDER BY agent_id) FROM tick_agent_states
		 WHERE simulation_id = '${simulationId}' AND tick = 0`
	);
	expect(storedBalances.split(';')).toHaveLength(2);
	expect(shownBalances.sort()).toEqual(
		storedBalances.split(';').map((item) => {
			const [agent, cents] = item.split('=');
			return `${agent}=${formatMoney(Number(cents))}`;
		})
	);
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
}, testInfo) => {
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
	// Offered for resuming: in the run card, in its view and in the stored list.
	const experimentId = (await view.getAttribute('data-experiment-id')) ?? '';
	await expect(page.getByTestId('resume-offer')).toHaveAttribute('data-experiment-id', experimentId);
	await expect(view.getByTestId('view-resume')).toBeEnabled();
	await expect(
		page
			.locator(`[data-testid="stored-experiment"][data-experiment-id="${experimentId}"]`)
			.getByRole('button', { name: `Resume ${experimentId}` })
	).toBeEnabled();
	await page.screenshot({ path: testInfo.outputPath('experiment-cancelled.png'), fullPage: true });
	expect(errors).toEqual([]);
});

test('an experiment interrupted by a closed tab is resumed from its last committed iteration to the same end', async ({
	page
}, testInfo) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await openExperiments(page);
	await page.locator(`[data-testid="experiment-file"][data-file="${EXP1}"]`).click();
	await page.getByTestId('experiment-start').click();
	// Close the tab (reload) as soon as one iteration is committed, in the middle of the run.
	await expect(page.locator('[data-testid="iteration-row"][data-committed="true"]').first()).toBeVisible({
		timeout: 60_000
	});
	await expect(page.getByTestId('experiment-run')).toHaveAttribute('data-running', 'true');
	const progress = (await page.getByTestId('experiment-progress').textContent()) ?? '';
	const experimentId = progress.split(':')[0].trim();
	expect(experimentId).toMatch(/^exp1-/);
	await reloadApp(page);
	await openExperiments(page);

	// Reopened, the database marks it interrupted; the page offers to resume it.
	const offer = page.getByTestId('resume-offer');
	await expect(offer).toHaveAttribute('data-experiment-id', experimentId);
	const row = page.locator(`[data-testid="stored-experiment"][data-experiment-id="${experimentId}"]`);
	await expect(row).toContainText('interrupted');
	const committed = Number(await row.locator('td').nth(2).textContent());
	expect(committed).toBeGreaterThanOrEqual(1);
	expect(committed).toBeLessThan(7);
	await page.screenshot({ path: testInfo.outputPath('experiment-resume-offered.png'), fullPage: true });

	// Resume with the keyboard; progress shows as for a fresh run, from the first uncommitted iteration.
	await row.getByTestId('experiment-resume').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: `Resume ${experimentId}` })).toBeVisible();
	await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'completed', {
		timeout: 90_000
	});
	const view = page.getByTestId('experiment-view');
	await expect(view).toHaveAttribute('data-experiment-id', experimentId);
	await expectExp1Equilibrium(page);
	await expect(view.getByTestId('iteration-row')).toHaveCount(7);
	await expect(view.getByTestId('experiment-summary')).toContainText('completed');
	await expect(page.getByTestId('resume-offer')).toHaveCount(0);
	await expect(row.getByTestId('experiment-resume')).toHaveCount(0);

	// As stored: completed, the uninterrupted run's iterations and cost, one evaluation run per iteration.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
	const id = `'${experimentId}'`;
	expect(
		await sqlScalar(
			page,
			`SELECT status || '/' || num_iterations || '/' || final_cost || '/' || converged FROM experiments WHERE experiment_id = ${id}`
		)
	).toBe('completed/7/2000/true');
	expect(
		await sqlScalar(
			page,
			`SELECT count(*) || '/' || count(DISTINCT iteration) || '/' || count(*) FILTER (WHERE status = 'completed')
			 FROM simulation_runs WHERE experiment_id = ${id} AND run_purpose = 'evaluation'`
		)
	).toBe('7/7/7');
	expect(
		await sqlScalar(
			page,
			`SELECT count(*) FROM experiment_events WHERE experiment_id = ${id} AND event_type = 'experiment_resumed'`
		)
	).toBe('1');
	expect(errors).toEqual([]);
});

test('Cancel pressed while the experiment file is still loading stops the run as soon as it starts', async ({
	page
}) => {
	const errors = collectPageErrors(page);
	await openApp(page);
	await openExperiments(page);
	// Hold the file back, so that Cancel reaches the engine worker before the run does.
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/experiments/castro/experiments/exp2.yaml', async (route) => {
		await released;
		await route.continue();
	});
	await page
		.locator('[data-testid="experiment-file"][data-file="experiments/castro/experiments/exp2.yaml"]')
		.click();
	await page.getByTestId('experiment-start').click();
	await expect(page.getByTestId('experiment-progress')).toContainText('Loading the experiment');
	await page.getByTestId('experiment-cancel').click();
	await expect(page.getByTestId('experiment-cancel')).toHaveText('Cancelling…');
	release();
	await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'cancelled', {
		timeout: 60_000
	});
	await expect(page.getByTestId('experiment-view').getByTestId('experiment-summary')).toContainText(
		'interrupted, optimiser search, 0 iterations'
	);
	expect(errors).toEqual([]);
});
