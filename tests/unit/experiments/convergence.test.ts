/** Convergence detection (spec §8), with the worked examples of the real v3 runs. */
import { describe, expect, it } from 'vitest';
import { ConvergenceDetector, type ConvergenceCriterion } from '../../../src/lib/experiments';

function detector(criterion: ConvergenceCriterion = 'total_cost', maxIterations = 25, window = 5) {
	return new ConvergenceDetector({
		criterion,
		maxIterations,
		stabilityThreshold: 0.05,
		stabilityWindow: window
	});
}

/** The number of iterations after which the detector stops, and its state then. */
function stopAfter(totals: readonly number[], maxIterations = 25) {
	const d = detector('total_cost', maxIterations);
	for (const [i, total] of totals.entries()) {
		const state = d.record(total, {});
		if (state.status !== 'running') return { iterations: i + 1, state };
	}
	return { iterations: null, state: d.state };
}

describe('total-cost stability', () => {
	it.each([
		['exp1', [10000, 4000, 3800, 3600, 3500, 3400, 3300, 3200, 3100], 9],
		['exp2', [99600, 55058, 43744, 38764, 35776, 33784, 32246, 31286, 31286, 31286, 31286], 11],
		['exp3', [9990, 4095, 3996, 3996, 3996, 3996, 3996], 7]
	])('stops the %s run of the v3 paper after %#', (_, totals, expected) => {
		const { iterations, state } = stopAfter(totals);
		expect(iterations).toBe(expected);
		expect(state).toEqual({
			status: 'converged',
			reason: 'Stability achieved (5 consecutive stable iterations)'
		});
	});

	it('treats a previous total of zero as stable only if the new total is below the threshold', () => {
		expect(stopAfter([0, 0, 0, 0, 0, 0]).iterations).toBe(6);
		expect(stopAfter([0, 1, 1, 1, 1, 1, 1]).iterations).toBe(7);
	});

	it('ends at the iteration cap without calling it convergence', () => {
		const { iterations, state } = stopAfter([100, 50, 25, 12], 3);
		expect(iterations).toBe(3);
		expect(state).toEqual({ status: 'iteration-cap', reason: 'Max iterations reached (3)' });
	});
});

describe('policy stability', () => {
	it('converges once no fraction moved by more than 0.001 over the window', () => {
		const d = detector('policy_stability', 25, 3);
		expect(d.record(100, { A: 0.5, B: 0.5 }).status).toBe('running');
		expect(d.record(90, { A: 0.2, B: 0.5 }).status).toBe('running');
		expect(d.record(80, { A: 0.2005, B: 0.5 }).status).toBe('running');
		// The total still falls: the cost criterion would not stop here.
		expect(d.record(70, { A: 0.2, B: 0.5001 })).toEqual({
			status: 'converged',
			reason: 'Policy stability achieved (no initial_liquidity_fraction changed for 3 iterations)'
		});
	});

	it('does not converge while any agent still moves', () => {
		const d = detector('policy_stability', 25, 2);
		d.record(1, { A: 0.1, B: 0.3 });
		expect(d.record(1, { A: 0.1, B: 0.32 }).status).toBe('running');
		expect(d.record(1, { A: 0.1, B: 0.32 }).status).toBe('converged');
	});
});
