/**
 * Load-time problems (PolicyError, PolicyWarning) and the run-time error thrown by evaluation
 * (PolicyEvaluationError).
 */

/**
 * Category of a load-time error. `ParseError` covers JSON syntax and document structure (the original's
 * decoding stage); the others are the original's static validation checks.
 */
export type PolicyErrorType =
	| 'ParseError'
	| 'DuplicateNodeId'
	| 'ExcessiveDepth'
	| 'InvalidFieldReference'
	| 'InvalidParameterReference'
	| 'DivisionByZeroRisk';

export interface PolicyError {
	readonly type: PolicyErrorType;
	/** JSON path of the offending item, e.g. `payment_tree.on_true.condition.left.field`; '' for the document. */
	readonly path: string;
	/** What was found there, e.g. "number 5" or "'amount'". */
	readonly found: string;
	/** What is allowed there. */
	readonly allowed: string;
	/** One-line explanation including path, found and allowed. */
	readonly message: string;
}

/**
 * Category of a load-time warning: something the original accepts at load but that fails (or silently
 * does nothing) when the tree reaches it. Warnings never reject a document.
 */
export type PolicyWarningType =
	| 'ActionNotAllowedInTree'
	| 'MissingActionParameter'
	| 'InvalidActionParameter'
	| 'InvalidLiteral'
	| 'FieldMissingAtRunTime'
	| 'UncheckedParameterReference'
	| 'EmptyValueList'
	| 'UncheckedDepth';

export interface PolicyWarning {
	readonly type: PolicyWarningType;
	readonly path: string;
	readonly message: string;
}

/** Run-time evaluation error kinds, with the original's message prefixes. */
export type EvaluationErrorKind =
	| 'FieldNotFound'
	| 'ParameterNotFound'
	| 'DivisionByZero'
	| 'InvalidLiteralType'
	| 'EmptyValueList'
	| 'MaxDepthExceeded'
	| 'MissingActionParameter'
	| 'InvalidActionParameter'
	| 'InvalidActionType'
	| 'InvalidTree';

/**
 * Thrown by the evaluate* functions when a tree cannot produce a decision. The engine decides the
 * consequence from where it called (tick failure, abort, or a silent Hold in step 2b).
 */
export class PolicyEvaluationError extends Error {
	readonly kind: EvaluationErrorKind;

	constructor(kind: EvaluationErrorKind, message: string) {
		super(message);
		this.name = 'PolicyEvaluationError';
		this.kind = kind;
	}
}

export const evaluationErrors = {
	fieldNotFound: (name: string) => new PolicyEvaluationError('FieldNotFound', `Field not found: ${name}`),
	parameterNotFound: (name: string) =>
		new PolicyEvaluationError('ParameterNotFound', `Parameter not found: ${name}`),
	divisionByZero: () => new PolicyEvaluationError('DivisionByZero', 'Division by zero in computation'),
	invalidLiteralType: () =>
		new PolicyEvaluationError('InvalidLiteralType', 'Invalid literal type: expected number'),
	emptyValueList: () =>
		new PolicyEvaluationError('EmptyValueList', 'Empty value list for min/max computation'),
	maxDepthExceeded: () =>
		new PolicyEvaluationError('MaxDepthExceeded', 'Tree traversal exceeded maximum depth (100)'),
	missingActionParameter: (name: string) =>
		new PolicyEvaluationError('MissingActionParameter', `Missing required action parameter: ${name}`),
	invalidActionParameter: (detail: string) =>
		new PolicyEvaluationError('InvalidActionParameter', `Invalid action parameter type: ${detail}`),
	invalidActionType: (detail: string) =>
		new PolicyEvaluationError('InvalidActionType', `Invalid action type: ${detail}`),
	invalidTree: (tree: string) =>
		new PolicyEvaluationError('InvalidTree', `Invalid tree: ${tree} is not defined`)
};

/** Thrown by the *OrThrow helpers when a document does not load. */
export class PolicyLoadError extends Error {
	readonly errors: readonly PolicyError[];

	constructor(errors: readonly PolicyError[], label?: string) {
		super(formatPolicyErrors(errors, label));
		this.name = 'PolicyLoadError';
		this.errors = errors;
	}
}

/** Multi-line report of load errors, one per line. */
export function formatPolicyErrors(errors: readonly PolicyError[], label?: string): string {
	const head = `${label ? `${label}: ` : ''}invalid policy (${errors.length} error${errors.length === 1 ? '' : 's'})`;
	return [head, ...errors.map((error) => `  - [${error.type}] ${error.message}`)].join('\n');
}
