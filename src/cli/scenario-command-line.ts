/**
 * The scenario commands (`validate <file>`, `run <file>`) in the typed form they had before the command
 * language, read through its parser: tests/unit/config/cli.test.ts checks parsing in this form. Returns
 * null for any other command line; throws UsageError for a malformed one.
 */
import { UsageError } from '../lib/commands/arguments';
import { parseCommand } from '../lib/commands/parse';
import type { PersistenceLevel } from '../lib/store/persistence-level';

export interface ScenarioOptions {
	scenario: string;
	seed: bigint | null;
	strict: boolean;
	simcashCompat: boolean;
}

export interface ValidateScenarioCommand extends ScenarioOptions {
	command: 'validate';
}

export interface RunScenarioCommand extends ScenarioOptions {
	command: 'run-scenario';
	db?: string;
	persist?: PersistenceLevel;
	ticks: number | null;
	eventsJsonl: string | null;
	finalJson: string | null;
}

export type ScenarioCommand = ValidateScenarioCommand | RunScenarioCommand;

export function parseScenarioCommandLine(argv: readonly string[]): ScenarioCommand | null {
	if (argv[0] !== 'validate' && argv[0] !== 'run') return null;
	const parsed = parseCommand(argv);
	if (!parsed.ok) throw new UsageError(parsed.error);
	const command = parsed.command;
	if (command.kind === 'validate') {
		const { scenario, seed, strict, simcashCompat } = command;
		return { command: 'validate', scenario, seed, strict, simcashCompat };
	}
	if (command.kind !== 'run' || command.source.kind !== 'scenario') return null;
	return {
		command: 'run-scenario',
		scenario: command.source.path,
		seed: command.seed,
		strict: command.strict,
		simcashCompat: command.simcashCompat,
		...(command.db === null ? {} : { db: command.db }),
		...(command.persist === null ? {} : { persist: command.persist }),
		ticks: command.ticks,
		eventsJsonl: command.eventsJsonl,
		finalJson: command.finalJson
	};
}
