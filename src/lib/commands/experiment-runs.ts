/**
 * The simulation runs linked to an experiment, and finding one of them: by selector (`final`,
 * `iter5:evaluation`, …) or as "the final evaluation" that `replay <experiment-id>` shows.
 */
import type { SqlDb } from '../store/sql-db';
import { sqlLiteral } from '../store/sql-literal';
import { numberOrNull } from './cells';
import type { SimulationSelector } from './command';
import { CommandFailure } from './failure';

export interface LinkedRunRow {
	simulation_id: string;
	iteration: number | null;
	run_purpose: string;
	sample_index: number | null;
	status: string;
	persistence_level: string;
	ticks: number;
	total_cost: number | null;
}

/** Within an iteration, runs in the order the loop makes them. */
const PURPOSE_ORDER =
	"CASE run_purpose WHEN 'initial' THEN 0 WHEN 'evaluation' THEN 1 WHEN 'bootstrap' THEN 2 WHEN 'best' THEN 3 WHEN 'final' THEN 4 ELSE 5 END";

export async function linkedRuns(db: SqlDb, experimentId: string): Promise<LinkedRunRow[]> {
	const result = await db.query(
		'SELECT simulation_id, iteration, run_purpose, sample_index, status, persistence_level, ticks_completed, total_cost ' +
			`FROM simulation_runs WHERE experiment_id = ${sqlLiteral(experimentId)} ` +
			`ORDER BY iteration, ${PURPOSE_ORDER}, sample_index, simulation_id`
	);
	return result.rows.map((row) => ({
		simulation_id: String(row[0]),
		iteration: numberOrNull(row[1]),
		run_purpose: String(row[2]),
		sample_index: numberOrNull(row[3]),
		status: String(row[4]),
		persistence_level: String(row[5]),
		ticks: Number(row[6]),
		total_cost: numberOrNull(row[7])
	}));
}

export async function experimentExists(db: SqlDb, experimentId: string): Promise<boolean> {
	const result = await db.query(
		`SELECT count(*) FROM experiments WHERE experiment_id = ${sqlLiteral(experimentId)}`
	);
	return Number(result.rows[0][0]) > 0;
}

export interface FinalEvaluation {
	simulationId: string;
	/** How it was chosen, for the message that says so. */
	description: string;
}

/**
 * The experiment's final evaluation: its `final` run (the final policies, master seed), or, for an
 * experiment that stopped before it, the evaluation run of its last iteration. Null when it has none.
 */
export async function finalEvaluation(db: SqlDb, experimentId: string): Promise<FinalEvaluation | null> {
	const runs = await linkedRuns(db, experimentId);
	const final = runs.filter((run) => run.run_purpose === 'final').at(-1);
	if (final !== undefined) return { simulationId: final.simulation_id, description: 'its final evaluation' };
	const evaluation = runs.filter((run) => run.run_purpose === 'evaluation').at(-1);
	if (evaluation === undefined) return null;
	return {
		simulationId: evaluation.simulation_id,
		description: `its last evaluation (iteration ${evaluation.iteration}; the experiment has no final run)`
	};
}

/** The run a selector names; CommandFailure when the experiment has no such run. */
export async function selectedRun(
	db: SqlDb,
	experimentId: string,
	selector: SimulationSelector
): Promise<string> {
	const runs = await linkedRuns(db, experimentId);
	const found =
		selector.kind === 'final'
			? runs.filter((run) => run.run_purpose === 'final').at(-1)
			: runs.find(
					(run) =>
						run.iteration === selector.iteration &&
						run.run_purpose === selector.purpose &&
						run.sample_index === selector.sample
				);
	if (found === undefined) {
		const available = runs.map((run) => selectorText(run)).join(', ');
		throw new CommandFailure(
			`experiment ${experimentId} has no ${describeSelector(selector)} run` +
				(available === '' ? ' (no stored runs)' : ` (stored: ${available})`)
		);
	}
	return found.simulation_id;
}

function describeSelector(selector: SimulationSelector): string {
	if (selector.kind === 'final') return 'final';
	return `iteration ${selector.iteration} ${selector.purpose}${selector.sample === null ? '' : ` sample ${selector.sample}`}`;
}

/** How `--simulation` names a linked run. */
export function selectorText(run: LinkedRunRow): string {
	if (run.run_purpose === 'final') return 'final';
	const sample = run.sample_index === null ? '' : `:${run.sample_index}`;
	return `iter${run.iteration ?? 0}:${run.run_purpose}${sample}`;
}
