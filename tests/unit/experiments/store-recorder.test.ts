/**
 * The store-backed recorder on DuckDB (@duckdb/node-api through the store's Node adapter): iterations,
 * proposals and evaluation runs are all stored and linked by structured ids, stored runs replay, a run
 * stopped mid-iteration resumes from the database alone to the same end, and no API key is stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	createProposer,
	createSearchProposer,
	runExperiment,
	type ExperimentRecorder,
	type RunExperimentOptions
} from '../../../src/lib/experiments';
import { loadStoredExperiment, StoreRecorder } from '../../../src/lib/experiments/store-recorder';
import { simulate } from '../../../src/lib/experiments/simulation';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import { TABLES } from '../../../src/lib/store/schema';
import { rowObjects, type SqlDb } from '../../../src/lib/store/sql-db';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { CASTRO, FIXED_CLOCK, fixtureText, load, type Loaded } from './helpers';

const folder = mkdtempSync(join(tmpdir(), 'experiments-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function database(path = ':memory:'): Promise<NodeSqlDb> {
	const db = await NodeSqlDb.open(path);
	await createSchema(db, FIXED_CLOCK());
	return db;
}

async function rows(db: SqlDb, sql: string) {
	return rowObjects(await db.query(sql));
}

function searchRun(loaded: Loaded, db: SqlDb, options: Partial<RunExperimentOptions> = {}) {
	const settings = loaded.experiment.optimizer;
	if (settings.kind !== 'search') throw new Error('expected search');
	return runExperiment({
		experiment: loaded.experiment,
		scenario: loaded.scenario,
		experimentText: loaded.text,
		proposer: createSearchProposer(settings),
		recorder: new StoreRecorder({ sink: new DirectSink(db), now: FIXED_CLOCK }),
		experimentId: 'exp1-stored',
		now: FIXED_CLOCK,
		...options
	});
}

/** The experiment's rows in a comparable form (timestamps left out). */
async function experimentRows(db: SqlDb) {
	return {
		experiments: await rows(db, 'SELECT * EXCLUDE (created_at, completed_at) FROM experiments'),
		iterations: await rows(
			db,
			'SELECT * EXCLUDE (created_at, completed_at) FROM experiment_iterations ORDER BY iteration'
		),
		evaluations: await rows(
			db,
			'SELECT * EXCLUDE (created_at) FROM policy_evaluations ORDER BY iteration, agent_id'
		),
		runs: await rows(
			db,
			'SELECT simulation_id, run_purpose, iteration, status, total_cost, config_hash FROM simulation_runs ORDER BY simulation_id'
		),
		ticks: await rows(
			db,
			'SELECT simulation_id, count(*) AS n FROM tick_agent_states GROUP BY ALL ORDER BY ALL'
		)
	};
}

describe('the store recorder', () => {
	it('stores every iteration, proposal and evaluation run, linked by structured ids', async () => {
		const db = await database();
		const loaded = await load(CASTRO.exp1);
		const result = await searchRun(loaded, db);
		expect(result.finalCost).toBe(2000);

		const [experiment] = await rows(db, 'SELECT * FROM experiments');
		expect(experiment).toMatchObject({
			experiment_id: 'exp1-stored',
			name: 'exp1',
			status: 'completed',
			optimizer: 'search',
			num_iterations: 7n,
			converged: true,
			convergence_reason: 'Stability achieved (5 consecutive stable iterations)',
			final_cost: 2000n,
			best_cost: 2000n,
			master_seed: 42n,
			scenario_path: 'castro/configs/exp1_2period.yaml',
			config_yaml: fixtureText(CASTRO.exp1)
		});

		const linked = await rows(
			db,
			`SELECT i.iteration, i.total_cost, i.accepted_changes, r.simulation_id, r.run_purpose, r.iteration AS run_iteration,
				r.persistence_level, r.status
			 FROM experiment_iterations i JOIN simulation_runs r ON r.simulation_id = i.evaluation_simulation_id
			 ORDER BY i.iteration`
		);
		expect(linked).toHaveLength(7);
		linked.forEach((row, i) => {
			expect(row).toMatchObject({
				iteration: BigInt(i),
				run_iteration: BigInt(i),
				simulation_id: `exp1-stored-iter${i}-evaluation`,
				run_purpose: 'evaluation',
				persistence_level: 'full',
				status: 'completed',
				total_cost: i === 0 ? 10000n : 2000n
			});
		});
		expect(JSON.parse(linked[0].accepted_changes as string)).toEqual({ BANK_A: true, BANK_B: true });
		expect(JSON.parse(linked[3].accepted_changes as string)).toEqual({ BANK_A: false, BANK_B: false });

		const evaluations = await rows(db, 'SELECT * FROM policy_evaluations ORDER BY agent_id');
		expect(
			evaluations.map((row) => [row.iteration, row.agent_id, row.accepted, row.old_cost, row.new_cost])
		).toEqual([
			[0n, 'BANK_A', true, 5000n, 0n],
			[0n, 'BANK_B', true, 5000n, 2000n]
		]);
		expect(evaluations[1]).toMatchObject({
			acceptance_reason: 'cost_improved',
			delta_sum: 3000n,
			num_samples: 1n,
			proposer: 'search'
		});

		const events = await rows(
			db,
			'SELECT event_type, count(*) AS n FROM experiment_events GROUP BY ALL ORDER BY ALL'
		);
		expect(Object.fromEntries(events.map((row) => [row.event_type, row.n]))).toEqual({
			evaluation: 7n,
			experiment_end: 1n,
			experiment_start: 1n,
			iteration_committed: 7n,
			proposal: 12n,
			search_candidates: 12n,
			simulation_run: 8n
		});

		// FULL persistence of evaluation runs, and a stored run replays to the same costs.
		const [ticks] = await rows(
			db,
			"SELECT count(*) AS n FROM tick_agent_states WHERE simulation_id = 'exp1-stored-iter2-evaluation'"
		);
		expect(ticks.n).toBe(4n);
		const [stored] = await rows(
			db,
			"SELECT config_json, ticks_requested FROM simulation_runs WHERE simulation_id = 'exp1-stored-iter2-evaluation'"
		);
		expect(
			simulate(JSON.parse(stored.config_json as string), Number(stored.ticks_requested)).costs
		).toMatchObject({
			BANK_A: 0,
			BANK_B: 2000
		});
		const [final] = await rows(
			db,
			"SELECT run_purpose, iteration FROM simulation_runs WHERE simulation_id = 'exp1-stored-iter6-final'"
		);
		expect(final).toEqual({ run_purpose: 'final', iteration: 6n });
		await db.close();
	});

	it('resumes a run stopped mid-iteration from the database alone, to the same end', async () => {
		const loaded = await load(CASTRO.exp1);
		const whole = await database();
		const expected = await searchRun(loaded, whole);

		const db = await database();
		const controller = new AbortController();
		let proposals = 0;
		const stopper: ExperimentRecorder = new StoreRecorder({ sink: new DirectSink(db), now: FIXED_CLOCK });
		const proposalEvaluated = stopper.proposalEvaluated.bind(stopper);
		stopper.proposalEvaluated = async (record) => {
			await proposalEvaluated(record);
			if (++proposals === 7) controller.abort();
		};
		const stopped = await searchRun(loaded, db, { recorder: stopper, signal: controller.signal });
		expect(stopped).toMatchObject({ status: 'cancelled', iterations: 3 });
		const [interrupted] = await rows(db, 'SELECT status, num_iterations FROM experiments');
		expect(interrupted).toEqual({ status: 'interrupted', num_iterations: 3n });

		const saved = await loadStoredExperiment(db, 'exp1-stored');
		expect(saved.resumePoint.iterations).toHaveLength(3);
		const settings = saved.experiment.optimizer;
		if (settings.kind !== 'search') throw new Error('expected search');
		const resumed = await runExperiment({
			experiment: saved.experiment,
			scenario: saved.scenario,
			proposer: createSearchProposer(settings),
			recorder: new StoreRecorder({
				sink: new DirectSink(db),
				now: FIXED_CLOCK,
				resume: { scenario: saved.scenario, nextSeq: saved.nextSeq }
			}),
			resume: saved.resumePoint,
			now: FIXED_CLOCK
		});
		const { simulations: _a, ...expectedResult } = expected;
		const { simulations: _b, ...resumedResult } = resumed;
		expect(resumedResult).toEqual(expectedResult);
		expect(await experimentRows(db)).toEqual(await experimentRows(whole));
		await db.close();
		await whole.close();
	});

	it('never stores the API key of the llm proposer', async () => {
		const key = 'sk-store-test-9f8e7d6c5b4a';
		const path = join(folder, 'llm.duckdb');
		const db = await database(path);
		const reply = (value: number) =>
			JSON.stringify({
				choices: [
					{
						message: {
							content: JSON.stringify({
								parameters: { initial_liquidity_fraction: value },
								payment_tree: { type: 'action', node_id: 'r', action: 'Release' }
							})
						}
					}
				]
			});
		const replies = [reply(0), reply(0.2), reply(0.1), reply(0.25)];
		const seenKeys: (string | null)[] = [];
		const fetchStub = async (_url: string, init: RequestInit) => {
			seenKeys.push(new Headers(init.headers).get('authorization'));
			return new Response(replies.shift() ?? 'no more replies');
		};
		const text = `${fixtureText(CASTRO.exp1)}\noptimizer:\n  kind: llm\n  base_url: http://127.0.0.1:1/v1\n  model: stub\n`;
		const loaded = await load(CASTRO.exp1, { text, maxIterations: 3 });
		const result = await runExperiment({
			experiment: loaded.experiment,
			scenario: loaded.scenario,
			experimentText: loaded.text,
			proposer: createProposer(loaded.experiment.optimizer, { apiKey: key, fetch: fetchStub }),
			recorder: new StoreRecorder({ sink: new DirectSink(db), now: FIXED_CLOCK }),
			experimentId: 'exp1-llm-stored',
			now: FIXED_CLOCK
		});
		expect(result).toMatchObject({ status: 'completed', iterations: 3, finalCost: 2000 });
		expect(seenKeys).toEqual(Array(4).fill(`Bearer ${key}`));
		const [prompts] = await rows(
			db,
			"SELECT count(*) AS n FROM experiment_events WHERE event_type = 'llm_interaction'"
		);
		expect(prompts.n).toBe(4n);

		for (const table of TABLES) {
			for (const column of table.columns.filter((c) => c.type === 'VARCHAR')) {
				const [hit] = await rows(
					db,
					`SELECT count(*) AS n FROM ${table.name} WHERE ${column.name} LIKE '%${key}%'`
				);
				expect(hit.n, `${table.name}.${column.name}`).toBe(0n);
			}
		}
		await db.checkpoint();
		await db.close();
		expect(readFileSync(path).includes(Buffer.from(key))).toBe(false);
	});
});
