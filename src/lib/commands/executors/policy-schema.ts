/**
 * `policy-schema`: the policy language's reference, generated from the language's own catalogues (the
 * trees, operators, actions and fields the validator accepts), as markdown; `--format json` prints the
 * JSON Schema the validator's structure is defined by.
 */
import { policySchema } from '../../policy';
import { AGENT_FIELDS, TRANSACTION_FIELDS, TREE_NAMES, type TreeName } from '../../policy/context';
import {
	BANK_ACTIONS,
	BINARY_COMPUTE_OPS,
	COLLATERAL_ACTIONS,
	COMPARISON_OPS,
	LOGICAL_OPS,
	NARY_COMPUTE_OPS,
	PAYMENT_ACTIONS,
	RTGS_ACTIONS,
	UNARY_COMPUTE_OPS
} from '../../policy/types';
import type { SchemaCommand } from '../command';
import type { CommandOutput, ExitCode } from '../output';

const TREES: Record<TreeName, { when: string; actions: readonly string[] }> = {
	bank_tree: { when: 'once per agent and tick, before the payment trees', actions: BANK_ACTIONS },
	payment_tree: {
		when: 'for each transaction in the agent’s Queue 1, and for its own entries in the RTGS queue',
		actions: [...PAYMENT_ACTIONS, ...RTGS_ACTIONS]
	},
	strategic_collateral_tree: {
		when: 'once per agent and tick, before settlement',
		actions: COLLATERAL_ACTIONS
	},
	end_of_tick_collateral_tree: { when: 'once per agent at the end of each tick', actions: COLLATERAL_ACTIONS }
};

function code(items: readonly string[]): string {
	return items.map((item) => `\`${item}\``).join(', ');
}

export function policySchemaMarkdown(): string[] {
	return [
		'# Policy language reference',
		'',
		'A policy is a JSON document with `version`, `policy_id`, optional `description` and `parameters` (named',
		'numbers), and up to four decision trees. Each tree node is a `condition` (an expression, then `on_true`',
		'and `on_false`) or an `action` with its parameters.',
		'',
		'## Trees',
		'',
		'| Tree | Evaluated | Actions |',
		'| --- | --- | --- |',
		...TREE_NAMES.map((tree) => `| \`${tree}\` | ${TREES[tree].when} | ${code(TREES[tree].actions)} |`),
		'',
		'## Expressions (conditions)',
		'',
		`- Comparisons: ${code(COMPARISON_OPS)} between two values`,
		`- Logic: ${code(LOGICAL_OPS)} over conditions`,
		'',
		'## Values',
		'',
		'- `{"field": NAME}`: a context field, or a `bank_state_*` register',
		'- `{"param": NAME}`: a document parameter',
		'- `{"value": X}`: a literal',
		'- `{"compute": {...}}`: a computation',
		'',
		'## Computations',
		'',
		`- Binary: ${code(BINARY_COMPUTE_OPS)}`,
		`- Any number of operands: ${code(NARY_COMPUTE_OPS)}`,
		`- Unary: ${code(UNARY_COMPUTE_OPS)}`,
		'- `clamp` (value, min, max) and `div0` (numerator, denominator, default)',
		'',
		'## Fields',
		'',
		`- Transaction fields (\`payment_tree\` only): ${code(TRANSACTION_FIELDS)}`,
		`- Agent and system fields (every tree; \`overdraft_utilization\` not in \`bank_tree\`): ${code(AGENT_FIELDS)}`,
		'- Registers: `bank_state_<name>`, set by `SetState` and `AddState` in `bank_tree`'
	];
}

export function executePolicySchema(command: SchemaCommand, output: CommandOutput): ExitCode {
	if (command.format === 'json') output.write({ kind: 'json', value: policySchema(), indent: 2 });
	else output.write({ kind: 'text', stream: 'stdout', lines: policySchemaMarkdown() });
	return 0;
}
