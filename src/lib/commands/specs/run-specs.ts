/** `run` (a scenario file or an engine configuration) and `validate` (a scenario file). */
import { PERSISTENCE_LEVELS } from '../../store/persistence-level';
import { nonNegativeInteger, oneOf, seed, UsageError, type OptionSpec } from '../arguments';
import type { RunSource } from '../command';
import {
	DB_OPTION,
	filterOf,
	FILTER_OPTIONS,
	optionalValue,
	VERBOSE_OPTION,
	type CommandSpec
} from './command-spec';

const SCENARIO_OPTIONS: readonly OptionSpec[] = [
	{
		names: ['--seed', '-s'],
		value: true,
		placeholder: 'N',
		help: 'replace simulation.rng_seed (0 … 2^64 − 1)'
	},
	{ names: ['--strict'], value: false, help: 'unknown keys are errors instead of warnings' },
	{
		names: ['--simcash-compat'],
		value: false,
		help: 'drop the keys SimCash 5534eff7 drops before its engine (docs/divergences.md)'
	}
];

/** Options of `run` that `validate` recognises only to say where they belong. */
const RUN_ONLY_OPTIONS: readonly OptionSpec[] = [
	{
		names: ['--engine-config'],
		value: true,
		placeholder: 'FILE',
		help: 'run an engine configuration (JSON)'
	},
	{
		names: ['--ticks', '-t'],
		value: true,
		placeholder: 'N',
		help: 'ticks to run (default: num_days × ticks_per_day)'
	},
	{
		names: ['--events-jsonl'],
		value: true,
		placeholder: 'FILE',
		help: 'write every event, one canonical JSON object per line'
	},
	{
		names: ['--final-json'],
		value: true,
		placeholder: 'FILE',
		help: 'write the final summary to FILE instead of stdout'
	},
	{ ...DB_OPTION, help: 'store the run in this DuckDB file (created if missing)' },
	{
		names: ['--persist', '-p'],
		value: true,
		placeholder: 'LEVEL',
		help: 'what to store: none, summary, events or full (default with --db: full)'
	},
	VERBOSE_OPTION,
	...FILTER_OPTIONS
];

function sourceOf(positionals: readonly string[], engineConfig: string | undefined): RunSource {
	if (engineConfig !== undefined) {
		if (positionals.length > 0)
			throw new UsageError(`run: a scenario file (${positionals[0]}) and --engine-config are exclusive`);
		return { kind: 'engine-config', path: engineConfig };
	}
	if (positionals.length === 0)
		throw new UsageError('run: the scenario file is missing (or give --engine-config FILE)');
	if (positionals.length > 1)
		throw new UsageError(`run: one scenario file expected, got ${positionals.length}`);
	return { kind: 'scenario', path: positionals[0] };
}

export const RUN_SPEC: CommandSpec = {
	words: ['run'],
	synopsis: '<scenario.yaml> | --engine-config <config.json> [options]',
	summary:
		'Runs a scenario file or an engine configuration; prints the final summary (golden final.json form).',
	options: [...RUN_ONLY_OPTIONS, ...SCENARIO_OPTIONS],
	build(read) {
		const source = sourceOf(read.positionals, read.values.get('--engine-config'));
		const persistText = read.values.get('--persist');
		const persist = persistText === undefined ? null : oneOf(persistText, '--persist', PERSISTENCE_LEVELS);
		const db = read.values.get('--db') ?? null;
		if (db === null && persist !== null && persist !== 'none')
			throw new UsageError(`--persist ${persist} needs --db FILE`);
		if (source.kind === 'engine-config') {
			for (const flag of ['--strict', '--simcash-compat'])
				if (read.flags.has(flag)) throw new UsageError(`${flag} applies to scenario files only`);
		}
		const verbose = read.flags.has('--verbose');
		return {
			kind: 'run',
			source,
			seed: optionalValue(read, '--seed', seed),
			ticks: optionalValue(read, '--ticks', nonNegativeInteger),
			strict: read.flags.has('--strict'),
			simcashCompat: read.flags.has('--simcash-compat'),
			eventsJsonl: read.values.get('--events-jsonl') ?? null,
			finalJson: read.values.get('--final-json') ?? null,
			db,
			persist,
			verbose,
			filter: filterOf(read, verbose)
		};
	}
};

export const VALIDATE_SPEC: CommandSpec = {
	words: ['validate'],
	synopsis: '<scenario.yaml> [--strict] [--simcash-compat] [--seed N]',
	summary: 'Checks a scenario file: every problem with its line and column, then a one-line verdict.',
	options: [...SCENARIO_OPTIONS, ...RUN_ONLY_OPTIONS],
	build(read) {
		const runOnly = RUN_ONLY_OPTIONS.find(
			(option) => read.values.has(option.names[0]) || read.flags.has(option.names[0])
		);
		if (runOnly !== undefined) throw new UsageError(`validate: ${runOnly.names[0]} applies to run only`);
		if (read.positionals.length === 0) throw new UsageError('validate: the scenario file is missing');
		if (read.positionals.length > 1)
			throw new UsageError(`validate: one scenario file expected, got ${read.positionals.length}`);
		return {
			kind: 'validate',
			scenario: read.positionals[0],
			seed: optionalValue(read, '--seed', seed),
			strict: read.flags.has('--strict'),
			simcashCompat: read.flags.has('--simcash-compat')
		};
	}
};
