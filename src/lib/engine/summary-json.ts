/**
 * Text form of the final summary, identical to the golden `final.json`: keys sorted at every level,
 * two-space indentation, and the float figures (settlement_rate, avg_delay_ticks) printed the way
 * Python's `json` prints floats (`1.0`, `0.7983407785577536`, `1e-05`).
 */
import type { FinalSummary } from './summary';

const FLOAT_KEYS = new Set(['settlement_rate', 'avg_delay_ticks']);

/** Python `repr` of a finite float. */
export function pythonFloat(x: number): string {
	if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
	if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
	const [mantissa, exponentText] = x.toExponential().split('e');
	const exponent = Number(exponentText);
	if (exponent < -4 || exponent >= 16) {
		const sign = exponent < 0 ? '-' : '+';
		return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
	}
	const text = String(x);
	return Number.isInteger(x) ? `${text}.0` : text;
}

function write(value: unknown, key: string, indent: string): string {
	if (typeof value === 'number' && FLOAT_KEYS.has(key)) return pythonFloat(value);
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	const inner = indent + '  ';
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((item) => inner + write(item, '', inner)).join(',\n')}\n${indent}]`;
	}
	const keys = Object.keys(value).sort();
	if (keys.length === 0) return '{}';
	const record = value as Record<string, unknown>;
	return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${write(record[k], k, inner)}`).join(',\n')}\n${indent}}`;
}

export function formatFinalSummary(summary: FinalSummary): string {
	return write(summary, '', '') + '\n';
}
