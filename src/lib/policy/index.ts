/**
 * SimCash policy language: JSON decision trees (spec: shared/spec/policy-dsl.md).
 *
 * How the engine uses it:
 *   1. At scenario load, once per policy source: `parsePolicy(jsonTextOrObject)` (or `builtinPolicy(name,
 *      params)` for Fifo/Deadline/LiquidityAware/LiquiditySplitting/MockSplitting). On `ok: false` report
 *      `errors` (formatPolicyErrors) as a configuration error. Keep one CompiledPolicy per agent (they are
 *      immutable; agents with the same source and parameters may share one).
 *   2. Implement PolicyContext (context.ts): `field(id)` for the FieldId catalogue, `register(name)` for
 *      bank_state_* registers (0 when unset). Values are requested lazily, only on the path taken.
 *   3. Each tick: evaluateStrategicCollateralTree (step 1.5), evaluateBankTree (1.75), evaluatePaymentTree per
 *      Queue-1 transaction (2) and per own Queue-2 transaction (2b), evaluateEndOfTickCollateralTree (5.5).
 *      They return decision objects (decisions.ts, read-only, possibly shared) or throw
 *      PolicyEvaluationError; the engine maps that to a tick failure / abort, or to "no effect" in step 2b.
 *   The collateral trees and the bank tree never read transaction fields (ids below FIRST_AGENT_FIELD_ID).
 */
import type { PolicyContext } from './context';
import type { BankDecision, CollateralDecision, PaymentDecision } from './decisions';
import type { CompiledPolicy } from './evaluate';

export * from './context';
export type {
	BankDecision,
	CollateralDecision,
	CollateralReason,
	HoldReason,
	PaymentDecision,
	RtgsPriority
} from './decisions';
export { HOLD_COLLATERAL, NO_ACTION, debugString, renderHoldReason } from './decisions';
export type {
	EvaluationErrorKind,
	PolicyError,
	PolicyErrorType,
	PolicyWarning,
	PolicyWarningType
} from './errors';
export { PolicyEvaluationError, PolicyLoadError, formatPolicyErrors } from './errors';
export { CompiledPolicy } from './evaluate';
export { parsePolicy, parsePolicyOrThrow, type ParsePolicyResult } from './parse';
export {
	BUILTIN_INJECTED_PARAMETERS,
	BUILTIN_POLICY_NAMES,
	builtinPolicy,
	builtinPolicyDocument,
	isBuiltinPolicyName,
	type BuiltinPolicyName,
	type BuiltinPolicyParameters
} from './builtins';
export { policySchema } from './schema';
export type { ActionName, PolicyDocument, TreeNode } from './types';
export { ACTION_NAMES, COMPUTE_OPS, EXPRESSION_OPS } from './types';

/** Payment tree for one transaction (steps 2 and 2b). Throws PolicyEvaluationError. */
export function evaluatePaymentTree(policy: CompiledPolicy, ctx: PolicyContext): PaymentDecision {
	return policy.evaluatePayment(ctx);
}

/** Bank tree (step 1.75): budget and register actions; NoAction when absent. Throws PolicyEvaluationError. */
export function evaluateBankTree(policy: CompiledPolicy, ctx: PolicyContext): BankDecision {
	return policy.evaluateBank(ctx);
}

/** Strategic collateral tree (step 1.5); HoldCollateral when absent. Throws PolicyEvaluationError. */
export function evaluateStrategicCollateralTree(
	policy: CompiledPolicy,
	ctx: PolicyContext
): CollateralDecision {
	return policy.evaluateStrategicCollateral(ctx);
}

/** End-of-tick collateral tree (step 5.5); HoldCollateral when absent. Throws PolicyEvaluationError. */
export function evaluateEndOfTickCollateralTree(
	policy: CompiledPolicy,
	ctx: PolicyContext
): CollateralDecision {
	return policy.evaluateEndOfTickCollateral(ctx);
}
