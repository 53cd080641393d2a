/**
 * The experiment view read back from DuckDB (@duckdb/node-api through the store's Node adapter) after a
 * stored search run, and what the view derives from it: each bank's parameter path (exp1's equilibrium,
 * A 0.00 and B 0.20, reached from 0.50 in one iteration), the bootstrap statistics kept for exp2, and
 * the policy diff between two iterations.
 */
import { describe, expect, it } from 'vitest';
import { createSearchProposer, runExperiment } from '../../../src/lib/experiments';
import { loadExperimentView } from '../../../src/lib/experiments/experiment-view';
import { defaultPolicy, type PolicyDocument } from '../../../src/lib/experiments/policy-document';
import { StoreRecorder } from '../../../src/lib/experiments/store-recorder';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { parameterPath } from '../../../src/lib/ui/parameter-path';
import { policyDiff } from '../../../src/lib/ui/policy-diff';
import { CASTRO, FIXED_CLOCK, load } from './helpers';

async function storedView(file: string, experimentId: string) {
	const db = await NodeSqlDb.open(':memory:');
	await createSchema(db, FIXED_CLOCK());
	const loaded = await load(file);
	const settings = loaded.experiment.optimizer;
	if (settings.kind !== 'search') throw new Error('expected search');
	await runExperiment({
		experiment: loaded.experiment,
		scenario: loaded.scenario,
		experimentText: loaded.text,
		proposer: createSearchProposer(settings),
		recorder: new StoreRecorder({ sink: new DirectSink(db), now: FIXED_CLOCK }),
		experimentId,
		now: FIXED_CLOCK
	});
	return loadExperimentView((sql) => db.query(sql), experimentId);
}

describe('the stored exp1 view', async () => {
	const view = await storedView(CASTRO.exp1, 'exp1-view');

	it('gives each bank’s fraction path: 0.50, then the equilibrium A 0.00 and B 0.20 held to the end', () => {
		const values = (agent: string) => parameterPath(view.iterations, agent).accepted.map((p) => p.value);
		expect(view.iterations.map((row) => row.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(values('BANK_A')).toEqual([0.5, 0, 0, 0, 0, 0, 0]);
		expect(values('BANK_B')).toEqual([0.5, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
	});

	it('has no bootstrap statistics in deterministic mode', () => {
		expect(view.iterations.every((row) => row.evaluationMode === 'deterministic')).toBe(true);
		expect(view.iterations.every((row) => row.statistics === null)).toBe(true);
	});

	it('diffs the stored policies of two iterations: the fraction changed, no tree node did', () => {
		const first = view.iterations[0].policies;
		const last = view.iterations.at(-1)?.policies ?? {};
		expect(policyDiff(first.BANK_B, last.BANK_B).parameters).toEqual([
			{ name: 'initial_liquidity_fraction', before: 0.5, after: 0.2 }
		]);
		expect(policyDiff(first.BANK_A, last.BANK_A)).toEqual({
			parameters: [{ name: 'initial_liquidity_fraction', before: 0.5, after: 0 }],
			nodes: []
		});
		expect(policyDiff(view.iterations[2].policies.BANK_A, last.BANK_A)).toEqual({
			parameters: [],
			nodes: []
		});
	});
});

describe('the stored exp2 view (bootstrap evaluation)', async () => {
	const view = await storedView(CASTRO.exp2, 'exp2-view');

	it('reads each iteration’s bootstrap statistics as stored', () => {
		expect(view.iterations.every((row) => row.evaluationMode === 'bootstrap')).toBe(true);
		// At 50 %/50 % the two banks are symmetric and every sample costs the same: $498.00 each, no spread.
		const same = { mean: 49800, stdDev: 0, ci95Lower: 49800, ci95Upper: 49800, cv: 0, samples: 50 };
		expect(view.iterations[0].statistics).toEqual({ BANK_A: same, BANK_B: same });
		expect(view.iterations[0].totalCost).toBe(99600);
		for (const row of view.iterations.slice(1))
			for (const agent of view.agents) {
				const stats = row.statistics?.[agent];
				expect(stats?.samples).toBe(50);
				expect(stats?.ci95Lower).toBeLessThanOrEqual(stats?.mean ?? -1);
				expect(stats?.ci95Upper).toBeGreaterThanOrEqual(stats?.mean ?? Infinity);
				expect(stats?.cv).toBeCloseTo((stats?.stdDev ?? 0) / (stats?.mean ?? 1), 3);
			}
	});

	it('gives both banks’ paths down from 0.50 in the first iteration, then held', () => {
		const last = (agent: string) => parameterPath(view.iterations, agent).accepted.at(-1)?.value;
		expect(parameterPath(view.iterations, 'BANK_A').accepted[0].value).toBe(0.5);
		expect(last('BANK_A')).toBe(0.049);
		expect(last('BANK_B')).toBe(0.121);
	});
});

describe('the parameter path', () => {
	it('keeps rejected proposals apart, at the iteration they were proposed from', () => {
		const row = (
			iteration: number,
			fraction: number,
			proposed: number | null,
			verdict: 'accepted' | 'rejected'
		) => ({
			experimentId: 'x',
			iteration,
			maxIterations: 0,
			totalCost: 0,
			agentCosts: { BANK_A: 0 },
			fractions: { BANK_A: fraction },
			proposals: [{ agentId: 'BANK_A', verdict, proposedFraction: proposed, oldCost: null, newCost: null }],
			committed: true
		});
		const path = parameterPath(
			[row(0, 0.5, 0.9, 'rejected'), row(1, 0.5, 0.3, 'accepted'), row(2, 0.3, 0.1, 'rejected')],
			'BANK_A'
		);
		expect(path).toEqual({
			accepted: [
				{ iteration: 0, value: 0.5 },
				{ iteration: 1, value: 0.5 },
				{ iteration: 2, value: 0.3 }
			],
			rejected: [
				{ iteration: 0, value: 0.9 },
				{ iteration: 2, value: 0.1 }
			]
		});
	});
});

describe('the policy diff', () => {
	it('names added, removed and changed parameters and tree nodes', () => {
		const before: PolicyDocument = {
			...defaultPolicy('BANK_A'),
			parameters: { initial_liquidity_fraction: 0.5, urgency_threshold: 3 },
			payment_tree: {
				type: 'condition',
				node_id: 'urgent',
				condition: { op: '<=', left: { field: 'ticks_to_deadline' }, right: { param: 'urgency_threshold' } },
				on_true: { type: 'action', node_id: 'release', action: 'Release' },
				on_false: { type: 'action', node_id: 'hold', action: 'Hold' }
			}
		};
		const after: PolicyDocument = {
			...before,
			parameters: { initial_liquidity_fraction: 0.25, target_buffer: 1000 },
			payment_tree: {
				type: 'condition',
				node_id: 'urgent',
				condition: { op: '<=', left: { field: 'ticks_to_deadline' }, right: { param: 'urgency_threshold' } },
				on_true: { type: 'action', node_id: 'release', action: 'Release' },
				on_false: { type: 'action', node_id: 'split', action: 'Split' }
			}
		};
		expect(policyDiff(before, after)).toEqual({
			parameters: [
				{ name: 'initial_liquidity_fraction', before: 0.5, after: 0.25 },
				{ name: 'target_buffer', before: undefined, after: 1000 },
				{ name: 'urgency_threshold', before: 3, after: undefined }
			],
			nodes: [
				{ tree: 'payment_tree', nodeId: 'hold', change: 'removed' },
				{ tree: 'payment_tree', nodeId: 'split', change: 'added' },
				{ tree: 'payment_tree', nodeId: 'urgent', change: 'changed' }
			]
		});
	});
});
