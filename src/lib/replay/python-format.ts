/**
 * The few Python formatting rules the original's verbose output relies on (f-strings on ints and floats,
 * `repr` of floats and of the scalars in a dict), reproduced exactly so that the text is the same.
 */

/** Above this magnitude `toFixed` switches to exponent notation; such doubles are integers. */
const FIXED_NOTATION_LIMIT = 1e21;

/** Exact decimal expansion of a non-negative finite double (exact for every value a tie can occur at). */
function exactDecimal(value: number): { integer: string; fraction: string } {
	if (value >= FIXED_NOTATION_LIMIT) return { integer: BigInt(value).toString(), fraction: '' };
	const [integer, fraction] = value.toFixed(100).split('.');
	return { integer, fraction };
}

/**
 * Python's `format(x, '.<digits>f')`: the exact binary value rounded half to even (JavaScript's `toFixed`
 * rounds ties up), the sign kept on values that round to zero, `nan` and `inf` spelt as Python does.
 */
export function formatFixed(x: number, digits: number): string {
	if (Number.isNaN(x)) return 'nan';
	const negative = x < 0 || Object.is(x, -0);
	const sign = negative ? '-' : '';
	if (!Number.isFinite(x)) return `${sign}inf`;
	const { integer, fraction } = exactDecimal(Math.abs(x));
	const kept = BigInt(integer + fraction.slice(0, digits).padEnd(digits, '0'));
	const dropped = fraction.slice(digits);
	const first = dropped.length > 0 ? dropped.charCodeAt(0) - 48 : 0;
	const restNonZero = /[1-9]/.test(dropped.slice(1));
	const roundUp = first > 5 || (first === 5 && (restNonZero || kept % 2n === 1n));
	const rounded = (roundUp ? kept + 1n : kept).toString().padStart(digits + 1, '0');
	if (digits === 0) return sign + rounded;
	return `${sign}${rounded.slice(0, -digits)}.${rounded.slice(-digits)}`;
}

/** Inserts `,` every three digits of the integer part of a plain decimal number (Python's `,` option). */
export function groupThousands(decimal: string): string {
	const match = /^(-?)(\d+)(.*)$/.exec(decimal);
	if (match === null) return decimal;
	const [, sign, integer, rest] = match;
	return sign + integer.replace(/\B(?=(\d{3})+$)/g, ',') + rest;
}

/** Python's `str(int)`; integers have no negative zero in Python. */
export function formatInteger(n: number): string {
	return formatFixed(n === 0 ? 0 : n, 0);
}

/** Python's `format(n, ',')` for an integer count. */
export function formatCount(n: number): string {
	return groupThousands(formatInteger(n));
}

/** Python's `repr(float)` (also its `str`): shortest round-trip digits, `.0` on integral values. */
export function formatFloatRepr(x: number): string {
	if (Number.isNaN(x)) return 'nan';
	if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
	if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
	const sign = x < 0 ? '-' : '';
	const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
	const digits = mantissa.replace('.', '');
	const exponent = Number(exponentText);
	const pointPosition = exponent + 1;
	if (pointPosition <= -4 || pointPosition > 16) {
		const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
		const exponentSign = exponent < 0 ? '-' : '+';
		return `${sign}${digits[0]}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
	}
	if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
	if (digits.length <= pointPosition) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
	return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

/** Characters Python's `str.isprintable()` rejects (the ASCII space aside). */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function escapeCharacter(char: string, quote: string): string {
	if (char === '\\' || char === quote) return `\\${char}`;
	if (char === '\n') return '\\n';
	if (char === '\r') return '\\r';
	if (char === '\t') return '\\t';
	if (char === ' ' || !NON_PRINTABLE.test(char)) return char;
	const code = char.codePointAt(0) as number;
	if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
	if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
	return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python's `repr(str)`: single quotes unless the text holds a single quote and no double quote. */
export function formatStringRepr(text: string): string {
	const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
	let body = '';
	for (const char of text) body += escapeCharacter(char, quote);
	return quote + body + quote;
}

export type PythonScalar = string | number | boolean | null;

/**
 * Python's `str` of a JSON scalar after `json.loads`. JSON text loses the difference between `2` and
 * `2.0`, so the caller says which numbers were floats in the original.
 */
export function formatScalarStr(value: PythonScalar, isFloat: boolean): string {
	if (value === null) return 'None';
	if (typeof value === 'boolean') return value ? 'True' : 'False';
	if (typeof value === 'string') return value;
	return isFloat || !Number.isInteger(value) ? formatFloatRepr(value) : formatInteger(value);
}

/** Python's `repr` of such a scalar: as `str`, strings quoted. */
export function formatScalarRepr(value: PythonScalar, isFloat: boolean): string {
	return typeof value === 'string' ? formatStringRepr(value) : formatScalarStr(value, isFloat);
}

/** Python's `repr(dict)` of a flat dict with string keys, in the given key order. */
export function formatDictRepr(
	entries: Readonly<Record<string, PythonScalar>>,
	isFloatKey: (key: string) => boolean
): string {
	const parts = Object.entries(entries).map(
		([key, value]) => `${formatStringRepr(key)}: ${formatScalarRepr(value, isFloatKey(key))}`
	);
	return `{${parts.join(', ')}}`;
}

/** Python's `format(x, '^<width>')`: centred, the odd space going to the right. */
export function centre(text: string, width: number): string {
	const padding = Math.max(0, width - [...text].length);
	const left = Math.floor(padding / 2);
	return ' '.repeat(left) + text + ' '.repeat(padding - left);
}
