/**
 * `experiment results <id>`: the experiment's iterations — evaluation cost, each agent's cost, which
 * proposals were accepted, the evaluation run. Without an id, the stored experiments (as db experiments).
 */
import { sqlLiteral } from '../../store/sql-literal';
import { listingLimit, moneyCell, numberOrNull, textOrNull } from '../cells';
import type { ExperimentResultsCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import { experimentExists } from '../experiment-runs';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';
import { executeExperimentListing } from './db-experiments';

export interface IterationRow {
	iteration: number;
	evaluation_mode: string;
	total_cost: number;
	costs_per_agent: Record<string, number>;
	/** Null until the iteration's proposals are decided. */
	accepted_changes: Record<string, boolean> | null;
	evaluation_simulation_id: string | null;
}

export async function executeExperimentResults(
	command: ExperimentResultsCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const experimentId = command.experimentId;
	if (experimentId === null) return executeExperimentListing(command, env, output);
	const limit = listingLimit(command.limit, command.json);
	const rows = await withReadableStore(env, command.db, async ({ db, name }) => {
		if (!(await experimentExists(db, experimentId)))
			throw new CommandFailure(`no experiment ${experimentId} in ${name}`);
		const result = await db.query(
			'SELECT iteration, evaluation_mode, total_cost, costs_per_agent, accepted_changes, evaluation_simulation_id ' +
				`FROM experiment_iterations WHERE experiment_id = ${sqlLiteral(experimentId)} ORDER BY iteration` +
				(limit === null ? '' : ` LIMIT ${limit}`)
		);
		return result.rows.map(
			(row): IterationRow => ({
				iteration: Number(row[0]),
				evaluation_mode: String(row[1]),
				total_cost: Number(row[2]),
				costs_per_agent: JSON.parse(String(row[3])) as Record<string, number>,
				accepted_changes: row[4] === null ? null : (JSON.parse(String(row[4])) as Record<string, boolean>),
				evaluation_simulation_id: textOrNull(row[5])
			})
		);
	});
	if (command.json) {
		output.write({ kind: 'json', value: rows, indent: null });
		return 0;
	}
	if (rows.length === 0) {
		output.write({
			kind: 'text',
			stream: 'stdout',
			lines: [`Experiment ${experimentId} has no iterations yet.`]
		});
		return 0;
	}
	const agents = Object.keys(rows[0].costs_per_agent);
	output.write({
		kind: 'table',
		stream: 'stdout',
		title: `Experiment ${experimentId}: iterations`,
		columns: [
			{ label: 'Iter', align: 'right' },
			{ label: 'Total Cost', align: 'right' },
			...agents.map((agent) => ({ label: agent, align: 'right' as const })),
			{ label: 'Accepted', align: 'left' },
			{ label: 'Evaluation run', align: 'left' }
		],
		rows: rows.map((row) => [
			String(row.iteration),
			moneyCell(row.total_cost),
			...agents.map((agent) => moneyCell(numberOrNull(row.costs_per_agent[agent] ?? null))),
			row.accepted_changes === null
				? '(undecided)'
				: Object.entries(row.accepted_changes)
						.filter(([, accepted]) => accepted)
						.map(([agent]) => agent)
						.join(', ') || 'none',
			row.evaluation_simulation_id ?? '-'
		]),
		footer: []
	});
	return 0;
}
