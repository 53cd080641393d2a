/**
 * Browser figures: cold start (navigation to the first query result, fresh profile and warm
 * reload) and shipped bytes.
 * Needs a build in build/ and Debian's Chromium; `npm run bench` takes care of both.
 */
import type { Browser, Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, serveBuild } from './chromium';
import { median, type BenchResult } from './stats';

const PORT = 4190;
const URL_BASE = `http://127.0.0.1:${PORT}/`;
const RUNS = 5;

/** Milliseconds from navigation start until the first query result is in the DOM. */
async function timeToFirstResult(page: Page, navigate: () => Promise<unknown>): Promise<number> {
	await navigate();
	await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
	await page.getByTestId('sql-run').click();
	await page.getByTestId('sql-result').locator('td').first().waitFor({ timeout: 60_000 });
	return page.evaluate(() => performance.now());
}

async function coldStart(browser: Browser): Promise<BenchResult[]> {
	const cold: number[] = [];
	const warm: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		cold.push(await timeToFirstResult(page, () => page.goto(URL_BASE)));
		warm.push(await timeToFirstResult(page, () => page.reload()));
		await context.close();
	}
	return [
		{
			name: 'cold start, fresh profile',
			value: median(cold),
			unit: 'ms',
			subject: 'load to first query result',
			runs: cold
		},
		{
			name: 'cold start, warm reload',
			value: median(warm),
			unit: 'ms',
			subject: 'load to first query result',
			runs: warm
		}
	];
}

/** Golden configurations timed in the engine worker, with the original's engine time for the ratio. */
const ENGINE_SCENARIOS = [
	{ folder: 'synthetic_200agents__seed20251126', ticks: 500, original: '268.7 s' },
	{ folder: 'target2_crisis_25day__seed42', ticks: 1000, original: '19–24 s' },
	{ folder: 'suboptimal_policies_10day__seed42', ticks: 1000, original: '0.13–0.17 s' }
];

/** Engine time inside the engine worker (tick loop only), median of RUNS runs after one warm-up. */
async function engineInWorker(browser: Browser): Promise<BenchResult[]> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(URL_BASE);
	await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
	const results: BenchResult[] = [];
	for (const scenario of ENGINE_SCENARIOS) {
		const path = join('tests/fixtures/golden', scenario.folder, 'config.json');
		await page.getByTestId('engine-file').setInputFiles(path);
		await page.getByTestId('engine-ticks').fill(String(scenario.ticks));
		const times: number[] = [];
		let events = 0;
		for (let run = 0; run <= RUNS; run++) {
			await page.getByTestId('engine-run').click();
			const panel = page.getByTestId('engine-panel');
			await panel.and(page.locator('[data-running="false"][data-status="completed"]')).waitFor({
				timeout: 300_000
			});
			const ms = Number(await panel.getAttribute('data-engine-ms'));
			if (run > 0) times.push(ms);
			const status = (await page.getByTestId('engine-status').textContent()) ?? '';
			events = Number(status.match(/([\d,]+) events/)?.[1].replaceAll(',', '') ?? 0);
		}
		const seconds = median(times) / 1000;
		const subject = `${scenario.folder}, ${scenario.ticks} ticks, ${events.toLocaleString('en')} events`;
		results.push(
			{
				name: 'engine time in the engine worker (tick loop only)',
				value: median(times),
				unit: 'ms',
				subject: `${subject} (original: ${scenario.original})`,
				runs: times
			},
			{
				name: 'engine ticks/s in the engine worker',
				value: scenario.ticks / seconds,
				unit: 'ticks/s',
				subject
			},
			{ name: 'engine events/s in the engine worker', value: events / seconds, unit: 'events/s', subject }
		);
	}
	await context.close();
	return results;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

export function shippedBytes(root = 'build'): BenchResult[] {
	const groups = new Map<string, { raw: number; gzip: number }>();
	for (const file of filesUnder(root)) {
		const group = file.endsWith('.wasm')
			? 'DuckDB wasm'
			: file.includes('/workers/') && file.endsWith('.js')
				? 'worker scripts'
				: file.includes('/examples/')
					? 'bundled examples'
					: 'app shell (html, js, css)';
		const bytes = readFileSync(file);
		const entry = groups.get(group) ?? { raw: 0, gzip: 0 };
		entry.raw += bytes.length;
		entry.gzip += gzipSync(bytes, { level: 9 }).length;
		groups.set(group, entry);
	}
	const results: BenchResult[] = [];
	let raw = 0;
	let gzip = 0;
	for (const [group, size] of [...groups].sort()) {
		raw += size.raw;
		gzip += size.gzip;
		results.push({
			name: `shipped bytes: ${group}`,
			value: size.raw,
			unit: 'bytes',
			subject: `gzip -9: ${size.gzip.toLocaleString('en')}`
		});
	}
	results.push({
		name: 'shipped bytes: total',
		value: raw,
		unit: 'bytes',
		subject: `gzip -9: ${gzip.toLocaleString('en')}`
	});
	return results;
}

export async function runBrowserBench(): Promise<BenchResult[]> {
	const server = await serveBuild(PORT);
	const browser = await launchChromium();
	try {
		return [...(await coldStart(browser)), ...(await engineInWorker(browser)), ...shippedBytes()];
	} finally {
		await browser.close();
		server.kill();
	}
}

export function chromiumVersion(): Promise<string> {
	return launchChromium().then(async (b) => {
		const version = b.version();
		await b.close();
		return version;
	});
}
