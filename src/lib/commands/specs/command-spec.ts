/**
 * How a command is declared for the parser and the help: the words that name it, its options and
 * positionals, and the builder that turns what was read into the typed command (throwing UsageError).
 */
import { parseEventFilter } from '../../replay/filter';
import {
	nonNegativeInteger,
	positiveInteger,
	UsageError,
	type OptionSpec,
	type ReadArguments
} from '../arguments';
import type { Command, FilterChoice, TickWindow } from '../command';

export interface CommandSpec {
	/** The words that name the command: `['db', 'simulations']`. */
	words: readonly string[];
	/** The arguments after the words, for the usage line. */
	synopsis: string;
	summary: string;
	options: readonly OptionSpec[];
	build(read: ReadArguments): Command;
}

export const DB_OPTION: OptionSpec = {
	names: ['--db', '-d', '--db-path'],
	value: true,
	placeholder: 'FILE',
	help: 'the DuckDB database file'
};
export const JSON_OPTION: OptionSpec = {
	names: ['--json'],
	value: false,
	help: 'print the rows as one JSON array on stdout'
};
export const LIMIT_OPTION: OptionSpec = {
	names: ['--limit', '-n'],
	value: true,
	placeholder: 'N',
	help: 'show at most N rows (default: 20 in tables, all with --json)'
};
export const VERBOSE_OPTION: OptionSpec = {
	names: ['--verbose', '-v'],
	value: false,
	help: 'the tick-by-tick output on stderr'
};
export const TICK_WINDOW_OPTIONS: readonly OptionSpec[] = [
	{ names: ['--from-tick'], value: true, placeholder: 'N', help: 'first tick to show (default 0)' },
	{
		names: ['--to-tick'],
		value: true,
		placeholder: 'N',
		help: 'last tick to show (default: the last stored)'
	}
];
export const FILTER_OPTIONS: readonly OptionSpec[] = [
	{ names: ['--filter-agent'], value: true, placeholder: 'ID', help: 'events involving this agent' },
	{
		names: ['--filter-event-type'],
		value: true,
		placeholder: 'A,B',
		help: 'events of these types (comma-separated)'
	},
	{ names: ['--filter-tx'], value: true, placeholder: 'ID', help: 'events of this transaction' },
	{
		names: ['--filter-tick-range'],
		value: true,
		placeholder: 'A-B',
		help: 'events of ticks A to B (A- or -B)'
	}
];

export function optionalValue<T>(
	read: ReadArguments,
	name: string,
	parse: (value: string, option: string) => T
): T | null {
	const value = read.values.get(name);
	return value === undefined ? null : parse(value, name);
}

export function limitOf(read: ReadArguments): number | null {
	return optionalValue(read, '--limit', positiveInteger);
}

export function tickWindowOf(read: ReadArguments): TickWindow {
	return {
		fromTick: optionalValue(read, '--from-tick', nonNegativeInteger),
		toTick: optionalValue(read, '--to-tick', nonNegativeInteger)
	};
}

/** The filter options, parsed; they only make sense with the verbose output. */
export function filterOf(read: ReadArguments, verbose: boolean): FilterChoice {
	const options = {
		agent: read.values.get('--filter-agent'),
		eventTypes: read.values.get('--filter-event-type'),
		tx: read.values.get('--filter-tx'),
		tickRange: read.values.get('--filter-tick-range')
	};
	const given = FILTER_OPTIONS.find((option) => read.values.has(option.names[0]));
	if (given !== undefined && !verbose) throw new UsageError(`${given.names[0]} needs --verbose`);
	const parsed = parseEventFilter(options);
	if (!parsed.ok) throw new UsageError(parsed.error);
	return { options, filter: parsed.filter };
}

/** Exactly `names.length` positionals, named in the error when one is missing or extra. */
export function positionals(read: ReadArguments, command: string, names: readonly string[]): string[] {
	if (read.positionals.length < names.length)
		throw new UsageError(`${command}: ${names[read.positionals.length]} is missing`);
	if (read.positionals.length > names.length)
		throw new UsageError(`${command}: unexpected argument ${JSON.stringify(read.positionals[names.length])}`);
	return read.positionals;
}

export function optionalPositional(read: ReadArguments, command: string): string | null {
	if (read.positionals.length > 1)
		throw new UsageError(`${command}: unexpected argument ${JSON.stringify(read.positionals[1])}`);
	return read.positionals[0] ?? null;
}
