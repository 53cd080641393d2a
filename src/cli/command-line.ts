/**
 * Command-line parsing for payment-sim, independent of Node so that the notebook can share it: turns an
 * argument list into a typed command or a usage error naming the offending argument.
 */
import { PERSIST_USAGE, readPersistence, type PersistenceChoice } from './persist-option';

export interface RunCommand extends PersistenceChoice {
	command: 'run';
	engineConfig: string;
	ticks: number | null;
	eventsJsonl: string | null;
	finalJson: string | null;
}

export interface HelpCommand {
	command: 'help';
}

export type Command = RunCommand | HelpCommand;

export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

export const USAGE = `Usage: payment-sim run --engine-config <config.json> [--ticks N] [--events-jsonl FILE] [--final-json FILE] [--db FILE [--persist LEVEL]]

Runs a SimCash engine configuration (the serialized engine config, golden config.json form).
  --engine-config FILE  engine configuration (JSON)
  --ticks N             ticks to run (default: num_days × ticks_per_day)
  --events-jsonl FILE   write every event, one canonical JSON object per line
  --final-json FILE     write the final summary (golden final.json form); without it the summary goes to stdout
${PERSIST_USAGE}
Exit status: 0 on success, 1 when a tick failed (reported as tick_error), 2 on bad input.

Scenario files: payment-sim validate <scenario.yaml> and payment-sim run <scenario.yaml> (payment-sim validate --help).`;

interface OptionSpec {
	name: string;
	/** Reads the option's value; throws UsageError for a malformed one. */
	parse: (value: string, option: string) => unknown;
}

function text(value: string): string {
	return value;
}

function nonNegativeInteger(value: string, option: string): number {
	if (!/^\d+$/.test(value))
		throw new UsageError(`${option}: expected a non-negative integer, got ${JSON.stringify(value)}`);
	const n = Number(value);
	if (!Number.isSafeInteger(n)) throw new UsageError(`${option}: ${value} is too large`);
	return n;
}

const RUN_OPTIONS: Record<string, OptionSpec> = {
	'--engine-config': { name: 'engineConfig', parse: text },
	'--ticks': { name: 'ticks', parse: nonNegativeInteger },
	'--events-jsonl': { name: 'eventsJsonl', parse: text },
	'--final-json': { name: 'finalJson', parse: text },
	'--db': { name: 'db', parse: text },
	'--persist': { name: 'persist', parse: text }
};

/** Reads `--option value` and `--option=value` pairs against a table of options. */
function readOptions(args: string[], specs: Record<string, OptionSpec>): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const eq = arg.indexOf('=');
		const option = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
		const spec = specs[option];
		if (spec === undefined) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
		let value: string;
		if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
		else {
			if (i + 1 >= args.length) throw new UsageError(`${option}: missing value`);
			value = args[++i];
		}
		if (spec.name in values) throw new UsageError(`${option} given twice`);
		values[spec.name] = spec.parse(value, option);
	}
	return values;
}

export function parseCommandLine(argv: readonly string[]): Command {
	const [command, ...rest] = argv;
	if (command === undefined || command === 'help' || command === '--help' || command === '-h')
		return { command: 'help' };
	if (command !== 'run') throw new UsageError(`unknown command ${JSON.stringify(command)} (expected "run")`);
	if (rest.includes('--help') || rest.includes('-h')) return { command: 'help' };
	const values = readOptions(rest, RUN_OPTIONS);
	if (values.engineConfig === undefined) throw new UsageError('run: --engine-config is required');
	const persistence = readPersistence(values.db as string | undefined, values.persist as string | undefined);
	if (typeof persistence === 'string') throw new UsageError(persistence);
	return {
		command: 'run',
		...persistence,
		engineConfig: values.engineConfig as string,
		ticks: (values.ticks as number | undefined) ?? null,
		eventsJsonl: (values.eventsJsonl as string | undefined) ?? null,
		finalJson: (values.finalJson as string | undefined) ?? null
	};
}
