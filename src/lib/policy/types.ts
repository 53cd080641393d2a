/**
 * Decoded form (AST) of a policy document. Produced by the decoder from validated JSON; the compiler turns it
 * into closures. Mirrors the JSON structure of the language one to one.
 */
import type { TreeName } from './context';

export const COMPARISON_OPS = ['==', '!=', '<', '<=', '>', '>='] as const;
export const LOGICAL_OPS = ['and', 'or', 'not'] as const;
export const BINARY_COMPUTE_OPS = ['+', '-', '*', '/'] as const;
export const NARY_COMPUTE_OPS = ['max', 'min'] as const;
export const UNARY_COMPUTE_OPS = ['ceil', 'floor', 'round', 'abs'] as const;

export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type BinaryComputeOp = (typeof BINARY_COMPUTE_OPS)[number];
export type NaryComputeOp = (typeof NARY_COMPUTE_OPS)[number];
export type UnaryComputeOp = (typeof UNARY_COMPUTE_OPS)[number];

/** The 9 boolean operators, in the order of the original's error messages. */
export const EXPRESSION_OPS = [...COMPARISON_OPS, ...LOGICAL_OPS] as const;
/** The 12 computation operators. */
export const COMPUTE_OPS = [
	...BINARY_COMPUTE_OPS,
	...NARY_COMPUTE_OPS,
	...UNARY_COMPUTE_OPS,
	'clamp',
	'div0'
] as const;

export const PAYMENT_ACTIONS = [
	'Release',
	'ReleaseWithCredit',
	'PaceAndRelease',
	'Split',
	'StaggerSplit',
	'Hold',
	'Drop',
	'Reprioritize'
] as const;
export const RTGS_ACTIONS = ['WithdrawFromRtgs', 'ResubmitToRtgs'] as const;
export const BANK_ACTIONS = ['SetReleaseBudget', 'SetState', 'AddState', 'NoAction'] as const;
export const COLLATERAL_ACTIONS = ['PostCollateral', 'WithdrawCollateral', 'HoldCollateral'] as const;

/** The 17 action names, in the declaration order of the original (used in error messages). */
export const ACTION_NAMES = [
	'Release',
	'ReleaseWithCredit',
	'PaceAndRelease',
	'Split',
	'StaggerSplit',
	'Hold',
	'Drop',
	'Reprioritize',
	'SetReleaseBudget',
	'SetState',
	'AddState',
	'NoAction',
	'PostCollateral',
	'WithdrawCollateral',
	'HoldCollateral',
	'WithdrawFromRtgs',
	'ResubmitToRtgs'
] as const;

export type ActionName = (typeof ACTION_NAMES)[number];
export type PaymentActionName = (typeof PAYMENT_ACTIONS)[number] | (typeof RTGS_ACTIONS)[number];
export type BankActionName = (typeof BANK_ACTIONS)[number];
export type CollateralActionName = (typeof COLLATERAL_ACTIONS)[number];

/** A JSON value as decoded (literals keep their JSON form; only numbers and booleans evaluate). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An operand: a context field, a document parameter, a literal or a computation. */
export type ValueExpr =
	| { kind: 'field'; name: string }
	| { kind: 'param'; name: string }
	| { kind: 'literal'; value: JsonValue }
	| { kind: 'compute'; compute: Computation };

export type Computation =
	| { op: BinaryComputeOp; left: ValueExpr; right: ValueExpr }
	| { op: NaryComputeOp; values: ValueExpr[] }
	| { op: UnaryComputeOp; value: ValueExpr }
	| { op: 'clamp'; value: ValueExpr; min: ValueExpr; max: ValueExpr }
	| { op: 'div0'; numerator: ValueExpr; denominator: ValueExpr; default: ValueExpr };

export type Expression =
	| { op: ComparisonOp; left: ValueExpr; right: ValueExpr }
	| { op: 'and' | 'or'; conditions: Expression[] }
	| { op: 'not'; condition: Expression };

export interface ConditionNode {
	type: 'condition';
	node_id: string;
	description: string;
	condition: Expression;
	on_true: TreeNode;
	on_false: TreeNode;
}

export interface ActionNode {
	type: 'action';
	node_id: string;
	action: ActionName;
	/** Action parameters by name (the last duplicate wins, as in the original). */
	parameters: Map<string, ValueExpr>;
}

export type TreeNode = ConditionNode | ActionNode;

export interface PolicyDocument {
	version: string;
	policy_id: string;
	description: string | null;
	/** Named constants; a Map keeps insertion order and tolerates names such as `__proto__`. */
	parameters: Map<string, number>;
	bank_tree: TreeNode | null;
	payment_tree: TreeNode | null;
	strategic_collateral_tree: TreeNode | null;
	end_of_tick_collateral_tree: TreeNode | null;
}

export type PolicyTrees = Pick<PolicyDocument, TreeName>;
