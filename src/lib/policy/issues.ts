/**
 * Turns zod issues from the structural schema into {@link PolicyError}s that name the JSON path, what was
 * found there and what is allowed. zod reports untagged unions (the four operand forms) as one opaque
 * failure; this file picks the form the author evidently meant and reports that form's own problem.
 */
import type { z } from 'zod';
import { closestName, describeJson, isPlainObject, listOf, quotedList } from './describe';
import type { PolicyError } from './errors';
import { formatPath, type PathSegment } from './path';
import { ACTION_NAMES, COMPUTE_OPS, EXPRESSION_OPS } from './types';

type Issue = z.core.$ZodIssue;

const VALUE_FORMS = ['field', 'param', 'value', 'compute'] as const;
const PARAMETER_FORMS = ['value', 'field', 'param', 'compute'] as const;

export function parseError(
	path: readonly PathSegment[],
	summary: string,
	found: string,
	allowed: string
): PolicyError {
	const where = formatPath(path);
	return {
		type: 'ParseError',
		path: where,
		found,
		allowed,
		message: `${where === '' ? 'document' : where}: ${summary}; found ${found}; allowed: ${allowed}`
	};
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
	let current: unknown = root;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string | number, unknown>)[segment];
	}
	return current;
}

/** What a key of the language holds, for the "allowed" part of messages. */
function allowedFor(path: readonly PathSegment[], expected: string): string {
	const key = path[path.length - 1];
	const parentKey = path[path.length - 2];
	if (typeof key === 'number') {
		return parentKey === 'conditions' ? 'an expression object with an "op" key' : 'a value object';
	}
	switch (key) {
		case 'parameters':
			return path.length === 1
				? 'an object mapping parameter names to numbers'
				: 'an object mapping parameter names to values such as {"value": 2}';
		case 'bank_tree':
		case 'payment_tree':
		case 'strategic_collateral_tree':
		case 'end_of_tick_collateral_tree':
			return path.length === 1 ? 'a node object or null' : 'a node object';
		case 'on_true':
		case 'on_false':
			return 'a node object with "type": "condition" or "action"';
		case 'condition':
			return 'an expression object with an "op" key';
		case 'conditions':
			return 'an array of expression objects';
		case 'values':
			return 'an array of value objects';
		case 'compute':
			return 'a computation object with an "op" key';
		case 'description':
			return path.length === 1 ? 'a string or null' : 'a string';
		case 'action':
			return `one of ${listOf([...ACTION_NAMES])}`;
		case 'left':
		case 'right':
		case 'value':
		case 'min':
		case 'max':
		case 'numerator':
		case 'denominator':
		case 'default':
			return 'a value object: {"field": …}, {"param": …}, {"value": …} or {"compute": …}';
		default:
			break;
	}
	if (parentKey === 'parameters' && path.length === 2) return 'a number';
	switch (expected) {
		case 'string':
			return 'a string';
		case 'number':
			return 'a number';
		case 'array':
			return 'an array';
		case 'object':
		case 'record':
			return 'an object';
		default:
			return expected;
	}
}

function missingOrWrongType(root: unknown, path: readonly PathSegment[], expected: string): PolicyError {
	const found = valueAt(root, path);
	const key = path[path.length - 1];
	if (found === undefined && typeof key === 'string') {
		return parseError(
			path,
			`missing required key ${JSON.stringify(key)}`,
			'nothing',
			allowedFor(path, expected)
		);
	}
	return parseError(path, 'wrong type', describeJson(found), allowedFor(path, expected));
}

function discriminatorError(root: unknown, path: readonly PathSegment[], discriminator: string): PolicyError {
	const found = valueAt(root, path);
	const isComputation = path[path.length - 2] === 'compute';
	const options =
		discriminator === 'type'
			? ['condition', 'action']
			: isComputation
				? [...COMPUTE_OPS]
				: [...EXPRESSION_OPS];
	const what =
		discriminator === 'type' ? 'node type' : isComputation ? 'computation operator' : 'expression operator';
	if (found === undefined) {
		return parseError(
			path,
			`missing required key ${JSON.stringify(discriminator)}`,
			'nothing',
			quotedList(options)
		);
	}
	let hint = '';
	if (
		!isComputation &&
		discriminator === 'op' &&
		typeof found === 'string' &&
		(COMPUTE_OPS as readonly string[]).includes(found)
	) {
		hint = ` (arithmetic belongs inside {"compute": …} operands)`;
	}
	return parseError(path, `unknown ${what}${hint}`, describeJson(found), quotedList(options));
}

/** Explains why an operand object matches none of its four forms. */
function operandError(root: unknown, path: readonly PathSegment[], branches: Issue[][]): PolicyError[] {
	const isParameter = path[path.length - 2] === 'parameters' && path.length > 2;
	const forms = isParameter ? PARAMETER_FORMS : VALUE_FORMS;
	const allowed = `an object with one of the keys ${quotedList([...forms])}, e.g. {"value": 3}`;
	const found = valueAt(root, path);
	if (!isPlainObject(found)) {
		return [
			parseError(path, isParameter ? 'not a parameter value' : 'not a value', describeJson(found), allowed)
		];
	}
	if ('compute' in found) {
		const computeIssues = branches.find((issues) => issues.some((issue) => issue.path[0] === 'compute'));
		if (computeIssues) return issuesToErrors(computeIssues, root, path);
	}
	const errors: PolicyError[] = [];
	for (const key of ['field', 'param'] as const) {
		if (key in found && typeof found[key] !== 'string') {
			errors.push(
				parseError(
					[...path, key],
					`${JSON.stringify(key)} must name a ${key === 'field' ? 'field' : 'parameter'}`,
					describeJson(found[key]),
					'a string'
				)
			);
		}
	}
	if (errors.length > 0) return errors;
	return [
		parseError(path, isParameter ? 'not a parameter value' : 'not a value', describeJson(found), allowed)
	];
}

function isMissingKey(root: unknown, path: readonly PathSegment[]): boolean {
	const key = path[path.length - 1];
	const parent = valueAt(root, path.slice(0, -1));
	return (
		typeof key === 'string' && isPlainObject(parent) && !Object.prototype.hasOwnProperty.call(parent, key)
	);
}

function issueToErrors(issue: Issue, root: unknown, base: readonly PathSegment[]): PolicyError[] {
	const path = [...base, ...(issue.path as PathSegment[])];
	if (isMissingKey(root, path)) {
		const expected = issue.code === 'invalid_type' ? issue.expected : 'object';
		return [missingOrWrongType(root, path, expected)];
	}
	switch (issue.code) {
		case 'invalid_type':
			return [missingOrWrongType(root, path, issue.expected)];
		case 'invalid_value': {
			const key = path[path.length - 1];
			const found = valueAt(root, path);
			if (key === 'action') {
				const suggestion = typeof found === 'string' ? closestName(found, ACTION_NAMES) : null;
				const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
				return [parseError(path, 'unknown action', describeJson(found), listOf([...ACTION_NAMES]) + hint)];
			}
			return [parseError(path, 'invalid value', describeJson(found), quotedList(issue.values.map(String)))];
		}
		case 'invalid_union': {
			// zod marks a failed tag lookup of a discriminated union with these two extra properties.
			const { note, discriminator } = issue as { note?: string; discriminator?: string };
			if (note === 'No matching discriminator' && discriminator) {
				return [discriminatorError(root, path, discriminator)];
			}
			return operandError(root, path, issue.errors);
		}
		default:
			return [
				parseError(
					path,
					issue.message,
					describeJson(valueAt(root, path)),
					'see the policy language reference'
				)
			];
	}
}

/** All zod issues as policy errors; `base` is the path of the value zod was given. */
export function issuesToErrors(
	issues: readonly Issue[],
	root: unknown,
	base: readonly PathSegment[] = []
): PolicyError[] {
	return issues.flatMap((issue) => issueToErrors(issue, root, base));
}
