/**
 * Policy documents as the experiment loop handles them: plain JSON objects in the standard layout
 * (`version`, `policy_id`, top-level `parameters`, up to four trees), as written to records and prompts.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A policy document: a JSON object (decision trees plus named parameters). */
export type PolicyDocument = { [key: string]: JsonValue };

export const TREE_NAMES = [
	'payment_tree',
	'bank_tree',
	'strategic_collateral_tree',
	'end_of_tick_collateral_tree'
] as const;

export type TreeName = (typeof TREE_NAMES)[number];

export const LIQUIDITY_FRACTION = 'initial_liquidity_fraction';

/** The fraction SimCash applies when a policy names none. */
const DEFAULT_LIQUIDITY_FRACTION = 0.5;

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The starting policy of every optimized agent (spec §4 step 1): release everything, allocate half the pool. */
export function defaultPolicy(agentId: string): PolicyDocument {
	return {
		version: '2.0',
		policy_id: `${agentId}_default`,
		parameters: { [LIQUIDITY_FRACTION]: DEFAULT_LIQUIDITY_FRACTION },
		payment_tree: { type: 'action', node_id: 'default_release', action: 'Release' },
		strategic_collateral_tree: { type: 'action', node_id: 'hold_collateral', action: 'HoldCollateral' }
	};
}

/** The document's numeric parameters (non-numeric entries are left out). */
export function numericParameters(policy: PolicyDocument): Record<string, number> {
	const parameters = policy.parameters;
	const numbers: Record<string, number> = {};
	if (!isObject(parameters)) return numbers;
	for (const [name, value] of Object.entries(parameters))
		if (typeof value === 'number') numbers[name] = value;
	return numbers;
}

/**
 * The share of the liquidity pool the policy allocates at the start: the nested parameter, else a top-level
 * key, else one half (the order SimCash reads them in).
 */
export function liquidityFraction(policy: PolicyDocument): number {
	const nested = isObject(policy.parameters) ? policy.parameters[LIQUIDITY_FRACTION] : undefined;
	if (typeof nested === 'number') return nested;
	const flat = policy[LIQUIDITY_FRACTION];
	if (typeof flat === 'number') return flat;
	return DEFAULT_LIQUIDITY_FRACTION;
}

/** A copy of the policy with some parameters replaced and a new id. */
export function withParameters(
	policy: PolicyDocument,
	parameters: Readonly<Record<string, number>>,
	policyId: string
): PolicyDocument {
	const current = isObject(policy.parameters) ? policy.parameters : {};
	return { ...policy, policy_id: policyId, parameters: { ...current, ...parameters } };
}

/** JSON with object keys sorted, so that equal documents give equal text. */
export function sortedJson(value: JsonValue): string {
	if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
	if (isObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** What decides a policy's behaviour: everything but its id, version and description. */
export function behaviourKey(policy: PolicyDocument): string {
	const { policy_id: _id, version: _version, description: _description, ...behaviour } = policy;
	return sortedJson(behaviour);
}

export function clonePolicy(policy: PolicyDocument): PolicyDocument {
	return structuredClone(policy);
}
