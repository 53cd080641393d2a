/**
 * Loading pipeline: JSON text (or an already parsed value) -> decode -> static validation -> compile.
 * Validation happens here, once, at load time, instead of lazily on first evaluation as in the original.
 */
import { checkJsonValue, decodeDocument } from './decode';
import type { PolicyError, PolicyWarning } from './errors';
import { PolicyLoadError } from './errors';
import { CompiledPolicy } from './evaluate';
import { JsonSyntaxError, parseJsonText, type ParsedJson } from './json';
import { validateDecoded } from './rules';

export type ParsePolicyResult =
	| { readonly ok: true; readonly policy: CompiledPolicy; readonly warnings: readonly PolicyWarning[] }
	| {
			readonly ok: false;
			readonly errors: readonly PolicyError[];
			readonly warnings: readonly PolicyWarning[];
	  };

function readText(text: string): ParsedJson | PolicyError {
	try {
		return parseJsonText(text);
	} catch (error) {
		if (!(error instanceof JsonSyntaxError)) throw error;
		return {
			type: 'ParseError',
			path: error.path,
			found: `${error.detail} at line ${error.line} column ${error.column}`,
			allowed: 'strict JSON (RFC 8259: no comments, no trailing commas, no NaN/Infinity)',
			message: `invalid JSON${error.path ? ` in ${error.path}` : ''}: ${error.detail} at line ${error.line} column ${error.column}`
		};
	}
}

/**
 * Parses, validates and compiles a policy. `source` is JSON text or an already parsed JSON value (for
 * example a YAML mapping). Never throws for bad input: every problem is in `errors`, all reported together.
 */
export function parsePolicy(source: unknown): ParsePolicyResult {
	let parsed: ParsedJson;
	if (typeof source === 'string') {
		const read = readText(source);
		if ('message' in read) return { ok: false, errors: [read], warnings: [] };
		parsed = read;
	} else {
		const problem = checkJsonValue(source);
		if (problem) return { ok: false, errors: [problem], warnings: [] };
		parsed = { value: source, duplicateKeys: new WeakMap() };
	}
	const decoded = decodeDocument(parsed.value, parsed.duplicateKeys);
	if (Array.isArray(decoded)) return { ok: false, errors: decoded, warnings: [] };
	const validation = validateDecoded(decoded);
	const errors = [...decoded.errors, ...validation.errors];
	if (errors.length > 0) return { ok: false, errors, warnings: validation.warnings };
	return {
		ok: true,
		policy: new CompiledPolicy(decoded.document, validation.warnings),
		warnings: validation.warnings
	};
}

/** {@link parsePolicy}, throwing a {@link PolicyLoadError} listing every error when the policy is invalid. */
export function parsePolicyOrThrow(source: unknown, label?: string): CompiledPolicy {
	const result = parsePolicy(source);
	if (!result.ok) throw new PolicyLoadError(result.errors, label);
	return result.policy;
}
