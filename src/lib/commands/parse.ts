/**
 * The one parser of payment-sim command lines, for the CLI (its argv) and the app (a typed line,
 * tokenised first): the command words pick a declared command (specs/), whose options are read and
 * checked into a typed Command. Usage problems come back as a message and the command's usage text.
 */
import { readArguments, UsageError } from './arguments';
import type { Command } from './command';
import type { CommandSpec } from './specs/command-spec';
import {
	DB_COSTS_SPEC,
	DB_EXPERIMENT_DETAILS_SPEC,
	DB_EXPERIMENTS_SPEC,
	DB_INFO_SPEC,
	DB_SIMULATIONS_SPEC,
	REPLAY_SPEC
} from './specs/db-specs';
import {
	EXPERIMENT_LIST_SPEC,
	EXPERIMENT_REPLAY_SPEC,
	EXPERIMENT_RESULTS_SPEC,
	EXPERIMENT_RESUME_SPEC,
	EXPERIMENT_RUN_SPEC,
	POLICY_EVOLUTION_SPEC
} from './specs/experiment-specs';
import { RUN_SPEC, VALIDATE_SPEC } from './specs/run-specs';
import { COST_SCHEMA_SPEC, POLICY_SCHEMA_SPEC, VALIDATE_POLICY_SPEC } from './specs/tool-specs';
import { tokenizeCommandLine } from './tokenize';

export const PROGRAM = 'payment-sim';

export const COMMAND_SPECS: readonly CommandSpec[] = [
	RUN_SPEC,
	VALIDATE_SPEC,
	REPLAY_SPEC,
	DB_SIMULATIONS_SPEC,
	DB_EXPERIMENTS_SPEC,
	DB_EXPERIMENT_DETAILS_SPEC,
	DB_INFO_SPEC,
	DB_COSTS_SPEC,
	EXPERIMENT_RUN_SPEC,
	EXPERIMENT_RESUME_SPEC,
	EXPERIMENT_REPLAY_SPEC,
	EXPERIMENT_RESULTS_SPEC,
	EXPERIMENT_LIST_SPEC,
	POLICY_EVOLUTION_SPEC,
	VALIDATE_POLICY_SPEC,
	POLICY_SCHEMA_SPEC,
	COST_SCHEMA_SPEC
];

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; usage: string };

const HELP_WORDS = new Set(['help', '--help', '-h']);

function commandName(spec: CommandSpec): string {
	return spec.words.join(' ');
}

/** Usage line, summary and options of one command. */
export function commandHelp(spec: CommandSpec): string {
	const options = spec.options.map((option) => {
		const names = option.names.join(', ') + (option.value ? ` ${option.placeholder ?? 'VALUE'}` : '');
		return `  ${names.padEnd(34)} ${option.help}`;
	});
	return [`Usage: ${PROGRAM} ${commandName(spec)} ${spec.synopsis}`, '', spec.summary, '', ...options].join(
		'\n'
	);
}

/** Every command with its summary, and the exit statuses. */
export function overviewHelp(): string {
	const width = Math.max(...COMMAND_SPECS.map((spec) => commandName(spec).length));
	return [
		`Usage: ${PROGRAM} <command> [options]   (${PROGRAM} <command> --help for its options)`,
		'',
		...COMMAND_SPECS.map((spec) => `  ${commandName(spec).padEnd(width)}  ${spec.summary}`),
		'',
		'Exit status: 0 success, 1 error (invalid input, unknown id, failed run), 2 usage error, 130 interrupted.'
	].join('\n');
}

/** The command named by the leading words, and how many words name it. */
function findSpec(args: readonly string[]): CommandSpec | null {
	let best: CommandSpec | null = null;
	for (const spec of COMMAND_SPECS) {
		const matches = spec.words.every((word, i) => args[i] === word);
		if (matches && (best === null || spec.words.length > best.words.length)) best = spec;
	}
	return best;
}

function unknownCommand(args: readonly string[]): ParseResult {
	const group = COMMAND_SPECS.filter((spec) => spec.words.length > 1 && spec.words[0] === args[0]);
	if (group.length > 0) {
		const subcommands = group.map((spec) => spec.words[1]).join(', ');
		const error =
			args[1] === undefined
				? `${args[0]}: a subcommand is missing (${subcommands})`
				: `${args[0]}: unknown subcommand ${JSON.stringify(args[1])} (${subcommands})`;
		return { ok: false, error, usage: overviewHelp() };
	}
	return { ok: false, error: `unknown command ${JSON.stringify(args[0])}`, usage: overviewHelp() };
}

/** Parses an argument list (without the program name). */
export function parseCommand(args: readonly string[]): ParseResult {
	if (args.length === 0 || HELP_WORDS.has(args[0])) {
		const topic = args.slice(1).join(' ');
		return { ok: true, command: { kind: 'help', topic: topic === '' ? null : topic } };
	}
	const spec = findSpec(args);
	if (spec === null) return unknownCommand(args);
	const rest = args.slice(spec.words.length);
	if (rest.some((arg) => HELP_WORDS.has(arg) && arg !== 'help'))
		return { ok: true, command: { kind: 'help', topic: commandName(spec) } };
	try {
		return { ok: true, command: spec.build(readArguments(rest, spec.options)) };
	} catch (error) {
		if (error instanceof UsageError) return { ok: false, error: error.message, usage: commandHelp(spec) };
		throw error;
	}
}

/** Parses a command line typed as text; a leading `payment-sim` is optional. */
export function parseCommandText(text: string): ParseResult {
	const tokens = tokenizeCommandLine(text);
	if (!tokens.ok) return { ok: false, error: tokens.error, usage: overviewHelp() };
	const args = tokens.args[0] === PROGRAM ? tokens.args.slice(1) : tokens.args;
	return parseCommand(args);
}

/** The help text for a topic (`db simulations`), or the overview when the topic names no command. */
export function helpFor(topic: string | null): string {
	const spec = topic === null ? null : findSpec(topic.split(/\s+/));
	return spec === null ? overviewHelp() : commandHelp(spec);
}
