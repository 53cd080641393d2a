/**
 * The row of a stored simulation run that a replay starts from: what was stored (the persistence
 * level), how far the run got (ticks_completed: the stored prefix is whole ticks) and its
 * configuration, from which the replay takes the constant inputs of every TickView.
 */
import { parseEngineConfig } from '../engine';
import type { StoredLevel } from '../store/persistence-level';
import { STORED_LEVELS } from '../store/schema';
import type { SqlReader } from './sql-reader';
import { sqlLiteral } from '../store/sql-literal';
import { cellNumber, cellNumberOrNull, cellText, cellTextOrNull } from './stored-values';
import type { OverdueCostRates } from './tick-view';

export interface StoredRun {
	simulationId: string;
	/** `standalone`, or the run's role in its experiment. */
	purpose: string;
	experimentId: string | null;
	iteration: number | null;
	sampleIndex: number | null;
	status: string;
	level: StoredLevel;
	scenarioName: string | null;
	/** The u64 seed in decimal. */
	seed: string;
	ticksPerDay: number;
	numDays: number;
	ticksRequested: number;
	/** Ticks whose rows are all stored; a replay never goes beyond them. */
	ticksCompleted: number;
	eventsWritten: number;
	totalCost: number | null;
	/** The final summary as the run printed it (golden final.json form); null until the run ended. */
	finalSummaryJson: string | null;
	configJson: string;
	startedAt: string;
}

const COLUMNS = [
	'simulation_id',
	'run_purpose',
	'experiment_id',
	'iteration',
	'sample_index',
	'status',
	'persistence_level',
	'scenario_name',
	'CAST(rng_seed AS VARCHAR)',
	'ticks_per_day',
	'num_days',
	'ticks_requested',
	'ticks_completed',
	'events_written',
	'total_cost',
	'final_summary_json',
	'config_json',
	'CAST(started_at AS VARCHAR)'
];

function storedLevel(text: string): StoredLevel {
	if ((STORED_LEVELS as readonly string[]).includes(text)) return text as StoredLevel;
	throw new TypeError(`persistence_level: unknown level ${JSON.stringify(text)}`);
}

/** The run's row, or null when the database holds no run with this id. */
export async function findStoredRun(db: SqlReader, simulationId: string): Promise<StoredRun | null> {
	const result = await db.query(
		`SELECT ${COLUMNS.join(', ')} FROM simulation_runs WHERE simulation_id = ${sqlLiteral(simulationId)}`
	);
	const row = result.rows[0];
	if (row === undefined) return null;
	return {
		simulationId: cellText(row[0], 'simulation_id'),
		purpose: cellText(row[1], 'run_purpose'),
		experimentId: cellTextOrNull(row[2], 'experiment_id'),
		iteration: cellNumberOrNull(row[3], 'iteration'),
		sampleIndex: cellNumberOrNull(row[4], 'sample_index'),
		status: cellText(row[5], 'status'),
		level: storedLevel(cellText(row[6], 'persistence_level')),
		scenarioName: cellTextOrNull(row[7], 'scenario_name'),
		seed: cellText(row[8], 'rng_seed'),
		ticksPerDay: cellNumber(row[9], 'ticks_per_day'),
		numDays: cellNumber(row[10], 'num_days'),
		ticksRequested: cellNumber(row[11], 'ticks_requested'),
		ticksCompleted: cellNumber(row[12], 'ticks_completed'),
		eventsWritten: cellNumber(row[13], 'events_written'),
		totalCost: cellNumberOrNull(row[14], 'total_cost'),
		finalSummaryJson: cellTextOrNull(row[15], 'final_summary_json'),
		configJson: cellText(row[16], 'config_json'),
		startedAt: cellText(row[17], 'started_at')
	};
}

/** The configured rates of the overdue summary, from the run's engine configuration (defaults applied). */
export function overdueCostRatesOf(run: StoredRun): OverdueCostRates {
	const rates = parseEngineConfig(JSON.parse(run.configJson)).cost_rates;
	return {
		deadlinePenalty: rates.deadline_penalty,
		delayCostPerTickPerCent: rates.delay_cost_per_tick_per_cent,
		overdueDelayMultiplier: rates.overdue_delay_multiplier
	};
}
