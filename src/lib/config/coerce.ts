/**
 * Field types with the coercions of SimCash's schema (pydantic, lax mode, scenario-config.md §3): integral
 * floats, numeric strings and booleans are accepted where an integer is declared, and so on. Each factory
 * registers the kind of scalar it reads so that untagged unions can rank how exactly a value matches.
 */
import { z } from 'zod';

export type FieldKind = 'int' | 'float' | 'bool' | 'str';

const fieldKinds = new WeakMap<z.ZodType, FieldKind>();

function registered<T extends z.ZodType>(schema: T, kind: FieldKind, description?: string): T {
	const described = description === undefined ? schema : (schema.describe(description) as T);
	fieldKinds.set(described, kind);
	return described;
}

interface ZodDefinition {
	type: string;
	innerType?: z.ZodType;
	out?: z.ZodType;
}

function definitionOf(schema: z.ZodType): ZodDefinition {
	return (schema as unknown as { def: ZodDefinition }).def;
}

/** The scalar kind a field reads, looking through optional/nullable/default wrappers. */
export function fieldKind(schema: z.ZodType): FieldKind | undefined {
	let current: z.ZodType | undefined = schema;
	while (current) {
		const kind = fieldKinds.get(current);
		if (kind) return kind;
		current = definitionOf(current).innerType;
	}
	return undefined;
}

export interface Bounds {
	gt?: number;
	ge?: number;
	le?: number;
}

const INTEGER_TEXT = /^[+-]?\d+(?:\.0*)?$/;
const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_TEXT = new Set(['true', 'yes', 'on', '1', 't', 'y']);
const FALSE_TEXT = new Set(['false', 'no', 'off', '0', 'f', 'n']);

function toInteger(value: unknown): unknown {
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'bigint') {
		return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
			? Number(value)
			: value;
	}
	if (typeof value === 'string') {
		const text = value.trim();
		return INTEGER_TEXT.test(text) ? Number(text) : value;
	}
	return value;
}

function toFloat(value: unknown): unknown {
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'string') {
		const text = value.trim();
		return FLOAT_TEXT.test(text) ? Number(text) : value;
	}
	return value;
}

function toBoolean(value: unknown): unknown {
	if (value === 0 || value === 1) return value === 1;
	if (typeof value === 'string') {
		if (TRUE_TEXT.has(value.toLowerCase())) return true;
		if (FALSE_TEXT.has(value.toLowerCase())) return false;
	}
	return value;
}

function withBounds<T extends z.ZodNumber>(schema: T, bounds: Bounds): T {
	let bounded = schema;
	if (bounds.gt !== undefined) bounded = bounded.gt(bounds.gt) as T;
	if (bounds.ge !== undefined) bounded = bounded.gte(bounds.ge) as T;
	if (bounds.le !== undefined) bounded = bounded.lte(bounds.le) as T;
	return bounded;
}

/** An integer (pydantic `int`): also `5.0`, `"5"` and booleans; within ±2^53 so that it stays exact. */
export function integer(bounds: Bounds = {}, description?: string) {
	return registered(z.preprocess(toInteger, withBounds(z.int(), bounds)), 'int', description);
}

/** A finite number (pydantic `float`): also numeric strings and booleans. */
export function float(bounds: Bounds = {}, description?: string) {
	return registered(z.preprocess(toFloat, withBounds(z.number(), bounds)), 'float', description);
}

/** A boolean (pydantic `bool`): also 0/1 and the strings true/false/yes/no/on/off/t/f/y/n/1/0. */
export function boolean(description?: string) {
	return registered(z.preprocess(toBoolean, z.boolean()), 'bool', description);
}

/** A string; numbers are not turned into strings (`id: 123` is an error, as in SimCash). */
export function text(description?: string) {
	return registered(z.string(), 'str', description);
}
