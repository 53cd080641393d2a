/**
 * `replay <id>`: a simulation id replays that run; an experiment id replays the experiment's final
 * evaluation, and says so.
 */
import { findStoredRun } from '../../replay/stored-run';
import { logLines } from '../../replay/session-lines';
import type { ReplayCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import { experimentExists, finalEvaluation } from '../experiment-runs';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';
import { requireStoredRun } from '../stored-run-lookup';
import { replayStoredRun } from './replay-run';

export async function executeReplay(
	command: ReplayCommand,
	env: CommandEnvironment,
	output: CommandOutput,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	return withReadableStore(env, command.db, async (database) => {
		let run = await findStoredRun(database.db, command.id);
		if (run === null) {
			if (!(await experimentExists(database.db, command.id)))
				throw new CommandFailure(`no simulation or experiment ${command.id} in ${database.name}`);
			const final = await finalEvaluation(database.db, command.id);
			if (final === null) throw new CommandFailure(`experiment ${command.id} has no stored evaluation run`);
			output.write({
				kind: 'text',
				stream: 'stderr',
				lines: logLines(
					'info',
					`${command.id} is an experiment: replaying ${final.description}, ${final.simulationId}`
				)
			});
			run = await requireStoredRun(database, final.simulationId);
		}
		return replayStoredRun(database, run, command, output, signal);
	});
}
