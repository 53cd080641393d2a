/**
 * The proposer interface (spec §14): given one agent's situation in an iteration, offer a complete candidate
 * policy within the constraints, or nothing. The loop then prices the candidate against the current policy
 * on paired samples and applies the acceptance rule itself; proposers never decide acceptance.
 */
import type { EngineCostRatesJson } from '../../config';
import type { CostTotals, SimulationEvent } from '../../engine';
import type { CandidateOracle, EvaluationModeName } from '../evaluation';
import type { ExperimentConfig, OptimizerKind, PolicyConstraints } from '../experiment-config';
import type { PolicyDocument } from '../policy-document';
import type { IterationRecord, ProposalAudit, ProposalRecord } from '../recorder';
import type { CostStatistics } from '../statistics';

export interface SampleCost {
	seed: number;
	cost: number;
}

/** What the iteration's evaluation says about the agent. */
export interface AgentEvaluation {
	mode: EvaluationModeName;
	/** The agent's cost (mean over samples in bootstrap mode), cents. */
	cost: number;
	statistics: CostStatistics | null;
	breakdown: CostTotals;
	/** The agent's cheapest and dearest evaluation samples (the same run in deterministic mode). */
	best: SampleCost;
	worst: SampleCost;
	/** Settled / arrived in the iteration's master-seed run. */
	settlementRate: number;
}

export interface ProposalRequest {
	experiment: ExperimentConfig;
	agentId: string;
	/** 0-based. */
	iteration: number;
	currentPolicy: PolicyDocument;
	constraints: PolicyConstraints;
	costRates: EngineCostRatesJson;
	evaluation: AgentEvaluation;
	/** Every iteration evaluated so far, this one included (the agent's own costs are in `agentCosts`). */
	iterations: readonly IterationRecord[];
	/** This agent's earlier proposals. */
	history: readonly ProposalRecord[];
	/** Seed-matrix seed of (iteration, agent): the only randomness a deterministic proposer may use. */
	rngSeed: number;
	/** Prices candidates on the samples of this agent's paired comparison. */
	oracle: CandidateOracle;
	/** Events of a full run with the current policies and the given seed (for prompt traces). */
	trace(seed: number): Promise<SimulationEvent[]>;
	signal?: AbortSignal;
}

export type ProposalOutcome =
	| { kind: 'candidate'; policy: PolicyDocument; audit: ProposalAudit }
	| { kind: 'none'; reason: string; errors: string[]; audit: ProposalAudit };

export interface PolicyProposer {
	readonly kind: OptimizerKind;
	/** e.g. `search` or `llm:gpt-5.2`. */
	readonly label: string;
	propose(request: ProposalRequest): Promise<ProposalOutcome>;
}
