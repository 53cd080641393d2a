/**
 * Acceptance of the search proposer on the Castro experiments (issue 9, acceptance 1): exp1 reaches its
 * unique equilibrium (A 0 %, B 20 %, $20.00), exp3 its symmetric one (20 %/20 %, $39.96), which a grid of
 * best responses confirms, and exp2 with bootstrap evaluation completes with each bank's bootstrap interval.
 */
import { describe, expect, it } from 'vitest';
import { configWithPolicies } from '../../../src/lib/experiments/policy-config';
import { simulate } from '../../../src/lib/experiments/simulation';
import { defaultPolicy, type PolicyDocument } from '../../../src/lib/experiments';
import { CASTRO, fraction, load, runSearch, type Loaded } from './helpers';

function withFraction(agent: string, value: number): PolicyDocument {
	const policy = defaultPolicy(agent);
	return { ...policy, parameters: { initial_liquidity_fraction: value } };
}

/** Each agent's cost when A and B allocate the given fractions (master seed, evaluation ticks). */
function costs(loaded: Loaded, a: number, b: number): Record<string, number> {
	const config = configWithPolicies(
		loaded.scenario.config,
		{ BANK_A: withFraction('BANK_A', a), BANK_B: withFraction('BANK_B', b) },
		loaded.experiment.masterSeed
	);
	return simulate(config, loaded.experiment.evaluation.ticks).costs;
}

const GRID = Array.from({ length: 101 }, (_, i) => i / 100);

/** The grid's best responses of `agent` to the other's fraction: the cheapest fractions and their cost. */
function gridBestResponse(loaded: Loaded, agent: 'BANK_A' | 'BANK_B', other: number) {
	const priced = GRID.map((value) => ({
		value,
		cost: (agent === 'BANK_A' ? costs(loaded, value, other) : costs(loaded, other, value))[agent]
	}));
	const cheapest = Math.min(...priced.map((entry) => entry.cost));
	return {
		cost: cheapest,
		values: priced.filter((entry) => entry.cost === cheapest).map((entry) => entry.value)
	};
}

describe('Castro exp1 with the search proposer', () => {
	it('reaches A = 0.00, B = 0.20 at a total of $20.00 within 10 iterations, identically twice', async () => {
		const loaded = await load(CASTRO.exp1);
		const first = await runSearch(loaded);
		const second = await runSearch(loaded);
		const { result } = first;

		expect(result.status).toBe('completed');
		expect(fraction(result.perAgent.BANK_A.policy)).toBeCloseTo(0, 2);
		expect(Math.abs(fraction(result.perAgent.BANK_B.policy) - 0.2)).toBeLessThanOrEqual(0.005);
		expect(result.finalCost).toBe(2000);
		expect(result.perAgent.BANK_A.cost).toBe(0);
		expect(result.perAgent.BANK_B.cost).toBe(2000);
		expect(result.iterations).toBeLessThanOrEqual(10);
		// From 50 %/50 % ($100.00) to the equilibrium in one iteration, then five stable ones.
		expect(result.costHistory).toEqual([10000, 2000, 2000, 2000, 2000, 2000, 2000]);
		expect(result.converged).toBe(true);
		expect(result.convergenceReason).toBe('Stability achieved (5 consecutive stable iterations)');

		expect(second.result).toEqual(result);
		expect(JSON.stringify(second.recorder.calls)).toBe(JSON.stringify(first.recorder.calls));
	});

	it('is a Nash equilibrium: on the grid, each bank’s choice is its unique best response', async () => {
		const loaded = await load(CASTRO.exp1);
		expect(gridBestResponse(loaded, 'BANK_A', 0.2)).toEqual({ cost: 0, values: [0] });
		expect(gridBestResponse(loaded, 'BANK_B', 0)).toEqual({ cost: 2000, values: [0.2] });
	});
});

describe('Castro exp3 with the search proposer', () => {
	it('reaches the symmetric equilibrium 0.20 / 0.20 at $39.96, the grid’s best-response equilibrium', async () => {
		const loaded = await load(CASTRO.exp3);
		const { result } = await runSearch(loaded);
		const a = fraction(result.perAgent.BANK_A.policy);
		const b = fraction(result.perAgent.BANK_B.policy);

		expect(result.status).toBe('completed');
		expect(result.converged).toBe(true);
		expect(Math.abs(a - 0.2)).toBeLessThanOrEqual(0.005);
		expect(Math.abs(b - 0.2)).toBeLessThanOrEqual(0.005);
		expect(result.finalCost).toBe(3996);
		expect(result.perAgent.BANK_A.cost).toBe(1998);
		expect(result.perAgent.BANK_B.cost).toBe(1998);

		// Exhaustive grid 0.00 … 1.00 by 0.01: the found fractions are mutual best responses.
		const responseOfA = gridBestResponse(loaded, 'BANK_A', b);
		const responseOfB = gridBestResponse(loaded, 'BANK_B', a);
		expect(responseOfA).toEqual({ cost: 1998, values: [0.2] });
		expect(responseOfB).toEqual({ cost: 1998, values: [0.2] });
		expect(costs(loaded, a, b)).toMatchObject({ BANK_A: 1998, BANK_B: 1998 });
	});
});

describe('Castro exp2 with the search proposer and bootstrap evaluation', () => {
	it('completes and reports each bank’s fraction with its bootstrap confidence interval', async () => {
		const loaded = await load(CASTRO.exp2);
		expect(loaded.experiment.evaluation).toEqual({ mode: 'bootstrap', numSamples: 50, ticks: 12 });
		const { result, recorder } = await runSearch(loaded);

		expect(result.status).toBe('completed');
		expect(result.evaluationMode).toBe('bootstrap');
		expect(result.iterations).toBeLessThanOrEqual(25);
		for (const agent of ['BANK_A', 'BANK_B']) {
			const { policy, statistics, cost } = result.perAgent[agent];
			const value = fraction(policy);
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThan(0.5);
			expect(statistics).not.toBeNull();
			expect(statistics?.samples).toBe(50);
			expect(statistics?.mean).toBe(cost);
			expect(statistics?.ci95Lower).toBeLessThanOrEqual(cost);
			expect(statistics?.ci95Upper).toBeGreaterThanOrEqual(cost);
		}
		// Both banks lower their liquidity from the 50 % start, and the total falls accordingly.
		expect(result.costHistory[0]).toBe(99600);
		expect(result.finalCost).toBeLessThan(result.costHistory[0]);
		// The initial simulation is recorded once; sample runs are not recorded by default.
		const purposes = recorder.simulations.map((run) => run.purpose);
		expect(purposes.filter((p) => p === 'initial')).toHaveLength(1);
		expect(purposes).not.toContain('bootstrap');
		expect(result.simulations.sandbox).toBeGreaterThan(0);
	});
});
