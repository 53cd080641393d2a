/**
 * Keys the schema does not know. SimCash ignores them silently; here each one is reported with its line and
 * the closest known key, as a warning (an error with `strict`). Also reports mapping keys that YAML 1.1
 * does not read as strings (`NO:`, `on:`, `1:`): ignored where the schema expects setting names, but an
 * error inside a mapping keyed by agent ids or parameter names, where SimCash rejects them.
 */
import type { z } from 'zod';
import type { DiagnosticList, Severity } from './diagnostics';
import { pathKey, type Path } from './path';
import { isMapping, unionMember, unwrap, type Definition } from './schema-walk';
import { suggestName } from './suggest';
import type { NonStringKey } from './yaml';

class Walker {
	readonly objectPaths = new Set<string>();
	readonly freeFormPaths: Path[] = [];

	constructor(
		private readonly diagnostics: DiagnosticList,
		private readonly severity: Severity
	) {}

	walk(schema: z.ZodType, value: unknown, path: Path): void {
		const def = unwrap(schema);
		switch (def.type) {
			case 'object':
				if (isMapping(value)) this.object(def.shape ?? {}, value, path);
				return;
			case 'array':
				if (Array.isArray(value) && def.element)
					value.forEach((item, i) => this.walk(def.element as z.ZodType, item, [...path, i]));
				return;
			case 'record':
				if (isMapping(value)) {
					this.freeFormPaths.push(path);
					for (const key of Object.keys(value))
						this.walk(def.valueType as z.ZodType, value[key], [...path, key]);
				}
				return;
			case 'union':
				this.union(def, value, path);
				return;
			case 'unknown':
			case 'any':
				this.freeFormPaths.push(path);
				return;
			default:
				return;
		}
	}

	private union(def: Definition, value: unknown, path: Path): void {
		const member = unionMember(def, value);
		if (member) this.walk(member, value, path);
	}

	private object(shape: Record<string, z.ZodType>, value: Record<string, unknown>, path: Path): void {
		this.objectPaths.add(pathKey(path));
		const known = Object.keys(shape);
		for (const key of Object.keys(value)) {
			if (Object.hasOwn(shape, key)) {
				this.walk(shape[key], value[key], [...path, key]);
				continue;
			}
			const suggestion = suggestName(key, known);
			this.diagnostics.add(this.severity, 'unknown-key', [...path, key], {
				message: `unknown key${this.severity === 'warning' ? ', ignored' : ''}`,
				found: JSON.stringify(key),
				allowed: known.length > 0 ? `one of ${known.join(', ')}` : 'no keys here',
				atKey: true,
				...(suggestion !== undefined ? { suggestion } : {})
			});
		}
	}

	isUnderFreeForm(path: Path): boolean {
		return this.freeFormPaths.some(
			(prefix) => prefix.length <= path.length && prefix.every((segment, i) => segment === path[i])
		);
	}
}

/**
 * Reports unknown keys of `value` against `schema` (after variants are resolved, so that each union member
 * is known) and the non-string keys YAML produced.
 */
export function reportUnknownKeys(
	schema: z.ZodType,
	value: unknown,
	nonStringKeys: readonly NonStringKey[],
	diagnostics: DiagnosticList,
	strict: boolean
): void {
	const walker = new Walker(diagnostics, strict ? 'error' : 'warning');
	walker.walk(schema, value, []);
	for (const key of nonStringKeys) {
		const readAs = `YAML 1.1 reads it as ${key.kind === 'null' ? 'null' : `a ${key.kind === 'bool' ? 'boolean' : key.kind === 'int' ? 'integer' : key.kind}`}`;
		if (walker.objectPaths.has(pathKey(key.parent))) {
			diagnostics.at(
				strict ? 'error' : 'warning',
				'non-string-key',
				key.position,
				[...key.parent, key.text],
				{
					message: `key ${JSON.stringify(key.text)} is not a setting name (${readAs}), ignored`,
					found: JSON.stringify(key.text),
					allowed: 'a setting name; quote the key if it is meant as text'
				}
			);
		} else if (walker.isUnderFreeForm(key.parent)) {
			diagnostics.at('error', 'non-string-key', key.position, [...key.parent, key.text], {
				message: `key ${JSON.stringify(key.text)} is not a string (${readAs})`,
				found: JSON.stringify(key.text),
				allowed: `a string key; write '${key.text}' in quotes`
			});
		}
	}
}
