/** The stored runs a replay can show tick by tick: level full, at least one tick stored; newest first. */
import type { SqlReader } from './sql-reader';
import { cellNumber, cellText, cellTextOrNull } from './stored-values';

export interface ReplayableRun {
	simulationId: string;
	scenarioName: string | null;
	purpose: string;
	experimentId: string | null;
	ticksCompleted: number;
	numAgents: number;
}

export async function listReplayableRuns(db: SqlReader): Promise<ReplayableRun[]> {
	const result = await db.query(
		'SELECT simulation_id, scenario_name, run_purpose, experiment_id, ticks_completed, num_agents FROM simulation_runs ' +
			"WHERE persistence_level = 'full' AND ticks_completed > 0 ORDER BY started_at DESC, simulation_id"
	);
	return result.rows.map((row) => ({
		simulationId: cellText(row[0], 'simulation_id'),
		scenarioName: cellTextOrNull(row[1], 'scenario_name'),
		purpose: cellText(row[2], 'run_purpose'),
		experimentId: cellTextOrNull(row[3], 'experiment_id'),
		ticksCompleted: cellNumber(row[4], 'ticks_completed'),
		numAgents: cellNumber(row[5], 'num_agents')
	}));
}
