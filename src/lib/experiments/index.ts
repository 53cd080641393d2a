/**
 * Experiments: SimCash's policy-optimisation loop (spec: shared/spec/experiments.md).
 *
 *   const loaded = await loadExperiment(text, { fileName, resolveFile });
 *   if (!loaded.ok) show(loaded.errors);
 *   const proposer = createProposer(loaded.experiment.optimizer, { apiKey });
 *   const result = await runExperiment({ experiment: loaded.experiment, scenario: loaded.scenario,
 *     experimentText: loaded.text, proposer, recorder, signal });
 *
 * Persistence is the recorder's business (recorder.ts); resume with `resume: recorder.resumePoint()`.
 * Deliberate differences from SimCash: docs/divergences.md, "Experiments".
 */
import type { OptimizerSettings } from './experiment-config';
import type { FetchFunction } from './proposers/chat-client';
import { createLlmProposer } from './proposers/llm';
import type { PolicyProposer } from './proposers/proposer';
import { createSearchProposer } from './proposers/search';

export * from './experiment-config';
export * from './load-experiment';
export * from './loop';
export * from './recorder';
export * from './resume';
export { MemoryRecorder, type RecorderCall } from './memory-recorder';
export { ConvergenceDetector, type ConvergenceCriterion, type ConvergenceState } from './convergence';
export { costStatistics, tCritical, type CostStatistics } from './statistics';
export { iterationSeed, sampleSeed, bootstrapSeed } from './seeds';
export { experimentRunId, experimentSimulationId, type SimulationPurpose } from './experiment-id';
export { ExperimentCancelled } from './cancellation';
export type { PairedComparison, PairedSample, AcceptanceReason } from './comparison';
export type { CandidateOracle, CandidateCosts, EvaluationModeName } from './evaluation';
export { defaultPolicy, liquidityFraction, type PolicyDocument, type JsonValue } from './policy-document';
export type { PolicyProposer, ProposalRequest, ProposalOutcome, AgentEvaluation } from './proposers/proposer';
export { createSearchProposer, type SearchSettings } from './proposers/search';
export { createLlmProposer, type LlmProposerOptions } from './proposers/llm';
export type { FetchFunction } from './proposers/chat-client';

export interface ProposerOptions {
	/** The `llm` optimizer's API key (never recorded). */
	apiKey?: string;
	fetch?: FetchFunction;
}

/** The proposer an experiment's optimizer settings describe. */
export function createProposer(settings: OptimizerSettings, options: ProposerOptions = {}): PolicyProposer {
	if (settings.kind === 'search') return createSearchProposer(settings);
	return createLlmProposer({ settings, apiKey: options.apiKey ?? '', fetch: options.fetch });
}
