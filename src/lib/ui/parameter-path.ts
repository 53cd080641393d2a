/**
 * A bank's liquidity fraction by iteration, split the way the parameter chart draws it: the fraction in
 * force at each evaluation (the accepted path) and the fractions proposed but rejected, placed at the
 * iteration whose evaluation they were proposed from.
 */
import type { IterationProgress } from '../experiments/progress-recorder';

export interface ParameterPoint {
	iteration: number;
	value: number;
}

export interface ParameterPath {
	accepted: ParameterPoint[];
	rejected: ParameterPoint[];
}

export function parameterPath(iterations: readonly IterationProgress[], agent: string): ParameterPath {
	const accepted = iterations
		.filter((row) => agent in row.fractions)
		.map((row) => ({ iteration: row.iteration, value: row.fractions[agent] }));
	const rejected = iterations.flatMap((row) =>
		row.proposals
			.filter((proposal) => proposal.agentId === agent && proposal.verdict === 'rejected')
			.flatMap((proposal) =>
				proposal.proposedFraction === null
					? []
					: [{ iteration: row.iteration, value: proposal.proposedFraction }]
			)
	);
	return { accepted, rejected };
}
