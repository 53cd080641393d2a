/**
 * A recorder that stores nothing and reports each iteration as it grows: its evaluation (costs and
 * liquidity fractions per agent), then each agent's proposal decision, then the commit. Every report
 * carries the whole iteration so far, so a display can simply replace its row. Records only what a
 * progress view shows; never prompts, replies or keys.
 */
import { liquidityFraction } from './policy-document';
import type { ExperimentRecorder, IterationRecord, ProposalDecision, ProposalRecord } from './recorder';

export type ProposalVerdict = ProposalDecision['kind'];

export interface ProposalProgress {
	agentId: string;
	verdict: ProposalVerdict;
	/** The proposed liquidity fraction, when a candidate was evaluated. */
	proposedFraction: number | null;
	/** The agent's cost over the comparison samples, current and proposed policy (cents). */
	oldCost: number | null;
	newCost: number | null;
}

export interface IterationProgress {
	experimentId: string;
	/** 0-based. */
	iteration: number;
	maxIterations: number;
	totalCost: number;
	/** Cents, per optimized agent. */
	agentCosts: Record<string, number>;
	/** Liquidity fractions in force during the evaluation. */
	fractions: Record<string, number>;
	proposals: ProposalProgress[];
	committed: boolean;
}

function proposalProgress(record: ProposalRecord): ProposalProgress {
	const { decision } = record;
	const compared = decision.kind === 'accepted' || decision.kind === 'rejected' ? decision : null;
	return {
		agentId: record.agentId,
		verdict: decision.kind,
		proposedFraction: compared === null ? null : liquidityFraction(compared.policy),
		oldCost: compared?.comparison.oldCost ?? null,
		newCost: compared?.comparison.newCost ?? null
	};
}

function fractionsOf(record: IterationRecord): Record<string, number> {
	return Object.fromEntries(
		Object.entries(record.policies).map(([agent, policy]) => [agent, liquidityFraction(policy)])
	);
}

export class ProgressRecorder implements ExperimentRecorder {
	private experimentId = '';
	private current: IterationProgress | null = null;

	constructor(
		private readonly maxIterations: number,
		private readonly report: (progress: IterationProgress) => void
	) {}

	async experimentStarted(start: { experimentId: string }): Promise<void> {
		this.experimentId = start.experimentId;
	}

	async experimentResumed(resume: { experimentId: string }): Promise<void> {
		this.experimentId = resume.experimentId;
	}

	async simulationRun(): Promise<void> {}

	async iterationStarted(record: IterationRecord): Promise<void> {
		this.current = {
			experimentId: this.experimentId,
			iteration: record.iteration,
			maxIterations: this.maxIterations,
			totalCost: record.totalCost,
			agentCosts: { ...record.agentCosts },
			fractions: fractionsOf(record),
			proposals: [],
			committed: false
		};
		this.emit();
	}

	async proposalEvaluated(record: ProposalRecord): Promise<void> {
		if (this.current === null || this.current.iteration !== record.iteration) return;
		this.current.proposals.push(proposalProgress(record));
		this.emit();
	}

	async iterationCommitted(commit: { iteration: number }): Promise<void> {
		if (this.current === null || this.current.iteration !== commit.iteration) return;
		this.current.committed = true;
		this.emit();
	}

	async experimentFinished(): Promise<void> {}

	private emit(): void {
		if (this.current !== null) this.report(structuredClone(this.current));
	}
}
