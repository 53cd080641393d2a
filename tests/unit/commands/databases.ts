/**
 * The three kinds of database the command tests run on, written through the store's and the
 * experiments' own writers into files: standalone runs only (runSimulation at levels full and events),
 * experiments only (runExperiment with StoreRecorder: a completed exp1 and one stopped mid-way), and
 * both mixed. Expected figures come from the golden folders and the experiments spec.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSearchProposer, runExperiment, type ExperimentRecorder } from '../../../src/lib/experiments';
import { StoreRecorder } from '../../../src/lib/experiments/store-recorder';
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { openStoreFile } from '../../../src/lib/store/node-store';
import type { StoredLevel } from '../../../src/lib/store/persistence-level';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { FIXTURE_ROOT, readFixtureText } from '../../parity/golden-fixtures';
import { CASTRO, FIXED_CLOCK, load } from '../experiments/helpers';

export interface StandaloneRun {
	id: string;
	folder: string;
	level: StoredLevel;
	startedAt: Date;
}

/** Oldest first; `db simulations` lists them newest first. */
export const STANDALONE_RUNS: readonly StandaloneRun[] = [
	{
		id: 'sim-ring3',
		folder: 'cycle_ring3__seed11',
		level: 'full',
		startedAt: new Date(Date.UTC(2025, 11, 15, 9, 0))
	},
	{
		id: 'sim-exp2',
		folder: 'exp2_12period__seed1',
		level: 'full',
		startedAt: new Date(Date.UTC(2025, 11, 15, 9, 30))
	},
	{
		id: 'sim-eod-events',
		folder: 'test_minimal_eod__seed1',
		level: 'events',
		startedAt: new Date(Date.UTC(2025, 11, 15, 10, 0))
	}
];

/** exp1 run to its end (7 iterations, final cost $20.00) and a copy stopped during iteration 3. */
export const EXPERIMENT_ID = 'exp1-stored';
export const STOPPED_EXPERIMENT_ID = 'exp1-stopped';

export interface GoldenFinal {
	ticks_completed: number;
	ticks_requested: number;
	event_count: number;
	cost_totals_all_days: { total: number };
	agents: { id: string }[];
}

export function goldenFinal(folder: string): GoldenFinal {
	return JSON.parse(readFixtureText(join(FIXTURE_ROOT, folder), 'final.json')) as GoldenFinal;
}

async function writeStandalone(path: string): Promise<void> {
	const { db } = await openStoreFile(path, { now: FIXED_CLOCK() });
	try {
		for (const run of STANDALONE_RUNS) {
			const dir = join(FIXTURE_ROOT, run.folder);
			await runSimulation(
				{
					config: JSON.parse(readFixtureText(dir, 'config.json')),
					scenarioName: `${run.folder}.json`,
					ticks: goldenFinal(run.folder).ticks_requested,
					persist: run.level,
					simulationId: run.id,
					now: () => run.startedAt
				},
				new DirectSink(db),
				{ cancelled: false },
				() => undefined,
				async () => undefined
			);
		}
		await db.checkpoint();
	} finally {
		await db.close();
	}
}

async function writeExperiments(path: string): Promise<void> {
	const { db } = await openStoreFile(path, { now: FIXED_CLOCK() });
	try {
		const loaded = await load(CASTRO.exp1);
		const settings = loaded.experiment.optimizer;
		if (settings.kind !== 'search') throw new Error('exp1 uses the search optimizer');
		const common = {
			experiment: loaded.experiment,
			scenario: loaded.scenario,
			experimentText: loaded.text,
			proposer: createSearchProposer(settings),
			now: FIXED_CLOCK
		};
		await runExperiment({
			...common,
			recorder: new StoreRecorder({ sink: new DirectSink(db), now: FIXED_CLOCK }),
			experimentId: EXPERIMENT_ID
		});
		// Stopped at its seventh proposal: three iterations committed, the fourth evaluated.
		const controller = new AbortController();
		const stopper: ExperimentRecorder = new StoreRecorder({ sink: new DirectSink(db), now: FIXED_CLOCK });
		const proposalEvaluated = stopper.proposalEvaluated.bind(stopper);
		let proposals = 0;
		stopper.proposalEvaluated = async (record) => {
			await proposalEvaluated(record);
			if (++proposals === 7) controller.abort();
		};
		await runExperiment({
			...common,
			recorder: stopper,
			experimentId: STOPPED_EXPERIMENT_ID,
			signal: controller.signal
		});
		await db.checkpoint();
	} finally {
		await db.close();
	}
}

export interface Databases {
	dir: string;
	standalone: string;
	experiments: string;
	mixed: string;
	remove(): void;
}

export async function buildDatabases(): Promise<Databases> {
	const dir = mkdtempSync(join(tmpdir(), 'simcash-commands-'));
	const standalone = join(dir, 'standalone.duckdb');
	const experiments = join(dir, 'experiments.duckdb');
	const mixed = join(dir, 'mixed.duckdb');
	await writeStandalone(standalone);
	await writeExperiments(experiments);
	copyFileSync(experiments, mixed);
	await writeStandalone(mixed);
	return { dir, standalone, experiments, mixed, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
