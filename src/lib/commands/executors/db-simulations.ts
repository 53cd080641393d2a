/** `db simulations`: the stored runs, standalone and of experiments, newest first. */
import { sqlLiteral } from '../../store/sql-literal';
import {
	isoTimestampSql,
	listingLimit,
	minuteCell,
	moneyCell,
	numberOrNull,
	plainCell,
	seedValue,
	textOrNull
} from '../cells';
import type { DbSimulationsCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';

export interface SimulationRow {
	simulation_id: string;
	experiment_id: string | null;
	iteration: number | null;
	sample_index: number | null;
	run_purpose: string;
	status: string;
	persistence_level: string;
	scenario: string | null;
	seed: number | string;
	/** Ticks executed and stored. */
	ticks: number;
	ticks_requested: number;
	events: number;
	total_cost: number | null;
	started_at: string;
}

export async function executeDbSimulations(
	command: DbSimulationsCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const limit = listingLimit(command.limit, command.json);
	const { rows, total } = await withReadableStore(env, command.db, async ({ db }) => {
		const where =
			command.experimentId === null ? '' : `WHERE experiment_id = ${sqlLiteral(command.experimentId)}`;
		const result = await db.query(
			'SELECT simulation_id, experiment_id, iteration, sample_index, run_purpose, status, persistence_level, ' +
				'scenario_name, CAST(rng_seed AS VARCHAR), ticks_completed, ticks_requested, events_written, total_cost, ' +
				`${isoTimestampSql('started_at')} FROM simulation_runs ${where} ORDER BY started_at DESC, simulation_id` +
				(limit === null ? '' : ` LIMIT ${limit}`)
		);
		const count = await db.query(`SELECT count(*) FROM simulation_runs ${where}`);
		return {
			total: Number(count.rows[0][0]),
			rows: result.rows.map(
				(row): SimulationRow => ({
					simulation_id: String(row[0]),
					experiment_id: textOrNull(row[1]),
					iteration: numberOrNull(row[2]),
					sample_index: numberOrNull(row[3]),
					run_purpose: String(row[4]),
					status: String(row[5]),
					persistence_level: String(row[6]),
					scenario: textOrNull(row[7]),
					seed: seedValue(String(row[8])),
					ticks: Number(row[9]),
					ticks_requested: Number(row[10]),
					events: Number(row[11]),
					total_cost: numberOrNull(row[12]),
					started_at: String(row[13])
				})
			)
		};
	});
	if (command.json) {
		output.write({ kind: 'json', value: rows, indent: null });
		return 0;
	}
	if (rows.length === 0) {
		output.write({ kind: 'text', stream: 'stdout', lines: ['No simulation runs in this database.'] });
		return 0;
	}
	output.write({
		kind: 'table',
		stream: 'stdout',
		title: 'Simulation runs',
		columns: [
			{ label: 'Simulation ID', align: 'left' },
			{ label: 'Experiment', align: 'left' },
			{ label: 'Iter', align: 'right' },
			{ label: 'Purpose', align: 'left' },
			{ label: 'Status', align: 'left' },
			{ label: 'Level', align: 'left' },
			{ label: 'Ticks', align: 'right' },
			{ label: 'Total Cost', align: 'right' },
			{ label: 'Started (UTC)', align: 'left' }
		],
		rows: rows.map((row) => [
			row.simulation_id,
			plainCell(row.experiment_id),
			plainCell(row.iteration),
			row.run_purpose + (row.sample_index === null ? '' : ` #${row.sample_index}`),
			row.status,
			row.persistence_level,
			String(row.ticks),
			moneyCell(row.total_cost),
			minuteCell(row.started_at)
		]),
		footer: [
			'',
			`Showing ${rows.length} of ${total} run(s). Replay one: payment-sim replay <simulation-id> --db FILE --verbose`
		]
	});
	return 0;
}
