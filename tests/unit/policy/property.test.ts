/**
 * Property tests: random JSON, random text and random mutations of valid policies never make the loader
 * throw (only validation errors come back) and never hang; what loads evaluates to a decision or a
 * PolicyEvaluationError, and satisfies policySchema().
 */
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	ArrayPolicyContext,
	FIELD_COUNT,
	PolicyEvaluationError,
	parsePolicy,
	policySchema,
	type CompiledPolicy,
	type ParsePolicyResult
} from '$lib/policy';
import { fixtureFiles, readFixture } from './helpers';

const SLOW_MS = 1000;
const texts = fixtureFiles().map(readFixture);
const documents = texts.map((text) => JSON.parse(text) as unknown);
const validateSchema = new Ajv2020({ strict: false }).compile(policySchema());

/** parsePolicy with the invariants every result must satisfy. */
function parseChecked(source: unknown): ParsePolicyResult {
	const start = performance.now();
	const result = parsePolicy(source);
	expect(performance.now() - start).toBeLessThan(SLOW_MS);
	if (!result.ok) {
		expect(result.errors.length).toBeGreaterThan(0);
		for (const error of result.errors) {
			expect(typeof error.message).toBe('string');
			expect(error.message.length).toBeGreaterThan(0);
			expect(typeof error.path).toBe('string');
		}
	}
	return result;
}

const contextArbitrary = fc.record({
	values: fc.array(
		fc.oneof(fc.double(), fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(0, 1, NaN, Infinity)),
		{
			minLength: FIELD_COUNT,
			maxLength: FIELD_COUNT
		}
	),
	register: fc.double()
});

/** Evaluates every tree; only decisions or PolicyEvaluationErrors may come out. */
function evaluateAll(policy: CompiledPolicy, values: number[], register: number): void {
	const ctx = new ArrayPolicyContext(Float64Array.from(values), new Map([['bank_state_a', register]]));
	const runs = [
		() => policy.evaluatePayment(ctx),
		() => policy.evaluateBank(ctx),
		() => policy.evaluateStrategicCollateral(ctx),
		() => policy.evaluateEndOfTickCollateral(ctx)
	];
	for (const run of runs) {
		try {
			expect(typeof run().action).toBe('string');
		} catch (error) {
			if (!(error instanceof PolicyEvaluationError)) throw error;
		}
	}
}

type Segment = string | number;

function allPaths(value: unknown, prefix: Segment[] = [], out: Segment[][] = []): Segment[][] {
	out.push(prefix);
	if (Array.isArray(value)) value.forEach((item, i) => allPaths(item, [...prefix, i], out));
	else if (value && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) allPaths(item, [...prefix, key], out);
	}
	return out;
}

type Mutation = 'replace' | 'delete' | 'rename' | 'wrap' | 'null' | 'stringify' | 'copy-sibling';

function mutate(
	document: unknown,
	path: Segment[],
	kind: Mutation,
	replacement: unknown,
	newKey: string
): unknown {
	const copy = structuredClone(document);
	if (path.length === 0) return kind === 'wrap' ? [copy] : replacement;
	type Container = Record<Segment, unknown> & unknown[];
	const parent = path.slice(0, -1).reduce((node, key) => node[key] as Container, copy as Container);
	const key = path[path.length - 1];
	switch (kind) {
		case 'replace':
			parent[key] = replacement;
			break;
		case 'delete':
			if (Array.isArray(parent)) parent.splice(key as number, 1);
			else delete parent[key];
			break;
		case 'rename':
			if (!Array.isArray(parent)) {
				parent[newKey] = parent[key];
				delete parent[key];
			}
			break;
		case 'wrap':
			parent[key] = [parent[key]];
			break;
		case 'null':
			parent[key] = null;
			break;
		case 'stringify':
			parent[key] = JSON.stringify(parent[key]);
			break;
		case 'copy-sibling': {
			const siblings = Object.keys(parent);
			parent[key] = structuredClone(parent[siblings[(siblings.length * 7) % siblings.length]]);
			break;
		}
	}
	return copy;
}

describe('loader robustness', () => {
	it('random JSON values give a result, never an exception', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
				parseChecked(value);
			}),
			{ numRuns: 400 }
		);
	});

	it('random documents with policy-shaped keys give a result, never an exception', () => {
		const keys = fc.constantFrom(
			'version',
			'policy_id',
			'type',
			'node_id',
			'action',
			'condition',
			'on_true',
			'on_false',
			'op',
			'left',
			'right',
			'field',
			'param',
			'value',
			'compute',
			'values',
			'conditions',
			'parameters',
			'payment_tree',
			'bank_tree'
		);
		const leaves = fc.oneof(
			fc.constantFrom(
				'condition',
				'action',
				'Release',
				'Split',
				'==',
				'and',
				'+',
				'max',
				'balance',
				'amount',
				'bank_state_x'
			),
			fc.double(),
			fc.boolean(),
			fc.constant(null)
		);
		const { tree } = fc.letrec((tie) => ({
			tree: fc.oneof(
				{ depthSize: 'small', withCrossShrink: true },
				leaves,
				fc.dictionary(keys, tie('tree'), { maxKeys: 5 }),
				fc.array(tie('tree'), { maxLength: 3 })
			)
		}));
		fc.assert(
			fc.property(tree, (value) => {
				parseChecked({ version: '1', policy_id: 'p', payment_tree: value });
			}),
			{ numRuns: 400 }
		);
	});

	it('random text gives a result, and the reader is never more lenient than JSON.parse', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
				const result = parseChecked(text);
				let standard = true;
				try {
					JSON.parse(text);
				} catch {
					standard = false;
				}
				if (!standard) {
					expect(result.ok).toBe(false);
					if (!result.ok) expect(result.errors[0].type).toBe('ParseError');
				}
			}),
			{ numRuns: 400 }
		);
	});

	it('reading text and reading the parsed value agree', () => {
		fc.assert(
			fc.property(fc.json({ maxDepth: 5 }), (text) => {
				expect(parseChecked(text).ok).toBe(parseChecked(JSON.parse(text)).ok);
			}),
			{ numRuns: 300 }
		);
	});

	it('character edits of valid policy texts give a result, never an exception', () => {
		fc.assert(
			fc.property(
				fc.nat({ max: texts.length - 1 }),
				fc.array(
					fc.tuple(
						fc.nat(),
						fc.constantFrom('delete', 'insert', 'replace'),
						fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '0', '-', 'e', ' ', '\\', 'x')
					),
					{ minLength: 1, maxLength: 4 }
				),
				(index, edits) => {
					let text = texts[index];
					for (const [position, kind, char] of edits) {
						const at = position % (text.length + 1);
						if (kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
						else if (kind === 'insert') text = text.slice(0, at) + char + text.slice(at);
						else text = text.slice(0, at) + char + text.slice(at + 1);
					}
					const result = parseChecked(text);
					if (result.ok) expect(() => JSON.parse(text)).not.toThrow();
				}
			),
			{ numRuns: 400 }
		);
	});

	it('structural mutations of valid policies: errors or a policy that satisfies the schema and evaluates', () => {
		fc.assert(
			fc.property(
				fc.nat({ max: documents.length - 1 }),
				fc.nat(),
				fc.constantFrom<Mutation>('replace', 'delete', 'rename', 'wrap', 'null', 'stringify', 'copy-sibling'),
				fc.jsonValue({ maxDepth: 3 }),
				fc.constantFrom('field', 'param', 'value', 'compute', 'op', 'type', 'x', 'on_true', 'node_id'),
				contextArbitrary,
				(index, pick, kind, replacement, newKey, context) => {
					const document = documents[index];
					const paths = allPaths(document);
					const mutated = mutate(document, paths[pick % paths.length], kind, replacement, newKey);
					const result = parseChecked(mutated);
					if (result.ok) {
						expect(validateSchema(mutated)).toBe(true);
						evaluateAll(result.policy, context.values, context.register);
					}
				}
			),
			{ numRuns: 600 }
		);
	});

	it('valid reference policies evaluate to decisions or policy errors on random contexts', () => {
		const policies = texts.map((text) => {
			const result = parsePolicy(text);
			if (!result.ok) throw new Error('fixture must load');
			return result.policy;
		});
		fc.assert(
			fc.property(fc.nat({ max: policies.length - 1 }), contextArbitrary, (index, context) => {
				evaluateAll(policies[index], context.values, context.register);
			}),
			{ numRuns: 500 }
		);
	});
});
