/** The documentation and checking tools: validate-policy, policy-schema, cost-schema. */
import { oneOf } from '../arguments';
import { positionals, type CommandSpec } from './command-spec';

export const VALIDATE_POLICY_SPEC: CommandSpec = {
	words: ['validate-policy'],
	synopsis: '<policy.json> [--format text|json]',
	summary: 'Checks a policy file with the policy language’s full validation.',
	options: [{ names: ['--format', '-f'], value: true, placeholder: 'FMT', help: 'text (default) or json' }],
	build(read) {
		const [file] = positionals(read, 'validate-policy', ['the policy file']);
		const format = read.values.get('--format');
		return {
			kind: 'validate-policy',
			file,
			format: format === undefined ? 'text' : oneOf(format, '--format', ['text', 'json'] as const)
		};
	}
};

function schemaSpec(kind: 'policy-schema' | 'cost-schema', summary: string): CommandSpec {
	return {
		words: [kind],
		synopsis: '[--format json|markdown]',
		summary,
		options: [
			{ names: ['--format', '-f'], value: true, placeholder: 'FMT', help: 'markdown (default) or json' }
		],
		build(read) {
			positionals(read, kind, []);
			const format = read.values.get('--format');
			return {
				kind,
				format: format === undefined ? 'markdown' : oneOf(format, '--format', ['json', 'markdown'] as const)
			};
		}
	};
}

export const POLICY_SCHEMA_SPEC = schemaSpec(
	'policy-schema',
	'Documents the policy language: trees, node kinds, expressions, computations, actions and fields.'
);

export const COST_SCHEMA_SPEC = schemaSpec(
	'cost-schema',
	'Documents the cost types: what each costs, when it is charged and the rate that sets it.'
);
