/**
 * `db experiments` (also `experiment results` without an id and `experiment list --db`): the stored
 * experiments, newest first, with iterations, convergence and costs.
 */
import type { SqlDb } from '../../store/sql-db';
import {
	isoTimestampSql,
	listingLimit,
	minuteCell,
	moneyCell,
	numberOrNull,
	seedValue,
	textOrNull,
	yesNo
} from '../cells';
import type { CommandEnvironment } from '../environment';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';

export interface ExperimentRow {
	experiment_id: string;
	name: string;
	status: string;
	optimizer: string | null;
	iterations: number;
	converged: boolean;
	convergence_reason: string | null;
	final_cost: number | null;
	best_cost: number | null;
	master_seed: number | string;
	scenario: string | null;
	created_at: string;
	completed_at: string | null;
}

const COLUMNS =
	'experiment_id, name, status, optimizer, num_iterations, converged, convergence_reason, final_cost, best_cost, ' +
	`CAST(master_seed AS VARCHAR), scenario_path, ${isoTimestampSql('created_at')}, ${isoTimestampSql('completed_at')}`;

/** Experiment rows (all, or the one `where` selects), newest first. */
export async function readExperimentRows(
	db: SqlDb,
	where = '',
	limit: number | null = null
): Promise<ExperimentRow[]> {
	const result = await db.query(
		`SELECT ${COLUMNS} FROM experiments ${where} ORDER BY created_at DESC, experiment_id` +
			(limit === null ? '' : ` LIMIT ${limit}`)
	);
	return result.rows.map((row) => ({
		experiment_id: String(row[0]),
		name: String(row[1]),
		status: String(row[2]),
		optimizer: textOrNull(row[3]),
		iterations: Number(row[4]),
		converged: row[5] === true,
		convergence_reason: textOrNull(row[6]),
		final_cost: numberOrNull(row[7]),
		best_cost: numberOrNull(row[8]),
		master_seed: seedValue(String(row[9])),
		scenario: textOrNull(row[10]),
		created_at: String(row[11]),
		completed_at: textOrNull(row[12])
	}));
}

export async function executeExperimentListing(
	command: { db: string | null; limit: number | null; json: boolean },
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const limit = listingLimit(command.limit, command.json);
	const { rows, total } = await withReadableStore(env, command.db, async ({ db }) => ({
		rows: await readExperimentRows(db, '', limit),
		total: Number((await db.query('SELECT count(*) FROM experiments')).rows[0][0])
	}));
	if (command.json) {
		output.write({ kind: 'json', value: rows, indent: null });
		return 0;
	}
	if (rows.length === 0) {
		output.write({ kind: 'text', stream: 'stdout', lines: ['No experiments in this database.'] });
		return 0;
	}
	output.write({
		kind: 'table',
		stream: 'stdout',
		title: 'Experiments',
		columns: [
			{ label: 'Experiment ID', align: 'left' },
			{ label: 'Name', align: 'left' },
			{ label: 'Status', align: 'left' },
			{ label: 'Optimizer', align: 'left' },
			{ label: 'Iterations', align: 'right' },
			{ label: 'Converged', align: 'left' },
			{ label: 'Final Cost', align: 'right' },
			{ label: 'Best Cost', align: 'right' },
			{ label: 'Created (UTC)', align: 'left' }
		],
		rows: rows.map((row) => [
			row.experiment_id,
			row.name,
			row.status,
			row.optimizer ?? '-',
			String(row.iterations),
			yesNo(row.converged),
			moneyCell(row.final_cost),
			moneyCell(row.best_cost),
			minuteCell(row.created_at)
		]),
		footer: [
			'',
			`Showing ${rows.length} of ${total} experiment(s). Details: payment-sim db experiment-details <experiment-id> --db FILE`
		]
	});
	return 0;
}
