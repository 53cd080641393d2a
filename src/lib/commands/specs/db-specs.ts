/** `replay` and the `db` commands: everything read from a database file. */
import { positiveInteger } from '../arguments';
import {
	DB_OPTION,
	filterOf,
	FILTER_OPTIONS,
	JSON_OPTION,
	limitOf,
	LIMIT_OPTION,
	optionalValue,
	positionals,
	TICK_WINDOW_OPTIONS,
	tickWindowOf,
	VERBOSE_OPTION,
	type CommandSpec
} from './command-spec';

export const REPLAY_SPEC: CommandSpec = {
	words: ['replay'],
	synopsis: '<simulation-id | experiment-id> --db FILE [--verbose] [--from-tick A] [--to-tick B] [filters]',
	summary:
		'Shows a stored simulation again from its rows, never re-running it. An experiment id replays the ' +
		'experiment’s final evaluation.',
	options: [
		DB_OPTION,
		{
			names: ['--simulation-id', '-s'],
			value: true,
			placeholder: 'ID',
			help: 'the id (instead of the argument)'
		},
		VERBOSE_OPTION,
		...TICK_WINDOW_OPTIONS,
		...FILTER_OPTIONS
	],
	build(read) {
		const byOption = read.values.get('--simulation-id');
		const [id] = byOption === undefined ? positionals(read, 'replay', ['the simulation id']) : [byOption];
		if (byOption !== undefined) positionals(read, 'replay', []);
		const verbose = read.flags.has('--verbose');
		return {
			kind: 'replay',
			id,
			db: read.values.get('--db') ?? null,
			verbose,
			...tickWindowOf(read),
			filter: filterOf(read, verbose)
		};
	}
};

export const DB_SIMULATIONS_SPEC: CommandSpec = {
	words: ['db', 'simulations'],
	synopsis: '--db FILE [--experiment ID] [--limit N] [--json]',
	summary: 'Lists the stored simulation runs, standalone and of experiments, newest first.',
	options: [
		DB_OPTION,
		{
			names: ['--experiment', '-e'],
			value: true,
			placeholder: 'ID',
			help: 'only the runs of this experiment'
		},
		LIMIT_OPTION,
		JSON_OPTION
	],
	build(read) {
		return {
			kind: 'db-simulations',
			db: read.values.get('--db') ?? null,
			experimentId: read.values.get('--experiment') ?? null,
			limit: limitOf(read),
			json: read.flags.has('--json')
		};
	}
};

export const DB_EXPERIMENTS_SPEC: CommandSpec = {
	words: ['db', 'experiments'],
	synopsis: '--db FILE [--limit N] [--json]',
	summary: 'Lists the stored experiments, newest first, with iterations, convergence and costs.',
	options: [DB_OPTION, LIMIT_OPTION, JSON_OPTION],
	build(read) {
		return {
			kind: 'db-experiments',
			db: read.values.get('--db') ?? null,
			limit: limitOf(read),
			json: read.flags.has('--json')
		};
	}
};

export const DB_EXPERIMENT_DETAILS_SPEC: CommandSpec = {
	words: ['db', 'experiment-details'],
	synopsis: '<experiment-id> --db FILE [--json]',
	summary: 'Shows one experiment: its settings and outcome, and every simulation run linked to it.',
	options: [DB_OPTION, { ...JSON_OPTION, help: 'print the experiment and its runs as one JSON object' }],
	build(read) {
		const [experimentId] = positionals(read, 'db experiment-details', ['the experiment id']);
		return {
			kind: 'db-experiment-details',
			db: read.values.get('--db') ?? null,
			experimentId,
			json: read.flags.has('--json')
		};
	}
};

export const DB_INFO_SPEC: CommandSpec = {
	words: ['db', 'info'],
	synopsis: '--db FILE [--json]',
	summary: 'Describes a database file: size, schema version and the rows of every table.',
	options: [DB_OPTION, { ...JSON_OPTION, help: 'print the description as one JSON object' }],
	build(read) {
		positionals(read, 'db info', []);
		return { kind: 'db-info', db: read.values.get('--db') ?? null, json: read.flags.has('--json') };
	}
};

export const DB_COSTS_SPEC: CommandSpec = {
	words: ['db', 'costs'],
	synopsis: '<simulation-id> --db FILE [--agent ID] [--per-tick] [--limit N] [--json]',
	summary: 'Each agent’s costs tick by tick (running totals, or accrued per tick), then the totals.',
	options: [
		DB_OPTION,
		{ names: ['--agent', '-a'], value: true, placeholder: 'ID', help: 'only this agent' },
		{
			names: ['--per-tick', '-p'],
			value: false,
			help: 'costs accrued in each tick instead of running totals'
		},
		{
			names: ['--limit', '-n'],
			value: true,
			placeholder: 'N',
			help: 'ticks shown in the table (default 50)'
		},
		{ ...JSON_OPTION, help: 'print one JSON object per tick and agent' }
	],
	build(read) {
		const [simulationId] = positionals(read, 'db costs', ['the simulation id']);
		return {
			kind: 'db-costs',
			db: read.values.get('--db') ?? null,
			simulationId,
			agentId: read.values.get('--agent') ?? null,
			perTick: read.flags.has('--per-tick'),
			limit: optionalValue(read, '--limit', positiveInteger) ?? 50,
			json: read.flags.has('--json')
		};
	}
};
