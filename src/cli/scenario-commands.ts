/**
 * Entry of the scenario-file commands for payment-sim.ts: recognises `validate <file>` and `run <file>`,
 * runs them and returns the exit status, or returns null for every other command line.
 */
import { UsageError } from './command-line';
import { runScenarioCommand } from './run-scenario';
import { SCENARIO_USAGE, parseScenarioCommandLine } from './scenario-command-line';
import { ScenarioFileError } from './scenario-files';
import { validateCommand } from './validate-command';

export async function scenarioCommandMain(argv: readonly string[]): Promise<number | null> {
	if (argv[0] === 'validate' && (argv.includes('--help') || argv.includes('-h'))) {
		process.stdout.write(SCENARIO_USAGE + '\n');
		return 0;
	}
	try {
		const command = parseScenarioCommandLine(argv);
		if (command === null) return null;
		return command.command === 'validate'
			? await validateCommand(command)
			: await runScenarioCommand(command);
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`payment-sim: ${error.message}\n\n${SCENARIO_USAGE}\n`);
			return 2;
		}
		if (error instanceof ScenarioFileError) {
			process.stderr.write(`payment-sim: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}
