/**
 * The statements that write an experiment: its row first (status `running`), one row per iteration
 * (its evaluation, then the accept/reject decision of every agent's proposal), one row per evaluated
 * proposal, accepted or rejected, and the audit log. Evaluation runs are simulation runs linked by
 * their structured ids (simulation-run.ts with `experiment`). Money is integer cents; JSON documents
 * are stored as compact JSON text.
 */
import { canonicalJson, sha256Hex } from './canonical-json';
import { insertSql, updateSql, type LiteralValue } from './sql-literal';

export type ExperimentStatus = 'running' | 'completed' | 'failed' | 'interrupted';
export type EvaluationMode = 'deterministic' | 'bootstrap';

/** Cents must be exact integers: a fraction would be rounded silently by a BIGINT column. */
function cents(value: number, name: string): number {
	if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be integer cents, got ${value}`);
	return value;
}

function centsOrNull(value: number | null | undefined, name: string): number | null {
	return value === null || value === undefined ? null : cents(value, name);
}

function json(value: unknown): string {
	return JSON.stringify(value);
}

function jsonOrNull(value: unknown): string | null {
	return value === null || value === undefined ? null : JSON.stringify(value);
}

export interface ExperimentStart {
	experimentId: string;
	name: string;
	experimentType: string;
	description: string | null;
	/** The experiment file as given. */
	configYaml: string | null;
	/** The configuration as loaded. */
	config: unknown;
	scenarioPath: string | null;
	/** u64 as a decimal string, a bigint or a safe integer. */
	masterSeed: string | bigint | number;
	optimizer: string | null;
	createdAt: Date;
}

export function insertExperimentSql(start: ExperimentStart): string {
	const seed = BigInt(start.masterSeed);
	if (seed < 0n || seed >= 1n << 64n) throw new RangeError(`master_seed out of range: ${start.masterSeed}`);
	return insertSql('experiments', {
		experiment_id: start.experimentId,
		name: start.name,
		experiment_type: start.experimentType,
		description: start.description,
		config_yaml: start.configYaml,
		config_json: json(start.config),
		scenario_path: start.scenarioPath,
		master_seed: seed,
		optimizer: start.optimizer,
		status: 'running',
		created_at: start.createdAt,
		num_iterations: 0,
		converged: false
	});
}

/** After each iteration: how far the experiment got and its best cost so far. */
export function experimentProgressSql(
	experimentId: string,
	numIterations: number,
	bestCost: number | null
): string {
	return updateSql(
		'experiments',
		{ num_iterations: numIterations, best_cost: centsOrNull(bestCost, 'best_cost') },
		{ experiment_id: experimentId }
	);
}

export interface ExperimentEnd {
	status: Exclude<ExperimentStatus, 'running'>;
	completedAt: Date;
	numIterations: number;
	converged: boolean;
	convergenceReason: string | null;
	finalCost: number | null;
	bestCost: number | null;
}

export function finishExperimentSql(experimentId: string, end: ExperimentEnd): string {
	return updateSql(
		'experiments',
		{
			status: end.status,
			completed_at: end.completedAt,
			num_iterations: end.numIterations,
			converged: end.converged,
			convergence_reason: end.convergenceReason,
			final_cost: centsOrNull(end.finalCost, 'final_cost'),
			best_cost: centsOrNull(end.bestCost, 'best_cost')
		},
		{ experiment_id: experimentId }
	);
}

export interface IterationEvaluation {
	experimentId: string;
	iteration: number;
	evaluationMode: EvaluationMode;
	totalCost: number;
	costsPerAgent: Record<string, number>;
	/** The policies in force during the evaluation, by agent. */
	policies: Record<string, unknown>;
	/** Bootstrap statistics per agent (cents), if any. */
	costStatistics?: unknown;
	/** The stored evaluation run (it must be stored first). */
	evaluationSimulationId: string | null;
	createdAt: Date;
}

export function insertIterationSql(evaluation: IterationEvaluation): string {
	for (const [agent, cost] of Object.entries(evaluation.costsPerAgent)) cents(cost, `cost of ${agent}`);
	return insertSql('experiment_iterations', {
		experiment_id: evaluation.experimentId,
		iteration: evaluation.iteration,
		evaluation_mode: evaluation.evaluationMode,
		total_cost: cents(evaluation.totalCost, 'total_cost'),
		costs_per_agent: json(evaluation.costsPerAgent),
		policies: json(evaluation.policies),
		accepted_changes: null,
		cost_statistics: jsonOrNull(evaluation.costStatistics),
		evaluation_simulation_id: evaluation.evaluationSimulationId,
		created_at: evaluation.createdAt,
		completed_at: null
	});
}

/** Once every agent's proposal of the iteration is decided: which were accepted. */
export function decideIterationSql(
	experimentId: string,
	iteration: number,
	acceptedChanges: Record<string, boolean>,
	completedAt: Date
): string {
	return updateSql(
		'experiment_iterations',
		{ accepted_changes: json(acceptedChanges), completed_at: completedAt },
		{ experiment_id: experimentId, iteration }
	);
}

export interface PolicyEvaluationRecord {
	experimentId: string;
	iteration: number;
	agentId: string;
	/** Order of the agent's proposals within the iteration, 0-based. */
	proposalIndex: number;
	proposer: string;
	evaluationMode: EvaluationMode;
	proposedPolicy: unknown;
	oldCost: number;
	newCost: number;
	deltaSum: number;
	contextSimulationCost?: number | null;
	accepted: boolean;
	acceptanceReason: string;
	numSamples: number;
	scenarioSeed?: string | bigint | number | null;
	sampleDetails?: unknown;
	costStdDev?: number | null;
	ci95Lower?: number | null;
	ci95Upper?: number | null;
	settlementRate?: number | null;
	avgDelay?: number | null;
	costBreakdown?: unknown;
	agentStats?: unknown;
	evaluationSimulationId?: string | null;
	createdAt: Date;
}

export async function insertPolicyEvaluationSql(record: PolicyEvaluationRecord): Promise<string> {
	const row: Record<string, LiteralValue> = {
		experiment_id: record.experimentId,
		iteration: record.iteration,
		agent_id: record.agentId,
		proposal_index: record.proposalIndex,
		proposer: record.proposer,
		evaluation_mode: record.evaluationMode,
		proposed_policy: json(record.proposedPolicy),
		proposed_policy_hash: await sha256Hex(canonicalJson(record.proposedPolicy)),
		old_cost: cents(record.oldCost, 'old_cost'),
		new_cost: cents(record.newCost, 'new_cost'),
		delta_sum: cents(record.deltaSum, 'delta_sum'),
		context_simulation_cost: centsOrNull(record.contextSimulationCost, 'context_simulation_cost'),
		accepted: record.accepted,
		acceptance_reason: record.acceptanceReason,
		num_samples: record.numSamples,
		scenario_seed:
			record.scenarioSeed === null || record.scenarioSeed === undefined ? null : BigInt(record.scenarioSeed),
		sample_details: jsonOrNull(record.sampleDetails),
		cost_std_dev: centsOrNull(record.costStdDev, 'cost_std_dev'),
		ci_95_lower: centsOrNull(record.ci95Lower, 'ci_95_lower'),
		ci_95_upper: centsOrNull(record.ci95Upper, 'ci_95_upper'),
		settlement_rate: record.settlementRate ?? null,
		avg_delay: record.avgDelay ?? null,
		cost_breakdown: jsonOrNull(record.costBreakdown),
		agent_stats: jsonOrNull(record.agentStats),
		evaluation_simulation_id: record.evaluationSimulationId ?? null,
		created_at: record.createdAt
	};
	return insertSql('policy_evaluations', row);
}

export interface ExperimentEventRecord {
	experimentId: string;
	/** Order within the experiment, 0-based. */
	seq: number;
	iteration: number;
	eventType: string;
	agentId: string | null;
	data: unknown;
	createdAt: Date;
}

export function insertExperimentEventSql(event: ExperimentEventRecord): string {
	return insertSql('experiment_events', {
		experiment_id: event.experimentId,
		seq: event.seq,
		iteration: event.iteration,
		event_type: event.eventType,
		agent_id: event.agentId,
		event_data: json(event.data),
		created_at: event.createdAt
	});
}
