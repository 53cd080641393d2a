/** Decoding rules the original accepts (spec §3, §7, §10, §22) and the strict JSON reader. */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '$lib/policy';
import { parseJsonText, JsonSyntaxError, MAX_JSON_NESTING } from '$lib/policy/json';
import {
	action,
	computeValue,
	condition,
	ctx,
	doc,
	evaluateNumber,
	field,
	lit,
	load,
	loadErrors
} from './helpers';

const releaseIf = (expression: unknown) =>
	condition(
		'N1',
		expression as Record<string, unknown>,
		action('Release', undefined, 'T'),
		action('Drop', undefined, 'F')
	);

describe('documents the original accepts', () => {
	it('accepts the minimal document of the spec', () => {
		const policy = load(
			'{ "version": "1.0", "policy_id": "always_release", "payment_tree": { "type": "action", "node_id": "A1", "action": "Release" } }'
		);
		expect(policy.policyId).toBe('always_release');
		expect(policy.evaluatePayment(ctx()).action).toBe('Release');
	});

	it('accepts a document without any tree, null trees and a null description', () => {
		const policy = load({
			version: '',
			policy_id: '',
			description: null,
			payment_tree: null,
			bank_tree: null
		});
		expect(policy.hasTree('payment_tree')).toBe(false);
		expect(policy.description).toBeNull();
	});

	it('ignores unknown keys at every level', () => {
		load({
			version: '1.0',
			policy_id: 'p',
			name: 'extra',
			payment_tree: {
				type: 'condition',
				node_id: 'N',
				comment: 1,
				condition: {
					op: '>',
					left: { field: 'balance', note: 'x' },
					right: { value: 0, unit: 'cents' },
					why: []
				},
				on_true: { type: 'action', node_id: 'A', action: 'Release', description: 'release', extra: { a: 1 } },
				on_false: {
					type: 'action',
					node_id: 'B',
					action: 'Hold',
					parameters: { reason: { value: 'LowPriority', x: 1 } }
				}
			}
		});
	});

	it('keeps the last of repeated names inside parameter maps', () => {
		const policy = load(
			'{"version":"1","policy_id":"p","parameters":{"k":1,"k":2},"payment_tree":{"type":"action","node_id":"A","action":"Split","parameters":{"num_splits":{"value":3},"num_splits":{"value":4}}}}'
		);
		expect(policy.parameters.get('k')).toBe(2);
		expect(policy.evaluatePayment(ctx())).toMatchObject({ numSplits: 4 });
	});

	it('tries operand forms in the order field, param, value, compute', () => {
		const operand = { field: 'balance', param: 'p', value: 3 };
		expect(computeValue({ op: '+', left: operand, right: lit(0) }, ctx({ balance: 9 }), { p: 1 })).toBe(9);
		const paramFirst = { param: 'p', value: 3, compute: { op: 'abs', value: lit(-8) } };
		expect(computeValue({ op: '+', left: paramFirst, right: lit(0) }, ctx(), { p: 1 })).toBe(1);
		expect(
			computeValue({ op: '+', left: { value: 3, compute: { op: 'abs', value: lit(-8) } }, right: lit(0) })
		).toBe(3);
		// A "field" that is not a string does not fit; the literal does.
		const policy = load(
			doc({ payment_tree: releaseIf({ op: '==', left: { field: 5, value: 3 }, right: lit(3) }) })
		);
		expect(policy.evaluatePayment(ctx()).action).toBe('Release');
	});

	it('tries action parameter forms in the order value, field, param, compute', () => {
		expect(evaluateNumber({ value: 3, field: 'balance' }, ctx({ balance: 9 }))).toBe(3);
	});

	it('skips an operand form whose key is repeated, as the original does', () => {
		const text =
			'{"version":"1","policy_id":"p","payment_tree":{"type":"condition","node_id":"N","condition":{"op":"==","left":{"field":"balance","field":"credit_limit","value":3},"right":{"value":3}},"on_true":{"type":"action","node_id":"T","action":"Release"},"on_false":{"type":"action","node_id":"F","action":"Drop"}}}';
		expect(load(text).evaluatePayment(ctx({ balance: 1 })).action).toBe('Release');
	});

	it('accepts key order freely, tags anywhere', () => {
		load('{"payment_tree":{"action":"Release","node_id":"A","type":"action"},"policy_id":"p","version":"1"}');
	});

	it('accepts string literals, null and arrays in values (they only fail when evaluated)', () => {
		const result = parsePolicy(
			doc({ payment_tree: releaseIf({ op: '==', left: lit('text'), right: lit([null]) }) })
		);
		expect(result.ok).toBe(true);
		expect(result.warnings.map((w) => w.type)).toEqual(['InvalidLiteral', 'InvalidLiteral']);
	});

	it('accepts parameter names that are not identifiers, including __proto__', () => {
		const policy = load(
			'{"version":"1","policy_id":"p","parameters":{"__proto__":4,"a b":5},"payment_tree":{"type":"action","node_id":"A","action":"Split","parameters":{"num_splits":{"param":"__proto__"}}}}'
		);
		expect(policy.evaluatePayment(ctx())).toMatchObject({ numSplits: 4 });
		expect(policy.parameters.get('a b')).toBe(5);
	});

	it('accepts the object form of a document (for YAML) and rejects non-JSON values', () => {
		expect(parsePolicy(doc({ payment_tree: action('Release') })).ok).toBe(true);
		const withFunction = loadErrors({ version: '1', policy_id: 'p', parameters: { x: () => 1 } });
		expect(withFunction[0]).toMatchObject({ type: 'ParseError', path: 'parameters.x' });
		const infinite = loadErrors({ version: '1', policy_id: 'p', parameters: { x: Infinity } });
		expect(infinite[0].message).toContain('number out of range');
		const cyclic: Record<string, unknown> = { version: '1', policy_id: 'p' };
		cyclic.payment_tree = cyclic;
		expect(loadErrors(cyclic)[0].message).toContain('recursion limit exceeded');
	});
});

describe('strict JSON reader', () => {
	const syntaxError = (text: string) => {
		try {
			parseJsonText(text);
		} catch (error) {
			if (error instanceof JsonSyntaxError) return error;
			throw error;
		}
		throw new Error('expected a syntax error');
	};

	it('reads what JSON.parse reads', () => {
		const text = '{"a": [1, -0.5e3, true, false, null, "x\\u00e9\\n\\"", {}], "b": {"c": 1E2}}';
		expect(parseJsonText(text).value).toEqual(JSON.parse(text));
	});

	it('records repeated keys and keeps the last value', () => {
		const parsed = parseJsonText('{"a": 1, "b": 2, "a": 3}');
		expect(parsed.value).toEqual({ a: 3, b: 2 });
		expect([...(parsed.duplicateKeys.get(parsed.value as object) ?? [])]).toEqual(['a']);
	});

	it('reads -0 as the integer 0 and -0.0 as negative zero', () => {
		expect(Object.is(parseJsonText('-0').value, 0)).toBe(true);
		expect(Object.is(parseJsonText('-0.0').value, -0)).toBe(true);
	});

	it('allows 127 levels of nesting and rejects 128', () => {
		expect(() => parseJsonText('['.repeat(MAX_JSON_NESTING) + ']'.repeat(MAX_JSON_NESTING))).not.toThrow();
		expect(syntaxError('['.repeat(MAX_JSON_NESTING + 1) + ']'.repeat(MAX_JSON_NESTING + 1)).detail).toBe(
			'recursion limit exceeded'
		);
	});

	it('rejects what RFC 8259 forbids', () => {
		expect(syntaxError('[1,]').detail).toBe('trailing comma');
		expect(syntaxError('{"a":1,}').detail).toBe('trailing comma');
		expect(syntaxError("{'a':1}").detail).toBe('key must be a string');
		expect(syntaxError('[01]').detail).toBe('expected `,` or `]`');
		expect(syntaxError('[1.]').detail).toBe('invalid number');
		expect(syntaxError('[Infinity]').detail).toBe('expected value');
		expect(syntaxError('"tab\there"').detail).toContain('control character');
		expect(syntaxError('"\\x41"').detail).toBe('invalid escape');
		expect(syntaxError('"\\udc00"').detail).toBe('lone trailing surrogate in hex escape');
		expect(syntaxError('\ufeff{}').detail).toBe('expected value');
		expect(syntaxError('   ').detail).toBe('EOF while parsing a value');
	});

	it('reports line, column and the path where reading stopped', () => {
		const error = syntaxError('{\n  "a": {\n    "b": [1, 2,, 3]\n  }\n}');
		expect(error.line).toBe(3);
		expect(error.column).toBe(16);
		expect(error.path).toBe('a.b[2]');
	});

	it('rejects numbers that overflow a double but accepts underflow to 0', () => {
		expect(syntaxError('[1e309]').detail).toBe('number out of range');
		expect(syntaxError('[-1e400]').detail).toBe('number out of range');
		expect(parseJsonText('[1e-400]').value).toEqual([0]);
	});

	it('decodes escaped surrogate pairs', () => {
		expect(parseJsonText('"\\ud83d\\ude00"').value).toBe('😀');
	});
});

describe('field catalogue and context', () => {
	it('reads fields through the documented ids', () => {
		expect(evaluateNumber(field('available_liquidity'), ctx({ available_liquidity: 12 }))).toBe(12);
	});
});
