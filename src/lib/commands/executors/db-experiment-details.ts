/** `db experiment-details <id>`: one experiment's settings and outcome, and every run linked to it. */
import { sqlLiteral } from '../../store/sql-literal';
import { minuteCell, moneyCell, plainCell, yesNo } from '../cells';
import type { DbExperimentDetailsCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import { linkedRuns, selectorText } from '../experiment-runs';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';
import { readExperimentRows } from './db-experiments';

export async function executeDbExperimentDetails(
	command: DbExperimentDetailsCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const { experiment, runs } = await withReadableStore(env, command.db, async ({ db, name }) => {
		const [found] = await readExperimentRows(db, `WHERE experiment_id = ${sqlLiteral(command.experimentId)}`);
		if (found === undefined) throw new CommandFailure(`no experiment ${command.experimentId} in ${name}`);
		return { experiment: found, runs: await linkedRuns(db, command.experimentId) };
	});
	if (command.json) {
		output.write({ kind: 'json', value: { experiment, simulations: runs }, indent: null });
		return 0;
	}
	output.write({
		kind: 'text',
		stream: 'stdout',
		lines: [
			`Experiment ${experiment.experiment_id}`,
			`  Name:         ${experiment.name}`,
			`  Scenario:     ${plainCell(experiment.scenario)}`,
			`  Optimizer:    ${plainCell(experiment.optimizer)}`,
			`  Master seed:  ${experiment.master_seed}`,
			`  Status:       ${experiment.status}`,
			`  Iterations:   ${experiment.iterations}`,
			`  Converged:    ${yesNo(experiment.converged)}${experiment.convergence_reason === null ? '' : ` (${experiment.convergence_reason})`}`,
			`  Final cost:   ${moneyCell(experiment.final_cost)}`,
			`  Best cost:    ${moneyCell(experiment.best_cost)}`,
			`  Created:      ${minuteCell(experiment.created_at)} UTC`,
			`  Completed:    ${experiment.completed_at === null ? '-' : `${minuteCell(experiment.completed_at)} UTC`}`,
			''
		]
	});
	if (runs.length === 0) {
		output.write({ kind: 'text', stream: 'stdout', lines: ['No simulation runs are linked to it.'] });
		return 0;
	}
	output.write({
		kind: 'table',
		stream: 'stdout',
		title: 'Linked simulation runs',
		columns: [
			{ label: 'Iter', align: 'right' },
			{ label: 'Purpose', align: 'left' },
			{ label: 'Simulation ID', align: 'left' },
			{ label: 'Status', align: 'left' },
			{ label: 'Ticks', align: 'right' },
			{ label: 'Total Cost', align: 'right' }
		],
		rows: runs.map((run) => [
			plainCell(run.iteration),
			run.run_purpose + (run.sample_index === null ? '' : ` #${run.sample_index}`),
			run.simulation_id,
			run.status,
			String(run.ticks),
			moneyCell(run.total_cost)
		]),
		footer: [
			'',
			`Replay one: payment-sim experiment replay ${experiment.experiment_id} --db FILE --simulation ${selectorText(runs[runs.length - 1])} --verbose`
		]
	});
	return 0;
}
