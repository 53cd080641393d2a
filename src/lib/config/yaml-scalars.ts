/**
 * Scalars as PyYAML's `safe_load` reads them (YAML 1.1): the implicit resolvers for plain scalars and the
 * constructors of the standard tags. The `yaml` package's own 1.1 schema differs from PyYAML in places that
 * matter for scenario files (it reads `y`/`n` as booleans and `0o17` as an integer), so resolution is done
 * here from the PyYAML rules.
 */

/** A timestamp scalar (`2025-01-31`): PyYAML builds a date, which no scenario key accepts. */
export class YamlTimestamp {
	constructor(readonly text: string) {}
}

/** Values of tags no scenario key accepts (`!!binary`, `!!set`, `!!omap`, `!!pairs`). */
export class YamlOpaque {
	constructor(
		readonly tag: string,
		readonly text: string
	) {}
}

export type ScalarValue = string | number | bigint | boolean | null | YamlTimestamp | YamlOpaque;

/** What a scalar resolved to; `float` is kept apart from `int` because the schema's unions tell them apart. */
export type ScalarKind = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'opaque';

export interface ResolvedScalar {
	value: ScalarValue;
	kind: ScalarKind;
}

export class ScalarError extends Error {}

const TAG_PREFIX = 'tag:yaml.org,2002:';

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
	/^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
	/^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const MERGE = /^<<$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
	/^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const VALUE = /^=$/;

/** The tag PyYAML's implicit resolver gives a plain scalar, in its resolver order. */
export function implicitTag(text: string): string {
	if (BOOL.test(text)) return TAG_PREFIX + 'bool';
	if (FLOAT.test(text)) return TAG_PREFIX + 'float';
	if (INT.test(text)) return TAG_PREFIX + 'int';
	if (MERGE.test(text)) return TAG_PREFIX + 'merge';
	if (NULL.test(text)) return TAG_PREFIX + 'null';
	if (TIMESTAMP.test(text)) return TAG_PREFIX + 'timestamp';
	if (VALUE.test(text)) return TAG_PREFIX + 'value';
	return TAG_PREFIX + 'str';
}

/** Integers stay exact: beyond ±2^53 they become bigints, which the schema then reports as out of range. */
function exactInteger(value: bigint): number | bigint {
	return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
		? Number(value)
		: value;
}

function digitsInBase(digits: string, base: 2 | 8 | 10 | 16, text: string): bigint {
	const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
	if (!valid.test(digits)) throw new ScalarError(`cannot read ${JSON.stringify(text)} as an integer`);
	const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base];
	return BigInt(prefix + digits);
}

/** PyYAML's int constructor: underscores dropped, 0b binary, 0x hex, leading 0 octal, a:b:c base 60. */
function constructInt(text: string): number | bigint {
	let digits = text.replace(/_/g, '');
	let sign = 1n;
	if (digits.startsWith('-')) sign = -1n;
	if (digits.startsWith('-') || digits.startsWith('+')) digits = digits.slice(1);
	let magnitude: bigint;
	if (digits === '0') magnitude = 0n;
	else if (digits.startsWith('0b')) magnitude = digitsInBase(digits.slice(2), 2, text);
	else if (digits.startsWith('0x')) magnitude = digitsInBase(digits.slice(2), 16, text);
	else if (digits.startsWith('0')) magnitude = digitsInBase(digits, 8, text);
	else if (digits.includes(':')) {
		magnitude = 0n;
		for (const part of digits.split(':')) magnitude = magnitude * 60n + digitsInBase(part, 10, text);
	} else magnitude = digitsInBase(digits, 10, text);
	return exactInteger(sign * magnitude);
}

/** PyYAML's float constructor: underscores dropped, `.inf`/`.nan`, a:b:c.d base 60. */
function constructFloat(text: string): number {
	let digits = text.replace(/_/g, '').toLowerCase();
	let sign = 1;
	if (digits.startsWith('-')) sign = -1;
	if (digits.startsWith('-') || digits.startsWith('+')) digits = digits.slice(1);
	if (digits === '.inf') return sign * Infinity;
	if (digits === '.nan') return NaN;
	if (digits.includes(':')) {
		let value = 0;
		for (const part of digits.split(':')) value = value * 60 + Number(part);
		if (Number.isNaN(value)) throw new ScalarError(`cannot read ${JSON.stringify(text)} as a number`);
		return sign * value;
	}
	const value = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/.test(digits) ? Number(digits) : NaN;
	if (Number.isNaN(value)) throw new ScalarError(`cannot read ${JSON.stringify(text)} as a number`);
	return sign * value;
}

function constructBool(text: string): boolean {
	const lower = text.toLowerCase();
	if (lower === 'yes' || lower === 'true' || lower === 'on') return true;
	if (lower === 'no' || lower === 'false' || lower === 'off') return false;
	throw new ScalarError(`cannot read ${JSON.stringify(text)} as a boolean`);
}

/** Builds the value of a scalar with the given (resolved or explicit) tag, as PyYAML's SafeConstructor does. */
export function constructScalar(tag: string, text: string): ResolvedScalar {
	switch (tag) {
		case TAG_PREFIX + 'str':
		case '!':
			return { value: text, kind: 'str' };
		case TAG_PREFIX + 'int':
			return { value: constructInt(text), kind: 'int' };
		case TAG_PREFIX + 'float':
			return { value: constructFloat(text), kind: 'float' };
		case TAG_PREFIX + 'bool':
			return { value: constructBool(text), kind: 'bool' };
		case TAG_PREFIX + 'null':
			return { value: null, kind: 'null' };
		case TAG_PREFIX + 'timestamp':
			return { value: new YamlTimestamp(text), kind: 'timestamp' };
		case TAG_PREFIX + 'binary':
			return { value: new YamlOpaque('!!binary', text), kind: 'opaque' };
		default:
			throw new ScalarError(`could not determine a constructor for the tag ${shortTag(tag)}`);
	}
}

/** `tag:yaml.org,2002:int` → `!!int`, for messages. */
export function shortTag(tag: string): string {
	return tag.startsWith(TAG_PREFIX) ? '!!' + tag.slice(TAG_PREFIX.length) : tag;
}

export const MERGE_TAG = TAG_PREFIX + 'merge';
export const STANDARD_COLLECTION_TAGS = {
	map: TAG_PREFIX + 'map',
	seq: TAG_PREFIX + 'seq',
	set: TAG_PREFIX + 'set',
	omap: TAG_PREFIX + 'omap',
	pairs: TAG_PREFIX + 'pairs'
} as const;

/** JSON scenario files: every plain scalar is a JSON number, `true`, `false` or `null`. */
export function resolveJsonScalar(text: string): ResolvedScalar {
	if (text === 'true' || text === 'false') return { value: text === 'true', kind: 'bool' };
	if (text === 'null') return { value: null, kind: 'null' };
	if (/^-?(?:0|[1-9][0-9]*)$/.test(text)) return { value: exactInteger(BigInt(text)), kind: 'int' };
	if (/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/.test(text)) {
		return { value: Number(text), kind: 'float' };
	}
	throw new ScalarError(`${JSON.stringify(text)} is not a JSON value`);
}
