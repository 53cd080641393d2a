/**
 * Policy evaluation (spec §5): the evaluation that opens each iteration, and the oracle that prices one
 * agent's candidate policies for the paired comparison and for the search proposer.
 *
 * Deterministic mode: the iteration is one full-scenario run with the master seed; an agent's candidates
 * are priced by one full run with its iteration seed, the other agents keeping their current policies.
 * Bootstrap mode: the iteration is the mean over N full-scenario runs with the sample seeds (per-agent costs
 * are each agent's own mean, not SimCash's even split), plus one master-seed run kept as its representative;
 * candidates are priced on the agent's N pre-built samples in the sandbox.
 */
import type { EngineConfigJson } from '../config';
import type { CostTotals } from '../engine';
import type { BootstrapSample } from './bootstrap-samples';
import type { Pacer } from './cancellation';
import { isDeterministic, type ExperimentConfig } from './experiment-config';
import { configWithPolicies } from './policy-config';
import { behaviourKey, type PolicyDocument } from './policy-document';
import { sandboxConfig } from './sandbox';
import { iterationSeed, sampleSeed } from './seeds';
import { simulate, type SimulationOutcome } from './simulation';
import { costStatistics, integerMean, type CostStatistics } from './statistics';

export type EvaluationModeName = 'deterministic' | 'bootstrap';

/** A full-scenario run with the policies of an iteration. */
export interface EvaluatedRun {
	seed: number;
	ticks: number;
	config: EngineConfigJson;
	outcome: SimulationOutcome;
}

export interface SampleResult {
	index: number;
	seed: number;
	/** Optimized agents' costs, cents. */
	costs: Record<string, number>;
	total: number;
}

export interface IterationEvaluation {
	mode: EvaluationModeName;
	/** Σ over optimized agents (mean over samples in bootstrap mode), cents. */
	totalCost: number;
	agentCosts: Record<string, number>;
	/** Bootstrap mode: each agent's mean, standard deviation and 95 % interval over the samples. */
	statistics: Record<string, CostStatistics> | null;
	samples: SampleResult[];
	/** Each optimized agent's cost components (mean over samples in bootstrap mode), cents. */
	breakdowns: Record<string, CostTotals>;
	/** The master-seed run: the iteration's stored evaluation simulation. */
	representative: EvaluatedRun;
}

export interface CandidateCosts {
	seeds: number[];
	/** The agent's cost on each sample, cents. */
	costs: number[];
	sum: number;
	/** Deterministic mode: the candidate's full run, for its settlement rate, delays and cost components. */
	run: SimulationOutcome | null;
}

/** Prices candidate policies of one agent on the samples of its paired comparison. */
export interface CandidateOracle {
	readonly mode: EvaluationModeName;
	readonly agentId: string;
	readonly samples: number;
	evaluate(policy: PolicyDocument): Promise<CandidateCosts>;
}

export interface EvaluatorOptions {
	experiment: ExperimentConfig;
	/** The scenario's engine configuration (its own policies for agents that are not optimized). */
	scenario: EngineConfigJson;
	pacer: Pacer;
}

/** Receives each Monte-Carlo run of a bootstrap-mode iteration evaluation (to store it, if asked). */
export type SampleRunHook = (index: number, run: EvaluatedRun) => Promise<void>;

const COST_KEYS = [
	'collateral_cost',
	'delay_cost',
	'liquidity_cost',
	'liquidity_opportunity_cost',
	'penalty_cost',
	'split_friction_cost',
	'total'
] as const satisfies readonly (keyof CostTotals)[];

function meanBreakdown(breakdowns: readonly CostTotals[]): CostTotals {
	const mean = {} as CostTotals;
	for (const key of COST_KEYS) mean[key] = integerMean(breakdowns.map((b) => b[key]));
	return mean;
}

export class Evaluator {
	/** Simulations run so far: full-scenario runs and sandbox runs. */
	fullRuns = 0;
	sandboxRuns = 0;
	private readonly experiment: ExperimentConfig;
	private readonly scenario: EngineConfigJson;
	private readonly pacer: Pacer;
	private samples: ReadonlyMap<string, readonly BootstrapSample[]> | null = null;
	/** Sandbox costs depend only on the agent's own policy, so they hold for the whole run. */
	private readonly sandboxCache = new Map<string, Map<string, CandidateCosts>>();

	constructor(options: EvaluatorOptions) {
		this.experiment = options.experiment;
		this.scenario = options.scenario;
		this.pacer = options.pacer;
	}

	/** Bootstrap mode: each optimized agent's samples, built once from the initial simulation. */
	useSamples(samples: ReadonlyMap<string, readonly BootstrapSample[]>): void {
		this.samples = samples;
		this.sandboxCache.clear();
	}

	get mode(): EvaluationModeName {
		return isDeterministic(this.experiment) ? 'deterministic' : 'bootstrap';
	}

	private get ticks(): number {
		return this.experiment.evaluation.ticks;
	}

	private get agents(): readonly string[] {
		return this.experiment.optimizedAgents;
	}

	/** A full-scenario run of `policies` with `seed`. */
	async run(
		policies: Readonly<Record<string, PolicyDocument>>,
		seed: number,
		events = false
	): Promise<EvaluatedRun> {
		await this.pacer.checkpoint();
		const config = configWithPolicies(this.scenario, policies, seed);
		this.fullRuns++;
		return { seed, ticks: this.ticks, config, outcome: simulate(config, this.ticks, events) };
	}

	private sampleResult(index: number, run: EvaluatedRun): SampleResult {
		const costs: Record<string, number> = {};
		let total = 0;
		for (const agent of this.agents) {
			costs[agent] = run.outcome.costs[agent];
			total += costs[agent];
		}
		return { index, seed: run.seed, costs, total };
	}

	/** Evaluates the policies in force at the start of an iteration. */
	async evaluateIteration(
		policies: Readonly<Record<string, PolicyDocument>>,
		onSampleRun?: SampleRunHook
	): Promise<IterationEvaluation> {
		const master = this.experiment.masterSeed;
		if (this.mode === 'deterministic') {
			const run = await this.run(policies, master);
			const sample = this.sampleResult(0, run);
			const breakdowns: Record<string, CostTotals> = {};
			for (const agent of this.agents) breakdowns[agent] = run.outcome.breakdowns[agent];
			return {
				mode: 'deterministic',
				totalCost: sample.total,
				agentCosts: sample.costs,
				statistics: null,
				samples: [sample],
				breakdowns,
				representative: run
			};
		}
		const samples: SampleResult[] = [];
		const sampleBreakdowns: Record<string, CostTotals[]> = {};
		for (const agent of this.agents) sampleBreakdowns[agent] = [];
		for (let index = 0; index < this.experiment.evaluation.numSamples; index++) {
			const run = await this.run(policies, sampleSeed(master, index));
			samples.push(this.sampleResult(index, run));
			for (const agent of this.agents) sampleBreakdowns[agent].push(run.outcome.breakdowns[agent]);
			await onSampleRun?.(index, run);
		}
		const agentCosts: Record<string, number> = {};
		const statistics: Record<string, CostStatistics> = {};
		const breakdowns: Record<string, CostTotals> = {};
		for (const agent of this.agents) {
			statistics[agent] = costStatistics(samples.map((sample) => sample.costs[agent]));
			agentCosts[agent] = statistics[agent].mean;
			breakdowns[agent] = meanBreakdown(sampleBreakdowns[agent]);
		}
		return {
			mode: 'bootstrap',
			totalCost: integerMean(samples.map((sample) => sample.total)),
			agentCosts,
			statistics,
			samples,
			breakdowns,
			representative: await this.run(policies, master)
		};
	}

	/** The oracle of agent `agentId` in iteration `iteration` (0-based), against the other agents' `policies`. */
	oracle(
		iteration: number,
		agentId: string,
		policies: Readonly<Record<string, PolicyDocument>>
	): CandidateOracle {
		return this.mode === 'deterministic'
			? this.deterministicOracle(iteration, agentId, policies)
			: this.sandboxOracle(agentId);
	}

	private deterministicOracle(
		iteration: number,
		agentId: string,
		policies: Readonly<Record<string, PolicyDocument>>
	): CandidateOracle {
		const seed = iterationSeed(this.experiment.masterSeed, iteration, agentId);
		const cache = new Map<string, CandidateCosts>();
		const others = { ...policies };
		return {
			mode: 'deterministic',
			agentId,
			samples: 1,
			evaluate: async (policy) => {
				const key = behaviourKey(policy);
				const known = cache.get(key);
				if (known) return known;
				const { outcome } = await this.run({ ...others, [agentId]: policy }, seed);
				const cost = outcome.costs[agentId];
				const costs: CandidateCosts = { seeds: [seed], costs: [cost], sum: cost, run: outcome };
				cache.set(key, costs);
				return costs;
			}
		};
	}

	private sandboxOracle(agentId: string): CandidateOracle {
		const samples = this.samples?.get(agentId) ?? [];
		let cache = this.sandboxCache.get(agentId);
		if (cache === undefined) {
			cache = new Map();
			this.sandboxCache.set(agentId, cache);
		}
		const agentCache = cache;
		return {
			mode: 'bootstrap',
			agentId,
			samples: samples.length,
			evaluate: async (policy) => {
				const key = behaviourKey(policy);
				const known = agentCache.get(key);
				if (known) return known;
				const costs: number[] = [];
				for (const sample of samples) {
					await this.pacer.checkpoint();
					this.sandboxRuns++;
					const outcome = simulate(sandboxConfig(this.scenario, sample, policy), sample.ticks);
					costs.push(outcome.costs[agentId]);
				}
				const result: CandidateCosts = {
					seeds: samples.map((sample) => sample.seed),
					costs,
					sum: costs.reduce((sum, cost) => sum + cost, 0),
					run: null
				};
				agentCache.set(key, result);
				return result;
			}
		};
	}
}
