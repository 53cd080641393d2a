/**
 * Replay page figure: the time to show a tick of the golden synthetic run (200 banks, 500 ticks,
 * 400,840 events) stored at level full in the app's OPFS database, in headless Chromium. Each sample
 * is one key press on the replay page (→ to the first, middle and last tick from the tick before, ← to
 * tick 0 from tick 1), timed from the key event until the frame after the tick's balances and verbose
 * lines are in the page. Target: at most 100 ms. The page's db worker keeps a few ticks read and reads
 * the neighbours of the tick shown ahead, so these repeated scrubs find their tick ready; two more
 * figures show the other cases: a tick never read (typed in the tick box), and → after such a jump.
 * Needs a build in build/.
 *
 *   npx tsx bench/replay.bench.ts
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, serveBuild } from './chromium';
import { median, type BenchResult } from './stats';

const PORT = 4195;
const URL_BASE = `http://127.0.0.1:${PORT}/`;
const FOLDER = 'synthetic_200agents__seed20251126';
const CONFIG_PATH = join(import.meta.dirname, '..', 'tests', 'fixtures', 'golden', FOLDER, 'config.json');
const LAST_TICK = 499;
const AGENTS = 200;
const REPEATS = 5;
/** Ticks no case above reads, nor next to one (399 ends a day). */
const JUMP_TICKS = [100, 175, 325, 399, 450];
const STEP_FROM_TICKS = [60, 130, 210, 360, 420];

/** Stores the synthetic run at level full through the Database page's engine-configuration panel. */
async function storeSyntheticRun(page: Page): Promise<void> {
	await page.goto(URL_BASE);
	await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
	const panel = page.getByTestId('engine-panel');
	await page.getByTestId('engine-file').setInputFiles(CONFIG_PATH);
	await panel.getByTestId('run-persist').selectOption('full');
	await page.getByTestId('engine-run').click();
	await panel.and(page.locator('[data-running="true"]')).waitFor({ timeout: 60_000 });
	await panel.and(page.locator('[data-running="false"][data-status="completed"]')).waitFor({
		timeout: 600_000
	});
}

async function goTo(page: Page, tick: number): Promise<void> {
	await page.getByTestId('replay-tick').fill(String(tick));
	await page.getByTestId('replay-tick').press('Enter');
	await page.locator(`[data-testid="replay-position"][data-tick="${tick}"]`).waitFor({ timeout: 60_000 });
	// Key presses go to the page, not to the tick box.
	await page.locator('h1').click();
}

/**
 * Milliseconds from the key event to the frame after tick `target` is shown, and the page's own time.
 * The key goes to the focused element: the page for ← and →, the tick box for Enter.
 */
async function timeKey(page: Page, key: 'ArrowRight' | 'ArrowLeft' | 'Enter', target: number) {
	// A string, not a function: the TypeScript runner would add helpers the page does not have.
	await page.evaluate(`(() => {
		const target = ${target};
		const position = document.querySelector('[data-testid="replay-position"]');
		const verbose = document.querySelector('[data-testid="replay-verbose"]');
		const shown = () =>
			position.dataset.tick === String(target) &&
			(verbose.textContent ?? '').includes('═══ Tick ' + target + ' ═══') &&
			document.querySelectorAll('[data-testid="replay-agents"] tbody tr').length === ${AGENTS};
		let start;
		window.replayBench = new Promise((resolve) => {
			const observer = new MutationObserver(() => {
				if (start === undefined || !shown()) return;
				observer.disconnect();
				const began = start;
				requestAnimationFrame(() => resolve(performance.now() - began));
			});
			window.addEventListener('keydown', (event) => (start = event.timeStamp), { capture: true, once: true });
			observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
		});
	})()`);
	await page.keyboard.press(key);
	const ms = Number(await page.evaluate('window.replayBench'));
	const pageMs = Number(await page.getByTestId('replay-position').getAttribute('data-tick-ms'));
	return { ms, pageMs };
}

export async function runReplayBench(): Promise<BenchResult[]> {
	const server = await serveBuild(PORT);
	const browser = await launchChromium();
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		await storeSyntheticRun(page);
		await page.goto(`${URL_BASE}replay`);
		await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
		await page.locator('[data-testid="replay-position"][data-tick="0"]').waitFor({ timeout: 120_000 });

		const cases = [
			{ label: 'first tick (0)', from: 1, key: 'ArrowLeft' as const, target: 0 },
			{ label: 'middle tick (250)', from: 249, key: 'ArrowRight' as const, target: 250 },
			{
				label: `last tick (${LAST_TICK}, end of day)`,
				from: LAST_TICK - 1,
				key: 'ArrowRight' as const,
				target: LAST_TICK
			}
		];
		// One scrub of each first, not counted: the page's code warms up.
		for (const c of cases) {
			await goTo(page, c.from);
			await timeKey(page, c.key, c.target);
		}
		const all: number[] = [];
		const results: BenchResult[] = [];
		for (const c of cases) {
			const times: number[] = [];
			const pageTimes: number[] = [];
			for (let run = 0; run < REPEATS; run++) {
				await goTo(page, c.from);
				const { ms, pageMs } = await timeKey(page, c.key, c.target);
				times.push(ms);
				pageTimes.push(pageMs);
			}
			all.push(...times);
			results.push({
				name: `replay page: time to show the ${c.label}`,
				value: median(times),
				unit: 'ms',
				subject: `key ${c.key === 'ArrowLeft' ? '←' : '→'} to the frame after; reading the tick ${median(pageTimes).toFixed(1)} ms of it`,
				runs: times
			});
		}
		// Ticks not read before (nor next to one read): typed in the tick box, timed from Enter. The worker
		// reads them cold, so this is the cost of a jump (slider, tick box) and of a key press whose tick
		// was not read ahead in time.
		const jumps: number[] = [];
		const jumpPageTimes: number[] = [];
		for (const target of JUMP_TICKS) {
			await page.getByTestId('replay-tick').fill(String(target));
			const { ms, pageMs } = await timeKey(page, 'Enter', target);
			jumps.push(ms);
			jumpPageTimes.push(pageMs);
		}
		results.push({
			name: 'replay page: time to show a tick not read before (tick box, Enter)',
			value: median(jumps),
			unit: 'ms',
			subject: `ticks ${JUMP_TICKS.join(', ')}; reading the tick ${median(jumpPageTimes).toFixed(1)} ms of it`,
			runs: jumps
		});
		// → from a tick just shown to one never shown: what stepping through a run costs, the next tick
		// having been read ahead (or being read) while the first was on screen.
		const steps: number[] = [];
		const stepPageTimes: number[] = [];
		for (const from of STEP_FROM_TICKS) {
			await goTo(page, from);
			const { ms, pageMs } = await timeKey(page, 'ArrowRight', from + 1);
			steps.push(ms);
			stepPageTimes.push(pageMs);
		}
		results.push({
			name: 'replay page: time to show the next tick after a jump (→)',
			value: median(steps),
			unit: 'ms',
			subject: `from ticks ${STEP_FROM_TICKS.join(', ')}; reading the tick ${median(stepPageTimes).toFixed(1)} ms of it`,
			runs: steps
		});
		await context.close();
		results.unshift({
			name: 'replay page: time to show a tick (target ≤ 100 ms)',
			value: median(all),
			unit: 'ms',
			subject: `${FOLDER} stored at level full in OPFS, ticks 0, 250, ${LAST_TICK}, ${REPEATS} scrubs each`,
			runs: all
		});
		for (const r of results)
			console.log(
				`${r.name}: ${r.value.toFixed(1)} ms (${r.runs?.map((v) => v.toFixed(0)).join(', ')}); ${r.subject}`
			);
		return results;
	} finally {
		await browser.close();
		server.kill();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runReplayBench();
