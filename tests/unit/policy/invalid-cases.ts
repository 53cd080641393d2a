/**
 * Hand-written invalid documents, each breaking exactly one rule, with the error expected. Shared by the
 * validation test and the JSON Schema test (`structural` cases must also be rejected by policySchema()).
 */
import type { PolicyErrorType } from '$lib/policy';

type Json = Record<string, unknown>;

export interface InvalidCase {
	readonly name: string;
	/** A JSON value, or JSON text when the rule is about the text itself. */
	readonly source: Json | unknown[] | string;
	readonly type: PolicyErrorType;
	readonly path: string;
	/** Substring expected in the message. */
	readonly message: string;
	/** Expressible by a JSON Schema (and therefore rejected by policySchema()). */
	readonly structural: boolean;
}

const release = (nodeId = 'A1'): Json => ({ type: 'action', node_id: nodeId, action: 'Release' });
const hold = (nodeId = 'A2'): Json => ({ type: 'action', node_id: nodeId, action: 'Hold' });
const gt = (left: unknown, right: unknown = { value: 0 }): Json => ({ op: '>', left, right });
const cond = (condition: unknown, onTrue: Json = release(), onFalse: Json = hold(), nodeId = 'N1'): Json => ({
	type: 'condition',
	node_id: nodeId,
	condition,
	on_true: onTrue,
	on_false: onFalse
});
const base = (extra: Json): Json => ({ version: '1.0', policy_id: 'p', ...extra });
const withPayment = (tree: unknown, extra: Json = {}): Json => base({ payment_tree: tree, ...extra });
const withLeft = (left: unknown): Json => withPayment(cond(gt(left)));

function nestedConditions(levels: number): Json {
	let node: Json = release('LEAF');
	for (let i = levels; i >= 1; i--) node = cond(gt({ field: 'balance' }), node, hold(`H${i}`), `N${i}`);
	return node;
}

function nestedNot(levels: number): Json {
	let expression: Json = gt({ field: 'balance' });
	for (let i = 0; i < levels; i++) expression = { op: 'not', condition: expression };
	return expression;
}

const VALID_TEXT = JSON.stringify(withPayment(release()));

export const INVALID_CASES: readonly InvalidCase[] = [
	// Document level.
	{
		name: 'missing version',
		source: { policy_id: 'p', payment_tree: release() },
		type: 'ParseError',
		path: 'version',
		message: 'missing required key "version"',
		structural: true
	},
	{
		name: 'missing policy_id',
		source: { version: '1.0', payment_tree: release() },
		type: 'ParseError',
		path: 'policy_id',
		message: 'missing required key "policy_id"',
		structural: true
	},
	{
		name: 'version is a number',
		source: { version: 1, policy_id: 'p' },
		type: 'ParseError',
		path: 'version',
		message: 'wrong type; found number 1; allowed: a string',
		structural: true
	},
	{
		name: 'policy_id is null',
		source: { version: '1', policy_id: null },
		type: 'ParseError',
		path: 'policy_id',
		message: 'found null; allowed: a string',
		structural: true
	},
	{
		name: 'description is a number',
		source: base({ description: 5 }),
		type: 'ParseError',
		path: 'description',
		message: 'allowed: a string or null',
		structural: true
	},
	{
		name: 'parameters is null',
		source: base({ parameters: null }),
		type: 'ParseError',
		path: 'parameters',
		message: 'found null; allowed: an object mapping parameter names to numbers',
		structural: true
	},
	{
		name: 'parameter value is a string (conformance 17)',
		source: base({ parameters: { p: '5' } }),
		type: 'ParseError',
		path: 'parameters.p',
		message: 'found string "5"; allowed: a number',
		structural: true
	},
	{
		name: 'parameter value is a boolean',
		source: base({ parameters: { flag: true } }),
		type: 'ParseError',
		path: 'parameters.flag',
		message: 'found boolean true; allowed: a number',
		structural: true
	},
	{
		name: 'document is an array',
		source: ['1.0', 'p'],
		type: 'ParseError',
		path: '',
		message: 'a policy document must be a JSON object; found array of 2 items',
		structural: true
	},
	{
		name: 'tree is a string',
		source: withPayment('Release'),
		type: 'ParseError',
		path: 'payment_tree',
		message: 'allowed: a node object or null',
		structural: true
	},

	// Nodes.
	{
		name: 'node without type',
		source: withPayment({ node_id: 'A1', action: 'Release' }),
		type: 'ParseError',
		path: 'payment_tree.type',
		message: 'missing required key "type"',
		structural: true
	},
	{
		name: 'node type in the wrong case',
		source: withPayment({ ...release(), type: 'Action' }),
		type: 'ParseError',
		path: 'payment_tree.type',
		message: 'unknown node type; found string "Action"; allowed: "condition" or "action"',
		structural: true
	},
	{
		name: 'action node without node_id',
		source: withPayment({ type: 'action', action: 'Release' }),
		type: 'ParseError',
		path: 'payment_tree.node_id',
		message: 'missing required key "node_id"',
		structural: true
	},
	{
		name: 'node_id is a number',
		source: withPayment({ ...release(), node_id: 7 }),
		type: 'ParseError',
		path: 'payment_tree.node_id',
		message: 'found number 7; allowed: a string',
		structural: true
	},
	{
		name: 'action node without action',
		source: withPayment({ type: 'action', node_id: 'A1' }),
		type: 'ParseError',
		path: 'payment_tree.action',
		message: 'missing required key "action"',
		structural: true
	},
	{
		name: 'unknown action',
		source: withPayment({ ...release(), action: 'Foo' }),
		type: 'ParseError',
		path: 'payment_tree.action',
		message: 'unknown action; found string "Foo"; allowed: Release, ReleaseWithCredit',
		structural: true
	},
	{
		name: 'action name in the wrong case',
		source: withPayment({ ...release(), action: 'release' }),
		type: 'ParseError',
		path: 'payment_tree.action',
		message: 'unknown action; found string "release"',
		structural: true
	},
	{
		name: 'action written as an enum object',
		source: withPayment({ ...release(), action: { Release: null } }),
		type: 'ParseError',
		path: 'payment_tree.action',
		message: 'unknown action; found object with key "Release"',
		structural: true
	},
	{
		name: 'action parameters is null',
		source: withPayment({ ...release(), parameters: null }),
		type: 'ParseError',
		path: 'payment_tree.parameters',
		message: 'found null; allowed: an object mapping parameter names to values',
		structural: true
	},
	{
		name: 'unwrapped action parameter (conformance 18)',
		source: withPayment({ type: 'action', node_id: 'A1', action: 'Split', parameters: { num_splits: 3 } }),
		type: 'ParseError',
		path: 'payment_tree.parameters.num_splits',
		message:
			'not a parameter value; found number 3; allowed: an object with one of the keys "value", "field", "param" or "compute"',
		structural: true
	},
	{
		name: 'condition node without condition',
		source: withPayment({ type: 'condition', node_id: 'N1', on_true: release(), on_false: hold() }),
		type: 'ParseError',
		path: 'payment_tree.condition',
		message: 'missing required key "condition"',
		structural: true
	},
	{
		name: 'condition node without on_false',
		source: withPayment({
			type: 'condition',
			node_id: 'N1',
			condition: gt({ field: 'balance' }),
			on_true: release()
		}),
		type: 'ParseError',
		path: 'payment_tree.on_false',
		message: 'missing required key "on_false"',
		structural: true
	},
	{
		name: 'condition description is null',
		source: withPayment({ ...cond(gt({ field: 'balance' })), description: null }),
		type: 'ParseError',
		path: 'payment_tree.description',
		message: 'found null; allowed: a string',
		structural: true
	},
	{
		name: 'branch is not an object',
		source: withPayment(cond(gt({ field: 'balance' }), release(), [] as unknown as Json)),
		type: 'ParseError',
		path: 'payment_tree.on_false',
		message: 'found array of 0 items',
		structural: true
	},
	{
		name: 'unknown action deep in a tree',
		source: withPayment(
			cond(
				gt({ field: 'balance' }),
				cond(gt({ field: 'balance' }), release(), { ...hold(), action: 'Wait' }, 'N2')
			)
		),
		type: 'ParseError',
		path: 'payment_tree.on_true.on_false.action',
		message: 'unknown action; found string "Wait"',
		structural: true
	},

	// Expressions.
	{
		name: 'unknown expression operator',
		source: withPayment(cond({ op: '=~', left: { value: 1 }, right: { value: 1 } })),
		type: 'ParseError',
		path: 'payment_tree.condition.op',
		message: 'unknown expression operator; found string "=~"',
		structural: true
	},
	{
		name: 'arithmetic operator used as a condition',
		source: withPayment(cond({ op: '+', left: { value: 1 }, right: { value: 1 } })),
		type: 'ParseError',
		path: 'payment_tree.condition.op',
		message: 'arithmetic belongs inside {"compute": …} operands',
		structural: true
	},
	{
		name: 'comparison without right',
		source: withPayment(cond({ op: '<', left: { field: 'balance' } })),
		type: 'ParseError',
		path: 'payment_tree.condition.right',
		message: 'missing required key "right"',
		structural: true
	},
	{
		name: 'and without conditions',
		source: withPayment(cond({ op: 'and' })),
		type: 'ParseError',
		path: 'payment_tree.condition.conditions',
		message: 'missing required key "conditions"',
		structural: true
	},
	{
		name: 'or conditions not an array',
		source: withPayment(cond({ op: 'or', conditions: gt({ field: 'balance' }) })),
		type: 'ParseError',
		path: 'payment_tree.condition.conditions',
		message: 'allowed: an array of expression objects',
		structural: true
	},
	{
		name: 'not without condition',
		source: withPayment(cond({ op: 'not', conditions: [] })),
		type: 'ParseError',
		path: 'payment_tree.condition.condition',
		message: 'missing required key "condition"',
		structural: true
	},
	{
		name: 'item of and is a number',
		source: withPayment(cond({ op: 'and', conditions: [gt({ field: 'balance' }), 5] })),
		type: 'ParseError',
		path: 'payment_tree.condition.conditions[1]',
		message: 'found number 5; allowed: an expression object',
		structural: true
	},
	{
		name: 'condition is an array',
		source: withPayment(cond([gt({ field: 'balance' })])),
		type: 'ParseError',
		path: 'payment_tree.condition',
		message: 'allowed: an expression object with an "op" key',
		structural: true
	},

	// Values and computations.
	{
		name: 'field name is a number',
		source: withLeft({ field: 5 }),
		type: 'ParseError',
		path: 'payment_tree.condition.left.field',
		message: '"field" must name a field; found number 5; allowed: a string',
		structural: true
	},
	{
		name: 'param name is a number',
		source: withLeft({ param: 7 }),
		type: 'ParseError',
		path: 'payment_tree.condition.left.param',
		message: '"param" must name a parameter; found number 7',
		structural: true
	},
	{
		name: 'empty value object',
		source: withLeft({}),
		type: 'ParseError',
		path: 'payment_tree.condition.left',
		message:
			'not a value; found empty object; allowed: an object with one of the keys "field", "param", "value" or "compute"',
		structural: true
	},
	{
		name: 'misspelt value key',
		source: withLeft({ fild: 'balance' }),
		type: 'ParseError',
		path: 'payment_tree.condition.left',
		message: 'not a value; found object with key "fild"',
		structural: true
	},
	{
		name: 'bare number as an operand',
		source: withLeft(5),
		type: 'ParseError',
		path: 'payment_tree.condition.left',
		message: 'not a value; found number 5',
		structural: true
	},
	{
		name: 'unknown computation operator',
		source: withLeft({ compute: { op: 'pow', left: { value: 2 }, right: { value: 3 } } }),
		type: 'ParseError',
		path: 'payment_tree.condition.left.compute.op',
		message: 'unknown computation operator; found string "pow"; allowed: "+", "-"',
		structural: true
	},
	{
		name: 'computation without right operand',
		source: withLeft({ compute: { op: '*', left: { field: 'balance' } } }),
		type: 'ParseError',
		path: 'payment_tree.condition.left.compute.right',
		message: 'missing required key "right"',
		structural: true
	},
	{
		name: 'max values not an array',
		source: withLeft({ compute: { op: 'max', values: { value: 1 } } }),
		type: 'ParseError',
		path: 'payment_tree.condition.left.compute.values',
		message: 'allowed: an array of value objects',
		structural: true
	},
	{
		name: 'clamp without max',
		source: withLeft({ compute: { op: 'clamp', value: { value: 1 }, min: { value: 0 } } }),
		type: 'ParseError',
		path: 'payment_tree.condition.left.compute.max',
		message: 'missing required key "max"',
		structural: true
	},
	{
		name: 'div0 without default',
		source: withLeft({ compute: { op: 'div0', numerator: { value: 1 }, denominator: { field: 'balance' } } }),
		type: 'ParseError',
		path: 'payment_tree.condition.left.compute.default',
		message: 'missing required key "default"',
		structural: true
	},
	{
		name: 'nested operand error inside a computation',
		source: withLeft({
			compute: { op: '+', left: { value: 1 }, right: { compute: { op: 'abs', value: { field: false } } } }
		}),
		type: 'ParseError',
		path: 'payment_tree.condition.left.compute.right.compute.value.field',
		message: 'found boolean false; allowed: a string',
		structural: true
	},
	{
		name: 'bad computation in an action parameter',
		source: withPayment({
			type: 'action',
			node_id: 'A1',
			action: 'Split',
			parameters: { num_splits: { compute: { op: 'ceil' } } }
		}),
		type: 'ParseError',
		path: 'payment_tree.parameters.num_splits.compute.value',
		message: 'missing required key "value"',
		structural: true
	},
	{
		name: 'broken bank tree',
		source: base({ bank_tree: { type: 'action', node_id: 'B1', action: 'SetBudget' } }),
		type: 'ParseError',
		path: 'bank_tree.action',
		message: 'unknown action; found string "SetBudget"',
		structural: true
	},

	// JSON text.
	{
		name: 'empty text',
		source: '',
		type: 'ParseError',
		path: '',
		message: 'EOF while parsing a value at line 1 column 1',
		structural: false
	},
	{
		name: 'trailing comma',
		source: '{"version": "1.0", "policy_id": "p",}',
		type: 'ParseError',
		path: '',
		message: 'trailing comma at line 1 column 37',
		structural: false
	},
	{
		name: 'comment',
		source: '{\n  // a comment\n  "version": "1.0", "policy_id": "p"}',
		type: 'ParseError',
		path: '',
		message: 'key must be a string at line 2 column 3',
		structural: false
	},
	{
		name: 'NaN token',
		source: '{"version": "1.0", "policy_id": "p", "parameters": {"x": NaN}}',
		type: 'ParseError',
		path: 'parameters.x',
		message: 'invalid JSON in parameters.x: expected value at line 1 column 58',
		structural: false
	},
	{
		name: 'number out of range',
		source: '{"version": "1.0", "policy_id": "p", "parameters": {"x": 1e400}}',
		type: 'ParseError',
		path: 'parameters.x',
		message: 'number out of range',
		structural: false
	},
	{
		name: 'trailing characters',
		source: VALID_TEXT + ' x',
		type: 'ParseError',
		path: '',
		message: 'trailing characters',
		structural: false
	},
	{
		name: 'nesting beyond the decoder limit',
		source: JSON.stringify(withPayment(cond(nestedNot(125)))),
		type: 'ParseError',
		path: 'payment_tree' + '.condition'.repeat(126),
		message: 'recursion limit exceeded at line 1 column',
		structural: false
	},
	{
		name: 'duplicate key in a node',
		source:
			'{"version": "1.0", "policy_id": "p", "payment_tree": {"type": "action", "node_id": "A1", "node_id": "A2", "action": "Release"}}',
		type: 'ParseError',
		path: 'payment_tree.node_id',
		message: 'duplicate key "node_id"',
		structural: false
	},
	{
		name: 'duplicate top-level key',
		source: '{"version": "1.0", "version": "2.0", "policy_id": "p"}',
		type: 'ParseError',
		path: 'version',
		message: 'duplicate key "version"',
		structural: false
	},
	{
		name: 'duplicate key in an operand with no other form',
		source:
			'{"version": "1.0", "policy_id": "p", "payment_tree": {"type": "condition", "node_id": "N1", "condition": {"op": ">", "left": {"field": "balance", "field": "credit_limit"}, "right": {"value": 0}}, "on_true": {"type": "action", "node_id": "A1", "action": "Release"}, "on_false": {"type": "action", "node_id": "A2", "action": "Hold"}}}',
		type: 'ParseError',
		path: 'payment_tree.condition.left.field',
		message: 'duplicate key "field"',
		structural: false
	},
	{
		name: 'lone surrogate escape',
		source: '{"version": "\\ud800", "policy_id": "p"}',
		type: 'ParseError',
		path: 'version',
		message: 'lone leading surrogate in hex escape',
		structural: false
	},

	// Static validation.
	{
		name: 'duplicate node id in one tree',
		source: withPayment(cond(gt({ field: 'balance' }), release('A1'), release('A1'))),
		type: 'DuplicateNodeId',
		path: 'payment_tree.on_false.node_id',
		message: 'duplicate node id "A1"; found "A1", already used at payment_tree.on_true',
		structural: false
	},
	{
		name: 'duplicate node id across payment and strategic trees (conformance 16)',
		source: withPayment(release('X'), {
			strategic_collateral_tree: { type: 'action', node_id: 'X', action: 'HoldCollateral' }
		}),
		type: 'DuplicateNodeId',
		path: 'strategic_collateral_tree.node_id',
		message: 'duplicate node id "X"',
		structural: false
	},
	{
		name: 'tree deeper than 100',
		source: withPayment(nestedConditions(101)),
		type: 'ExcessiveDepth',
		path: 'payment_tree' + '.on_true'.repeat(101),
		message: 'tree depth 101 exceeds maximum 100',
		structural: false
	},
	{
		name: 'misspelt field',
		source: withLeft({ field: 'balanse' }),
		type: 'InvalidFieldReference',
		path: 'payment_tree.condition.left.field',
		message:
			'unknown field "balanse" for payment_tree; found "balanse"; allowed: one of the 15 transaction fields or 50 agent fields, or a bank_state_* register (did you mean "balance"?)',
		structural: false
	},
	{
		name: 'transaction field in the bank tree (conformance 13)',
		source: base({
			bank_tree: cond(
				gt({ field: 'amount' }),
				{ type: 'action', node_id: 'B1', action: 'NoAction' },
				{ type: 'action', node_id: 'B2', action: 'NoAction' }
			)
		}),
		type: 'InvalidFieldReference',
		path: 'bank_tree.condition.left.field',
		message: '"amount" is a transaction field, available only in payment_tree',
		structural: false
	},
	{
		name: 'hidden field in the payment tree (conformance 12)',
		source: withLeft({ field: 'tx_counterparty_id' }),
		type: 'InvalidFieldReference',
		path: 'payment_tree.condition.left.field',
		message: 'computed by SimCash but rejected by its validation in every tree',
		structural: false
	},
	{
		name: 'transaction field in a collateral action parameter',
		source: base({
			strategic_collateral_tree: {
				type: 'action',
				node_id: 'S1',
				action: 'PostCollateral',
				parameters: { amount: { field: 'remaining_amount' } }
			}
		}),
		type: 'InvalidFieldReference',
		path: 'strategic_collateral_tree.parameters.amount.field',
		message: '"remaining_amount" is a transaction field',
		structural: false
	},
	{
		name: 'undefined parameter',
		source: withPayment(cond(gt({ field: 'balance' }, { param: 'threshold' })), {
			parameters: { treshold: 5 }
		}),
		type: 'InvalidParameterReference',
		path: 'payment_tree.condition.right.param',
		message:
			'unknown parameter "threshold"; found "threshold"; allowed: a name defined in "parameters": "treshold" (did you mean "treshold"?)',
		structural: false
	},
	{
		name: 'undefined parameter in an unused action parameter',
		source: withPayment({
			type: 'action',
			node_id: 'A1',
			action: 'Release',
			parameters: { note: { param: 'nope' } }
		}),
		type: 'InvalidParameterReference',
		path: 'payment_tree.parameters.note.param',
		message: '(the document defines none)',
		structural: false
	},
	{
		name: 'division by a literal zero',
		source: withLeft({ compute: { op: '/', left: { field: 'balance' }, right: { value: 0 } } }),
		type: 'DivisionByZeroRisk',
		path: 'payment_tree.condition.left.compute.right',
		message: 'division by a literal zero in node "N1"',
		structural: false
	},
	{
		name: 'division by literal -0.0 in an action parameter',
		source: withPayment({
			type: 'action',
			node_id: 'A9',
			action: 'Split',
			parameters: { num_splits: { compute: { op: '/', left: { value: 4 }, right: { value: -0.0 } } } }
		}),
		type: 'DivisionByZeroRisk',
		path: 'payment_tree.parameters.num_splits.compute.right',
		message: 'in node "A9"',
		structural: false
	}
];
