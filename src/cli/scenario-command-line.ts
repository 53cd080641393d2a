/**
 * Command-line parsing of the scenario-file commands (Node-independent, like command-line.ts):
 *   payment-sim validate <scenario.yaml> [--strict] [--simcash-compat] [--seed N]
 *   payment-sim run <scenario.yaml> [--seed N] [--ticks N] [--events-jsonl FILE] [--final-json FILE]
 *                                   [--strict] [--simcash-compat]
 * `run --engine-config` stays with command-line.ts: an argument list is a scenario command only when it
 * names a scenario file.
 */
import { UsageError } from './command-line';
import { PERSIST_USAGE, readPersistence, type PersistenceChoice } from './persist-option';

export interface ScenarioOptions {
	scenario: string;
	seed: bigint | null;
	strict: boolean;
	simcashCompat: boolean;
}

export interface ValidateScenarioCommand extends ScenarioOptions {
	command: 'validate';
}

export interface RunScenarioCommand extends ScenarioOptions, PersistenceChoice {
	command: 'run-scenario';
	ticks: number | null;
	eventsJsonl: string | null;
	finalJson: string | null;
}

export type ScenarioCommand = ValidateScenarioCommand | RunScenarioCommand;

export const SCENARIO_USAGE = `Usage: payment-sim validate <scenario.yaml> [--strict] [--simcash-compat] [--seed N]
       payment-sim run <scenario.yaml> [--seed N] [--ticks N] [--events-jsonl FILE] [--final-json FILE] [--strict] [--simcash-compat] [--db FILE [--persist LEVEL]]

Scenario files (SimCash YAML, or JSON with the same keys):
  --seed N            replace simulation.rng_seed (0 … 2^64 − 1)
  --ticks N           ticks to run (default: num_days × ticks_per_day)
  --events-jsonl FILE write every event, one canonical JSON object per line
  --final-json FILE   write the final summary; without it the summary goes to stdout
  --strict            unknown keys are errors instead of warnings
  --simcash-compat    drop the keys SimCash 5534eff7 drops before its engine (see docs/divergences.md)
${PERSIST_USAGE}
Exit status: validate 0 when valid, 1 when not; run 0 on success, 1 when a tick failed, 2 on a bad scenario.`;

type Flag = 'strict' | 'simcashCompat';
type Valued = 'seed' | 'ticks' | 'eventsJsonl' | 'finalJson' | 'db' | 'persist';

const FLAGS: Record<string, Flag> = { '--strict': 'strict', '--simcash-compat': 'simcashCompat' };
const VALUED: Record<string, Valued> = {
	'--seed': 'seed',
	'--ticks': 'ticks',
	'--events-jsonl': 'eventsJsonl',
	'--final-json': 'finalJson',
	'--db': 'db',
	'--persist': 'persist'
};
const RUN_ONLY: ReadonlySet<Valued> = new Set(['ticks', 'eventsJsonl', 'finalJson', 'db', 'persist']);

function unsigned(value: string, option: string): bigint {
	if (!/^\d+$/.test(value))
		throw new UsageError(`${option}: expected a non-negative integer, got ${JSON.stringify(value)}`);
	return BigInt(value);
}

interface Parsed {
	positional: string[];
	flags: Set<Flag>;
	values: Map<Valued, string>;
}

function readArguments(args: readonly string[]): Parsed {
	const parsed: Parsed = { positional: [], flags: new Set(), values: new Map() };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (!arg.startsWith('--')) {
			parsed.positional.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const option = eq > 0 ? arg.slice(0, eq) : arg;
		const flag = FLAGS[option];
		if (flag !== undefined && eq < 0) {
			parsed.flags.add(flag);
			continue;
		}
		const name = VALUED[option];
		if (name === undefined) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
		let value: string;
		if (eq > 0) value = arg.slice(eq + 1);
		else {
			if (i + 1 >= args.length) throw new UsageError(`${option}: missing value`);
			value = args[++i];
		}
		if (parsed.values.has(name)) throw new UsageError(`${option} given twice`);
		parsed.values.set(name, value);
	}
	return parsed;
}

/**
 * The scenario command for `argv`, or null when `argv` is not one (then command-line.ts handles it).
 * Throws UsageError for a malformed scenario command.
 */
export function parseScenarioCommandLine(argv: readonly string[]): ScenarioCommand | null {
	const [command, ...rest] = argv;
	if (command !== 'validate' && command !== 'run') return null;
	if (rest.includes('--help') || rest.includes('-h')) return null;
	if (command === 'run' && (rest.length === 0 || rest.some((arg) => arg.startsWith('--engine-config'))))
		return null;
	const parsed = readArguments(rest);
	if (parsed.positional.length !== 1) {
		throw new UsageError(
			parsed.positional.length === 0
				? `${command}: the scenario file is missing`
				: `${command}: one scenario file expected, got ${parsed.positional.length}`
		);
	}
	const seedText = parsed.values.get('seed');
	const options: ScenarioOptions = {
		scenario: parsed.positional[0],
		seed: seedText === undefined ? null : unsigned(seedText, '--seed'),
		strict: parsed.flags.has('strict'),
		simcashCompat: parsed.flags.has('simcashCompat')
	};
	if (options.seed !== null && options.seed >= 1n << 64n) throw new UsageError('--seed: must be below 2^64');
	if (command === 'validate') {
		const runOnly = [...parsed.values.keys()].find((name) => RUN_ONLY.has(name));
		if (runOnly !== undefined)
			throw new UsageError(
				`validate: --${runOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to run only`
			);
		return { command: 'validate', ...options };
	}
	const ticksText = parsed.values.get('ticks');
	let ticks: number | null = null;
	if (ticksText !== undefined) {
		const value = unsigned(ticksText, '--ticks');
		if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new UsageError(`--ticks: ${ticksText} is too large`);
		ticks = Number(value);
	}
	const persistence = readPersistence(parsed.values.get('db'), parsed.values.get('persist'));
	if (typeof persistence === 'string') throw new UsageError(persistence);
	return {
		command: 'run-scenario',
		...options,
		...persistence,
		ticks,
		eventsJsonl: parsed.values.get('eventsJsonl') ?? null,
		finalJson: parsed.values.get('finalJson') ?? null
	};
}
