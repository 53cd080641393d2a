/**
 * Canonical JSON text as the original prints it for hashing (§3.12): compact, every object's keys sorted
 * byte-wise, integers as plain integers and f64 values in serde_json's shortest round-trip form (`5.0`,
 * `1e-6`). JavaScript numbers do not say whether they are integers or doubles, so doubles are wrapped.
 */
import { compareIds } from './ordering';
import { formatF64 } from './serialize';

/** A value that the original holds as an f64. */
export class F64 {
	constructor(readonly value: number) {}
}

export type CanonicalValue =
	| null
	| boolean
	| string
	| number
	| bigint
	| F64
	| readonly CanonicalValue[]
	| { readonly [key: string]: CanonicalValue };

/** Wraps a nullable double. */
export function f64OrNull(value: number | null): F64 | null {
	return value === null ? null : new F64(value);
}

function integerText(value: number): string {
	if (!Number.isSafeInteger(value)) throw new Error(`not an exact integer: ${value}`);
	return String(value);
}

export function canonicalJson(value: CanonicalValue): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false';
		case 'string':
			return JSON.stringify(value);
		case 'number':
			return integerText(value);
		case 'bigint':
			return value.toString();
	}
	if (value instanceof F64) return formatF64(value.value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const record = value as { readonly [key: string]: CanonicalValue };
	const keys = Object.keys(record).sort(compareIds);
	return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}
