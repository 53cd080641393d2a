/** Shared helpers for the policy tests: tiny documents, contexts and fixture access. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
	ArrayPolicyContext,
	PolicyEvaluationError,
	parsePolicy,
	type CompiledPolicy,
	type FieldName,
	type PolicyError
} from '$lib/policy';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/policies/', import.meta.url));

/** Relative paths (e.g. `test_policies/test_always_hold.json`) of every fixture policy under `subdir`. */
export function fixtureFiles(subdir = ''): string[] {
	const base = FIXTURE_DIR + subdir;
	return (readdirSync(base, { recursive: true }) as string[])
		.filter((file) => file.endsWith('.json'))
		.map((file) => (subdir ? `${subdir}/${file}` : file))
		.sort();
}

export function readFixture(relativePath: string): string {
	return readFileSync(FIXTURE_DIR + relativePath, 'utf8');
}

export function loadFixture(relativePath: string): CompiledPolicy {
	return load(readFixture(relativePath));
}

/** Parses and asserts success. */
export function load(source: unknown): CompiledPolicy {
	const result = parsePolicy(source);
	if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
	return result.policy;
}

/** Asserts failure and returns the errors. */
export function loadErrors(source: unknown): readonly PolicyError[] {
	const result = parsePolicy(source);
	if (result.ok) throw new Error('expected the policy to be rejected');
	return result.errors;
}

type Json = Record<string, unknown>;

export function action(action: string, parameters?: Json, nodeId = 'A1'): Json {
	return parameters
		? { type: 'action', node_id: nodeId, action, parameters }
		: { type: 'action', node_id: nodeId, action };
}

export function condition(nodeId: string, expression: Json, onTrue: Json, onFalse: Json): Json {
	return { type: 'condition', node_id: nodeId, condition: expression, on_true: onTrue, on_false: onFalse };
}

export function doc(trees: Json, parameters?: Record<string, number>): Json {
	return { version: '1.0', policy_id: 'test', ...(parameters ? { parameters } : {}), ...trees };
}

export const lit = (value: unknown) => ({ value });
export const field = (name: string) => ({ field: name });
export const param = (name: string) => ({ param: name });
export const compute = (computation: Json) => ({ compute: computation });

export function ctx(fields: Partial<Record<FieldName, number>> = {}, registers: Record<string, number> = {}) {
	return new ArrayPolicyContext(undefined, new Map(Object.entries(registers))).set(fields);
}

/** A payment policy that releases when `expression` holds and drops otherwise. */
export function predicate(expression: Json, parameters?: Record<string, number>): CompiledPolicy {
	return load(
		doc(
			{
				payment_tree: condition(
					'N1',
					expression,
					action('Release', undefined, 'T'),
					action('Drop', undefined, 'F')
				)
			},
			parameters
		)
	);
}

/** Evaluates a predicate policy: true, false, or the evaluation error message. */
export function truth(
	expression: Json,
	context = ctx(),
	parameters?: Record<string, number>
): boolean | string {
	try {
		return predicate(expression, parameters).evaluatePayment(context).action === 'Release';
	} catch (error) {
		if (error instanceof PolicyEvaluationError) return error.message;
		throw error;
	}
}

/** The double a computation yields, or the evaluation error message. */
export function computeValue(
	computation: Json,
	context = ctx(),
	parameters?: Record<string, number>
): number | string {
	return evaluateNumber({ compute: computation }, context, parameters);
}

/**
 * The exact double a value yields: a bank tree SetState writes it unconverted into the decision.
 * Returns the evaluation error message instead when evaluation fails.
 */
export function evaluateNumber(
	value: Json,
	context = ctx(),
	parameters?: Record<string, number>
): number | string {
	const policy = load(
		doc({ bank_tree: action('SetState', { key: lit('bank_state_probe'), value }) }, parameters)
	);
	try {
		const decision = policy.evaluateBank(context);
		if (decision.action !== 'SetState') throw new Error(`unexpected ${decision.action}`);
		return decision.value;
	} catch (error) {
		if (error instanceof PolicyEvaluationError) return error.message;
		throw error;
	}
}

export function expectEvaluationError(run: () => unknown, message: string): void {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(PolicyEvaluationError);
	expect((caught as Error).message).toBe(message);
}
