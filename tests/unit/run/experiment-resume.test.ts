/**
 * Resuming a stored experiment as the app does it: exp1 run from its file (the engine worker's path)
 * and cancelled after its first committed iteration, read back from the database by queries alone,
 * passed through a structured clone (as comlink hands it to the engine worker), and resumed to the same
 * end as an uninterrupted run; the stored experiment is then completed. A completed one is refused. An
 * experiment interrupted twice mid-iteration (after proposals were stored) resumes twice to the same end
 * and the same stored view: the interrupted iterations' stale records are superseded.
 */
import { expect, test } from 'vitest';
import { loadExperimentView } from '../../../src/lib/experiments/experiment-view';
import type { IterationProgress } from '../../../src/lib/experiments/progress-recorder';
import { loadStoredExperiment } from '../../../src/lib/experiments/store-recorder';
import {
	abortableCancelToken,
	resumeStoredExperiment,
	runExperimentFile
} from '../../../src/lib/run/experiment-run';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import { rowObjects } from '../../../src/lib/store/sql-db';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { CASTRO, fixtureResolver, fixtureText } from '../experiments/helpers';

const noYield = async () => undefined;

async function database() {
	const db = await NodeSqlDb.open(':memory:');
	await createSchema(db);
	return db;
}

function runFile(
	db: NodeSqlDb,
	onProgress: (progress: IterationProgress) => void,
	token = abortableCancelToken()
) {
	return runExperimentFile(
		{ text: fixtureText(CASTRO.exp1), fileName: CASTRO.exp1 },
		{ optimizer: 'search' },
		fixtureResolver(),
		new DirectSink(db),
		token,
		onProgress,
		noYield
	);
}

test('an experiment cancelled after its first commit resumes from the database to the uninterrupted end', async () => {
	const whole = await database();
	const uninterrupted = await runFile(whole, () => undefined);
	if (!uninterrupted.ok) throw new Error('exp1 did not load');
	expect(uninterrupted.result.finalCost).toBe(2000);

	const db = await database();
	const token = abortableCancelToken();
	const stopped = await runFile(
		db,
		(progress) => {
			if (progress.committed) token.cancelled = true;
		},
		token
	);
	if (!stopped.ok) throw new Error('exp1 did not load');
	expect(stopped.result).toMatchObject({ status: 'cancelled', iterations: 1 });
	const experimentId = stopped.result.experimentId;

	const saved = structuredClone(await loadStoredExperiment({ query: (sql) => db.query(sql) }, experimentId));
	expect(saved.status).toBe('interrupted');
	expect(saved.resumePoint.iterations).toHaveLength(1);

	const reported: IterationProgress[] = [];
	const resumed = await resumeStoredExperiment(
		saved,
		{},
		new DirectSink(db),
		abortableCancelToken(),
		(progress) => reported.push(progress),
		noYield
	);
	expect(resumed.status).toBe('completed');
	expect(resumed.experimentId).toBe(experimentId);
	expect(resumed.finalCost).toBe(uninterrupted.result.finalCost);
	expect(resumed.iterations).toBe(uninterrupted.result.iterations);
	expect(resumed.costHistory).toEqual(uninterrupted.result.costHistory);
	expect(resumed.perAgent).toEqual(uninterrupted.result.perAgent);
	expect(reported[0]).toMatchObject({ experimentId, iteration: 1 });
	expect(reported.filter((item) => item.committed).map((item) => item.iteration)).toEqual([1, 2, 3, 4, 5, 6]);

	const [row] = rowObjects(
		await db.query(
			`SELECT status, num_iterations, final_cost FROM experiments WHERE experiment_id = '${experimentId}'`
		)
	);
	expect(row).toEqual({ status: 'completed', num_iterations: 7n, final_cost: 2000n });
	const [runs] = rowObjects(
		await db.query(
			`SELECT count(*) AS n, count(DISTINCT simulation_id) AS distinct_ids FROM simulation_runs WHERE experiment_id = '${experimentId}'`
		)
	);
	expect(runs).toEqual({ n: 8n, distinct_ids: 8n });

	const again = await loadStoredExperiment(db, experimentId);
	await expect(
		resumeStoredExperiment(again, {}, new DirectSink(db), abortableCancelToken(), () => undefined, noYield)
	).rejects.toThrow(/is completed: only an interrupted experiment can be resumed/);
	await db.close();
	await whole.close();
});

test('interrupted twice mid-iteration, resumed twice: the same end and the same stored view', async () => {
	const whole = await database();
	const uninterrupted = await runFile(whole, () => undefined);
	if (!uninterrupted.ok) throw new Error('exp1 did not load');

	const db = await database();
	/** Cancels at the first proposal of `iteration`, before the iteration is committed. */
	const stopAt = (iteration: number) => {
		const token = abortableCancelToken();
		const onProgress = (progress: IterationProgress) => {
			if (progress.iteration === iteration && progress.proposals.length > 0) token.cancelled = true;
		};
		return { token, onProgress };
	};
	const first = stopAt(0);
	const stopped = await runFile(db, first.onProgress, first.token);
	if (!stopped.ok) throw new Error('exp1 did not load');
	expect(stopped.result).toMatchObject({ status: 'cancelled', iterations: 0 });
	const experimentId = stopped.result.experimentId;
	const reload = async () =>
		structuredClone(await loadStoredExperiment({ query: (sql) => db.query(sql) }, experimentId));

	const second = stopAt(2);
	const again = await resumeStoredExperiment(
		await reload(),
		{},
		new DirectSink(db),
		second.token,
		second.onProgress,
		noYield
	);
	expect(again).toMatchObject({ status: 'cancelled', iterations: 2 });
	const saved = await reload();
	expect(saved.resumePoint.iterations.map((item) => item.record.iteration)).toEqual([0, 1]);
	expect(saved.resumePoint.iterations[0].proposals.map((item) => item.agentId)).toEqual(['BANK_A', 'BANK_B']);

	const resumed = await resumeStoredExperiment(
		saved,
		{},
		new DirectSink(db),
		abortableCancelToken(),
		() => undefined,
		noYield
	);
	expect(resumed.status).toBe('completed');
	expect(resumed.costHistory).toEqual(uninterrupted.result.costHistory);
	expect(resumed.perAgent).toEqual(uninterrupted.result.perAgent);

	const comparable = async (sqlDb: NodeSqlDb, id: string) => {
		const view = await loadExperimentView((sql) => sqlDb.query(sql), id);
		return {
			final: view.final,
			linkedRuns: view.linkedRuns,
			iterations: view.iterations.map(({ experimentId: _id, evaluationSimulationId: _sim, ...rest }) => rest)
		};
	};
	expect(await comparable(db, experimentId)).toEqual(
		await comparable(whole, uninterrupted.result.experimentId)
	);
	await db.close();
	await whole.close();
});
