/**
 * Convergence detection (spec §8). One metric per iteration, recorded right after the iteration's
 * evaluation: the total cost, and each optimized agent's liquidity fraction in force during it.
 *
 * `total_cost`: stable when the relative change of the total from the previous iteration is at most the
 * threshold; converged after `window` consecutive stable changes. `policy_stability` (SimCash's later
 * criterion): converged once every agent's fraction stayed within 0.001 over the last `window`
 * iterations. Either way the iteration cap ends the run, but reaching the cap is not convergence here.
 */

export type ConvergenceCriterion = 'total_cost' | 'policy_stability';

export interface ConvergenceSettings {
	criterion: ConvergenceCriterion;
	maxIterations: number;
	stabilityThreshold: number;
	stabilityWindow: number;
}

export type ConvergenceState =
	| { status: 'running' }
	| { status: 'converged'; reason: string }
	| { status: 'iteration-cap'; reason: string };

/** Fractions closer than this count as unchanged (SimCash's tolerance). */
export const FRACTION_TOLERANCE = 0.001;

export class ConvergenceDetector {
	private readonly totals: number[] = [];
	private readonly fractions: Record<string, number>[] = [];
	private consecutiveStable = 0;

	constructor(private readonly settings: ConvergenceSettings) {}

	/** Records one iteration's metrics and returns the state after it. */
	record(totalCost: number, fractions: Readonly<Record<string, number>>): ConvergenceState {
		const previous = this.totals.at(-1);
		if (previous !== undefined) {
			this.consecutiveStable = this.isStableChange(previous, totalCost) ? this.consecutiveStable + 1 : 0;
		}
		this.totals.push(totalCost);
		this.fractions.push({ ...fractions });
		return this.state;
	}

	get state(): ConvergenceState {
		const { criterion, stabilityWindow, maxIterations } = this.settings;
		if (criterion === 'total_cost' && this.totals.length > 0 && this.consecutiveStable >= stabilityWindow) {
			return {
				status: 'converged',
				reason: `Stability achieved (${stabilityWindow} consecutive stable iterations)`
			};
		}
		if (criterion === 'policy_stability' && this.policiesStable()) {
			return {
				status: 'converged',
				reason: `Policy stability achieved (no initial_liquidity_fraction changed for ${stabilityWindow} iterations)`
			};
		}
		if (this.totals.length >= maxIterations) {
			return { status: 'iteration-cap', reason: `Max iterations reached (${maxIterations})` };
		}
		return { status: 'running' };
	}

	get iterations(): number {
		return this.totals.length;
	}

	private isStableChange(previous: number, current: number): boolean {
		const threshold = this.settings.stabilityThreshold;
		if (previous === 0) return Math.abs(current) < threshold;
		return Math.abs(current - previous) / Math.abs(previous) <= threshold;
	}

	private policiesStable(): boolean {
		const window = this.settings.stabilityWindow;
		if (window < 1 || this.fractions.length < window) return false;
		const recent = this.fractions.slice(-window);
		const first = recent[0];
		return Object.keys(first).every((agent) =>
			recent.every((entry) => Math.abs(entry[agent] - first[agent]) <= FRACTION_TOLERANCE)
		);
	}
}
