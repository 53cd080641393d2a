/**
 * The command language's parser: argv lists and typed lines (shell-like quoting) into typed commands,
 * and usage errors that name the offending argument.
 */
import { describe, expect, it } from 'vitest';
import {
	COMMAND_SPECS,
	helpFor,
	parseCommand,
	parseCommandText,
	tokenizeCommandLine,
	type Command
} from '../../../src/lib/commands';
import { NO_FILTER } from '../../../src/lib/replay';

function parsed(...args: string[]): Command {
	const result = parseCommand(args);
	if (!result.ok) throw new Error(result.error);
	return result.command;
}

function usageError(...args: string[]): string {
	const result = parseCommand(args);
	if (result.ok)
		throw new Error(
			`parsed: ${JSON.stringify(result.command, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`
		);
	return result.error;
}

describe('tokenising a typed command line', () => {
	it('splits at blanks and keeps quoted text together', () => {
		expect(tokenizeCommandLine(`  replay  'sim one' --db "my file.duckdb"\t--verbose `)).toEqual({
			ok: true,
			args: ['replay', 'sim one', '--db', 'my file.duckdb', '--verbose']
		});
	});

	it('reads escapes as a POSIX shell does for plain words', () => {
		expect(tokenizeCommandLine(String.raw`a\ b "c \"d\" \x" 'e \n' f''g ""`)).toEqual({
			ok: true,
			args: ['a b', 'c "d" \\x', 'e \\n', 'fg', '']
		});
	});

	it('reports an unterminated quote and a trailing backslash', () => {
		expect(tokenizeCommandLine(`db info --db 'x`)).toEqual({
			ok: false,
			error: "unterminated ' quote starting at column 14"
		});
		expect(tokenizeCommandLine('a "b')).toMatchObject({ ok: false });
		expect(tokenizeCommandLine('a \\')).toEqual({ ok: false, error: 'the line ends with a lone backslash' });
	});

	it('accepts the program name in front of a typed command', () => {
		expect(parseCommandText('payment-sim db simulations --db "a b.duckdb" --json')).toEqual({
			ok: true,
			command: { kind: 'db-simulations', db: 'a b.duckdb', experimentId: null, limit: null, json: true }
		});
	});
});

describe('parsing commands', () => {
	it('reads replay with its window and filters (the filter parsed, and kept as typed)', () => {
		const command = parsed(
			'replay',
			'sim-1',
			'--db=runs.duckdb',
			'-v',
			'--from-tick',
			'10',
			'--to-tick',
			'20',
			'--filter-agent',
			'BANK_A',
			'--filter-event-type',
			'Arrival, QueuedRtgs'
		);
		expect(command).toEqual({
			kind: 'replay',
			id: 'sim-1',
			db: 'runs.duckdb',
			verbose: true,
			fromTick: 10,
			toTick: 20,
			filter: {
				options: { agent: 'BANK_A', eventTypes: 'Arrival, QueuedRtgs', tx: undefined, tickRange: undefined },
				filter: { ...NO_FILTER, agentId: 'BANK_A', eventTypes: ['Arrival', 'QueuedRtgs'] }
			}
		});
		expect(parsed('replay', '--simulation-id', 'x', '-d', 'f')).toMatchObject({
			id: 'x',
			db: 'f',
			verbose: false
		});
	});

	it('reads the db and experiment commands', () => {
		expect(parsed('db', 'simulations', '-d', 'f', '-n', '5', '--experiment', 'e')).toEqual({
			kind: 'db-simulations',
			db: 'f',
			experimentId: 'e',
			limit: 5,
			json: false
		});
		expect(parsed('db', 'costs', 'sim', '--db', 'f', '--per-tick', '--agent', 'A')).toEqual({
			kind: 'db-costs',
			db: 'f',
			simulationId: 'sim',
			agentId: 'A',
			perTick: true,
			limit: 50,
			json: false
		});
		expect(
			parsed('experiment', 'replay', 'e', '--db', 'f', '--simulation', 'iter5:evaluation')
		).toMatchObject({
			kind: 'experiment-replay',
			simulation: { kind: 'iteration', iteration: 5, purpose: 'evaluation', sample: null }
		});
		expect(parsed('experiment', 'replay', 'e', '--simulation', 'iter2:bootstrap:3')).toMatchObject({
			simulation: { kind: 'iteration', iteration: 2, purpose: 'bootstrap', sample: 3 }
		});
		expect(parsed('experiment', 'replay', 'e', '--simulation', 'initial')).toMatchObject({
			simulation: { kind: 'iteration', iteration: 0, purpose: 'initial', sample: null }
		});
		expect(parsed('experiment', 'replay', 'e', '--simulation', 'final', '--verbose')).toMatchObject({
			simulation: { kind: 'final' },
			verbose: true
		});
		expect(parsed('experiment', 'results', '--db', 'f')).toMatchObject({ experimentId: null });
		expect(parsed('experiment', 'list', 'dir')).toMatchObject({ directory: 'dir', db: null });
		expect(
			parsed('experiment', 'policy-evolution', 'e', '--start', '2', '--end', '3', '--compact')
		).toMatchObject({
			start: 2,
			end: 3,
			compact: true,
			llm: false
		});
		expect(
			parsed('experiment', 'run', 'x.yaml', '--optimizer', 'search', '--max-iterations', '3')
		).toMatchObject({
			kind: 'experiment-run',
			file: 'x.yaml',
			optimizer: 'search',
			maxIterations: 3
		});
		expect(parsed('policy-schema', '--format', 'json')).toEqual({ kind: 'policy-schema', format: 'json' });
		expect(parsed('cost-schema')).toEqual({ kind: 'cost-schema', format: 'markdown' });
		expect(parsed('validate-policy', 'p.json', '-f', 'json')).toEqual({
			kind: 'validate-policy',
			file: 'p.json',
			format: 'json'
		});
	});

	it('reads run in both forms and validate', () => {
		expect(
			parsed('run', 's.yaml', '--seed', '18446744073709551615', '--ticks=5', '--db', 'f', '--verbose')
		).toMatchObject({
			kind: 'run',
			source: { kind: 'scenario', path: 's.yaml' },
			seed: 18446744073709551615n,
			ticks: 5,
			db: 'f',
			persist: null,
			verbose: true
		});
		expect(parsed('run', '--engine-config', 'c.json', '--persist', 'none')).toMatchObject({
			source: { kind: 'engine-config', path: 'c.json' },
			persist: 'none'
		});
		expect(parsed('validate', 's.yaml', '--strict')).toEqual({
			kind: 'validate',
			scenario: 's.yaml',
			seed: null,
			strict: true,
			simcashCompat: false
		});
	});

	it('gives help for the overview, a command and --help anywhere', () => {
		expect(parsed()).toEqual({ kind: 'help', topic: null });
		expect(parsed('help', 'db', 'costs')).toEqual({ kind: 'help', topic: 'db costs' });
		expect(parsed('replay', 'x', '--help')).toEqual({ kind: 'help', topic: 'replay' });
		const overview = helpFor(null).split('\n');
		expect(overview[0]).toBe(
			'Usage: payment-sim <command> [options]   (payment-sim <command> --help for its options)'
		);
		for (const spec of COMMAND_SPECS)
			expect(overview.some((line) => line.startsWith(`  ${spec.words.join(' ')} `))).toBe(true);
		expect(helpFor('db costs').split('\n')).toContain(
			'  --per-tick, -p                     costs accrued in each tick instead of running totals'
		);
	});
});

describe('usage errors', () => {
	it('name the argument at fault', () => {
		expect(usageError('replay')).toBe('replay: the simulation id is missing');
		expect(usageError('replay', 'a', 'b')).toBe('replay: unexpected argument "b"');
		expect(usageError('replay', 'a', '--fast')).toBe('unknown argument "--fast"');
		expect(usageError('replay', 'a', '--db')).toBe('--db: missing value');
		expect(usageError('replay', 'a', '--db', 'x', '-d', 'y')).toBe('--db given twice');
		expect(usageError('replay', 'a', '--from-tick', '-1')).toBe(
			'--from-tick: expected a non-negative integer, got "-1"'
		);
		expect(usageError('replay', 'a', '--verbose=yes')).toBe('--verbose takes no value');
		expect(usageError('db', 'simulations', '--limit', '0')).toBe(
			'--limit: expected a positive integer, got 0'
		);
	});

	it('refuse filters without --verbose, and bad filters', () => {
		expect(usageError('replay', 'a', '--filter-agent', 'X')).toBe('--filter-agent needs --verbose');
		expect(usageError('replay', 'a', '-v', '--filter-event-type', 'Arival')).toBe(
			"--filter-event-type: unknown event type 'Arival' (did you mean Arrival?)"
		);
		expect(usageError('run', 's.yaml', '--filter-tick-range', '5')).toBe(
			'--filter-tick-range needs --verbose'
		);
	});

	it('check run, validate and experiment options', () => {
		expect(usageError('run')).toBe('run: the scenario file is missing (or give --engine-config FILE)');
		expect(usageError('run', 's.yaml', '--engine-config', 'c.json')).toBe(
			'run: a scenario file (s.yaml) and --engine-config are exclusive'
		);
		expect(usageError('run', 's.yaml', '--persist', 'events')).toBe('--persist events needs --db FILE');
		expect(usageError('run', 's.yaml', '--persist', 'all')).toBe(
			'--persist: expected one of none, summary, events, full, got "all"'
		);
		expect(usageError('run', 's.yaml', '--seed', '18446744073709551616')).toBe('--seed: must be below 2^64');
		expect(usageError('run', '--engine-config', 'c.json', '--strict')).toBe(
			'--strict applies to scenario files only'
		);
		expect(usageError('validate', 'a.yaml', '--ticks', '3')).toBe('validate: --ticks applies to run only');
		expect(usageError('validate', 'a.yaml', 'b.yaml')).toBe('validate: one scenario file expected, got 2');
		expect(usageError('experiment', 'replay', 'e', '--verbose')).toBe('--verbose needs --simulation');
		expect(usageError('experiment', 'replay', 'e', '--simulation', 'iter1:bootstrap')).toBe(
			'--simulation: a sample number goes with bootstrap runs and only with them (iter1:bootstrap)'
		);
		expect(usageError('experiment', 'replay', 'e', '--simulation', 'last')).toMatch(
			/^--simulation: expected final/
		);
		expect(usageError('experiment', 'list', 'dir', '--db', 'f')).toBe(
			'experiment list: give a directory or --db FILE, not both'
		);
		expect(usageError('experiment', 'policy-evolution', 'e', '--start', '3', '--end', '2')).toBe(
			'--start (3) cannot be greater than --end (2)'
		);
		expect(usageError('experiment', 'run', 'x.yaml', '--optimizer', 'gpt')).toBe(
			'--optimizer: expected one of search, llm, got "gpt"'
		);
	});

	it('name unknown commands and subcommands', () => {
		expect(usageError('simulate')).toBe('unknown command "simulate"');
		expect(usageError('db')).toBe(
			'db: a subcommand is missing (simulations, experiments, experiment-details, info, costs)'
		);
		expect(usageError('db', 'list')).toBe(
			'db: unknown subcommand "list" (simulations, experiments, experiment-details, info, costs)'
		);
	});

	it('come with the command’s usage text', () => {
		const result = parseCommand(['db', 'costs']);
		expect(result).toMatchObject({ ok: false, error: 'db costs: the simulation id is missing' });
		if (!result.ok)
			expect(result.usage.split('\n')[0]).toBe(
				'Usage: payment-sim db costs <simulation-id> --db FILE [--agent ID] [--per-tick] [--limit N] [--json]'
			);
	});
});
