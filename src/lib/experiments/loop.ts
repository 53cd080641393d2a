/**
 * The optimisation loop (spec §4). Optimized agents start from the default policy; in bootstrap mode an
 * initial simulation supplies the histories the samples are drawn from, once. Each iteration evaluates the
 * policies in force, records the metric for convergence and, unless the run stops there, asks the proposer
 * for one candidate per agent in `optimized_agents` order; each candidate is compared with the current
 * policy on paired samples and replaces it at once if strictly cheaper, so later agents of the same
 * iteration face it. The run ends on convergence or at the iteration cap; a final master-seed run of the
 * final policies is recorded. Deterministic for a given master seed and proposer.
 */
import type { EngineConfigJson } from '../config';
import { collectHistories } from './bootstrap-history';
import { buildSamples, type BootstrapSample } from './bootstrap-samples';
import { createPacer, ExperimentCancelled } from './cancellation';
import { comparePolicies } from './comparison';
import { ConvergenceDetector, type ConvergenceState } from './convergence';
import { Evaluator, type EvaluatedRun, type IterationEvaluation } from './evaluation';
import { isDeterministic, type ExperimentConfig } from './experiment-config';
import { experimentRunId, experimentSimulationId, type SimulationPurpose } from './experiment-id';
import { defaultPolicy, liquidityFraction, type PolicyDocument } from './policy-document';
import type { AgentEvaluation, PolicyProposer, ProposalRequest } from './proposers/proposer';
import {
	nullRecorder,
	type ExperimentRecorder,
	type ExperimentStatus,
	type IterationRecord,
	type ProposalDecision,
	type ProposalRecord
} from './recorder';
import type { ResumePoint } from './resume';
import { iterationSeed } from './seeds';
import type { CostStatistics } from './statistics';

export interface ExperimentScenario {
	fileName: string;
	/** The scenario file's text, stored with the experiment. */
	text: string | null;
	config: EngineConfigJson;
}

export interface RunExperimentOptions {
	experiment: ExperimentConfig;
	scenario: ExperimentScenario;
	/** The experiment file's text, stored with the experiment. */
	experimentText?: string | null;
	proposer: PolicyProposer;
	recorder?: ExperimentRecorder;
	/** Defaults to a new `{name}-{date}-{time}-{hex6}` id; a resumed run keeps its own. */
	experimentId?: string;
	/** Continue an interrupted run after its last committed iteration. */
	resume?: ResumePoint;
	/** Stops the run between two simulations; committed iterations stay. */
	signal?: AbortSignal;
	/** Lets a worker receive messages during long stretches of simulation. */
	yieldToEventLoop?: () => Promise<void>;
	/** Also record every Monte-Carlo run of bootstrap-mode iteration evaluations. */
	recordBootstrapRuns?: boolean;
	/** Clock for recorded times (tests pass a fixed one). */
	now?: () => Date;
}

export interface AgentResult {
	/** The agent's cost in the final evaluation, cents. */
	cost: number;
	policy: PolicyDocument;
	/** Bootstrap mode: mean, standard deviation and 95 % interval over the final evaluation's samples. */
	statistics: CostStatistics | null;
}

export interface ExperimentResult {
	experimentId: string;
	status: ExperimentStatus;
	/** Iterations committed (including those of an earlier, resumed run). */
	iterations: number;
	converged: boolean;
	convergenceReason: string | null;
	/** Total cost of the final evaluation, cents. */
	finalCost: number | null;
	bestCost: number | null;
	/** Total cost of every iteration's evaluation, cents. */
	costHistory: number[];
	perAgent: Record<string, AgentResult>;
	evaluationMode: 'deterministic' | 'bootstrap';
	/** Simulations run by this call: full-scenario runs and sandbox runs. */
	simulations: { full: number; sandbox: number };
	error: string | null;
}

interface LoopState {
	policies: Record<string, PolicyDocument>;
	detector: ConvergenceDetector;
	convergence: ConvergenceState;
	iterations: IterationRecord[];
	proposals: ProposalRecord[];
	bestCost: number | null;
	nextIteration: number;
}

function fractionsOf(agents: readonly string[], policies: Readonly<Record<string, PolicyDocument>>) {
	const fractions: Record<string, number> = {};
	for (const agent of agents) fractions[agent] = liquidityFraction(policies[agent]);
	return fractions;
}

function initialState(experiment: ExperimentConfig, resume: ResumePoint | undefined): LoopState {
	const agents = experiment.optimizedAgents;
	const detector = new ConvergenceDetector(experiment.convergence);
	const state: LoopState = {
		policies: Object.fromEntries(agents.map((agent) => [agent, defaultPolicy(agent)])),
		detector,
		convergence: detector.state,
		iterations: [],
		proposals: [],
		bestCost: null,
		nextIteration: 0
	};
	for (const { record, proposals, commit } of resume?.iterations ?? []) {
		state.convergence = detector.record(record.totalCost, fractionsOf(agents, record.policies));
		if (state.bestCost === null || record.totalCost < state.bestCost) state.bestCost = record.totalCost;
		state.iterations.push(record);
		state.proposals.push(...proposals);
		state.policies = structuredClone(commit.policiesAfter);
		state.nextIteration = record.iteration + 1;
	}
	return state;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function agentEvaluation(evaluation: IterationEvaluation, agentId: string): AgentEvaluation {
	const bySample = evaluation.samples.map((sample) => ({ seed: sample.seed, cost: sample.costs[agentId] }));
	const best = bySample.reduce((a, b) => (b.cost < a.cost ? b : a));
	const worst = bySample.reduce((a, b) => (b.cost > a.cost ? b : a));
	return {
		mode: evaluation.mode,
		cost: evaluation.agentCosts[agentId],
		statistics: evaluation.statistics?.[agentId] ?? null,
		breakdown: evaluation.breakdowns[agentId],
		best,
		worst,
		settlementRate: evaluation.representative.outcome.summary.system_metrics.settlement_rate
	};
}

class ExperimentRun {
	private readonly experiment: ExperimentConfig;
	private readonly recorder: ExperimentRecorder;
	private readonly clock: () => Date;
	private readonly state: LoopState;
	private readonly experimentId: string;
	private evaluator: Evaluator | null = null;

	constructor(private readonly options: RunExperimentOptions) {
		this.experiment = options.experiment;
		this.recorder = options.recorder ?? nullRecorder;
		this.clock = options.now ?? (() => new Date());
		this.state = initialState(options.experiment, options.resume);
		this.experimentId =
			options.resume?.experimentId ??
			options.experimentId ??
			experimentRunId(this.experiment.name, this.clock());
	}

	private get agents(): readonly string[] {
		return this.experiment.optimizedAgents;
	}

	private async record(
		purpose: SimulationPurpose,
		iteration: number,
		run: EvaluatedRun,
		sample: number | null = null
	): Promise<string> {
		const simulationId = experimentSimulationId(this.experimentId, iteration, purpose, sample ?? undefined);
		const agentCosts: Record<string, number> = {};
		for (const agent of this.agents) agentCosts[agent] = run.outcome.costs[agent];
		await this.recorder.simulationRun({
			simulationId,
			purpose,
			iteration,
			sampleIndex: sample,
			seed: run.seed,
			ticks: run.ticks,
			config: run.config,
			summary: run.outcome.summary,
			agentCosts,
			totalCost: Object.values(agentCosts).reduce((sum, cost) => sum + cost, 0)
		});
		return simulationId;
	}

	async execute(): Promise<ExperimentResult> {
		const { options } = this;
		const pacer = createPacer({ signal: options.signal, yieldToEventLoop: options.yieldToEventLoop });
		try {
			if (options.resume === undefined) {
				await this.recorder.experimentStarted({
					experimentId: this.experimentId,
					config: this.experiment,
					configText: options.experimentText ?? null,
					scenario: { ...options.scenario },
					optimizer: options.proposer.kind,
					proposerLabel: options.proposer.label,
					startedAt: this.clock()
				});
			} else {
				await this.recorder.experimentResumed({
					experimentId: this.experimentId,
					fromIteration: this.state.nextIteration,
					resumedAt: this.clock()
				});
			}
			const evaluator = new Evaluator({
				experiment: this.experiment,
				scenario: options.scenario.config,
				pacer
			});
			this.evaluator = evaluator;
			if (!isDeterministic(this.experiment)) evaluator.useSamples(await this.bootstrapSamples(evaluator));
			while (this.state.convergence.status === 'running') await this.iterate(evaluator);
			const last = this.state.iterations.at(-1);
			if (last !== undefined) {
				await this.record(
					'final',
					last.iteration,
					await evaluator.run(this.state.policies, this.experiment.masterSeed)
				);
			}
			return await this.finish('completed', null);
		} catch (error) {
			if (error instanceof ExperimentCancelled) return this.finish('cancelled', null);
			return this.finish('failed', errorText(error));
		}
	}

	/** Bootstrap mode: the initial simulation (default policies, master seed) and the samples drawn from it. */
	private async bootstrapSamples(evaluator: Evaluator): Promise<Map<string, BootstrapSample[]>> {
		const initialPolicies = Object.fromEntries(this.agents.map((agent) => [agent, defaultPolicy(agent)]));
		const initial = await evaluator.run(initialPolicies, this.experiment.masterSeed, true);
		if (this.state.nextIteration === 0) await this.record('initial', 0, initial);
		const histories = collectHistories(initial.outcome.events ?? [], this.agents);
		const samples = new Map<string, BootstrapSample[]>();
		for (const agent of this.agents) {
			samples.set(
				agent,
				buildSamples(agent, histories.get(agent) ?? { outgoing: [], incoming: [] }, {
					masterSeed: this.experiment.masterSeed,
					samples: this.experiment.evaluation.numSamples,
					ticks: this.experiment.evaluation.ticks
				})
			);
		}
		return samples;
	}

	private async iterate(evaluator: Evaluator): Promise<void> {
		const { state } = this;
		const iteration = state.nextIteration;
		const policiesInForce = structuredClone(state.policies);
		const evaluation = await evaluator.evaluateIteration(
			policiesInForce,
			this.options.recordBootstrapRuns === true
				? async (index, run) => {
						await this.record('bootstrap', iteration, run, index);
					}
				: undefined
		);
		const evaluationSimulationId = await this.record('evaluation', iteration, evaluation.representative);
		state.convergence = state.detector.record(
			evaluation.totalCost,
			fractionsOf(this.agents, policiesInForce)
		);
		if (state.bestCost === null || evaluation.totalCost < state.bestCost)
			state.bestCost = evaluation.totalCost;
		const record: IterationRecord = {
			iteration,
			mode: evaluation.mode,
			totalCost: evaluation.totalCost,
			agentCosts: { ...evaluation.agentCosts },
			policies: policiesInForce,
			statistics: evaluation.statistics,
			samples: evaluation.samples.map((sample) => ({
				index: sample.index,
				seed: sample.seed,
				total: sample.total,
				agentCosts: { ...sample.costs }
			})),
			evaluationSimulationId,
			convergence: {
				status: state.convergence.status,
				reason: state.convergence.status === 'running' ? null : state.convergence.reason
			},
			startedAt: this.clock()
		};
		state.iterations.push(record);
		await this.recorder.iterationStarted(record);

		const acceptedChanges = Object.fromEntries(this.agents.map((agent) => [agent, false]));
		if (state.convergence.status === 'running' && this.experiment.constraints !== null) {
			for (const agentId of this.agents) {
				const proposal = await this.optimizeAgent(evaluator, iteration, agentId, evaluation);
				state.proposals.push(proposal);
				await this.recorder.proposalEvaluated(proposal);
				if (proposal.decision.kind === 'accepted') {
					state.policies[agentId] = proposal.decision.policy;
					acceptedChanges[agentId] = true;
				}
			}
		}
		await this.recorder.iterationCommitted({
			iteration,
			acceptedChanges,
			policiesAfter: structuredClone(state.policies),
			committedAt: this.clock()
		});
		state.nextIteration = iteration + 1;
	}

	private async optimizeAgent(
		evaluator: Evaluator,
		iteration: number,
		agentId: string,
		evaluation: IterationEvaluation
	): Promise<ProposalRecord> {
		const constraints = this.experiment.constraints;
		if (constraints === null) throw new Error('optimizeAgent needs constraints');
		const currentPolicy = this.state.policies[agentId];
		const oracle = evaluator.oracle(iteration, agentId, this.state.policies);
		const policiesNow = { ...this.state.policies };
		const request: ProposalRequest = {
			experiment: this.experiment,
			agentId,
			iteration,
			currentPolicy,
			constraints,
			costRates: this.options.scenario.config.cost_rates,
			evaluation: agentEvaluation(evaluation, agentId),
			iterations: this.state.iterations,
			history: this.state.proposals.filter((proposal) => proposal.agentId === agentId),
			rngSeed: iterationSeed(this.experiment.masterSeed, iteration, agentId),
			oracle,
			trace: async (seed) => (await evaluator.run(policiesNow, seed, true)).outcome.events ?? [],
			...(this.options.signal !== undefined ? { signal: this.options.signal } : {})
		};
		let decision: ProposalDecision;
		let audit: ProposalRecord['audit'] = null;
		let candidate: PolicyDocument | null = null;
		try {
			const outcome = await this.options.proposer.propose(request);
			audit = outcome.audit;
			if (outcome.kind === 'none') {
				decision = { kind: 'no-candidate', reason: outcome.reason, errors: outcome.errors };
			} else {
				candidate = outcome.policy;
				const comparison = await comparePolicies(oracle, currentPolicy, candidate);
				decision = { kind: comparison.accepted ? 'accepted' : 'rejected', policy: candidate, comparison };
			}
		} catch (error) {
			if (error instanceof ExperimentCancelled) throw error;
			decision = { kind: 'failed', error: errorText(error), policy: candidate };
		}
		return {
			iteration,
			agentId,
			proposalIndex: 0,
			proposer: this.options.proposer.kind,
			contextCost: evaluation.agentCosts[agentId],
			currentPolicy,
			decision,
			audit,
			createdAt: this.clock()
		};
	}

	private async finish(status: ExperimentStatus, error: string | null): Promise<ExperimentResult> {
		const { state } = this;
		const convergence = state.convergence;
		const lastRecord = state.iterations.at(-1) ?? null;
		const completed = status === 'completed';
		const finalCost = completed ? (lastRecord?.totalCost ?? null) : null;
		const converged = completed && convergence.status === 'converged';
		const convergenceReason = convergence.status === 'running' ? null : convergence.reason;
		const committed = state.nextIteration;
		await this.recorder.experimentFinished({
			experimentId: this.experimentId,
			status,
			iterations: committed,
			converged,
			convergenceReason,
			finalCost,
			bestCost: state.bestCost,
			finalPolicies: structuredClone(state.policies),
			error,
			finishedAt: this.clock()
		});
		const perAgent: Record<string, AgentResult> = {};
		for (const agent of this.agents) {
			perAgent[agent] = {
				cost: lastRecord?.agentCosts[agent] ?? 0,
				policy: state.policies[agent],
				statistics: lastRecord?.statistics?.[agent] ?? null
			};
		}
		return {
			experimentId: this.experimentId,
			status,
			iterations: committed,
			converged,
			convergenceReason,
			finalCost,
			bestCost: state.bestCost,
			costHistory: state.iterations.map((record) => record.totalCost),
			perAgent,
			evaluationMode: isDeterministic(this.experiment) ? 'deterministic' : 'bootstrap',
			simulations: { full: this.evaluator?.fullRuns ?? 0, sandbox: this.evaluator?.sandboxRuns ?? 0 },
			error
		};
	}
}

/** Runs (or resumes) an experiment to its end, its cancellation or its failure. Never throws for those. */
export function runExperiment(options: RunExperimentOptions): Promise<ExperimentResult> {
	return new ExperimentRun(options).execute();
}
