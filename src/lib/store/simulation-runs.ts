/**
 * The statements that write a run's row in simulation_runs: inserted first with status `running`,
 * advanced with every write transaction (ticks whose rows are all stored), completed at the end.
 */
import type { StoredLevel } from './persistence-level';
import type { RunPurpose } from './simulation-id';
import { insertSql, updateSql } from './sql-literal';

export interface RunStart {
	simulationId: string;
	purpose: RunPurpose;
	experimentId: string | null;
	iteration: number | null;
	sampleIndex: number | null;
	level: StoredLevel;
	scenarioName: string | null;
	scenarioText: string | null;
	configJson: string;
	configHash: string;
	/** u64 seed as a decimal string or number. */
	rngSeed: string | number;
	ticksPerDay: number;
	numDays: number;
	numAgents: number;
	ticksRequested: number;
	startedAt: Date;
}

export type FinalStatus = 'completed' | 'failed' | 'interrupted';

export interface RunFinish {
	status: FinalStatus;
	ticksCompleted: number;
	eventsWritten: number;
	finishedAt: Date;
	durationSeconds: number;
	totalArrivals: number | null;
	totalSettlements: number | null;
	totalCost: number | null;
	finalSummaryJson: string | null;
	errorMessage: string | null;
}

function seedLiteral(seed: string | number): bigint {
	const value = BigInt(seed);
	if (value < 0n || value >= 1n << 64n) throw new RangeError(`rng_seed out of range: ${seed}`);
	return value;
}

export function insertRunSql(run: RunStart): string {
	return insertSql('simulation_runs', {
		simulation_id: run.simulationId,
		run_purpose: run.purpose,
		experiment_id: run.experimentId,
		iteration: run.iteration,
		sample_index: run.sampleIndex,
		status: 'running',
		persistence_level: run.level,
		scenario_name: run.scenarioName,
		scenario_yaml: run.scenarioText,
		config_json: run.configJson,
		config_hash: run.configHash,
		rng_seed: seedLiteral(run.rngSeed),
		ticks_per_day: run.ticksPerDay,
		num_days: run.numDays,
		num_agents: run.numAgents,
		ticks_requested: run.ticksRequested,
		ticks_completed: 0,
		events_written: 0,
		started_at: run.startedAt
	});
}

/** Marks the ticks whose rows the same transaction completes. */
export function runProgressSql(simulationId: string, ticksCompleted: number, eventsWritten: number): string {
	return updateSql(
		'simulation_runs',
		{ ticks_completed: ticksCompleted, events_written: eventsWritten },
		{ simulation_id: simulationId }
	);
}

export function finishRunSql(simulationId: string, finish: RunFinish): string {
	return updateSql(
		'simulation_runs',
		{
			status: finish.status,
			ticks_completed: finish.ticksCompleted,
			events_written: finish.eventsWritten,
			finished_at: finish.finishedAt,
			duration_seconds: finish.durationSeconds,
			total_arrivals: finish.totalArrivals,
			total_settlements: finish.totalSettlements,
			total_cost: finish.totalCost,
			final_summary_json: finish.finalSummaryJson,
			error_message: finish.errorMessage
		},
		{ simulation_id: simulationId }
	);
}
