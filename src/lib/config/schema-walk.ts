/**
 * Walking the zod schema alongside the data: which schema applies at a key path (looking through
 * optional/default wrappers and preprocessing, choosing union members by the data's `type`).
 */
import type { z } from 'zod';
import type { Path, PathSegment } from './path';

export interface Definition {
	type: string;
	shape?: Record<string, z.ZodType>;
	innerType?: z.ZodType;
	in?: z.ZodType;
	out?: z.ZodType;
	element?: z.ZodType;
	valueType?: z.ZodType;
	options?: z.ZodType[];
	discriminator?: string;
	values?: unknown[];
}

function definition(schema: z.ZodType): Definition {
	return (schema as unknown as { def: Definition }).def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

/** The definition under optional/nullable/default wrappers and preprocessing steps. */
export function unwrap(schema: z.ZodType): Definition {
	let current = schema;
	for (;;) {
		const def = definition(current);
		if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
		else if (def.type === 'pipe' && def.out && definition(def.in as z.ZodType).type === 'transform')
			current = def.out;
		else return def;
	}
}

export function isMapping(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The literal value of an object schema's discriminator key. */
function literalOf(option: z.ZodType, key: string): unknown {
	const shape = unwrap(option).shape ?? {};
	return Object.hasOwn(shape, key) ? unwrap(shape[key]).values?.[0] : undefined;
}

/** The member of a union that applies to `value` (by discriminator, else by the kind of value). */
export function unionMember(def: Definition, value: unknown): z.ZodType | undefined {
	const options = def.options ?? [];
	if (def.discriminator !== undefined) {
		const key = def.discriminator;
		return isMapping(value) ? options.find((option) => literalOf(option, key) === value[key]) : undefined;
	}
	return options.find((option) => {
		const type = unwrap(option).type;
		if (isMapping(value)) return type === 'object' || type === 'record';
		if (Array.isArray(value)) return type === 'array';
		return type !== 'object' && type !== 'record' && type !== 'array';
	});
}

/** The schema of the child `segment` of a value validated by `schema`. */
export function childSchema(schema: z.ZodType, segment: PathSegment, value: unknown): z.ZodType | undefined {
	const def = unwrap(schema);
	switch (def.type) {
		case 'object':
			return typeof segment === 'string' && def.shape && Object.hasOwn(def.shape, segment)
				? def.shape[segment]
				: undefined;
		case 'array':
			return def.element;
		case 'record':
			return def.valueType;
		case 'union': {
			const member = unionMember(def, value);
			return member ? childSchema(member, segment, value) : undefined;
		}
		default:
			return undefined;
	}
}

/** The schema that validates the value at `path` of `root`, when the path leads through known keys. */
export function schemaAt(schema: z.ZodType, path: Path, root: unknown): z.ZodType | undefined {
	let current: z.ZodType | undefined = schema;
	let value = root;
	for (const segment of path) {
		if (current === undefined) return undefined;
		current = childSchema(current, segment, value);
		value =
			value !== null && typeof value === 'object'
				? (value as Record<PathSegment, unknown>)[segment]
				: undefined;
	}
	return current;
}
