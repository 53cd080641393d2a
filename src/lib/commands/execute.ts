/**
 * Runs a parsed command: dispatches to its executor and turns a CommandFailure into its one-line error
 * and exit status. Output goes to `output` as the command produces it.
 */
import type { Command } from './command';
import type { CommandEnvironment } from './environment';
import { executeCostSchema } from './executors/cost-schema';
import { executeDbCosts } from './executors/db-costs';
import { executeDbExperimentDetails } from './executors/db-experiment-details';
import { executeExperimentListing } from './executors/db-experiments';
import { executeDbInfo } from './executors/db-info';
import { executeDbSimulations } from './executors/db-simulations';
import { executeExperimentList } from './executors/experiment-list';
import { executeExperimentReplay } from './executors/experiment-replay';
import { executeExperimentResults } from './executors/experiment-results';
import { executeExperimentResume, executeExperimentRun } from './executors/experiment-run';
import { executePolicyEvolution } from './executors/policy-evolution';
import { executePolicySchema } from './executors/policy-schema';
import { executeReplay } from './executors/replay';
import { executeRun } from './executors/run';
import { executeValidatePolicy } from './executors/validate-policy';
import { executeValidateScenario } from './executors/validate-scenario';
import { CommandFailure } from './failure';
import {
	CollectedOutput,
	type CommandOutput,
	type CommandResult,
	type ExitCode,
	type OutputBlock
} from './output';
import { helpFor, parseCommandText } from './parse';

function dispatch(
	command: Command,
	env: CommandEnvironment,
	output: CommandOutput,
	signal: AbortSignal | undefined
): Promise<ExitCode> | ExitCode {
	switch (command.kind) {
		case 'help':
			output.write({ kind: 'text', stream: 'stdout', lines: helpFor(command.topic).split('\n') });
			return 0;
		case 'run':
			return executeRun(command, env, output, signal);
		case 'validate':
			return executeValidateScenario(command, env, output);
		case 'replay':
			return executeReplay(command, env, output, signal);
		case 'db-simulations':
			return executeDbSimulations(command, env, output);
		case 'db-experiments':
			return executeExperimentListing(command, env, output);
		case 'db-experiment-details':
			return executeDbExperimentDetails(command, env, output);
		case 'db-info':
			return executeDbInfo(command, env, output);
		case 'db-costs':
			return executeDbCosts(command, env, output);
		case 'experiment-run':
			return executeExperimentRun(command, env, output, signal);
		case 'experiment-resume':
			return executeExperimentResume(command, env, output, signal);
		case 'experiment-replay':
			return executeExperimentReplay(command, env, output, signal);
		case 'experiment-results':
			return executeExperimentResults(command, env, output);
		case 'experiment-list':
			return executeExperimentList(command, env, output);
		case 'experiment-policy-evolution':
			return executePolicyEvolution(command, env, output);
		case 'validate-policy':
			return executeValidatePolicy(command, env, output);
		case 'policy-schema':
			return executePolicySchema(command, output);
		case 'cost-schema':
			return executeCostSchema(command, output);
	}
}

/** Runs a command; never throws for a CommandFailure (it becomes an error block and its exit status). */
export async function executeCommand(
	command: Command,
	env: CommandEnvironment,
	output: CommandOutput,
	signal?: AbortSignal
): Promise<ExitCode> {
	try {
		return await dispatch(command, env, output, signal);
	} catch (error) {
		if (error instanceof CommandFailure) {
			output.write({ kind: 'error', message: error.message });
			return error.exitCode;
		}
		throw error;
	}
}

/**
 * Parses and runs a typed command line, gathering its output (the app's command console); `onBlock`
 * sees each block as soon as it is written.
 */
export async function runCommandText(
	text: string,
	env: CommandEnvironment,
	signal?: AbortSignal,
	onBlock?: (block: OutputBlock) => void
): Promise<CommandResult> {
	const output = new CollectedOutput(onBlock);
	const parsed = parseCommandText(text);
	if (!parsed.ok) {
		output.write({ kind: 'error', message: parsed.error });
		output.write({ kind: 'text', stream: 'stderr', lines: ['', ...parsed.usage.split('\n')] });
		return output.result(2);
	}
	return output.result(await executeCommand(parsed.command, env, output, signal));
}
