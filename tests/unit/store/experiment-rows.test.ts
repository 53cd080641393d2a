/**
 * An experiment written through the store's writers: the experiment row, iterations linked to their
 * stored evaluation runs, accepted and rejected proposals, the audit log, and the end; the links hold
 * as foreign keys and money stays integer cents.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { canonicalJson, sha256Hex } from '../../../src/lib/store/canonical-json';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import {
	decideIterationSql,
	experimentProgressSql,
	finishExperimentSql,
	insertExperimentEventSql,
	insertExperimentSql,
	insertIterationSql,
	insertPolicyEvaluationSql
} from '../../../src/lib/store/experiment-rows';
import { createSchema } from '../../../src/lib/store/open-store';
import { rowObjects } from '../../../src/lib/store/sql-db';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { loadGoldenFolder } from '../../parity/golden-fixtures';

const EXPERIMENT = 'exp1-20261126-093005-abc123';
const AT = new Date('2026-11-26T09:30:05Z');
const config = loadGoldenFolder('exp1_2period__seed1').config;
let db: NodeSqlDb;

beforeAll(async () => {
	db = await NodeSqlDb.open(':memory:');
	await createSchema(db);
});

afterAll(async () => {
	await db.close();
});

async function evaluationRun(iteration: number): Promise<string> {
	const result = await runSimulation(
		{
			config,
			scenarioName: 'exp1_2period.yaml',
			persist: 'full',
			experiment: { experimentId: EXPERIMENT, iteration, purpose: 'evaluation' }
		},
		new DirectSink(db),
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
	return result.simulationId!;
}

test('an experiment, its iterations, proposals, runs and log, linked and queryable', async () => {
	await db.exec(
		insertExperimentSql({
			experimentId: EXPERIMENT,
			name: 'exp1',
			experimentType: 'generic',
			description: 'two periods',
			configYaml: 'name: exp1\n',
			config: { name: 'exp1', optimizer: { kind: 'search' } },
			scenarioPath: 'configs/exp1_2period.yaml',
			masterSeed: '18446744073709551615',
			optimizer: 'search',
			createdAt: AT
		})
	);
	const policyA = { initial_liquidity_fraction: 0.5 };
	for (const iteration of [0, 1]) {
		const simulationId = await evaluationRun(iteration);
		expect(simulationId).toBe(`${EXPERIMENT}-iter${iteration}-evaluation`);
		await db.exec(
			insertIterationSql({
				experimentId: EXPERIMENT,
				iteration,
				evaluationMode: 'deterministic',
				totalCost: 20_000,
				costsPerAgent: { BANK_A: 10_000, BANK_B: 10_000 },
				policies: { BANK_A: policyA, BANK_B: policyA },
				evaluationSimulationId: simulationId,
				createdAt: AT
			})
		);
		for (const [proposalIndex, accepted] of [
			[0, false],
			[1, iteration === 0]
		] as const) {
			await db.exec(
				await insertPolicyEvaluationSql({
					experimentId: EXPERIMENT,
					iteration,
					agentId: 'BANK_A',
					proposalIndex,
					proposer: 'search',
					evaluationMode: 'deterministic',
					proposedPolicy: { initial_liquidity_fraction: proposalIndex === 0 ? 0.6 : 0.2 },
					oldCost: 10_000,
					newCost: accepted ? 4_000 : 12_000,
					deltaSum: accepted ? 6_000 : -2_000,
					accepted,
					acceptanceReason: accepted ? 'cost_improved' : 'cost_not_improved',
					numSamples: 1,
					scenarioSeed: 1,
					createdAt: AT
				})
			);
		}
		await db.exec(decideIterationSql(EXPERIMENT, iteration, { BANK_A: iteration === 0, BANK_B: false }, AT));
		await db.exec(
			insertExperimentEventSql({
				experimentId: EXPERIMENT,
				seq: iteration,
				iteration,
				eventType: 'search_candidates',
				agentId: 'BANK_A',
				data: { candidates: [0.6, 0.2] },
				createdAt: AT
			})
		);
		await db.exec(experimentProgressSql(EXPERIMENT, iteration + 1, 20_000));
	}
	await db.exec(
		finishExperimentSql(EXPERIMENT, {
			status: 'completed',
			completedAt: AT,
			numIterations: 2,
			converged: true,
			convergenceReason: 'policy stability',
			finalCost: 20_000,
			bestCost: 20_000
		})
	);

	expect(
		rowObjects(
			await db.query(
				'SELECT status, num_iterations, converged, final_cost, best_cost, master_seed FROM experiments'
			)
		)
	).toEqual([
		{
			status: 'completed',
			num_iterations: 2n,
			converged: true,
			final_cost: 20_000n,
			best_cost: 20_000n,
			master_seed: 18446744073709551615n
		}
	]);
	const linked = rowObjects(
		await db.query(`SELECT i.iteration, i.accepted_changes, r.run_purpose, r.status, r.iteration AS run_iteration,
				(SELECT count(*) FROM policy_evaluations p WHERE p.experiment_id = i.experiment_id AND p.iteration = i.iteration) AS proposals,
				(SELECT count(*) FILTER (WHERE accepted) FROM policy_evaluations p WHERE p.experiment_id = i.experiment_id AND p.iteration = i.iteration) AS accepted
			FROM experiment_iterations i JOIN simulation_runs r ON r.simulation_id = i.evaluation_simulation_id
			ORDER BY i.iteration`)
	);
	expect(linked).toEqual([
		{
			iteration: 0n,
			accepted_changes: '{"BANK_A":true,"BANK_B":false}',
			run_purpose: 'evaluation',
			status: 'completed',
			run_iteration: 0n,
			proposals: 2n,
			accepted: 1n
		},
		{
			iteration: 1n,
			accepted_changes: '{"BANK_A":false,"BANK_B":false}',
			run_purpose: 'evaluation',
			status: 'completed',
			run_iteration: 1n,
			proposals: 2n,
			accepted: 0n
		}
	]);
	const hash = (await db.query('SELECT proposed_policy_hash FROM policy_evaluations ORDER BY ALL LIMIT 1'))
		.rows[0][0];
	const hashes = [
		await sha256Hex(canonicalJson({ initial_liquidity_fraction: 0.2 })),
		await sha256Hex(canonicalJson({ initial_liquidity_fraction: 0.6 }))
	].sort();
	expect(hash).toBe(hashes[0]);
});

test('links must exist and money must be integer cents', async () => {
	await expect(
		db.exec(
			insertIterationSql({
				experimentId: 'no-such-experiment',
				iteration: 0,
				evaluationMode: 'bootstrap',
				totalCost: 1,
				costsPerAgent: {},
				policies: {},
				evaluationSimulationId: null,
				createdAt: AT
			})
		)
	).rejects.toThrow(/foreign key/i);
	expect(() =>
		insertIterationSql({
			experimentId: EXPERIMENT,
			iteration: 9,
			evaluationMode: 'bootstrap',
			totalCost: 12.5,
			costsPerAgent: {},
			policies: {},
			evaluationSimulationId: null,
			createdAt: AT
		})
	).toThrow('total_cost must be integer cents, got 12.5');
	await expect(
		db.exec(
			insertIterationSql({
				experimentId: EXPERIMENT,
				iteration: 9,
				evaluationMode: 'bootstrap',
				totalCost: 1,
				costsPerAgent: {},
				policies: {},
				evaluationSimulationId: `${EXPERIMENT}-iter9-evaluation`,
				createdAt: AT
			})
		)
	).rejects.toThrow(/foreign key/i);
});
