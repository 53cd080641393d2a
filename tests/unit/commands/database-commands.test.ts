/**
 * Every reading command on the three kinds of database — standalone runs only, experiments only, both
 * mixed — with expected figures from the golden folders (standalone runs) and from the experiments spec
 * (exp1: seven iterations, $100.00 then $20.00, converged; the stopped copy: three iterations committed).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_FIXTURES } from '../experiments/helpers';
import {
	buildDatabases,
	EXPERIMENT_ID,
	goldenFinal,
	STANDALONE_RUNS,
	STOPPED_EXPERIMENT_ID,
	type Databases
} from './databases';
import { run, runJson } from './run-command';

let dbs: Databases;

beforeAll(async () => {
	dbs = await buildDatabases();
}, 120_000);

afterAll(() => dbs.remove());

type Kind = 'standalone' | 'experiments' | 'mixed';
const KINDS: Kind[] = ['standalone', 'experiments', 'mixed'];
const hasStandalone = (kind: Kind) => kind !== 'experiments';
const hasExperiments = (kind: Kind) => kind !== 'standalone';
const SEEDS: Record<string, number> = {
	cycle_ring3__seed11: 11,
	exp2_12period__seed1: 1,
	test_minimal_eod__seed1: 1
};
const EXPERIMENT_SCENARIO = 'castro/configs/exp1_2period.yaml';

/** exp1 evaluates the default policies ($50.00 each) once, then settles at A 0 %, B 20 %: $20.00. */
function iterationCost(iteration: number): number {
	return iteration === 0 ? 10_000 : 2_000;
}

function experimentRuns(experimentId: string, evaluations: number, final: boolean) {
	const runs = Array.from({ length: evaluations }, (_, i) => ({
		simulation_id: `${experimentId}-iter${i}-evaluation`,
		experiment_id: experimentId,
		iteration: i,
		sample_index: null,
		run_purpose: 'evaluation',
		status: 'completed',
		persistence_level: 'full',
		scenario: EXPERIMENT_SCENARIO,
		seed: 42,
		ticks: 2,
		ticks_requested: 2,
		total_cost: iterationCost(i),
		started_at: '2025-12-16T12:00:00Z'
	}));
	if (final)
		runs.push({
			...runs[evaluations - 1],
			simulation_id: `${experimentId}-iter${evaluations - 1}-final`,
			run_purpose: 'final'
		});
	return runs;
}

/** Newest first: the experiments (started 2025-12-16 12:00, by id), then the standalone runs. */
function expectedSimulations(kind: Kind) {
	const standalone = [...STANDALONE_RUNS].reverse().map((run) => {
		const final = goldenFinal(run.folder);
		return {
			simulation_id: run.id,
			experiment_id: null,
			iteration: null,
			sample_index: null,
			run_purpose: 'standalone',
			status: 'completed',
			persistence_level: run.level,
			scenario: `${run.folder}.json`,
			seed: SEEDS[run.folder],
			ticks: final.ticks_completed,
			ticks_requested: final.ticks_requested,
			events: final.event_count,
			total_cost: final.cost_totals_all_days.total,
			started_at: run.startedAt.toISOString().replace('.000Z', 'Z')
		};
	});
	const experiments = [
		...experimentRuns(STOPPED_EXPERIMENT_ID, 4, false),
		...experimentRuns(EXPERIMENT_ID, 7, true)
	];
	return [...(hasExperiments(kind) ? experiments : []), ...(hasStandalone(kind) ? standalone : [])];
}

const EXPERIMENT_ROWS = [
	{
		experiment_id: STOPPED_EXPERIMENT_ID,
		name: 'exp1',
		status: 'interrupted',
		optimizer: 'search',
		iterations: 3,
		converged: false,
		final_cost: null,
		best_cost: 2_000,
		master_seed: 42,
		scenario: EXPERIMENT_SCENARIO
	},
	{
		experiment_id: EXPERIMENT_ID,
		name: 'exp1',
		status: 'completed',
		optimizer: 'search',
		iterations: 7,
		converged: true,
		convergence_reason: 'Stability achieved (5 consecutive stable iterations)',
		final_cost: 2_000,
		best_cost: 2_000,
		master_seed: 42,
		scenario: EXPERIMENT_SCENARIO
	}
];

describe.each(KINDS)('on a database of %s', (kind) => {
	const path = () => dbs[kind];

	it('db simulations lists every run, newest first, with experiment, iteration and purpose', async () => {
		const rows = (await runJson('db', 'simulations', '--db', path(), '--json')) as Record<string, unknown>[];
		const expected = expectedSimulations(kind);
		expect(rows.map((row) => row.simulation_id)).toEqual(expected.map((row) => row.simulation_id));
		rows.forEach((row, i) => expect(row).toMatchObject(expected[i]));

		const table = await run('db', 'simulations', '--db', path(), '--limit', '2');
		expect(table.exitCode).toBe(0);
		const lines = table.stdout.split('\n');
		expect(lines[0]).toBe('Simulation runs');
		expect(lines[2]).toMatch(
			/^Simulation ID +Experiment +Iter +Purpose +Status +Level +Ticks +Total Cost +Started \(UTC\)$/
		);
		expect(lines.slice(4, 6).map((line) => line.split(/ +/)[0])).toEqual(
			expected.slice(0, 2).map((row) => row.simulation_id)
		);
		expect(table.stdout).toContain(`Showing 2 of ${expected.length} run(s).`);

		if (hasExperiments(kind)) {
			const linked = (await runJson(
				'db',
				'simulations',
				'--db',
				path(),
				'--experiment',
				EXPERIMENT_ID,
				'--json'
			)) as {
				simulation_id: string;
			}[];
			expect(linked).toHaveLength(8);
		}
	});

	it('db experiments lists the experiments with iterations, convergence and costs', async () => {
		const rows = await runJson('db', 'experiments', '--db', path(), '--json');
		if (!hasExperiments(kind)) {
			expect(rows).toEqual([]);
			expect((await run('db', 'experiments', '--db', path())).stdout).toBe(
				'No experiments in this database.\n'
			);
			return;
		}
		expect(rows).toMatchObject(EXPERIMENT_ROWS);
		const table = (await run('db', 'experiments', '--db', path())).stdout;
		expect(table).toMatch(
			/exp1-stored +exp1 +completed +search +7 +✓ Yes +\$20\.00 +\$20\.00 +2025-12-16 12:00/
		);
		expect(table).toMatch(/exp1-stopped +exp1 +interrupted +search +3 +✗ No +- +\$20\.00/);
		// The same rows under the experiment group's names.
		expect(await runJson('experiment', 'list', '--db', path(), '--json')).toEqual(rows);
		expect(await runJson('experiment', 'results', '--db', path(), '--json')).toEqual(rows);
	});

	it('db experiment-details shows an experiment and its linked runs, or says there is none', async () => {
		const result = await run('db', 'experiment-details', EXPERIMENT_ID, '--db', path(), '--json');
		if (!hasExperiments(kind)) {
			expect([result.exitCode, result.stdout, result.stderr]).toEqual([
				1,
				'',
				`payment-sim: no experiment ${EXPERIMENT_ID} in ${path()}\n`
			]);
			return;
		}
		const details = JSON.parse(result.stdout) as { experiment: unknown; simulations: unknown[] };
		expect(details.experiment).toMatchObject(EXPERIMENT_ROWS[1]);
		expect(details.simulations).toEqual(
			experimentRuns(EXPERIMENT_ID, 7, true).map((row) => ({
				simulation_id: row.simulation_id,
				iteration: row.iteration,
				run_purpose: row.run_purpose,
				sample_index: null,
				status: 'completed',
				persistence_level: 'full',
				ticks: 2,
				total_cost: row.total_cost
			}))
		);
		const text = (await run('db', 'experiment-details', EXPERIMENT_ID, '--db', path())).stdout;
		expect(text).toContain('  Converged:    ✓ Yes (Stability achieved (5 consecutive stable iterations))');
		expect(text).toMatch(/ +6 +final +exp1-stored-iter6-final +completed +2 +\$20\.00/);
	});

	it('db info counts the rows of every table', async () => {
		const info = (await runJson('db', 'info', '--db', path(), '--json')) as {
			schema_version: number;
			tables: { table: string; rows: number; known: boolean }[];
		};
		const rows = Object.fromEntries(info.tables.map((table) => [table.table, table.rows]));
		expect(info.schema_version).toBe(1);
		expect(info.tables.every((table) => table.known)).toBe(true);
		expect(rows.simulation_runs).toBe(expectedSimulations(kind).length);
		expect(rows.experiments).toBe(hasExperiments(kind) ? 2 : 0);
		// exp1 (7) and the stopped copy (4, one of them uncommitted).
		expect(rows.experiment_iterations).toBe(hasExperiments(kind) ? 11 : 0);
		const text = (await run('db', 'info', '--db', path())).stdout;
		expect(text).toMatch(
			/^Database: +.*\.duckdb\nSize: +\d+\.\d\d MB\nSchema version: +1\nDuckDB: +v1\.4\.3\n/
		);
		expect(text).toMatch(/\nsimulation_runs +\d+\n/);
	});

	it('db costs gives each agent’s costs tick by tick, adding up to the run’s total', async () => {
		const id = hasStandalone(kind) ? 'sim-exp2' : `${EXPERIMENT_ID}-iter0-evaluation`;
		const total = hasStandalone(kind)
			? goldenFinal('exp2_12period__seed1').cost_totals_all_days.total
			: 10_000;
		const ticks = hasStandalone(kind) ? 12 : 2;
		const rows = (await runJson('db', 'costs', id, '--db', path(), '--json')) as {
			tick: number;
			agent_id: string;
			cost: number;
			accumulated_cost: number;
		}[];
		expect(rows).toHaveLength(ticks * 2);
		expect(rows.reduce((sum, row) => sum + row.cost, 0)).toBe(total);
		const last = rows.filter((row) => row.tick === ticks - 1);
		expect(last.reduce((sum, row) => sum + row.accumulated_cost, 0)).toBe(total);

		const table = (await run('db', 'costs', id, '--db', path(), '--per-tick', '--agent', 'BANK_A')).stdout;
		expect(table).toContain('costs accrued per tick');
		expect(table.split('\n').find((line) => line.startsWith('TOTAL'))).toMatch(
			new RegExp(
				`^TOTAL +\\$${(last.find((row) => row.agent_id === 'BANK_A')!.accumulated_cost / 100).toFixed(2).replace('.', '\\.')}`
			)
		);
	});

	it('experiment results lists an experiment’s iterations', async () => {
		const result = await run('experiment', 'results', EXPERIMENT_ID, '--db', path(), '--json');
		if (!hasExperiments(kind)) {
			expect([result.exitCode, result.stderr]).toEqual([
				1,
				`payment-sim: no experiment ${EXPERIMENT_ID} in ${path()}\n`
			]);
			return;
		}
		const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
		expect(rows.map((row) => row.total_cost)).toEqual([10_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000]);
		expect(rows[0]).toEqual({
			iteration: 0,
			evaluation_mode: 'deterministic',
			total_cost: 10_000,
			costs_per_agent: { BANK_A: 5_000, BANK_B: 5_000 },
			accepted_changes: { BANK_A: true, BANK_B: true },
			evaluation_simulation_id: `${EXPERIMENT_ID}-iter0-evaluation`
		});
		expect(rows[3].accepted_changes).toEqual({ BANK_A: false, BANK_B: false });
		const stopped = (await runJson(
			'experiment',
			'results',
			STOPPED_EXPERIMENT_ID,
			'--db',
			path(),
			'--json'
		)) as {
			accepted_changes: unknown;
		}[];
		// The fourth iteration was evaluated but its proposals were never all decided.
		expect(stopped.map((row) => row.accepted_changes === null)).toEqual([false, false, false, true]);
		const table = (await run('experiment', 'results', EXPERIMENT_ID, '--db', path())).stdout;
		expect(table).toMatch(
			/\n +0 +\$100\.00 +\$50\.00 +\$50\.00 +BANK_A, BANK_B +exp1-stored-iter0-evaluation\n/
		);
	});

	it('experiment policy-evolution gives each agent’s policy, change, cost and acceptance per iteration', async () => {
		const result = await run(
			'experiment',
			'policy-evolution',
			EXPERIMENT_ID,
			'--db',
			path(),
			'--agent',
			'BANK_B',
			'--end',
			'2'
		);
		if (!hasExperiments(kind)) {
			expect(result.exitCode).toBe(1);
			return;
		}
		const evolution = JSON.parse(result.stdout) as Record<string, Record<string, Record<string, unknown>>>;
		expect(Object.keys(evolution)).toEqual(['BANK_B']);
		expect(Object.keys(evolution.BANK_B)).toEqual(['iteration_1', 'iteration_2']);
		expect(evolution.BANK_B.iteration_1).toMatchObject({
			policy: { parameters: { initial_liquidity_fraction: 0.5 } },
			diff: '',
			cost: 5_000,
			accepted: true
		});
		expect(evolution.BANK_B.iteration_2).toMatchObject({
			policy: { parameters: { initial_liquidity_fraction: 0.2 } },
			cost: 2_000,
			accepted: false
		});
		expect(evolution.BANK_B.iteration_2.diff).toContain(
			'Changed: parameters.initial_liquidity_fraction (0.5 -> 0.2)'
		);
		expect(result.stdout.split('\n')[1]).toBe('  "BANK_B": {');
	});

	it('experiment replay shows the log, and the audit of each proposal', async () => {
		const log = await run('experiment', 'replay', EXPERIMENT_ID, '--db', path());
		if (!hasExperiments(kind)) {
			expect([log.exitCode, log.stderr]).toEqual([
				1,
				`payment-sim: no experiment ${EXPERIMENT_ID} in ${path()}\n`
			]);
			return;
		}
		const lines = log.stdout.split('\n');
		expect(lines).toContain(
			'Iteration 0 — deterministic evaluation: total $100.00 (BANK_A $50.00, BANK_B $50.00), run exp1-stored-iter0-evaluation'
		);
		expect(lines).toContain('  BANK_A: accepted — cost $50.00 → $0.00 (cost_improved, 1 sample)');
		expect(lines.filter((line) => line.startsWith('Iteration '))).toHaveLength(7);
		expect(lines).toContain(
			'Result: completed after 7 iteration(s); converged ✓ Yes (Stability achieved (5 consecutive stable iterations))'
		);
		const audit = (
			await run(
				'experiment',
				'replay',
				EXPERIMENT_ID,
				'--db',
				path(),
				'--audit',
				'--start',
				'1',
				'--end',
				'1'
			)
		).stdout;
		expect(audit.split('\n').filter((line) => line.startsWith('Iteration '))).toEqual([
			expect.stringMatching(/^Iteration 1 — /)
		]);
		expect(audit).toContain('AUDIT: Iteration 1');
		expect(audit).toMatch(/Agent: BANK_B \(search, \d+ candidates\)\n/);
		expect(audit).toContain('  initial_liquidity_fraction=0.2: mean cost $20.00');
		const stopped = (await run('experiment', 'replay', STOPPED_EXPERIMENT_ID, '--db', path())).stdout;
		expect(stopped).toContain('  (not committed: the run stopped during this iteration)');
	});
});

describe('experiment list <folder>', () => {
	it('lists the experiment files of a folder', async () => {
		const rows = await runJson(
			'experiment',
			'list',
			join(EXPERIMENT_FIXTURES, 'castro', 'experiments'),
			'--json'
		);
		expect(rows).toEqual([
			expect.objectContaining({
				name: 'exp1',
				mode: 'deterministic',
				optimized_agents: ['BANK_A', 'BANK_B'],
				file: 'exp1.yaml'
			}),
			expect.objectContaining({ name: 'exp2', mode: 'bootstrap', file: 'exp2.yaml' }),
			expect.objectContaining({ name: 'exp3', file: 'exp3.yaml' })
		]);
	});
});
