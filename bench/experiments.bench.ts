/**
 * Experiment benchmark: wall time of the Castro experiments exp1, exp3 (deterministic) and exp2 (bootstrap,
 * 50 samples) with the offline `search` proposer (median of 3 runs after a cold one)
 * - in Node, nothing recorded (the loop alone);
 * - in Node, recorded into a DuckDB file as `experiment run --db` does (every iteration's evaluation run
 *   at level full, proposals, the event log);
 * - in Chromium, as the app runs it: the experiments page of the built site starts the run in the engine
 *   worker, which stores every step through the db worker in OPFS (the same records as the Node figure
 *   above); the page's own measure, engine-worker call to result, is read from the status line;
 * and the rate of bootstrap evaluations (one sandbox simulation of one sample), beside SimCash's figure of
 * about 71 ms per 100 small simulations on an M1 core.
 *
 *   npx tsx bench/experiments.bench.ts          (needs a build in build/ for the Chromium part)
 */
import type { Browser } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectHistories } from '../src/lib/experiments/bootstrap-history';
import { buildSamples } from '../src/lib/experiments/bootstrap-samples';
import { createPacer } from '../src/lib/experiments/cancellation';
import { Evaluator } from '../src/lib/experiments/evaluation';
import {
	createSearchProposer,
	defaultPolicy,
	loadExperiment,
	runExperiment,
	type ExperimentResult
} from '../src/lib/experiments';
import type { LoadedScenario } from '../src/lib/experiments/load-experiment';
import type { ExperimentConfig } from '../src/lib/experiments/experiment-config';
import { StoreRecorder } from '../src/lib/experiments/store-recorder';
import { openStoreFile } from '../src/lib/store/node-store';
import { DirectSink } from '../src/lib/store/store-sink';
import { launchChromium, serveBuild } from './chromium';
import { median, type BenchResult } from './stats';

const EXAMPLES = join(import.meta.dirname, '..', 'static', 'examples');
const RUNS = 3;
const EXPERIMENTS = ['exp1', 'exp3', 'exp2'];
/** The Chromium part serves build/ here (the browser benchmarks use 4190 and 4191). */
const PORT = 4192;
/** Distinct policies priced in the bootstrap-rate measurement (each on every sample). */
const PRICED_POLICIES = 20;

async function loadCastro(name: string): Promise<{ experiment: ExperimentConfig; scenario: LoadedScenario }> {
	const fileName = `experiments/castro/experiments/${name}.yaml`;
	const read = (path: string) => {
		try {
			return readFileSync(join(EXAMPLES, path), 'utf8');
		} catch {
			return null;
		}
	};
	const loaded = await loadExperiment(read(fileName) ?? '', { fileName, resolveFile: read });
	if (!loaded.ok) throw new Error(`${name}: ${loaded.errors.map((e) => e.message).join('; ')}`);
	return loaded;
}

/** One run in Node; with `dbPath`, recorded into a new DuckDB file there (timed until the last commit). */
async function timeExperiment(
	name: string,
	dbPath?: string
): Promise<{ ms: number; result: ExperimentResult }> {
	const { experiment, scenario } = await loadCastro(name);
	if (experiment.optimizer.kind !== 'search') throw new Error('expected the search optimizer');
	const proposer = createSearchProposer(experiment.optimizer);
	const store = dbPath === undefined ? null : await openStoreFile(dbPath);
	try {
		const started = performance.now();
		const result = await runExperiment({
			experiment,
			scenario,
			proposer,
			experimentId: `${name}-bench`,
			...(store === null ? {} : { recorder: new StoreRecorder({ sink: new DirectSink(store.db) }) })
		});
		const ms = performance.now() - started;
		if (result.status !== 'completed') throw new Error(`${name}: ${result.status} ${result.error ?? ''}`);
		return { ms, result };
	} finally {
		await store?.db.close();
	}
}

async function nodeFigures(stored: boolean): Promise<BenchResult[]> {
	const dir = stored ? mkdtempSync(join(tmpdir(), 'simcash-experiments-bench-')) : null;
	let files = 0;
	const path = () => (dir === null ? undefined : join(dir, `run-${files++}.duckdb`));
	const where = stored ? 'Node, recorded in a DuckDB file' : 'Node, nothing recorded';
	try {
		const results: BenchResult[] = [];
		for (const name of EXPERIMENTS) {
			await timeExperiment(name, path());
			const runs: { ms: number; result: ExperimentResult }[] = [];
			for (let i = 0; i < RUNS; i++) runs.push(await timeExperiment(name, path()));
			const { result } = runs[0];
			const ms = median(runs.map((run) => run.ms));
			const simulations = `${result.simulations.full.toLocaleString('en')} full + ${result.simulations.sandbox.toLocaleString('en')} sandbox simulations`;
			const subject = `${name} (${result.evaluationMode}), search, ${result.iterations} iterations, ${simulations}`;
			results.push({
				name: `experiment wall time, ${name} (${where})`,
				value: ms,
				unit: 'ms',
				subject,
				runs: runs.map((run) => run.ms)
			});
			console.log(
				`${where}: ${name}: ${Math.round(ms)} ms median, ${result.iterations} iterations, ${simulations}`
			);
		}
		return results;
	} finally {
		if (dir !== null) rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * In a fresh browser profile per experiment: the built app's experiments page runs it with `search` once
 * to warm up, then RUNS times measured; each run is stored in OPFS as the app always stores it.
 */
async function chromiumExperiment(browser: Browser, name: string): Promise<BenchResult> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(`http://127.0.0.1:${PORT}/experiments`);
		await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
		await page
			.locator(`[data-testid="experiment-file"][data-file="experiments/castro/experiments/${name}.yaml"]`)
			.click();
		await page.getByTestId('optimizer').selectOption('search');
		const status = page.getByTestId('experiment-status');
		const times: number[] = [];
		let iterations = 0;
		for (let run = 0; run <= RUNS; run++) {
			await page.getByTestId('experiment-start').click();
			await status.waitFor({ state: 'detached' });
			await page
				.locator('[data-testid="experiment-status"][data-status="completed"]')
				.waitFor({ timeout: 600_000 });
			if (run > 0) times.push(Number(await status.getAttribute('data-wall-ms')));
			iterations = await page.getByTestId('experiment-view').getByTestId('iteration-row').count();
		}
		const ms = median(times);
		const mode = name === 'exp2' ? 'bootstrap' : 'deterministic';
		console.log(`Chromium, engine worker, stored in OPFS: ${name}: ${Math.round(ms)} ms median`);
		return {
			name: `experiment wall time, ${name} (Chromium, engine worker, stored in OPFS)`,
			value: ms,
			unit: 'ms',
			subject: `${name} (${mode}), search, ${iterations} iterations, built app, every step stored`,
			runs: times
		};
	} finally {
		await context.close();
	}
}

async function chromiumFigures(): Promise<BenchResult[]> {
	const server = await serveBuild(PORT);
	const browser = await launchChromium();
	try {
		const results: BenchResult[] = [];
		for (const name of EXPERIMENTS) results.push(await chromiumExperiment(browser, name));
		return results;
	} finally {
		await browser.close();
		server.kill();
	}
}

/** Sandbox evaluations per second on exp2's samples of BANK_A (samples built as the loop builds them). */
async function bootstrapRate(): Promise<{ perSecond: number; evaluations: number; samples: number }> {
	const { experiment, scenario } = await loadCastro('exp2');
	const evaluator = new Evaluator({ experiment, scenario: scenario.config, pacer: createPacer() });
	const agents = experiment.optimizedAgents;
	const initial = await evaluator.run(
		Object.fromEntries(agents.map((agent) => [agent, defaultPolicy(agent)])),
		experiment.masterSeed,
		true
	);
	const histories = collectHistories(initial.outcome.events ?? [], agents);
	const settings = {
		masterSeed: experiment.masterSeed,
		samples: experiment.evaluation.numSamples,
		ticks: experiment.evaluation.ticks
	};
	evaluator.useSamples(
		new Map(
			agents.map((agent) => [
				agent,
				buildSamples(agent, histories.get(agent) ?? { outgoing: [], incoming: [] }, settings)
			])
		)
	);
	const oracle = evaluator.oracle(0, 'BANK_A', {});
	const started = performance.now();
	for (let i = 0; i < PRICED_POLICIES; i++) {
		await oracle.evaluate({
			...defaultPolicy('BANK_A'),
			parameters: { initial_liquidity_fraction: i / PRICED_POLICIES }
		});
	}
	const seconds = (performance.now() - started) / 1000;
	return {
		perSecond: evaluator.sandboxRuns / seconds,
		evaluations: evaluator.sandboxRuns,
		samples: settings.samples
	};
}

export async function runExperimentsBench(): Promise<BenchResult[]> {
	const results: BenchResult[] = [
		...(await nodeFigures(false)),
		...(await nodeFigures(true)),
		...(await chromiumFigures())
	];
	const rates = [];
	for (let i = 0; i < RUNS; i++) rates.push(await bootstrapRate());
	const perSecond = median(rates.map((rate) => rate.perSecond));
	const subject = `exp2 sandbox, BANK_A, ${PRICED_POLICIES} policies × ${rates[0].samples} samples, 12 ticks each`;
	results.push({
		name: 'bootstrap evaluations/s',
		value: perSecond,
		unit: 'evaluations/s',
		subject,
		runs: rates.map((r) => r.perSecond)
	});
	results.push({
		name: 'time per 100 bootstrap evaluations (SimCash: about 71 ms on an M1 core)',
		value: 100_000 / perSecond,
		unit: 'ms',
		subject,
		runs: rates.map((r) => 100_000 / r.perSecond)
	});
	console.log(
		`bootstrap evaluations: ${Math.round(perSecond).toLocaleString('en')}/s, ${(100_000 / perSecond).toFixed(1)} ms per 100`
	);
	return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runExperimentsBench();
