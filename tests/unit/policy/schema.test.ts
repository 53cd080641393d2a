/** policySchema(): a JSON Schema generated from the validator's definitions, checked with ajv. */
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { policySchema } from '$lib/policy';
import { fixtureFiles, readFixture } from './helpers';
import { INVALID_CASES } from './invalid-cases';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(policySchema());

describe('policySchema()', () => {
	it("is a draft 2020-12 schema with the language's definitions", () => {
		const schema = policySchema();
		expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
		expect(Object.keys(schema.$defs as object).sort()).toEqual([
			'Computation',
			'Expression',
			'JsonValue',
			'Node',
			'ParameterValue',
			'Value'
		]);
		expect(schema.required).toEqual(['version', 'policy_id']);
	});

	it('returns a fresh copy each time', () => {
		const first = policySchema();
		first.title = 'changed';
		expect(policySchema().title).not.toBe('changed');
	});

	it.each(fixtureFiles())('accepts %s', (file) => {
		const valid = validate(JSON.parse(readFixture(file)));
		expect(valid ? [] : validate.errors).toEqual([]);
	});

	const structural = INVALID_CASES.filter((c) => c.structural);

	it('covers the structural part of the invalid set', () => {
		expect(structural.length).toBeGreaterThanOrEqual(40);
	});

	it.each(structural.map((c) => [c.name, c] as const))('rejects: %s', (_name, invalid) => {
		expect(validate(invalid.source)).toBe(false);
	});

	it('accepts what the language accepts at the edges of the operand forms', () => {
		const document = {
			version: '1',
			policy_id: 'p',
			payment_tree: {
				type: 'condition',
				node_id: 'N',
				condition: { op: '==', left: { field: 5, value: 3 }, right: { value: null } },
				on_true: { type: 'action', node_id: 'A', action: 'Release', parameters: { x: { value: [1, 'a'] } } },
				on_false: { type: 'action', node_id: 'B', action: 'NoAction' }
			}
		};
		expect(validate(document)).toBe(true);
	});
});
