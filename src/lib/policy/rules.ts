/**
 * Static validation (the original's stage C) on decoded trees, plus warnings about things that pass
 * validation but fail or do nothing when the tree reaches them. Error groups come in the original's order:
 * duplicate ids, depth, field references, parameter references, literal zero divisors.
 */
import { REGISTER_PREFIX, TREE_NAMES, type TreeName } from './context';
import type { DecodedDocument } from './decode';
import { closestName, describeJson, listOf } from './describe';
import type { PolicyError, PolicyErrorType, PolicyWarning, PolicyWarningType } from './errors';
import {
	HIDDEN_FIELDS,
	VALIDATION_TRANSACTION_FIELDS,
	isFieldAcceptedByValidation,
	resolveField,
	usableFieldNames
} from './fields';
import { DIVISION_EPSILON } from './numeric';
import { formatPath, type PathSegment } from './path';
import {
	BANK_ACTIONS,
	COLLATERAL_ACTIONS,
	PAYMENT_ACTIONS,
	RTGS_ACTIONS,
	type ActionNode,
	type ActionName,
	type Computation,
	type Expression,
	type TreeNode,
	type ValueExpr
} from './types';

export const MAX_TREE_DEPTH = 100;

/** Trees covered by the id, depth, parameter and division checks (the bank tree is not, in the original). */
const CHECKED_TREES: readonly TreeName[] = [
	'payment_tree',
	'strategic_collateral_tree',
	'end_of_tick_collateral_tree'
];

/** Order in which the original reports field references per tree. */
const FIELD_CHECK_ORDER: readonly TreeName[] = [
	'payment_tree',
	'bank_tree',
	'strategic_collateral_tree',
	'end_of_tick_collateral_tree'
];

const LAZY_NOTE = ' [SimCash 5534eff7 reports this only when it first evaluates a tree of this policy]';

function validationError(
	type: PolicyErrorType,
	path: readonly PathSegment[],
	summary: string,
	found: string,
	allowed: string
): PolicyError {
	const where = formatPath(path);
	return {
		type,
		path: where,
		found,
		allowed,
		message: `${where || 'document'}: ${summary}; found ${found}; allowed: ${allowed}${LAZY_NOTE}`
	};
}

function warning(type: PolicyWarningType, path: readonly PathSegment[], message: string): PolicyWarning {
	const where = formatPath(path);
	return { type, path: where, message: `${where || 'document'}: ${message}` };
}

interface Reference {
	readonly name: string;
	readonly path: PathSegment[];
}

interface DivisionRisk {
	readonly nodeId: string;
	readonly path: PathSegment[];
}

/** Everything the checks need from one tree, gathered in a single walk in document order. */
interface TreeFacts {
	readonly nodes: { id: string; path: PathSegment[] }[];
	readonly fields: Reference[];
	readonly params: Reference[];
	readonly divisions: DivisionRisk[];
	readonly actions: { node: ActionNode; path: PathSegment[] }[];
	readonly literals: { value: unknown; path: PathSegment[] }[];
	readonly emptyLists: PathSegment[][];
	maxDepth: number;
	firstTooDeep: PathSegment[] | null;
}

function isLiteralZero(value: ValueExpr): boolean {
	return (
		value.kind === 'literal' && typeof value.value === 'number' && Math.abs(value.value) < DIVISION_EPSILON
	);
}

class FactCollector {
	readonly facts: TreeFacts = {
		nodes: [],
		fields: [],
		params: [],
		divisions: [],
		actions: [],
		literals: [],
		emptyLists: [],
		maxDepth: 0,
		firstTooDeep: null
	};

	node(node: TreeNode, path: PathSegment[], depth: number): void {
		this.facts.nodes.push({ id: node.node_id, path });
		if (depth > MAX_TREE_DEPTH && !this.facts.firstTooDeep) this.facts.firstTooDeep = path;
		if (node.type === 'action') {
			this.facts.maxDepth = Math.max(this.facts.maxDepth, depth);
			this.facts.actions.push({ node, path });
			for (const [name, value] of node.parameters) {
				const parameterPath = [...path, 'parameters', name];
				this.value(value, parameterPath, node.node_id, false);
				// The original's division scan looks only at parameters that are computations themselves.
				if (value.kind === 'compute')
					this.divisions(value.compute, [...parameterPath, 'compute'], node.node_id);
			}
			return;
		}
		this.expression(node.condition, [...path, 'condition'], node.node_id);
		this.node(node.on_true, [...path, 'on_true'], depth + 1);
		this.node(node.on_false, [...path, 'on_false'], depth + 1);
	}

	private expression(expression: Expression, path: PathSegment[], nodeId: string): void {
		switch (expression.op) {
			case 'and':
			case 'or':
				expression.conditions.forEach((item, i) => this.expression(item, [...path, 'conditions', i], nodeId));
				return;
			case 'not':
				this.expression(expression.condition, [...path, 'condition'], nodeId);
				return;
			default:
				this.value(expression.left, [...path, 'left'], nodeId, true);
				this.value(expression.right, [...path, 'right'], nodeId, true);
				for (const side of ['left', 'right'] as const) {
					const operand = expression[side];
					if (operand.kind === 'compute') this.divisions(operand.compute, [...path, side, 'compute'], nodeId);
				}
		}
	}

	/** References and literals of an operand (all nested computations). */
	private value(value: ValueExpr, path: PathSegment[], nodeId: string, isOperand: boolean): void {
		switch (value.kind) {
			case 'field':
				this.facts.fields.push({ name: value.name, path: [...path, 'field'] });
				return;
			case 'param':
				this.facts.params.push({ name: value.name, path: [...path, 'param'] });
				return;
			case 'literal':
				if (isOperand) this.facts.literals.push({ value: value.value, path: [...path, 'value'] });
				return;
			case 'compute':
				this.computation(value.compute, [...path, 'compute'], nodeId);
		}
	}

	private computation(computation: Computation, path: PathSegment[], nodeId: string): void {
		for (const [key, operand] of operandsOf(computation)) {
			this.value(operand, [...path, ...key], nodeId, true);
		}
		if ((computation.op === 'max' || computation.op === 'min') && computation.values.length === 0) {
			this.facts.emptyLists.push(path);
		}
	}

	/** The original's literal-zero-divisor scan, including its gaps (see the spec, static validation). */
	private divisions(computation: Computation, path: PathSegment[], nodeId: string): void {
		const descend = (operand: ValueExpr, key: PathSegment[]) => {
			if (operand.kind === 'compute') this.divisions(operand.compute, [...path, ...key, 'compute'], nodeId);
		};
		switch (computation.op) {
			case '/':
				if (isLiteralZero(computation.right)) this.facts.divisions.push({ nodeId, path: [...path, 'right'] });
				descend(computation.right, ['right']);
				return;
			default:
				for (const [key, operand] of operandsOf(computation)) descend(operand, key);
		}
	}
}

/** Operands of a computation with their relative paths, in evaluation order. */
function operandsOf(computation: Computation): [PathSegment[], ValueExpr][] {
	switch (computation.op) {
		case 'max':
		case 'min':
			return computation.values.map((value, i) => [['values', i], value]);
		case 'ceil':
		case 'floor':
		case 'round':
		case 'abs':
			return [[['value'], computation.value]];
		case 'clamp':
			return [
				[['value'], computation.value],
				[['min'], computation.min],
				[['max'], computation.max]
			];
		case 'div0':
			return [
				[['numerator'], computation.numerator],
				[['denominator'], computation.denominator],
				[['default'], computation.default]
			];
		default:
			return [
				[['left'], computation.left],
				[['right'], computation.right]
			];
	}
}

function collectFacts(root: TreeNode, tree: TreeName): TreeFacts {
	const collector = new FactCollector();
	collector.node(root, [tree], 0);
	return collector.facts;
}

function fieldError(tree: TreeName, reference: Reference): PolicyError {
	const { name, path } = reference;
	const registersNote = `a ${REGISTER_PREFIX}* register`;
	let summary = `unknown field ${JSON.stringify(name)} for ${tree}`;
	let allowed =
		tree === 'payment_tree'
			? `one of the 15 transaction fields or 50 agent fields, or ${registersNote}`
			: `one of the ${tree === 'bank_tree' ? 49 : 50} agent-level fields, or ${registersNote}`;
	if (VALIDATION_TRANSACTION_FIELDS.has(name)) {
		summary = `${JSON.stringify(name)} is a transaction field, available only in payment_tree`;
	} else if (HIDDEN_FIELDS.has(name)) {
		summary = `field ${JSON.stringify(name)} is computed by SimCash but rejected by its validation in every tree`;
	} else {
		const suggestion = closestName(name, usableFieldNames(tree));
		if (suggestion) allowed += ` (did you mean ${JSON.stringify(suggestion)}?)`;
	}
	return validationError('InvalidFieldReference', path, summary, JSON.stringify(name), allowed);
}

/** Parameters each action reads as numbers, with whether they are required. */
const NUMERIC_PARAMETERS: Partial<Record<ActionName, readonly [string, boolean][]>> = {
	Release: [['timed_for_tick', false]],
	ReleaseWithCredit: [['timed_for_tick', false]],
	PaceAndRelease: [['num_splits', true]],
	Split: [['num_splits', true]],
	StaggerSplit: [
		['num_splits', true],
		['stagger_first_now', true],
		['stagger_gap_ticks', true],
		['priority_boost_children', true]
	],
	Reprioritize: [['new_priority', true]],
	SetReleaseBudget: [
		['max_value_to_release', true],
		['max_per_counterparty', false]
	],
	SetState: [['value', true]],
	AddState: [['value', true]],
	PostCollateral: [
		['amount', true],
		['auto_withdraw_after_ticks', false]
	],
	WithdrawCollateral: [['amount', true]]
};

function allowedActions(tree: TreeName): readonly ActionName[] {
	if (tree === 'payment_tree') return [...PAYMENT_ACTIONS, ...RTGS_ACTIONS];
	if (tree === 'bank_tree') return BANK_ACTIONS;
	return COLLATERAL_ACTIONS;
}

function actionWarnings(
	tree: TreeName,
	node: ActionNode,
	path: PathSegment[],
	warnings: PolicyWarning[]
): void {
	const allowed = allowedActions(tree);
	if (!allowed.includes(node.action)) {
		const consequence =
			tree === 'bank_tree'
				? 'is treated as NoAction (the release budget is cleared)'
				: 'fails the evaluation (Invalid action type)';
		warnings.push(
			warning(
				'ActionNotAllowedInTree',
				[...path, 'action'],
				`action ${node.action} in ${tree} ${consequence} when reached; ${tree} takes ${listOf([...allowed])}`
			)
		);
		return;
	}
	for (const [name, required] of NUMERIC_PARAMETERS[node.action] ?? []) {
		const value = node.parameters.get(name);
		if (!value) {
			if (required) {
				warnings.push(
					warning(
						'MissingActionParameter',
						[...path, 'parameters'],
						`${node.action} needs parameter ${JSON.stringify(name)}; evaluation fails when this action is reached`
					)
				);
			}
			continue;
		}
		if (value.kind === 'literal' && typeof value.value !== 'number') {
			warnings.push(
				warning(
					'InvalidActionParameter',
					[...path, 'parameters', name, 'value'],
					`${JSON.stringify(name)} must be a number, found ${describeJson(value.value)}; evaluation fails when this action is reached`
				)
			);
		}
	}
	if (node.action === 'SetState' || node.action === 'AddState') {
		const key = node.parameters.get('key');
		if (!key) {
			warnings.push(
				warning(
					'MissingActionParameter',
					[...path, 'parameters'],
					`${node.action} needs parameter "key"; evaluation fails when this action is reached`
				)
			);
		} else if (key.kind !== 'literal' || typeof key.value !== 'string') {
			warnings.push(
				warning(
					'InvalidActionParameter',
					[...path, 'parameters', 'key'],
					`"key" must be a literal string such as {"value": "bank_state_x"}; evaluation fails when this action is reached`
				)
			);
		} else if (!key.value.startsWith(REGISTER_PREFIX)) {
			warnings.push(
				warning(
					'InvalidActionParameter',
					[...path, 'parameters', 'key', 'value'],
					`register key ${JSON.stringify(key.value)} does not start with ${REGISTER_PREFIX}; the engine refuses the write`
				)
			);
		}
		const reason = node.parameters.get('reason');
		if (reason && (reason.kind !== 'literal' || typeof reason.value !== 'string')) {
			warnings.push(
				warning(
					'InvalidActionParameter',
					[...path, 'parameters', 'reason'],
					`"reason" must be a literal string; evaluation fails when this action is reached`
				)
			);
		}
	}
	if (node.action === 'ResubmitToRtgs') {
		const priority = node.parameters.get('rtgs_priority');
		const valid = ['HighlyUrgent', 'Urgent', 'Normal'];
		if (!priority) {
			warnings.push(
				warning(
					'MissingActionParameter',
					[...path, 'parameters'],
					`ResubmitToRtgs needs parameter "rtgs_priority"; evaluation fails when this action is reached`
				)
			);
		} else if (
			priority.kind !== 'literal' ||
			typeof priority.value !== 'string' ||
			!valid.includes(priority.value)
		) {
			warnings.push(
				warning(
					'InvalidActionParameter',
					[...path, 'parameters', 'rtgs_priority'],
					`"rtgs_priority" must be {"value": ${listOf(valid.map((v) => JSON.stringify(v)))}}; evaluation fails when this action is reached`
				)
			);
		}
	}
}

export interface ValidationOutcome {
	readonly errors: PolicyError[];
	readonly warnings: PolicyWarning[];
}

/** Runs every static check on the trees that decoded, and gathers warnings. */
export function validateDecoded(decoded: DecodedDocument): ValidationOutcome {
	const { document } = decoded;
	const facts = new Map<TreeName, TreeFacts>();
	for (const tree of TREE_NAMES) {
		const root = document[tree];
		if (root) facts.set(tree, collectFacts(root, tree));
	}
	const errors: PolicyError[] = [];
	const warnings: PolicyWarning[] = [];

	// 1. Unique node ids across the payment and both collateral trees.
	const seen = new Map<string, PathSegment[]>();
	for (const tree of CHECKED_TREES) {
		for (const { id, path } of facts.get(tree)?.nodes ?? []) {
			const first = seen.get(id);
			if (first) {
				errors.push(
					validationError(
						'DuplicateNodeId',
						[...path, 'node_id'],
						`duplicate node id ${JSON.stringify(id)}`,
						`${JSON.stringify(id)}, already used at ${formatPath(first)}`,
						'node ids unique across payment_tree, strategic_collateral_tree and end_of_tick_collateral_tree'
					)
				);
			} else {
				seen.set(id, path);
			}
		}
	}

	// 2. Depth: the maximum over the checked trees, one error.
	let deepest: TreeFacts | null = null;
	for (const tree of CHECKED_TREES) {
		const treeFacts = facts.get(tree);
		if (treeFacts && (!deepest || treeFacts.maxDepth > deepest.maxDepth)) deepest = treeFacts;
	}
	if (deepest && deepest.maxDepth > MAX_TREE_DEPTH) {
		errors.push(
			validationError(
				'ExcessiveDepth',
				deepest.firstTooDeep ?? [],
				`tree depth ${deepest.maxDepth} exceeds maximum ${MAX_TREE_DEPTH}`,
				`${deepest.maxDepth} condition levels`,
				`at most ${MAX_TREE_DEPTH} condition nodes on any root-to-leaf path`
			)
		);
	}

	// 3. Field references, each distinct rejected name once per tree.
	for (const tree of FIELD_CHECK_ORDER) {
		const reported = new Set<string>();
		for (const reference of facts.get(tree)?.fields ?? []) {
			if (isFieldAcceptedByValidation(tree, reference.name) || reported.has(reference.name)) continue;
			reported.add(reference.name);
			errors.push(fieldError(tree, reference));
		}
	}

	// 4. Parameter references (payment and collateral trees), each missing name once.
	if (decoded.parametersDecoded) {
		const reported = new Set<string>();
		const names = [...document.parameters.keys()];
		for (const tree of CHECKED_TREES) {
			for (const { name, path } of facts.get(tree)?.params ?? []) {
				if (document.parameters.has(name) || reported.has(name)) continue;
				reported.add(name);
				const suggestion = closestName(name, names);
				const allowed =
					names.length === 0
						? 'a name defined in "parameters" (the document defines none)'
						: `a name defined in "parameters": ${listOf(names.map((n) => JSON.stringify(n)))}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`;
				errors.push(
					validationError(
						'InvalidParameterReference',
						path,
						`unknown parameter ${JSON.stringify(name)}`,
						JSON.stringify(name),
						allowed
					)
				);
			}
		}
	}

	// 5. Literal zero divisors of "/".
	for (const tree of CHECKED_TREES) {
		for (const { nodeId, path } of facts.get(tree)?.divisions ?? []) {
			errors.push(
				validationError(
					'DivisionByZeroRisk',
					path,
					`division by a literal zero in node ${JSON.stringify(nodeId)}`,
					'a divisor of 0',
					`a non-zero divisor; use {"op": "div0", …} with a default for divisors that can be zero`
				)
			);
		}
	}

	for (const tree of TREE_NAMES) {
		const treeFacts = facts.get(tree);
		if (!treeFacts) continue;
		for (const { node, path } of treeFacts.actions) actionWarnings(tree, node, path, warnings);
		for (const { value, path } of treeFacts.literals) {
			if (typeof value !== 'number' && typeof value !== 'boolean') {
				warnings.push(
					warning(
						'InvalidLiteral',
						path,
						`literal ${describeJson(value)} is not a number; evaluation fails when it is reached`
					)
				);
			}
		}
		for (const path of treeFacts.emptyLists) {
			warnings.push(
				warning('EmptyValueList', [...path, 'values'], 'max/min of an empty list fails when it is evaluated')
			);
		}
		const reportedMissing = new Set<string>();
		for (const { name, path } of treeFacts.fields) {
			if (!isFieldAcceptedByValidation(tree, name) || reportedMissing.has(name)) continue;
			if (resolveField(tree, name).kind === 'missing') {
				reportedMissing.add(name);
				warnings.push(
					warning(
						'FieldMissingAtRunTime',
						path,
						`field ${JSON.stringify(name)} passes validation but does not exist in the ${tree} context; evaluation fails when it is read`
					)
				);
			}
		}
		if (tree === 'bank_tree') {
			for (const { name, path } of treeFacts.params) {
				if (!document.parameters.has(name)) {
					warnings.push(
						warning(
							'UncheckedParameterReference',
							path,
							`parameter ${JSON.stringify(name)} is not defined; SimCash does not check bank_tree parameters, evaluation fails when it is read`
						)
					);
				}
			}
			if (treeFacts.maxDepth > MAX_TREE_DEPTH) {
				warnings.push(
					warning(
						'UncheckedDepth',
						['bank_tree'],
						`bank_tree depth ${treeFacts.maxDepth} exceeds ${MAX_TREE_DEPTH}; traversal fails on paths that deep`
					)
				);
			}
		}
	}
	return { errors, warnings };
}
