/**
 * The five built-in policies a scenario can name instead of a file. Their JSON is bundled (copies of the
 * original's simulator/policies files); the scenario's integer values overwrite the listed parameters.
 */
import deadlineJson from './builtin/deadline.json';
import fifoJson from './builtin/fifo.json';
import liquidityAwareJson from './builtin/liquidity_aware.json';
import liquiditySplittingJson from './builtin/liquidity_splitting.json';
import mockSplittingJson from './builtin/mock_splitting.json';
import type { CompiledPolicy } from './evaluate';
import { parsePolicyOrThrow } from './parse';

export const BUILTIN_POLICY_NAMES = [
	'Fifo',
	'Deadline',
	'LiquidityAware',
	'LiquiditySplitting',
	'MockSplitting'
] as const;

export type BuiltinPolicyName = (typeof BUILTIN_POLICY_NAMES)[number];

/** Parameters a scenario supplies for each built-in (all are injected as doubles). */
export interface BuiltinPolicyParameters {
	Fifo: Record<string, never>;
	Deadline: { urgency_threshold: number };
	LiquidityAware: { target_buffer: number; urgency_threshold: number };
	LiquiditySplitting: { max_splits: number; min_split_amount: number };
	MockSplitting: { num_splits: number };
}

const DOCUMENTS: Record<BuiltinPolicyName, unknown> = {
	Fifo: fifoJson,
	Deadline: deadlineJson,
	LiquidityAware: liquidityAwareJson,
	LiquiditySplitting: liquiditySplittingJson,
	MockSplitting: mockSplittingJson
};

/** Which parameters each built-in receives from the scenario. */
export const BUILTIN_INJECTED_PARAMETERS: Readonly<Record<BuiltinPolicyName, readonly string[]>> = {
	Fifo: [],
	Deadline: ['urgency_threshold'],
	LiquidityAware: ['target_buffer', 'urgency_threshold'],
	LiquiditySplitting: ['max_splits', 'min_split_amount'],
	MockSplitting: ['num_splits']
};

const compiled = new Map<BuiltinPolicyName, CompiledPolicy>();

export function isBuiltinPolicyName(name: string): name is BuiltinPolicyName {
	return (BUILTIN_POLICY_NAMES as readonly string[]).includes(name);
}

/** The bundled JSON document of a built-in (a deep copy, safe to modify). */
export function builtinPolicyDocument(name: BuiltinPolicyName): unknown {
	return structuredClone(DOCUMENTS[name]);
}

/**
 * A built-in policy with the scenario's parameters injected; omitted parameters keep the file's defaults.
 * Names a built-in does not take are ignored, as the original only injects the listed ones.
 */
export function builtinPolicy<N extends BuiltinPolicyName>(
	name: N,
	parameters?: Partial<BuiltinPolicyParameters[N]>
): CompiledPolicy {
	let base = compiled.get(name);
	if (!base) {
		base = parsePolicyOrThrow(DOCUMENTS[name], `built-in policy ${name}`);
		compiled.set(name, base);
	}
	if (!parameters) return base;
	const injected: Record<string, number> = {};
	for (const key of BUILTIN_INJECTED_PARAMETERS[name]) {
		const value = (parameters as Record<string, number | undefined>)[key];
		if (value !== undefined) injected[key] = value;
	}
	return Object.keys(injected).length === 0 ? base : base.withParameters(injected);
}
