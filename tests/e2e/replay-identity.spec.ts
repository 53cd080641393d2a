/**
 * Replay identity in Chromium: a scenario run in the app's engine worker and stored at level full in
 * OPFS, replayed in the app from its stored rows alone (`replay <id> --verbose` in the command console,
 * DuckDB-WASM), prints line for line what the CLI's live run of the same file prints
 * (`payment-sim run <file> --verbose`, the engine in Node) — all 100 ticks, and with filters.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { collectPageErrors, openApp, storeScenarioRun, typeCommand } from './helpers';

const FILE = 'examples/configs/test_priority_escalation.yaml';

/** The tick-by-tick part of a verbose output: from the first tick header to the last tick's end. */
function tickLines(lines: string[]): string[] {
	const first = lines.findIndex((line) => /^═══ Tick \d+ ═══$/.test(line)) - 1;
	const end = lines.findIndex((line, i) => i > first && (line.startsWith('payment-sim: ') || line === '✓ '));
	return lines.slice(first, end < 0 ? lines.length : end);
}

function liveRun(filters: string[]): string[] {
	const result = spawnSync(
		'node',
		['bin/payment-sim.mjs', 'run', `static/examples/${FILE}`, '--verbose', ...filters],
		{ encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 2 ** 20 }
	);
	expect(result.status).toBe(0);
	return tickLines(result.stderr.split('\n'));
}

async function replayInApp(page: Page, command: string): Promise<string[]> {
	const entry = await typeCommand(page, command, 120_000);
	await expect(entry).toHaveAttribute('data-exit-code', '0');
	const text = await entry.locator('[data-testid="command-text"][data-stream="stderr"]').allTextContents();
	return tickLines(text.join('\n').split('\n'));
}

test('a run stored in the browser replays there exactly as the live run prints, with and without filters', async ({
	page
}) => {
	test.setTimeout(300_000);
	const errors = collectPageErrors(page);
	await openApp(page);
	const simulationId = await storeScenarioRun(page, FILE, 'full');
	expect(simulationId).toMatch(/^sim-/);
	await page.goto('./');
	await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 60_000 });

	const whole = liveRun([]);
	expect(whole.filter((line) => line.startsWith('═══ Tick ')).length).toBe(100);
	// The console shows at most 5,000 lines per command: the whole run in two tick ranges.
	const firstPart = await replayInApp(page, `replay ${simulationId} --verbose --from-tick 0 --to-tick 49`);
	const secondPart = await replayInApp(page, `replay ${simulationId} --verbose --from-tick 50 --to-tick 99`);
	expect([...firstPart, ...secondPart]).toEqual(whole);

	const filters = [
		'--filter-agent',
		'BANK_B',
		'--filter-event-type',
		'Arrival,RtgsImmediateSettlement,CostAccrual'
	];
	const filtered = liveRun(filters);
	expect(filtered.length).toBeLessThan(whole.length);
	expect(await replayInApp(page, `replay ${simulationId} --verbose ${filters.join(' ')}`)).toEqual(filtered);
	expect(errors).toEqual([]);
});
