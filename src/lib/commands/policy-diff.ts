/**
 * What changed between two versions of a policy, as lines for people: nested objects are compared
 * key path by key path (`parameters.initial_liquidity_fraction`); arrays and other values as wholes.
 * `Added: path = value`, `Removed: path`, `Changed: path (old -> new)`, in path order.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function flatten(value: Json, prefix: string, into: Map<string, Json>): Map<string, Json> {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, item] of Object.entries(value))
			flatten(item, prefix === '' ? key : `${prefix}.${key}`, into);
	} else {
		into.set(prefix, value);
	}
	return into;
}

/** Four significant digits for fractions (0.2, 0.1235, 1.5e-05), integers as they are. */
function formatNumber(n: number): string {
	if (Number.isInteger(n)) return String(n);
	const exponent = Math.floor(Math.log10(Math.abs(n)));
	if (exponent < -4 || exponent >= 4) {
		const [mantissa, power] = n.toExponential(3).split('e');
		const sign = power.startsWith('-') ? '-' : '+';
		return `${mantissa.replace(/\.?0+$/, '')}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
	}
	return String(Number(n.toPrecision(4)));
}

function formatValue(value: Json): string {
	if (typeof value === 'number') return formatNumber(value);
	if (typeof value === 'string') return value;
	if (Array.isArray(value) && value.length > 3)
		return `[${JSON.stringify(value[0])}, ${JSON.stringify(value[1])}, ... (${value.length} items)]`;
	return JSON.stringify(value);
}

/** The change lines from `before` to `after`; empty when there is no `before` or nothing changed. */
export function policyDiff(before: unknown, after: unknown): string {
	if (before === undefined || before === null) return '';
	const old = flatten(before as Json, '', new Map());
	const next = flatten(after as Json, '', new Map());
	const paths = [...new Set([...old.keys(), ...next.keys()])].sort();
	const lines: string[] = [];
	for (const path of paths) {
		const a = old.get(path);
		const b = next.get(path);
		if (JSON.stringify(a) === JSON.stringify(b)) continue;
		if (a === undefined) lines.push(`Added: ${path} = ${formatValue(b as Json)}`);
		else if (b === undefined) lines.push(`Removed: ${path}`);
		else lines.push(`Changed: ${path} (${formatValue(a)} -> ${formatValue(b)})`);
	}
	return lines.join('\n');
}
