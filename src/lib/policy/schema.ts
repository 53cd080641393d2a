/**
 * Structure of the policy language as zod schemas: the single source of truth for the structural
 * (decoding) checks and for {@link policySchema}, the JSON Schema handed to editors. Rules that depend on
 * more than one place in the document (node ids, field names per tree, parameter names, depth, literal
 * zero divisors) are checked in rules.ts; the JSON text rules (duplicate keys, number range, nesting) in
 * json.ts and decode.ts.
 *
 * Every object schema is loose: the original ignores unknown keys at every level.
 */
import { z } from 'zod';
import {
	ACTION_NAMES,
	BINARY_COMPUTE_OPS,
	COMPARISON_OPS,
	NARY_COMPUTE_OPS,
	UNARY_COMPUTE_OPS
} from './types';

interface SchemaMeta {
	id?: string;
	description?: string;
}

/** Names under which the recursive parts appear in the JSON Schema's `$defs`. */
const registry = z.registry<SchemaMeta>();

/** Attaches a description that ends up in the generated JSON Schema. */
function described<T extends z.ZodType>(schema: T, description: string): T {
	registry.add(schema as z.ZodType, { description });
	return schema;
}

const literalJson = z.json();

const fieldRef = described(
	z.looseObject({ field: described(z.string(), 'Context field name, or a bank_state_* register') }),
	'A context field'
);
const paramRef = described(
	z.looseObject({ param: described(z.string(), 'Key of the document parameters') }),
	'A document parameter'
);
const literalRef = described(
	z.looseObject({ value: literalJson }),
	'A literal: numbers evaluate as themselves, true/false as 1/0 (in conditions only)'
);
const computeRef = described(
	z.looseObject({
		get compute(): z.ZodType {
			return computationSchema;
		}
	}),
	'An arithmetic computation'
);

/** Operand of comparisons and computations. Forms are tried in this order: field, param, value, compute. */
export const valueSchema = z.union([fieldRef, paramRef, literalRef, computeRef]);

/** Value of an action parameter. Forms are tried in this order: value, field, param, compute. */
export const parameterValueSchema = z.union([literalRef, fieldRef, paramRef, computeRef]);

export const computationSchema: z.ZodType = z.discriminatedUnion('op', [
	z.looseObject({ op: z.enum(BINARY_COMPUTE_OPS), left: valueSchema, right: valueSchema }),
	z.looseObject({ op: z.enum(NARY_COMPUTE_OPS), values: z.array(valueSchema) }),
	z.looseObject({ op: z.enum(UNARY_COMPUTE_OPS), value: valueSchema }),
	z.looseObject({ op: z.literal('clamp'), value: valueSchema, min: valueSchema, max: valueSchema }),
	z.looseObject({
		op: z.literal('div0'),
		numerator: valueSchema,
		denominator: valueSchema,
		default: valueSchema
	})
]);

export const expressionSchema: z.ZodType = z.discriminatedUnion('op', [
	z.looseObject({ op: z.enum(COMPARISON_OPS), left: valueSchema, right: valueSchema }),
	z.looseObject({
		op: z.enum(['and', 'or']),
		get conditions(): z.ZodType {
			return z.array(expressionSchema);
		}
	}),
	z.looseObject({
		op: z.literal('not'),
		get condition(): z.ZodType {
			return expressionSchema;
		}
	})
]);

const conditionNodeSchema = z.looseObject({
	type: z.literal('condition'),
	node_id: z.string(),
	description: z.string().optional(),
	condition: expressionSchema,
	get on_true(): z.ZodType {
		return nodeSchema;
	},
	get on_false(): z.ZodType {
		return nodeSchema;
	}
});

const actionNodeSchema = z.looseObject({
	type: z.literal('action'),
	node_id: z.string(),
	action: z.enum(ACTION_NAMES),
	parameters: z.record(z.string(), parameterValueSchema).optional()
});

export const nodeSchema: z.ZodType = z.discriminatedUnion('type', [conditionNodeSchema, actionNodeSchema]);

function treeSchema() {
	return nodeSchema.nullable().optional();
}

export const documentSchema = z.looseObject({
	version: described(z.string(), 'Free text, conventionally "1.0"'),
	policy_id: z.string(),
	description: z.string().nullable().optional(),
	parameters: described(
		z.record(z.string(), z.number()).optional(),
		'Named numeric constants referenced with {"param": name}'
	),
	bank_tree: described(treeSchema(), 'Once per agent per tick: release budget and state registers'),
	payment_tree: described(treeSchema(), 'Once per transaction in Queue 1 (and in Queue 2)'),
	strategic_collateral_tree: described(treeSchema(), 'Once per agent per tick, before releases'),
	end_of_tick_collateral_tree: described(treeSchema(), 'Once per agent per tick, after settlement')
});

valueSchema.register(registry, { id: 'Value', description: 'Operand: field, param, value or compute' });
parameterValueSchema.register(registry, {
	id: 'ParameterValue',
	description: 'Action parameter: value, field, param or compute'
});
computationSchema.register(registry, { id: 'Computation', description: 'Arithmetic (12 operators)' });
expressionSchema.register(registry, { id: 'Expression', description: 'Boolean expression (9 operators)' });
nodeSchema.register(registry, { id: 'Node', description: 'Condition or action node' });
literalJson.register(registry, { id: 'JsonValue', description: 'Any JSON value' });

let cachedJsonSchema: Record<string, unknown> | null = null;

/** JSON Schema (draft 2020-12) of a policy document, generated from the zod schemas above. */
export function policySchema(): Record<string, unknown> {
	if (!cachedJsonSchema) {
		const generated = z.toJSONSchema(documentSchema, { metadata: registry, io: 'input' }) as Record<
			string,
			unknown
		>;
		cachedJsonSchema = {
			...stripRegistryIds(generated),
			$id: 'urn:simcash-notebook:policy',
			title: 'SimCash policy (JSON decision trees)'
		};
	}
	return structuredClone(cachedJsonSchema);
}

/** zod copies registry ids into each `$defs` entry as an `id` keyword, which draft 2020-12 does not know. */
function stripRegistryIds(schema: Record<string, unknown>): Record<string, unknown> {
	const defs = schema.$defs as Record<string, Record<string, unknown>> | undefined;
	if (!defs) return schema;
	const cleaned: Record<string, Record<string, unknown>> = {};
	for (const [name, definition] of Object.entries(defs)) {
		const { id: _id, ...rest } = definition;
		cleaned[name] = rest;
	}
	return { ...schema, $defs: cleaned };
}
