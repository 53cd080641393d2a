/**
 * Reading an argument list against a command's declared options: `--name value`, `--name=value`,
 * short aliases (`-d value`), flags, and positionals. Every problem is a UsageError naming the argument.
 * A valued option takes the next argument whatever it looks like, so `--seed -1` reaches the seed check.
 */

export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

export interface OptionSpec {
	/** The long name first (`--db`), then aliases (`-d`, `--db-path`). */
	names: readonly string[];
	/** Takes a value (else a flag). */
	value: boolean;
	/** Placeholder of the value in help texts, e.g. FILE. */
	placeholder?: string;
	help: string;
}

export interface ReadArguments {
	positionals: string[];
	/** Values by the option's long name. */
	values: Map<string, string>;
	/** Flags given, by long name. */
	flags: Set<string>;
}

export function readArguments(args: readonly string[], options: readonly OptionSpec[]): ReadArguments {
	const byName = new Map<string, OptionSpec>();
	for (const option of options) for (const name of option.names) byName.set(name, option);
	const read: ReadArguments = { positionals: [], values: new Map(), flags: new Set() };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (!arg.startsWith('-') || arg === '-') {
			read.positionals.push(arg);
			continue;
		}
		const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
		const written = eq > 0 ? arg.slice(0, eq) : arg;
		const option = byName.get(written);
		if (option === undefined) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
		const name = option.names[0];
		if (!option.value) {
			if (eq > 0) throw new UsageError(`${written} takes no value`);
			read.flags.add(name);
			continue;
		}
		let value: string;
		if (eq > 0) value = arg.slice(eq + 1);
		else {
			if (i + 1 >= args.length) throw new UsageError(`${written}: missing value`);
			value = args[++i];
		}
		if (read.values.has(name)) throw new UsageError(`${name} given twice`);
		read.values.set(name, value);
	}
	return read;
}

/** A count or tick: digits only, a safe integer. */
export function nonNegativeInteger(value: string, option: string): number {
	if (!/^\d+$/.test(value))
		throw new UsageError(`${option}: expected a non-negative integer, got ${JSON.stringify(value)}`);
	const n = Number(value);
	if (!Number.isSafeInteger(n)) throw new UsageError(`${option}: ${value} is too large`);
	return n;
}

export function positiveInteger(value: string, option: string): number {
	const n = nonNegativeInteger(value, option);
	if (n === 0) throw new UsageError(`${option}: expected a positive integer, got 0`);
	return n;
}

/** An rng seed: 0 … 2^64 − 1. */
export function seed(value: string, option: string): bigint {
	if (!/^\d+$/.test(value))
		throw new UsageError(`${option}: expected a non-negative integer, got ${JSON.stringify(value)}`);
	const n = BigInt(value);
	if (n >= 1n << 64n) throw new UsageError(`${option}: must be below 2^64`);
	return n;
}

export function oneOf<T extends string>(value: string, option: string, allowed: readonly T[]): T {
	if ((allowed as readonly string[]).includes(value)) return value as T;
	throw new UsageError(`${option}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}
