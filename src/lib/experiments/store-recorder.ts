/**
 * The recorder on the unified store (seed design's default policy): the `experiments` row first; each
 * iteration's evaluation in `experiment_iterations`, every evaluated proposal (accepted and rejected) in
 * `policy_evaluations`, and an append-only log in `experiment_events` (evaluations, proposals, the
 * proposer's audit — prompts and replies, or the search's candidates — commits, recorded runs). Recorded
 * simulations are re-run from their exact configuration and stored at level `full` under their structured
 * ids, so every iteration links to a replayable evaluation run. Each call is one transaction; commits
 * and the end are checkpointed, so a killed run loses at most the iteration in flight.
 *
 * `loadStoredExperiment` (stored-experiment.ts) reads back what a resumed run needs.
 */
import { runSimulation as runStoredSimulation } from '../run/simulation-run';
import { canonicalJson } from '../store/canonical-json';
import { TABLES } from '../store/schema';
import { insertSql, sqlLiteral, updateSql, type LiteralValue } from '../store/sql-literal';
import type { StoreSink } from '../store/store-sink';
import { sha256Hex } from '../engine/sha256';
import type {
	ExperimentFinish,
	ExperimentRecorder,
	ExperimentResume,
	ExperimentStart,
	ExperimentStatus,
	IterationCommit,
	IterationRecord,
	ProposalAudit,
	ProposalRecord,
	RecordedSimulation
} from './recorder';
import type { StoredScenario } from './stored-experiment';

export {
	isResumableStatus,
	loadStoredExperiment,
	type StoredExperiment,
	type StoredScenario
} from './stored-experiment';

export interface StoreRecorderOptions {
	sink: StoreSink;
	/** Clock of the stored run rows (tests pass a fixed one). */
	now?: () => Date;
	/** Resuming: the stored experiment (scenario and next event number) from `loadStoredExperiment`. */
	resume?: { scenario: StoredScenario; nextSeq: number };
	yieldToEventLoop?: () => Promise<void>;
}

const EXPERIMENT_STATUS: Readonly<Record<ExperimentStatus, string>> = {
	completed: 'completed',
	cancelled: 'interrupted',
	failed: 'failed'
};

function json(value: unknown): string {
	return JSON.stringify(value);
}

/**
 * Deletes the rows of iterations that are run again and of their runs, in two transactions: DuckDB refuses
 * to delete a referenced row in the transaction that deletes the rows referencing it.
 */
function staleRowsSql(experimentId: string, fromIteration: number): [string[], string[]] {
	const id = sqlLiteral(experimentId);
	const from = sqlLiteral(fromIteration);
	const staleRuns =
		`SELECT simulation_id FROM simulation_runs WHERE experiment_id = ${id} ` +
		`AND (iteration >= ${from} OR run_purpose = 'final')`;
	const runTables = TABLES.filter(
		(table) =>
			table.name !== 'simulation_runs' && table.columns.some((column) => column.name === 'simulation_id')
	);
	return [
		[
			`DELETE FROM policy_evaluations WHERE experiment_id = ${id} AND iteration >= ${from}`,
			`DELETE FROM experiment_iterations WHERE experiment_id = ${id} AND iteration >= ${from}`,
			...runTables.map((table) => `DELETE FROM ${table.name} WHERE simulation_id IN (${staleRuns})`)
		],
		[`DELETE FROM simulation_runs WHERE simulation_id IN (${staleRuns})`]
	];
}

function auditEventType(audit: ProposalAudit): string {
	return audit.kind === 'llm' ? 'llm_interaction' : 'search_candidates';
}

export class StoreRecorder implements ExperimentRecorder {
	private readonly sink: StoreSink;
	private readonly clock: () => Date;
	private seq: number;
	private experimentId: string | null = null;
	private scenario: StoredScenario | null;

	constructor(private readonly options: StoreRecorderOptions) {
		this.sink = options.sink;
		this.clock = options.now ?? (() => new Date());
		this.seq = options.resume?.nextSeq ?? 0;
		this.scenario = options.resume?.scenario ?? null;
	}

	private get id(): string {
		if (this.experimentId === null) throw new Error('the experiment has not started');
		return this.experimentId;
	}

	private event(iteration: number, type: string, data: unknown, agentId: string | null = null): string {
		return insertSql('experiment_events', {
			experiment_id: this.id,
			seq: this.seq++,
			iteration,
			event_type: type,
			agent_id: agentId,
			event_data: json(data),
			created_at: this.clock()
		});
	}

	async experimentStarted(start: ExperimentStart): Promise<void> {
		this.experimentId = start.experimentId;
		this.scenario = start.scenario;
		const { config } = start;
		await this.sink.execute([
			insertSql('experiments', {
				experiment_id: start.experimentId,
				name: config.name,
				experiment_type: 'generic',
				description: config.description,
				config_yaml: start.configText,
				config_json: json({
					experiment: config,
					scenario: start.scenario,
					proposerLabel: start.proposerLabel
				}),
				scenario_path: start.scenario.fileName,
				master_seed: BigInt(config.masterSeed),
				optimizer: start.optimizer,
				status: 'running',
				created_at: start.startedAt,
				num_iterations: 0,
				converged: false,
				convergence_reason: null,
				final_cost: null,
				best_cost: null
			}),
			this.event(0, 'experiment_start', { optimizer: start.optimizer, proposerLabel: start.proposerLabel })
		]);
		await this.sink.flush();
	}

	async experimentResumed(resume: ExperimentResume): Promise<void> {
		this.experimentId = resume.experimentId;
		const [referencing, runs] = staleRowsSql(resume.experimentId, resume.fromIteration);
		await this.sink.execute(referencing);
		await this.sink.execute([
			...runs,
			updateSql(
				'experiments',
				{
					status: 'running',
					completed_at: null,
					converged: false,
					convergence_reason: null,
					final_cost: null
				},
				{ experiment_id: resume.experimentId }
			),
			this.event(resume.fromIteration, 'experiment_resumed', resume)
		]);
		await this.sink.flush();
	}

	async simulationRun(run: RecordedSimulation): Promise<void> {
		const scenario = this.scenario;
		const stored = await runStoredSimulation(
			{
				config: run.config,
				scenarioName: scenario?.fileName ?? 'experiment',
				scenarioText: scenario?.text ?? null,
				ticks: run.ticks,
				persist: 'full',
				simulationId: run.simulationId,
				experiment: {
					experimentId: this.id,
					iteration: run.iteration,
					purpose: run.purpose,
					...(run.sampleIndex !== null ? { sampleIndex: run.sampleIndex } : {})
				},
				now: this.clock
			},
			this.sink,
			{ cancelled: false },
			() => undefined,
			this.options.yieldToEventLoop ?? (async () => undefined)
		);
		for (const [agent, cost] of Object.entries(run.agentCosts)) {
			const again = stored.summary.agents.find((item) => item.id === agent)?.costs_total_all_days.total;
			if (again !== cost)
				throw new Error(`${run.simulationId}: the stored run of ${agent} cost ${again}, not ${cost}`);
		}
		await this.sink.execute([
			this.event(run.iteration, 'simulation_run', {
				simulation_id: run.simulationId,
				purpose: run.purpose,
				seed: run.seed,
				ticks: run.ticks,
				total_cost: run.totalCost,
				per_agent_costs: run.agentCosts,
				num_events: stored.events
			})
		]);
	}

	async iterationStarted(record: IterationRecord): Promise<void> {
		await this.sink.execute([
			insertSql('experiment_iterations', {
				experiment_id: this.id,
				iteration: record.iteration,
				evaluation_mode: record.mode,
				total_cost: record.totalCost,
				costs_per_agent: json(record.agentCosts),
				policies: json(record.policies),
				accepted_changes: null,
				cost_statistics: record.statistics === null ? null : json(record.statistics),
				evaluation_simulation_id: record.evaluationSimulationId,
				created_at: record.startedAt,
				completed_at: null
			}),
			this.event(record.iteration, 'evaluation', record)
		]);
	}

	private evaluationRow(record: ProposalRecord): Record<string, LiteralValue> | null {
		const { decision } = record;
		if (decision.kind !== 'accepted' && decision.kind !== 'rejected') return null;
		const { comparison, policy } = decision;
		const policyJson = canonicalJson(policy);
		const deterministic = comparison.mode === 'deterministic';
		return {
			experiment_id: this.id,
			iteration: record.iteration,
			agent_id: record.agentId,
			proposal_index: record.proposalIndex,
			proposer: record.proposer,
			evaluation_mode: comparison.mode,
			proposed_policy: policyJson,
			proposed_policy_hash: sha256Hex(policyJson),
			old_cost: comparison.oldCost,
			new_cost: comparison.newCost,
			delta_sum: comparison.deltaSum,
			context_simulation_cost: record.contextCost,
			accepted: decision.kind === 'accepted',
			acceptance_reason: comparison.reason,
			num_samples: comparison.samples.length,
			scenario_seed: deterministic ? BigInt(comparison.samples[0]?.seed ?? 0) : null,
			sample_details: deterministic ? null : json(comparison.samples),
			cost_std_dev: comparison.statistics?.stdDev ?? null,
			ci_95_lower: comparison.statistics?.ci95Lower ?? null,
			ci_95_upper: comparison.statistics?.ci95Upper ?? null,
			settlement_rate: comparison.settlementRate,
			avg_delay: comparison.avgDelay,
			cost_breakdown: comparison.costBreakdown === null ? null : json(comparison.costBreakdown),
			agent_stats: comparison.agentCosts === null ? null : json(comparison.agentCosts),
			evaluation_simulation_id: null,
			created_at: record.createdAt
		};
	}

	async proposalEvaluated(record: ProposalRecord): Promise<void> {
		const { audit, ...withoutAudit } = record;
		const row = this.evaluationRow(record);
		const statements = row === null ? [] : [insertSql('policy_evaluations', row)];
		statements.push(this.event(record.iteration, 'proposal', withoutAudit, record.agentId));
		if (audit !== null)
			statements.push(this.event(record.iteration, auditEventType(audit), audit, record.agentId));
		await this.sink.execute(statements);
	}

	async iterationCommitted(commit: IterationCommit): Promise<void> {
		await this.sink.execute([
			updateSql(
				'experiment_iterations',
				{ accepted_changes: json(commit.acceptedChanges), completed_at: commit.committedAt },
				{ experiment_id: this.id, iteration: commit.iteration }
			),
			updateSql('experiments', { num_iterations: commit.iteration + 1 }, { experiment_id: this.id }),
			this.event(commit.iteration, 'iteration_committed', commit)
		]);
		await this.sink.flush();
	}

	async experimentFinished(finish: ExperimentFinish): Promise<void> {
		await this.sink.execute([
			updateSql(
				'experiments',
				{
					status: EXPERIMENT_STATUS[finish.status],
					completed_at: finish.status === 'cancelled' ? null : finish.finishedAt,
					num_iterations: finish.iterations,
					converged: finish.converged,
					convergence_reason: finish.convergenceReason,
					final_cost: finish.finalCost,
					best_cost: finish.bestCost
				},
				{ experiment_id: this.id }
			),
			this.event(Math.max(0, finish.iterations - 1), 'experiment_end', finish)
		]);
		await this.sink.flush();
	}
}
