/**
 * What the loop reports, in order, to whoever keeps the experiment: `experimentStarted` (or
 * `experimentResumed`), then per iteration the evaluation's `simulationRun`, `iterationStarted`, one
 * `proposalEvaluated` per optimized agent (accepted, rejected, no candidate or failed), and
 * `iterationCommitted`; at the end the final `simulationRun` and `experimentFinished`. Each call is awaited,
 * so a recorder that commits in `iterationCommitted` loses at most the iteration in flight.
 *
 * Everything a resumed run needs is in these records (see resume.ts). No record ever holds an API key.
 */
import type { EngineConfigJson } from '../config';
import type { FinalSummary } from '../engine';
import type { PairedComparison } from './comparison';
import type { EvaluationModeName } from './evaluation';
import type { ExperimentConfig, OptimizerKind } from './experiment-config';
import type { SimulationPurpose } from './experiment-id';
import type { PolicyDocument } from './policy-document';
import type { CostStatistics } from './statistics';

export interface ExperimentStart {
	experimentId: string;
	config: ExperimentConfig;
	/** The experiment file as given, if any. */
	configText: string | null;
	scenario: { fileName: string; text: string | null; config: EngineConfigJson };
	optimizer: OptimizerKind;
	/** e.g. `search` or `llm:gpt-5.2`. */
	proposerLabel: string;
	startedAt: Date;
}

export interface ExperimentResume {
	experimentId: string;
	/** Records of this and later iterations, and the final run, are stale: they are made again. */
	fromIteration: number;
	resumedAt: Date;
}

export interface RecordedSimulation {
	simulationId: string;
	purpose: SimulationPurpose;
	iteration: number;
	sampleIndex: number | null;
	seed: number;
	ticks: number;
	/** The exact engine configuration (policies in force, seed set): replaying it reproduces the run. */
	config: EngineConfigJson;
	summary: FinalSummary;
	/** Optimized agents' costs, cents. */
	agentCosts: Record<string, number>;
	totalCost: number;
}

export interface IterationRecord {
	/** 0-based. */
	iteration: number;
	mode: EvaluationModeName;
	totalCost: number;
	agentCosts: Record<string, number>;
	/** Policies in force during the evaluation. */
	policies: Record<string, PolicyDocument>;
	/** Bootstrap mode: per-agent statistics over the samples. */
	statistics: Record<string, CostStatistics> | null;
	/** The samples' seeds and totals (one entry in deterministic mode). */
	samples: { index: number; seed: number; total: number; agentCosts: Record<string, number> }[];
	evaluationSimulationId: string;
	/** Convergence state after recording this iteration. */
	convergence: { status: 'running' | 'converged' | 'iteration-cap'; reason: string | null };
	startedAt: Date;
}

export interface SearchEvaluation {
	parameters: Record<string, number | string | boolean>;
	/** Σ of the agent's cost over the comparison samples, cents. */
	costSum: number;
	meanCost: number;
}

export interface LlmAttempt {
	attempt: number;
	systemPrompt: string;
	userPrompt: string;
	rawResponse: string | null;
	parsedPolicy: PolicyDocument | null;
	/** Transport, parsing and validation errors of this attempt. */
	errors: string[];
	promptTokens: number;
	completionTokens: number;
	/** Whether the token counts are word-count estimates (the server reported none). */
	tokensEstimated: boolean;
	latencyMs: number;
}

export type ProposalAudit =
	| {
			kind: 'search';
			evaluations: SearchEvaluation[];
			chosen: Record<string, number | string | boolean> | null;
	  }
	| { kind: 'llm'; model: string; baseUrl: string; attempts: LlmAttempt[] };

export type ProposalDecision =
	| { kind: 'accepted' | 'rejected'; policy: PolicyDocument; comparison: PairedComparison }
	/** The proposer offered nothing: no improvement found, or every attempt failed validation. */
	| { kind: 'no-candidate'; reason: string; errors: string[] }
	/** An error while proposing or evaluating; the agent keeps its policy. */
	| { kind: 'failed'; error: string; policy: PolicyDocument | null };

export interface ProposalRecord {
	iteration: number;
	agentId: string;
	/** Order of the agent's proposals within the iteration (one per iteration here). */
	proposalIndex: number;
	proposer: OptimizerKind;
	/** The agent's cost in the iteration's evaluation, cents. */
	contextCost: number;
	/** The policy in force when the proposal was made. */
	currentPolicy: PolicyDocument;
	decision: ProposalDecision;
	audit: ProposalAudit | null;
	createdAt: Date;
}

export interface IterationCommit {
	iteration: number;
	acceptedChanges: Record<string, boolean>;
	/** Policies in force after this iteration's proposals: those of the next iteration. */
	policiesAfter: Record<string, PolicyDocument>;
	committedAt: Date;
}

export type ExperimentStatus = 'completed' | 'cancelled' | 'failed';

export interface ExperimentFinish {
	experimentId: string;
	status: ExperimentStatus;
	/** Iterations committed. */
	iterations: number;
	converged: boolean;
	convergenceReason: string | null;
	/** Total cost of the final evaluation, cents. */
	finalCost: number | null;
	bestCost: number | null;
	finalPolicies: Record<string, PolicyDocument>;
	error: string | null;
	finishedAt: Date;
}

export interface ExperimentRecorder {
	experimentStarted(start: ExperimentStart): Promise<void>;
	experimentResumed(resume: ExperimentResume): Promise<void>;
	simulationRun(run: RecordedSimulation): Promise<void>;
	iterationStarted(record: IterationRecord): Promise<void>;
	proposalEvaluated(record: ProposalRecord): Promise<void>;
	iterationCommitted(commit: IterationCommit): Promise<void>;
	experimentFinished(finish: ExperimentFinish): Promise<void>;
}

/** Keeps nothing. */
export const nullRecorder: ExperimentRecorder = {
	experimentStarted: async () => undefined,
	experimentResumed: async () => undefined,
	simulationRun: async () => undefined,
	iterationStarted: async () => undefined,
	proposalEvaluated: async () => undefined,
	iterationCommitted: async () => undefined,
	experimentFinished: async () => undefined
};

/** Reports to several recorders in turn (e.g. the store and a progress display). */
export function teeRecorder(...recorders: ExperimentRecorder[]): ExperimentRecorder {
	const each =
		<K extends keyof ExperimentRecorder>(method: K) =>
		async (record: Parameters<ExperimentRecorder[K]>[0]) => {
			for (const recorder of recorders)
				await (recorder[method] as (r: typeof record) => Promise<void>)(record);
		};
	return {
		experimentStarted: each('experimentStarted'),
		experimentResumed: each('experimentResumed'),
		simulationRun: each('simulationRun'),
		iterationStarted: each('iterationStarted'),
		proposalEvaluated: each('proposalEvaluated'),
		iterationCommitted: each('iterationCommitted'),
		experimentFinished: each('experimentFinished')
	};
}
