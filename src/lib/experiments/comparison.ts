/**
 * The paired comparison and the acceptance rule (spec §5.1, §5.4, §7). Current and candidate policy are
 * priced on the same samples (same seeds); the candidate is accepted iff Σ (old − new) > 0, so ties are
 * rejected and no significance test or improvement threshold applies.
 */
import type { CostTotals } from '../engine';
import type { CandidateOracle, EvaluationModeName } from './evaluation';
import type { PolicyDocument } from './policy-document';
import { costStatistics, integerMean, type CostStatistics } from './statistics';

export interface PairedSample {
	index: number;
	seed: number;
	oldCost: number;
	newCost: number;
	delta: number;
}

export type AcceptanceReason = 'cost_improved' | 'cost_not_improved';

export interface PairedComparison {
	mode: EvaluationModeName;
	samples: PairedSample[];
	deltaSum: number;
	/** Integer means over the samples, cents. */
	oldCost: number;
	newCost: number;
	accepted: boolean;
	reason: AcceptanceReason;
	/** Over the candidate's sample costs (null below two samples). */
	statistics: CostStatistics | null;
	/** Deterministic mode: from the candidate's run. */
	settlementRate: number | null;
	avgDelay: number | null;
	/** Deterministic mode: the agent's cost components in the candidate's run. */
	costBreakdown: CostTotals | null;
	/** Deterministic mode: every agent's cost in the candidate's run. */
	agentCosts: Record<string, number> | null;
}

/** The acceptance rule: strictly cheaper over the paired samples. */
export function isAccepted(deltaSum: number): boolean {
	return deltaSum > 0;
}

export async function comparePolicies(
	oracle: CandidateOracle,
	current: PolicyDocument,
	candidate: PolicyDocument
): Promise<PairedComparison> {
	const before = await oracle.evaluate(current);
	const after = await oracle.evaluate(candidate);
	const samples = before.costs.map((oldCost, index) => ({
		index,
		seed: before.seeds[index],
		oldCost,
		newCost: after.costs[index],
		delta: oldCost - after.costs[index]
	}));
	const deltaSum = samples.reduce((sum, sample) => sum + sample.delta, 0);
	const accepted = isAccepted(deltaSum);
	const run = after.run;
	return {
		mode: oracle.mode,
		samples,
		deltaSum,
		oldCost: integerMean(before.costs),
		newCost: integerMean(after.costs),
		accepted,
		reason: accepted ? 'cost_improved' : 'cost_not_improved',
		statistics: after.costs.length >= 2 ? costStatistics(after.costs) : null,
		settlementRate: run?.summary.system_metrics.settlement_rate ?? null,
		avgDelay: run?.summary.system_metrics.avg_delay_ticks ?? null,
		costBreakdown: run?.breakdowns[oracle.agentId] ?? null,
		agentCosts: run ? { ...run.costs } : null
	};
}
