/**
 * A small validating reader for JSON input: every accessor names the full field path in its error, so a
 * bad configuration reports e.g. `agent_configs[2].arrival_config.rate_per_tick: expected a number`.
 */
import { ConfigError } from './errors';

export type JsonObject = Record<string, unknown>;

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
	return `${typeof value} ${String(value)}`;
}

export function joinPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	return path ? `${path}.${key}` : key;
}

export function asObject(value: unknown, path: string): JsonObject {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new ConfigError(path, `expected an object, got ${describe(value)}`);
	}
	return value as JsonObject;
}

export function asArray(value: unknown, path: string): unknown[] {
	if (!Array.isArray(value)) throw new ConfigError(path, `expected an array, got ${describe(value)}`);
	return value;
}

function isAbsent(value: unknown): boolean {
	return value === undefined || value === null;
}

/** A signed integer within the safe range (Rust i64 restricted to what we represent exactly). */
export function asInteger(value: unknown, path: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		throw new ConfigError(path, `expected an integer, got ${describe(value)}`);
	}
	if (!Number.isSafeInteger(value)) throw new ConfigError(path, `integer ${value} is outside ±2^53`);
	return value;
}

/** A non-negative integer (Rust usize). */
export function asCount(value: unknown, path: string): number {
	const n = asInteger(value, path);
	if (n < 0) throw new ConfigError(path, `expected a non-negative integer, got ${n}`);
	return n;
}

/** An integer in 0..=255 (Rust u8). */
export function asByte(value: unknown, path: string): number {
	const n = asInteger(value, path);
	if (n < 0 || n > 255) throw new ConfigError(path, `expected an integer in 0..255, got ${n}`);
	return n;
}

export function asNumber(value: unknown, path: string): number {
	if (typeof value !== 'number') throw new ConfigError(path, `expected a number, got ${describe(value)}`);
	return value;
}

export function asBoolean(value: unknown, path: string): boolean {
	if (typeof value !== 'boolean')
		throw new ConfigError(path, `expected true or false, got ${describe(value)}`);
	return value;
}

export function asString(value: unknown, path: string): string {
	if (typeof value !== 'string') throw new ConfigError(path, `expected a string, got ${describe(value)}`);
	return value;
}

/** Reads `obj[key]` with `read`, or returns `fallback` when the key is absent or null. */
export function optional<T>(
	obj: JsonObject,
	key: string,
	path: string,
	read: (value: unknown, path: string) => T,
	fallback: T
): T {
	const value = obj[key];
	return isAbsent(value) ? fallback : read(value, joinPath(path, key));
}

export function required<T>(
	obj: JsonObject,
	key: string,
	path: string,
	read: (value: unknown, path: string) => T
): T {
	const value = obj[key];
	if (isAbsent(value)) throw new ConfigError(joinPath(path, key), 'missing required field');
	return read(value, joinPath(path, key));
}

/** A map of string keys to numbers, keeping the key order of the input. */
export function asNumberMap(value: unknown, path: string): Map<string, number> {
	const obj = asObject(value, path);
	const map = new Map<string, number>();
	for (const key of Object.keys(obj)) map.set(key, asNumber(obj[key], joinPath(path, key)));
	return map;
}

/**
 * An externally tagged enum value in serde's JSON form: either the bare variant name (unit variants) or
 * an object with exactly one key naming the variant.
 */
export function asVariant(value: unknown, path: string, variants: readonly string[]): [string, unknown] {
	if (typeof value === 'string') {
		if (!variants.includes(value)) {
			throw new ConfigError(
				path,
				`unknown variant ${JSON.stringify(value)}, expected one of ${variants.join(', ')}`
			);
		}
		return [value, null];
	}
	const obj = asObject(value, path);
	const keys = Object.keys(obj);
	if (keys.length !== 1) {
		throw new ConfigError(
			path,
			`expected exactly one variant key (one of ${variants.join(', ')}), got ${keys.length}`
		);
	}
	const name = keys[0];
	if (!variants.includes(name)) {
		throw new ConfigError(
			path,
			`unknown variant ${JSON.stringify(name)}, expected one of ${variants.join(', ')}`
		);
	}
	return [name, obj[name]];
}
