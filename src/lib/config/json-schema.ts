/** The JSON Schema of scenario files, generated from the same zod definition that validates them. */
import { z } from 'zod';
import { scenario } from './schema';

type JsonSchema = Record<string, unknown>;

/**
 * zod describes what validation produces (io 'output': integers as integers, where 'input' would show the
 * lax preprocessing as "anything"); a file may leave out keys with defaults and may carry extra keys (they
 * are warned about), so those two output-side restrictions are lifted.
 */
function asFileSchema(node: unknown): void {
	if (Array.isArray(node)) {
		node.forEach(asFileSchema);
		return;
	}
	if (node === null || typeof node !== 'object') return;
	const schema = node as JsonSchema;
	const properties = schema.properties as Record<string, JsonSchema> | undefined;
	if (properties && Array.isArray(schema.required)) {
		schema.required = (schema.required as string[]).filter((key) => !('default' in (properties[key] ?? {})));
	}
	if (schema.additionalProperties === false) delete schema.additionalProperties;
	for (const value of Object.values(schema)) asFileSchema(value);
}

/**
 * JSON Schema (draft 2020-12) of a scenario file in its canonical form: every union member with its `type`
 * (files may omit it; the loader then infers it as SimCash does), integers as integers, defaults shown.
 */
export function scenarioJsonSchema(): JsonSchema {
	const schema = z.toJSONSchema(scenario, {
		io: 'output',
		unrepresentable: 'any',
		override: (context) => {
			const def = (context.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def;
			if (def.type === 'bigint') {
				context.jsonSchema.type = 'integer';
				context.jsonSchema.minimum = 0;
				context.jsonSchema.maximum = Number((1n << 64n) - 1n);
			}
		}
	}) as JsonSchema;
	asFileSchema(schema);
	return schema;
}
