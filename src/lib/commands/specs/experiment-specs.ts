/** The `experiment` commands: run, replay, results, list, policy-evolution. */
import { nonNegativeInteger, oneOf, positiveInteger, UsageError } from '../arguments';
import type { SimulationSelector } from '../command';
import {
	DB_OPTION,
	filterOf,
	FILTER_OPTIONS,
	JSON_OPTION,
	LIMIT_OPTION,
	limitOf,
	optionalPositional,
	optionalValue,
	positionals,
	TICK_WINDOW_OPTIONS,
	tickWindowOf,
	VERBOSE_OPTION,
	type CommandSpec
} from './command-spec';

const SELECTOR = /^iter(\d+)(?::(initial|evaluation|bootstrap|best|final)(?::(\d+))?)?$/;

/** `final`, `initial`, `iterN` (its evaluation), `iterN:PURPOSE`, `iterN:bootstrap:SAMPLE`. */
export function parseSimulationSelector(text: string): SimulationSelector {
	if (text === 'final') return { kind: 'final' };
	if (text === 'initial') return { kind: 'iteration', iteration: 0, purpose: 'initial', sample: null };
	const match = SELECTOR.exec(text);
	const iteration = match === null ? NaN : Number(match[1]);
	if (match === null || !Number.isSafeInteger(iteration))
		throw new UsageError(
			`--simulation: expected final, initial, iterN, iterN:PURPOSE or iterN:bootstrap:SAMPLE, got ${JSON.stringify(text)}`
		);
	const purpose = (match[2] ?? 'evaluation') as Extract<SimulationSelector, { kind: 'iteration' }>['purpose'];
	const sample = match[3] === undefined ? null : Number(match[3]);
	if ((purpose === 'bootstrap') !== (sample !== null))
		throw new UsageError(
			`--simulation: a sample number goes with bootstrap runs and only with them (${text})`
		);
	return { kind: 'iteration', iteration, purpose, sample };
}

export const EXPERIMENT_REPLAY_SPEC: CommandSpec = {
	words: ['experiment', 'replay'],
	synopsis: '<experiment-id> --db FILE [--simulation SEL [--verbose …]] [--audit [--start N] [--end N]]',
	summary:
		'Shows a stored experiment iteration by iteration; --audit adds every proposal’s full record; ' +
		'--simulation replays one of its runs (final, initial, iterN, iterN:PURPOSE, iterN:bootstrap:SAMPLE).',
	options: [
		DB_OPTION,
		{ names: ['--simulation'], value: true, placeholder: 'SEL', help: 'replay this run of the experiment' },
		{
			names: ['--audit'],
			value: false,
			help: 'prompts and replies (llm) or candidates (search) of each proposal'
		},
		{ names: ['--start'], value: true, placeholder: 'N', help: 'first iteration shown (0-based)' },
		{ names: ['--end'], value: true, placeholder: 'N', help: 'last iteration shown (0-based)' },
		VERBOSE_OPTION,
		...TICK_WINDOW_OPTIONS,
		...FILTER_OPTIONS
	],
	build(read) {
		const [experimentId] = positionals(read, 'experiment replay', ['the experiment id']);
		const simulationText = read.values.get('--simulation');
		const simulation = simulationText === undefined ? null : parseSimulationSelector(simulationText);
		const verbose = read.flags.has('--verbose');
		const window = tickWindowOf(read);
		if (simulation === null) {
			const replayOnly = ['--verbose', '--from-tick', '--to-tick'].find(
				(name) => read.flags.has(name) || read.values.has(name)
			);
			if (replayOnly !== undefined) throw new UsageError(`${replayOnly} needs --simulation`);
		}
		const start = optionalValue(read, '--start', nonNegativeInteger);
		const end = optionalValue(read, '--end', nonNegativeInteger);
		if (start !== null && end !== null && start > end)
			throw new UsageError(`--start (${start}) cannot be greater than --end (${end})`);
		return {
			kind: 'experiment-replay',
			db: read.values.get('--db') ?? null,
			experimentId,
			simulation,
			audit: read.flags.has('--audit'),
			start,
			end,
			verbose,
			...window,
			filter: filterOf(read, verbose)
		};
	}
};

export const EXPERIMENT_RESULTS_SPEC: CommandSpec = {
	words: ['experiment', 'results'],
	synopsis: '[<experiment-id>] --db FILE [--limit N] [--json]',
	summary:
		'One experiment’s iterations (costs, accepted changes, evaluation runs); without an id, every experiment.',
	options: [DB_OPTION, LIMIT_OPTION, JSON_OPTION],
	build(read) {
		return {
			kind: 'experiment-results',
			db: read.values.get('--db') ?? null,
			experimentId: optionalPositional(read, 'experiment results'),
			limit: limitOf(read),
			json: read.flags.has('--json')
		};
	}
};

export const EXPERIMENT_LIST_SPEC: CommandSpec = {
	words: ['experiment', 'list'],
	synopsis: '[<directory>] | --db FILE [--limit N] [--json]',
	summary: 'The experiment files of a folder, or with --db the experiments stored in a database.',
	options: [DB_OPTION, LIMIT_OPTION, JSON_OPTION],
	build(read) {
		const directory = optionalPositional(read, 'experiment list');
		const db = read.values.get('--db') ?? null;
		if (directory !== null && db !== null)
			throw new UsageError('experiment list: give a directory or --db FILE, not both');
		return { kind: 'experiment-list', directory, db, limit: limitOf(read), json: read.flags.has('--json') };
	}
};

export const POLICY_EVOLUTION_SPEC: CommandSpec = {
	words: ['experiment', 'policy-evolution'],
	synopsis: '<experiment-id> --db FILE [--agent ID] [--start N] [--end N] [--llm] [--compact]',
	summary:
		'JSON on stdout: each agent’s policy per iteration ("iteration_1" is iteration 0), its change from ' +
		'the previous one, its cost and whether the iteration’s proposal was accepted.',
	options: [
		DB_OPTION,
		{ names: ['--agent', '-a'], value: true, placeholder: 'ID', help: 'only this agent' },
		{ names: ['--start'], value: true, placeholder: 'N', help: 'first iteration (1-based)' },
		{ names: ['--end'], value: true, placeholder: 'N', help: 'last iteration (1-based)' },
		{ names: ['--llm'], value: false, help: 'add the prompts and reply of each LLM proposal' },
		{ names: ['--compact'], value: false, help: 'one line instead of indented JSON' }
	],
	build(read) {
		const [experimentId] = positionals(read, 'experiment policy-evolution', ['the experiment id']);
		const start = optionalValue(read, '--start', positiveInteger);
		const end = optionalValue(read, '--end', positiveInteger);
		if (start !== null && end !== null && start > end)
			throw new UsageError(`--start (${start}) cannot be greater than --end (${end})`);
		return {
			kind: 'experiment-policy-evolution',
			db: read.values.get('--db') ?? null,
			experimentId,
			agentId: read.values.get('--agent') ?? null,
			start,
			end,
			llm: read.flags.has('--llm'),
			compact: read.flags.has('--compact')
		};
	}
};

export const EXPERIMENT_RUN_SPEC: CommandSpec = {
	words: ['experiment', 'run'],
	synopsis: '<experiment.yaml> [--optimizer search|llm] [--db FILE] [--max-iterations N] [--seed N]',
	summary: 'Runs an experiment file; with --db every iteration and its evaluation runs are stored.',
	options: [
		{ names: ['--optimizer'], value: true, placeholder: 'KIND', help: 'search (offline, default) or llm' },
		{ ...DB_OPTION, help: 'store the experiment in this DuckDB file (created if missing)' },
		{
			names: ['--max-iterations'],
			value: true,
			placeholder: 'N',
			help: 'replace convergence.max_iterations'
		},
		{ names: ['--seed', '-s'], value: true, placeholder: 'N', help: 'replace master_seed' },
		{ names: ['--strict'], value: false, help: 'unknown keys are errors instead of warnings' },
		{ ...JSON_OPTION, help: 'print the result as one JSON object on stdout' }
	],
	build(read) {
		const [file] = positionals(read, 'experiment run', ['the experiment file']);
		const optimizer = read.values.get('--optimizer');
		return {
			kind: 'experiment-run',
			file,
			optimizer: optimizer === undefined ? null : oneOf(optimizer, '--optimizer', ['search', 'llm'] as const),
			db: read.values.get('--db') ?? null,
			maxIterations: optionalValue(read, '--max-iterations', positiveInteger),
			seed: optionalValue(read, '--seed', nonNegativeInteger),
			strict: read.flags.has('--strict'),
			json: read.flags.has('--json')
		};
	}
};

export const EXPERIMENT_RESUME_SPEC: CommandSpec = {
	words: ['experiment', 'resume'],
	synopsis: '<experiment-id> --db FILE [--json]',
	summary:
		'Continues an interrupted experiment from its last committed iteration, to the end an ' +
		'uninterrupted run would have reached.',
	options: [
		{ ...DB_OPTION, help: 'the database the experiment is stored in' },
		{ ...JSON_OPTION, help: 'print the result as one JSON object on stdout' }
	],
	build(read) {
		const [experimentId] = positionals(read, 'experiment resume', ['the experiment id']);
		return {
			kind: 'experiment-resume',
			experimentId,
			db: read.values.get('--db') ?? null,
			json: read.flags.has('--json')
		};
	}
};
