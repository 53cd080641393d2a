/**
 * Replaying one stored run for `replay` and `experiment replay --simulation`: the run's particulars,
 * then (verbose) every tick of the range with the live run's formatter, read from the stored rows,
 * streamed tick by tick; the run's final summary goes to stdout, as the run printed it.
 */
import { filterEnabledLines, logLines, replayCompleteLines } from '../../replay/session-lines';
import { replayRange, replayVerbose, type TickRange } from '../../replay/stored-replay';
import type { StoredRun } from '../../replay/stored-run';
import type { FilterChoice, TickWindow } from '../command';
import type { OpenedDatabase } from '../environment';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';
import { requireFullLevel } from '../stored-run-lookup';

export interface ReplayOptions extends TickWindow {
	verbose: boolean;
	filter: FilterChoice;
}

function particulars(run: StoredRun): string[] {
	const configuredTicks = run.ticksPerDay * run.numDays;
	return [
		...logLines('success', `Found simulation: ${run.scenarioName ?? run.simulationId}`),
		...logLines('info', `  Simulation ID: ${run.simulationId}`),
		...(run.experimentId === null
			? []
			: logLines('info', `  Experiment: ${run.experimentId}, iteration ${run.iteration}, ${run.purpose}`)),
		...logLines('info', `  Seed: ${run.seed}`),
		...logLines('info', `  Ticks per day: ${run.ticksPerDay}`),
		...logLines('info', `  Num days: ${run.numDays}`),
		...logLines('info', `  Total ticks: ${configuredTicks}`),
		...logLines(
			'info',
			`  Stored: level ${run.level}, status ${run.status}, ${run.ticksCompleted} of ${run.ticksRequested} ticks`
		)
	];
}

export async function replayStoredRun(
	database: OpenedDatabase,
	run: StoredRun,
	options: ReplayOptions,
	output: CommandOutput,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	// Checked before anything is printed, so that a refusal is one line.
	let range: TickRange | null = null;
	if (options.verbose) {
		requireFullLevel(run, 'verbose replay');
		const checked = replayRange(run, options.fromTick, options.toTick);
		if (!checked.ok) throw new CommandFailure(checked.error);
		range = checked.range;
	}
	output.write({ kind: 'text', stream: 'stderr', lines: particulars(run) });
	if (range !== null) {
		const { fromTick, toTick } = range;
		output.write({
			kind: 'text',
			stream: 'stderr',
			lines: [
				...logLines('info', `Replaying ticks ${fromTick} to ${toTick} (${toTick - fromTick + 1} ticks)`),
				...filterEnabledLines(options.filter.options),
				...logLines('info', 'Database replay mode: showing persisted events')
			]
		});
		let replayed = 0;
		for await (const tick of replayVerbose(database.db, run, range, options.filter.filter)) {
			output.write({ kind: 'text', stream: 'stderr', lines: tick.lines });
			replayed++;
			if (signal?.aborted) {
				output.write({ kind: 'error', message: `interrupted after ${replayed} replayed ticks` });
				return 130;
			}
		}
		output.write({ kind: 'text', stream: 'stderr', lines: replayCompleteLines(replayed) });
	} else {
		output.write({
			kind: 'text',
			stream: 'stderr',
			lines: logLines('info', 'Loading summary statistics from database')
		});
	}
	if (run.finalSummaryJson === null) {
		output.write({
			kind: 'text',
			stream: 'stderr',
			lines: logLines('warning', `${run.simulationId} has no final summary (status ${run.status})`)
		});
	} else {
		output.write({ kind: 'data', text: run.finalSummaryJson });
	}
	return 0;
}
