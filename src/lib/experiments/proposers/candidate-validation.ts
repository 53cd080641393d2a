/**
 * Checking a proposed policy before it is simulated (spec §11.2, done fully, as the spec proposes): every
 * parameter allowed and within its bounds, every action allowed in its tree, every field allowed, and
 * then the policy language's own validation (structure, references, unique node ids).
 */
import { formatPolicyErrors, parsePolicy } from '../../policy';
import type { ParameterSpec, PolicyConstraints } from '../experiment-config';
import { TREE_NAMES, type JsonValue, type PolicyDocument } from '../policy-document';

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
	return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

function parameterErrors(policy: PolicyDocument, specs: readonly ParameterSpec[]): string[] {
	const errors: string[] = [];
	const parameters = policy.parameters;
	if (parameters === undefined) return errors;
	if (!isObject(parameters)) return ['parameters must be an object of name → number'];
	for (const [name, value] of Object.entries(parameters)) {
		const spec = specs.find((candidate) => candidate.name === name);
		if (spec === undefined) {
			errors.push(`Unknown parameter: ${name}. Allowed: [${specs.map((s) => s.name).join(', ')}]`);
			continue;
		}
		if (spec.type === 'enum') {
			if (!spec.values.some((allowed) => allowed === value)) {
				errors.push(`Parameter '${name}' value ${JSON.stringify(value)} not in [${spec.values.join(', ')}]`);
			}
			continue;
		}
		if (typeof value !== 'number') {
			errors.push(`Parameter '${name}' must be a number, got ${JSON.stringify(value)}`);
			continue;
		}
		if (spec.type === 'int' && !Number.isInteger(value))
			errors.push(`Parameter '${name}' must be int, got ${value}`);
		if (spec.min !== null && value < spec.min)
			errors.push(`Parameter '${name}' value ${value} below min ${spec.min}`);
		if (spec.max !== null && value > spec.max)
			errors.push(`Parameter '${name}' value ${value} above max ${spec.max}`);
	}
	return errors;
}

/** Every `{"field": …}` name anywhere below `node`. */
function fieldNames(node: JsonValue, into: Set<string>): Set<string> {
	if (Array.isArray(node)) for (const item of node) fieldNames(item, into);
	else if (isObject(node)) {
		if (typeof node.field === 'string') into.add(node.field);
		for (const value of Object.values(node)) fieldNames(value, into);
	}
	return into;
}

function treeErrors(policy: PolicyDocument, constraints: PolicyConstraints): string[] {
	const errors: string[] = [];
	const allowedFields = new Set(constraints.allowedFields);
	for (const tree of TREE_NAMES) {
		const root = policy[tree];
		if (root === undefined || root === null) continue;
		const allowedActions = constraints.allowedActions[tree];
		const visit = (node: JsonValue) => {
			if (!isObject(node)) return;
			if (node.type === 'action' && allowedActions !== undefined && typeof node.action === 'string') {
				if (!allowedActions.includes(node.action)) {
					errors.push(`Invalid action '${node.action}' for ${tree}. Allowed: [${allowedActions.join(', ')}]`);
				}
			}
			visit(node.on_true);
			visit(node.on_false);
		};
		visit(root);
		for (const field of fieldNames(root, new Set())) {
			if (!allowedFields.has(field)) {
				errors.push(`Unknown field: ${field}. Allowed: [${constraints.allowedFields.join(', ')}]`);
			}
		}
	}
	return errors;
}

/** Every problem of the candidate; empty when it may be simulated. */
export function validateCandidate(policy: PolicyDocument, constraints: PolicyConstraints): string[] {
	const errors = [...parameterErrors(policy, constraints.parameters), ...treeErrors(policy, constraints)];
	const parsed = parsePolicy(policy);
	if (!parsed.ok) errors.push(formatPolicyErrors(parsed.errors));
	return errors;
}
