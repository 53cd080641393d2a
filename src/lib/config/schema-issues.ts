/** Turns schema validation issues (zod) into diagnostics with the value found and what is allowed. */
import type { z } from 'zod';
import { fieldKind, type FieldKind } from './coerce';
import { describeValue, valueAt, type DiagnosticCode, type DiagnosticDetails } from './diagnostics';
import type { Path } from './path';
import { schemaAt } from './schema-walk';
import { suggestName } from './suggest';

export interface IssueDiagnostic {
	code: DiagnosticCode;
	path: Path;
	details: DiagnosticDetails;
}

const EXPECTED: Readonly<Record<string, string>> = {
	int: 'an integer',
	number: 'a number',
	bigint: 'an integer',
	boolean: 'true or false',
	string: 'a string',
	object: 'a mapping',
	record: 'a mapping',
	array: 'a list',
	tuple: 'a list'
};

const SAFE_INTEGER_LIMIT = 2 ** 53 - 1;

function bound(value: number | bigint): string {
	if (value === SAFE_INTEGER_LIMIT || value === -SAFE_INTEGER_LIMIT) {
		return `${value < 0 ? '-' : ''}2^53 − 1 (integers must stay exact)`;
	}
	if (value === (1n << 64n) - 1n) return '2^64 − 1';
	return String(value);
}

const KIND_NAMES: Readonly<Record<FieldKind, string>> = {
	int: 'an integer',
	float: 'a number',
	bool: 'true or false',
	str: 'a string'
};

function kindOf(origin: string, declared: FieldKind | undefined): string {
	if (declared !== undefined) return KIND_NAMES[declared];
	if (origin === 'int' || origin === 'bigint') return 'an integer';
	if (origin === 'number') return 'a number';
	return `a ${origin}`;
}

function items(count: number | bigint): string {
	return `${count} item${count === 1 || count === 1n ? '' : 's'}`;
}

function invalidType(
	issue: z.core.$ZodIssueInvalidType,
	found: unknown,
	declared: FieldKind | undefined
): IssueDiagnostic['details'] & { code: DiagnosticCode } {
	const allowed =
		declared !== undefined
			? KIND_NAMES[declared]
			: Object.hasOwn(EXPECTED, issue.expected)
				? EXPECTED[issue.expected]
				: issue.expected;
	if (found === undefined) {
		return {
			code: 'missing-key',
			message: 'required key is missing',
			found: 'nothing (no such key)',
			allowed
		};
	}
	if (typeof found === 'number' && declared === 'int' && Number.isFinite(found)) {
		return { code: 'invalid-type', message: 'not a whole number', found: describeValue(found), allowed };
	}
	if (typeof found === 'number' && !Number.isFinite(found)) {
		return { code: 'invalid-type', message: 'not a finite number', found: describeValue(found), allowed };
	}
	return { code: 'invalid-type', message: `expected ${allowed}`, found: describeValue(found), allowed };
}

/**
 * One diagnostic for a zod issue; `root` is the data that was validated (to show the value found) and
 * `schema` the schema it was validated with (to name the declared type).
 */
export function issueToDiagnostic(
	issue: z.core.$ZodIssue,
	root: unknown,
	schema: z.ZodType
): IssueDiagnostic {
	const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
	const found = valueAt(root, path);
	const fieldSchema = schemaAt(schema, path, root);
	const declared = fieldSchema ? fieldKind(fieldSchema) : undefined;
	switch (issue.code) {
		case 'invalid_type': {
			const { code, ...details } = invalidType(issue, found, declared);
			return { code, path, details };
		}
		case 'too_small': {
			const array = issue.origin === 'array';
			const allowed = array
				? `at least ${items(issue.minimum)}`
				: `${kindOf(issue.origin, declared)} ${issue.inclusive ? '≥' : '>'} ${bound(issue.minimum)}`;
			return {
				code: 'out-of-range',
				path,
				details: { message: array ? 'too few items' : 'too small', found: describeValue(found), allowed }
			};
		}
		case 'too_big': {
			const array = issue.origin === 'array';
			const allowed = array
				? `at most ${items(issue.maximum)}`
				: `${kindOf(issue.origin, declared)} ${issue.inclusive ? '≤' : '<'} ${bound(issue.maximum)}`;
			return {
				code: 'out-of-range',
				path,
				details: { message: array ? 'too many items' : 'too large', found: describeValue(found), allowed }
			};
		}
		case 'invalid_value': {
			const options = issue.values.map((value) => String(value));
			const suggestion = typeof found === 'string' ? suggestName(found, options) : undefined;
			return {
				code: 'invalid-value',
				path,
				details: {
					message: 'not one of the allowed values',
					found: describeValue(found),
					allowed: `one of ${options.join(', ')}`,
					...(suggestion !== undefined ? { suggestion } : {})
				}
			};
		}
		case 'invalid_union':
			return {
				code: 'invalid-type',
				path,
				details: {
					message: 'matches none of the allowed forms',
					found: describeValue(found),
					allowed: 'an integer, or a mapping of agent id to integer'
				}
			};
		case 'custom': {
			const params = (issue.params ?? {}) as { allowed?: string; candidates?: string[] };
			const suggestion =
				typeof found === 'string' && params.candidates ? suggestName(found, params.candidates) : undefined;
			return {
				code: 'invalid-value',
				path,
				details: {
					message: issue.message,
					found: describeValue(found),
					...(params.allowed !== undefined ? { allowed: params.allowed } : {}),
					...(suggestion !== undefined ? { suggestion } : {})
				}
			};
		}
		default:
			return {
				code: 'invalid-value',
				path,
				details: { message: issue.message, found: describeValue(found) }
			};
	}
}
