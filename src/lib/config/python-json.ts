/**
 * Python's `json.dumps` with default options, which SimCash applies to `Inline` policies
 * (scenario-config.md §16): `", "` and `": "` separators, non-ASCII escaped, floats in `repr` form (`1.0`,
 * `1e-05`, `1e+16`). YAML floats stay floats (`5.0` is not `5`), so the scalar kinds of the YAML are needed.
 */
import type { Path } from './path';
import { YamlOpaque, YamlTimestamp, type ScalarKind } from './yaml-scalars';

export class NotSerializableError extends Error {
	constructor(
		readonly path: Path,
		readonly what: string
	) {
		super(`Object of type ${what} is not JSON serializable`);
	}
}

/** Python's `repr` of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloatRepr(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return 'Infinity';
	if (value === -Infinity) return '-Infinity';
	if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
	const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
	const digits = mantissa.replace('.', '');
	const exponent = Number(exponentText);
	const sign = value < 0 ? '-' : '';
	if (exponent < -4 || exponent >= 16) {
		const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
		const magnitude = String(Math.abs(exponent)).padStart(2, '0');
		return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${magnitude}`;
	}
	const point = exponent + 1;
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function pythonString(text: string): string {
	let out = '"';
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const ch = text[i];
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (ch === '\b') out += '\\b';
		else if (ch === '\f') out += '\\f';
		else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
		else out += ch;
	}
	return out + '"';
}

/** `json.dumps(value)` of data read from YAML; `kindAt` tells floats from integers. */
export function pythonJsonDumps(
	value: unknown,
	path: Path,
	kindAt: (path: Path) => ScalarKind | undefined
): string {
	if (value === null) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'string') return pythonString(value);
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'number') {
		return kindAt(path) === 'float' || !Number.isInteger(value) ? pythonFloatRepr(value) : String(value);
	}
	if (Array.isArray(value)) {
		return `[${value.map((item, i) => pythonJsonDumps(item, [...path, i], kindAt)).join(', ')}]`;
	}
	if (value instanceof YamlTimestamp) throw new NotSerializableError(path, 'date');
	if (value instanceof YamlOpaque) throw new NotSerializableError(path, value.tag);
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).map(
			([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item, [...path, key], kindAt)}`
		);
		return `{${entries.join(', ')}}`;
	}
	throw new NotSerializableError(path, typeof value);
}
