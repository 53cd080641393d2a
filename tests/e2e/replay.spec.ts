/**
 * The replay page on a 1000-tick golden scenario stored in the browser: scrubbing to tick 0, the last
 * tick and a middle tick (slider, tick box, keyboard) shows the balances stored in tick_agent_states —
 * compared with the same run stored by the Node CLI, which the engine's determinism makes identical —
 * the verbose lines of the tick, and a payment's trace. Screenshots at the three ticks.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney } from '../../src/lib/replay/money';
import { NodeSqlDb } from '../../src/lib/store/duckdb-node';
import { collectPageErrors, openApp, storeScenarioRun } from './helpers';

const FILE = 'examples/configs/crisis_resolution_10day.yaml';
const LAST_TICK = 999;

/** Balances by tick and agent, from the run stored by the CLI. */
async function storedBalances(ticks: number[]): Promise<Map<number, Map<string, number>>> {
	const dir = mkdtempSync(join(tmpdir(), 'simcash-replay-e2e-'));
	try {
		const path = join(dir, 'cli.duckdb');
		execFileSync('node', ['bin/payment-sim.mjs', 'run', `static/examples/${FILE}`, '--db', path], {
			stdio: ['ignore', 'ignore', 'pipe']
		});
		const db = await NodeSqlDb.open(path, { readOnly: true });
		try {
			const result = await db.query(
				`SELECT tick, agent_id, balance FROM tick_agent_states WHERE tick IN (${ticks.join(', ')}) ORDER BY tick, agent_id`
			);
			const balances = new Map<number, Map<string, number>>();
			for (const [tick, agent, balance] of result.rows) {
				const byAgent = balances.get(Number(tick)) ?? new Map<string, number>();
				byAgent.set(String(agent), Number(balance));
				balances.set(Number(tick), byAgent);
			}
			return balances;
		} finally {
			await db.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function expectBalances(page: Page, tick: number, expected: Map<string, number>) {
	await expect(page.getByTestId('replay-position')).toHaveAttribute('data-tick', String(tick));
	const rows = page.getByTestId('replay-agents').locator('tbody tr');
	await expect(rows).toHaveCount(expected.size);
	for (const [agent, cents] of expected)
		await expect(page.locator(`tr[data-agent="${agent}"] .balance`)).toHaveText(formatMoney(cents));
	await expect(page.getByTestId('replay-verbose')).toContainText(`═══ Tick ${tick} ═══`);
}

test('scrub a stored 1000-tick run: balances, verbose lines and a payment trace', async ({
	page
}, testInfo) => {
	test.setTimeout(300_000);
	const errors = collectPageErrors(page);
	const expected = await storedBalances([0, 500, LAST_TICK]);

	await openApp(page);
	const id = await storeScenarioRun(page, FILE, 'full', 180_000);
	await page.goto(`./replay?simulation=${id}`);
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });
	await expect(page.getByTestId('replay-run')).toHaveValue(id);

	await page.getByTestId('replay-tick').fill('0');
	await page.getByTestId('replay-tick').press('Enter');
	await expectBalances(page, 0, expected.get(0) as Map<string, number>);
	await page.screenshot({ path: testInfo.outputPath('replay-tick-0.png'), fullPage: true });

	await page.getByTestId('replay-slider').fill(String(LAST_TICK));
	await expectBalances(page, LAST_TICK, expected.get(LAST_TICK) as Map<string, number>);
	// The verbose box holds only the lines in view and a margin, over the scroll height of them all: the
	// end-of-day block, the tick's last lines, is there once the box is scrolled to its end.
	const verbose = page.getByTestId('replay-verbose');
	const total = Number(await verbose.getAttribute('data-lines'));
	expect(total).toBeGreaterThan(0);
	await verbose.evaluate((box) => box.scrollTo(0, box.scrollHeight));
	await expect(page.getByTestId('replay-verbose-range')).toHaveText(new RegExp(`–${total} of ${total}$`));
	await expect(verbose).toContainText('END OF DAY 9 SUMMARY');
	await page.screenshot({ path: testInfo.outputPath('replay-tick-999.png'), fullPage: true });

	await page.getByTestId('replay-tick').fill('499');
	await page.getByTestId('replay-tick').press('Enter');
	await expect(page.getByTestId('replay-position')).toHaveAttribute('data-tick', '499');
	await page.locator('h1').click();
	await page.keyboard.press('ArrowRight');
	await expectBalances(page, 500, expected.get(500) as Map<string, number>);
	const tickMs = Number(await page.getByTestId('replay-position').getAttribute('data-tick-ms'));
	testInfo.annotations.push({ type: 'tick-ms', description: tickMs.toFixed(1) });
	console.log(`replay: tick 500 shown in ${tickMs.toFixed(1)} ms`);

	const firstTx = page.getByTestId('replay-tx').first();
	const txId = (await firstTx.textContent()) ?? '';
	await firstTx.click();
	const trace = page.getByTestId('replay-trace');
	await expect(trace).toContainText(`Payment ${txId}`);
	await expect(trace.locator('li').first()).toContainText('Arrival');
	await page.screenshot({ path: testInfo.outputPath('replay-tick-500.png'), fullPage: true });

	await page.getByTestId('replay-play').click();
	await expect(page.getByTestId('replay-position')).not.toHaveAttribute('data-tick', '500', {
		timeout: 10_000
	});
	await page.getByTestId('replay-play').click();
	expect(errors).toEqual([]);
});
