/**
 * The optimisation loop (spec §4): what the recorder receives and in which order, the acceptance rule on
 * paired samples, sequential agents, failures, the iteration cap, evaluation-only runs, the policy-stability
 * criterion, and cancellation with resume (which must end exactly like an uninterrupted run).
 */
import { describe, expect, it } from 'vitest';
import {
	defaultPolicy,
	iterationSeed,
	MemoryRecorder,
	teeRecorder,
	type ExperimentRecorder,
	type PolicyDocument,
	type PolicyProposer,
	type ProposalRecord
} from '../../../src/lib/experiments';
import { configWithPolicies } from '../../../src/lib/experiments/policy-config';
import { simulate } from '../../../src/lib/experiments/simulation';
import { CASTRO, fixtureText, fraction, load, runSearch, type Loaded } from './helpers';

function withFraction(agent: string, value: number, id = `${agent}_${value}`): PolicyDocument {
	return { ...defaultPolicy(agent), policy_id: id, parameters: { initial_liquidity_fraction: value } };
}

/** A proposer that offers scripted fractions: `script[iteration][agent]`, nothing when absent. */
function scripted(
	script: Record<number, Record<string, PolicyDocument | (() => PolicyDocument)>>
): PolicyProposer {
	return {
		kind: 'search',
		label: 'scripted',
		async propose(request) {
			const entry = script[request.iteration]?.[request.agentId];
			const audit = { kind: 'search' as const, evaluations: [], chosen: null };
			if (entry === undefined) return { kind: 'none', reason: 'nothing scripted', errors: [], audit };
			return { kind: 'candidate', policy: typeof entry === 'function' ? entry() : entry, audit };
		}
	};
}

function decisions(proposals: readonly ProposalRecord[]) {
	return proposals.map((p) => [p.iteration, p.agentId, p.decision.kind]);
}

/** Aborts when the recorder receives the `count`-th call of `method`. */
function abortOn(
	method: keyof ExperimentRecorder,
	count: number,
	controller: AbortController
): ExperimentRecorder {
	let seen = 0;
	const noop = async () => undefined;
	const recorder: ExperimentRecorder = {
		experimentStarted: noop,
		experimentResumed: noop,
		simulationRun: noop,
		iterationStarted: noop,
		proposalEvaluated: noop,
		iterationCommitted: noop,
		experimentFinished: noop
	};
	recorder[method] = async () => {
		if (++seen === count) controller.abort();
	};
	return recorder;
}

function costsAt(loaded: Loaded, policies: Record<string, PolicyDocument>, seed: number) {
	return simulate(
		configWithPolicies(loaded.scenario.config, policies, seed),
		loaded.experiment.evaluation.ticks
	).costs;
}

describe('what the recorder receives', () => {
	it('every step in order, with structured simulation ids linking iterations to their runs', async () => {
		const loaded = await load(CASTRO.exp1);
		const { result, recorder } = await runSearch(loaded);
		const methods = recorder.calls.map((call) => call.method);
		const iteration = [
			'simulationRun',
			'iterationStarted',
			'proposalEvaluated',
			'proposalEvaluated',
			'iterationCommitted'
		];
		const lastIteration = ['simulationRun', 'iterationStarted', 'iterationCommitted'];
		expect(methods).toEqual([
			'experimentStarted',
			...Array.from({ length: 6 }, () => iteration).flat(),
			...lastIteration,
			'simulationRun',
			'experimentFinished'
		]);
		expect(recorder.simulations.map((run) => run.simulationId)).toEqual([
			...Array.from({ length: 7 }, (_, i) => `exp1-test-iter${i}-evaluation`),
			'exp1-test-iter6-final'
		]);
		expect(recorder.iterations.map((record) => record.evaluationSimulationId)).toEqual(
			recorder.simulations.slice(0, 7).map((run) => run.simulationId)
		);
		// A stored run replays: its configuration holds the policies in force and the seed.
		const second = recorder.simulations[1];
		expect(simulate(second.config, second.ticks).costs).toMatchObject({ BANK_A: 0, BANK_B: 2000 });
		expect(second.agentCosts).toEqual({ BANK_A: 0, BANK_B: 2000 });

		const start = recorder.start;
		expect(start).toMatchObject({ experimentId: 'exp1-test', optimizer: 'search', proposerLabel: 'search' });
		expect(start?.configText).toBe(fixtureText(CASTRO.exp1));
		expect(recorder.commits[0]).toMatchObject({
			iteration: 0,
			acceptedChanges: { BANK_A: true, BANK_B: true }
		});
		expect(fraction(recorder.commits[0].policiesAfter.BANK_B)).toBe(0.2);
		expect(recorder.iterations[0].policies.BANK_A).toEqual(defaultPolicy('BANK_A'));
		expect(recorder.finish).toMatchObject({
			status: 'completed',
			iterations: 7,
			converged: true,
			finalCost: 2000,
			bestCost: 2000,
			error: null
		});
		expect(result.iterations).toBe(7);

		// The search's audit: every candidate it priced, and what it chose.
		const firstA = recorder.proposals[0];
		expect(firstA.audit?.kind).toBe('search');
		if (firstA.audit?.kind === 'search') {
			expect(firstA.audit.chosen).toEqual({ initial_liquidity_fraction: 0 });
			expect(firstA.audit.evaluations[0]).toEqual({
				parameters: { initial_liquidity_fraction: 0.5 },
				costSum: 5000,
				meanCost: 5000
			});
		}
		expect(firstA.decision.kind === 'accepted' && firstA.decision.comparison).toMatchObject({
			mode: 'deterministic',
			oldCost: 5000,
			newCost: 0,
			deltaSum: 5000,
			reason: 'cost_improved',
			samples: [{ index: 0, seed: iterationSeed(42, 0, 'BANK_A'), oldCost: 5000, newCost: 0, delta: 5000 }]
		});
	});

	it('records bootstrap sample runs only when asked', async () => {
		const text = fixtureText(CASTRO.exp2)
			.replace('num_samples: 50', 'num_samples: 3')
			.replace('max_iterations: 25', 'max_iterations: 1');
		const loaded = await load(CASTRO.exp2, { text });
		const { recorder } = await runSearch(loaded, { recordBootstrapRuns: true });
		expect(recorder.simulations.map((run) => run.simulationId)).toEqual([
			'exp2-test-iter0-initial',
			'exp2-test-iter0-bootstrap-sample0',
			'exp2-test-iter0-bootstrap-sample1',
			'exp2-test-iter0-bootstrap-sample2',
			'exp2-test-iter0-evaluation',
			'exp2-test-iter0-final'
		]);
	});
});

describe('acceptance and sequential agents', () => {
	it('rejects a candidate that only ties, and keeps the policy', async () => {
		const loaded = await load(CASTRO.exp1, { maxIterations: 2 });
		const { recorder } = await runSearch(loaded, {
			proposer: scripted({ 0: { BANK_A: withFraction('BANK_A', 0.5, 'same_behaviour_new_id') } })
		});
		const [proposal] = recorder.proposals.filter((p) => p.decision.kind === 'rejected');
		expect(proposal.decision.kind === 'rejected' && proposal.decision.comparison).toMatchObject({
			deltaSum: 0,
			accepted: false,
			reason: 'cost_not_improved'
		});
		expect(recorder.commits[0].acceptedChanges).toEqual({ BANK_A: false, BANK_B: false });
		expect(recorder.commits[0].policiesAfter.BANK_A).toEqual(defaultPolicy('BANK_A'));
	});

	it('puts an accepted policy in force for the next agent of the same iteration', async () => {
		const loaded = await load(CASTRO.exp3, { maxIterations: 2 });
		const { recorder } = await runSearch(loaded, {
			proposer: scripted({ 0: { BANK_A: withFraction('BANK_A', 0.2), BANK_B: withFraction('BANK_B', 0) } })
		});
		expect(decisions(recorder.proposals)).toEqual([
			[0, 'BANK_A', 'accepted'],
			[0, 'BANK_B', 'rejected']
		]);
		const b = recorder.proposals[1];
		const seed = iterationSeed(42, 0, 'BANK_B');
		const withNewA = costsAt(
			loaded,
			{ BANK_A: withFraction('BANK_A', 0.2), BANK_B: withFraction('BANK_B', 0) },
			seed
		);
		const withOldA = costsAt(
			loaded,
			{ BANK_A: withFraction('BANK_A', 0.5), BANK_B: withFraction('BANK_B', 0) },
			seed
		);
		expect(withNewA.BANK_B).not.toBe(withOldA.BANK_B);
		expect(b.decision.kind === 'rejected' && b.decision.comparison).toMatchObject({
			oldCost: 4995,
			newCost: withNewA.BANK_B,
			samples: [{ seed }]
		});
	});

	it('records a candidate the engine cannot run as failed, and carries on', async () => {
		const loaded = await load(CASTRO.exp1, { maxIterations: 2 });
		const broken = {
			...withFraction('BANK_A', 0.1),
			payment_tree: { type: 'action', node_id: 'x', action: 'Fly' }
		};
		const { result, recorder } = await runSearch(loaded, {
			proposer: scripted({ 0: { BANK_A: broken, BANK_B: withFraction('BANK_B', 0.2) } })
		});
		expect(decisions(recorder.proposals)).toEqual([
			[0, 'BANK_A', 'failed'],
			[0, 'BANK_B', 'accepted']
		]);
		const failed = recorder.proposals[0].decision;
		expect(failed.kind === 'failed' && failed.error).toMatch(/Fly/);
		expect(result.status).toBe('completed');
		expect(result.perAgent.BANK_A.policy).toEqual(defaultPolicy('BANK_A'));
	});
});

describe('how a run ends', () => {
	it('at the iteration cap: completed, but not converged', async () => {
		const loaded = await load(CASTRO.exp1, { maxIterations: 3 });
		const { result } = await runSearch(loaded);
		expect(result).toMatchObject({
			status: 'completed',
			iterations: 3,
			converged: false,
			convergenceReason: 'Max iterations reached (3)',
			finalCost: 2000
		});
	});

	it('without constraints: iterations only evaluate until the total is stable', async () => {
		const text = fixtureText(CASTRO.exp1).replace(
			/policy_constraints:[\s\S]*?(?=\n# Experiment customization)/,
			''
		);
		const loaded = await load(CASTRO.exp1, { text });
		expect(loaded.experiment.constraints).toBeNull();
		const { result, recorder } = await runSearch(loaded);
		expect(recorder.proposals).toEqual([]);
		expect(result).toMatchObject({ iterations: 6, converged: true, finalCost: 10000 });
	});

	it('with the policy-stability criterion', async () => {
		const text = fixtureText(CASTRO.exp1).replace(
			'stability_window: 5',
			'stability_window: 3\n  criterion: policy_stability'
		);
		const { result } = await runSearch(await load(CASTRO.exp1, { text }));
		// Fractions (0.5, 0.5), then (0, 0.2) three times.
		expect(result).toMatchObject({
			iterations: 4,
			converged: true,
			convergenceReason: 'Policy stability achieved (no initial_liquidity_fraction changed for 3 iterations)',
			finalCost: 2000
		});
	});
});

describe('cancel and resume', () => {
	it('stops at once when cancelled before it starts', async () => {
		const controller = new AbortController();
		controller.abort();
		const { result, recorder } = await runSearch(await load(CASTRO.exp1), { signal: controller.signal });
		expect(result).toMatchObject({ status: 'cancelled', iterations: 0, converged: false, finalCost: null });
		expect(recorder.finish?.status).toBe('cancelled');
	});

	it.each([
		['mid-iteration 0, between two agents', CASTRO.exp1, 'proposalEvaluated' as const, 1],
		['mid-iteration 4, after its evaluation', CASTRO.exp1, 'iterationStarted' as const, 5],
		['bootstrap mode, mid-iteration 1', CASTRO.exp2, 'proposalEvaluated' as const, 3]
	])('resuming after a cancel %s ends exactly like an uninterrupted run', async (_, path, method, count) => {
		const text = fixtureText(path).replace('num_samples: 50', 'num_samples: 8');
		const loaded = await load(path, { text });
		const uninterrupted = await runSearch(loaded);

		const controller = new AbortController();
		const recorder = new MemoryRecorder();
		const stopped = await runSearch(loaded, {
			recorder: teeRecorder(recorder, abortOn(method, count, controller)),
			signal: controller.signal
		});
		expect(stopped.result.status).toBe('cancelled');
		expect(stopped.result.iterations).toBeLessThan(uninterrupted.result.iterations);

		const resumePoint = recorder.resumePoint();
		expect(resumePoint.iterations).toHaveLength(stopped.result.iterations);
		const resumed = await runSearch(loaded, { recorder, resume: resumePoint });
		const { simulations: _a, ...expected } = uninterrupted.result;
		const { simulations: _b, ...actual } = resumed.result;
		expect(actual).toEqual(expected);
		// The records after resuming are those of the uninterrupted run.
		expect(JSON.stringify(recorder.iterations)).toBe(JSON.stringify(uninterrupted.recorder.iterations));
		expect(JSON.stringify(recorder.proposals)).toBe(JSON.stringify(uninterrupted.recorder.proposals));
		expect(JSON.stringify(recorder.commits)).toBe(JSON.stringify(uninterrupted.recorder.commits));
		expect(recorder.simulations.map((run) => run.simulationId).sort()).toEqual(
			uninterrupted.recorder.simulations.map((run) => run.simulationId).sort()
		);
		expect(recorder.finish).toEqual(uninterrupted.recorder.finish);
	});
});
