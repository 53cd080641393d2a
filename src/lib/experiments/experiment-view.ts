/**
 * A stored experiment read back for display: its row, every iteration's costs and liquidity fractions
 * with each agent's proposal verdict, and the final evaluation. Reads the tables where they hold the
 * data and the event log for what only it keeps (proposals without a candidate, the final policies and
 * costs); JSON is parsed here because DuckDB-WASM has no JSON extension offline.
 */
import type { QueryResult, SqlValue } from '../store/sql-db';
import { sqlLiteral } from '../store/sql-literal';
import { liquidityFraction, type PolicyDocument } from './policy-document';
import type { IterationProgress, ProposalProgress } from './progress-recorder';
import type { ExperimentFinish, ProposalRecord } from './recorder';
import type { CostStatistics } from './statistics';

export type RunQuery = (sql: string) => Promise<QueryResult>;

export interface StoredExperimentSummary {
	experimentId: string;
	name: string;
	optimizer: string;
	status: string;
	iterations: number;
	converged: boolean;
	convergenceReason: string | null;
	/** Cents. */
	finalCost: number | null;
	createdAt: string;
}

export interface ExperimentFinal {
	/** Cents, per optimized agent, in the final evaluation. */
	costs: Record<string, number>;
	fractions: Record<string, number>;
	totalCost: number;
}

export interface StoredIteration extends IterationProgress {
	evaluationSimulationId: string;
	evaluationMode: string;
	/** Policies in force during the evaluation, as stored. */
	policies: Record<string, PolicyDocument>;
	/** Bootstrap mode: per-agent cost statistics over the samples, as stored; null in deterministic mode. */
	statistics: Record<string, CostStatistics> | null;
}

export interface ExperimentView {
	summary: StoredExperimentSummary;
	agents: string[];
	iterations: StoredIteration[];
	final: ExperimentFinal | null;
	/** Simulation runs stored for this experiment (evaluations and the final run). */
	linkedRuns: number;
}

const SUMMARY_COLUMNS =
	'experiment_id, name, optimizer, status, num_iterations, converged, convergence_reason, final_cost, CAST(created_at AS VARCHAR)';

function numberOf(value: SqlValue): number {
	return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

function summaryOf(row: SqlValue[]): StoredExperimentSummary {
	const [id, name, optimizer, status, iterations, converged, reason, finalCost, createdAt] = row;
	return {
		experimentId: String(id),
		name: String(name),
		optimizer: String(optimizer),
		status: String(status),
		iterations: numberOf(iterations),
		converged: converged === true,
		convergenceReason: reason === null ? null : String(reason),
		finalCost: finalCost === null ? null : numberOf(finalCost),
		createdAt: String(createdAt)
	};
}

/** Stored experiments, newest first. */
export async function listStoredExperiments(query: RunQuery): Promise<StoredExperimentSummary[]> {
	const found = await query(`SELECT ${SUMMARY_COLUMNS} FROM experiments ORDER BY created_at DESC`);
	return found.rows.map(summaryOf);
}

function fractionsOf(policies: Record<string, PolicyDocument>): Record<string, number> {
	return Object.fromEntries(
		Object.entries(policies).map(([agent, policy]) => [agent, liquidityFraction(policy)])
	);
}

function proposalOf(record: Omit<ProposalRecord, 'audit'>): ProposalProgress {
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

interface FinalRunEvent {
	purpose: string;
	total_cost: number;
	per_agent_costs: Record<string, number>;
}

export async function loadExperimentView(query: RunQuery, experimentId: string): Promise<ExperimentView> {
	const id = sqlLiteral(experimentId);
	const found = await query(`SELECT ${SUMMARY_COLUMNS} FROM experiments WHERE experiment_id = ${id}`);
	if (found.rows.length === 0) throw new Error(`no experiment ${experimentId} in this database`);
	const summary = summaryOf(found.rows[0]);

	const iterationRows = await query(
		`SELECT iteration, total_cost, costs_per_agent, policies, evaluation_simulation_id, completed_at IS NOT NULL,
		 evaluation_mode, cost_statistics FROM experiment_iterations WHERE experiment_id = ${id} ORDER BY iteration`
	);
	const events = await query(
		`SELECT event_type, event_data FROM experiment_events WHERE experiment_id = ${id}
		 AND event_type IN ('evaluation', 'proposal', 'simulation_run', 'experiment_end') ORDER BY seq`
	);
	const linked = await query(`SELECT count(*) FROM simulation_runs WHERE experiment_id = ${id}`);

	const proposals: Record<number, ProposalProgress[]> = {};
	let finalRun: FinalRunEvent | null = null;
	let finish: Pick<ExperimentFinish, 'finalPolicies'> | null = null;
	for (const [type, data] of events.rows) {
		const value: unknown = JSON.parse(String(data));
		if (type === 'evaluation') {
			// A resumed run evaluates its first iteration again: proposals left by the interrupted run from
			// that iteration on are stale.
			const from = (value as { iteration: number }).iteration;
			for (const key of Object.keys(proposals)) if (Number(key) >= from) delete proposals[Number(key)];
		} else if (type === 'proposal') {
			const record = value as Omit<ProposalRecord, 'audit'>;
			(proposals[record.iteration] ??= []).push(proposalOf(record));
		} else if (type === 'simulation_run' && (value as FinalRunEvent).purpose === 'final') {
			finalRun = value as FinalRunEvent;
		} else if (type === 'experiment_end') {
			finish = value as Pick<ExperimentFinish, 'finalPolicies'>;
		}
	}

	const iterations = iterationRows.rows.map(
		([iteration, total, costs, policiesJson, simulationId, committed, mode, statistics]): StoredIteration => {
			const number = numberOf(iteration);
			const policies = JSON.parse(String(policiesJson)) as Record<string, PolicyDocument>;
			return {
				experimentId,
				iteration: number,
				maxIterations: 0,
				totalCost: numberOf(total),
				agentCosts: JSON.parse(String(costs)) as Record<string, number>,
				fractions: fractionsOf(policies),
				proposals: proposals[number] ?? [],
				committed: committed === true,
				evaluationSimulationId: String(simulationId),
				evaluationMode: String(mode),
				policies,
				statistics:
					statistics === null ? null : (JSON.parse(String(statistics)) as Record<string, CostStatistics>)
			};
		}
	);
	const agents = Object.keys(iterations[0]?.agentCosts ?? {});
	const final =
		finalRun === null || finish === null
			? null
			: {
					costs: finalRun.per_agent_costs,
					fractions: fractionsOf(finish.finalPolicies),
					totalCost: finalRun.total_cost
				};
	return { summary, agents, iterations, final, linkedRuns: numberOf(linked.rows[0]?.[0] ?? 0) };
}
