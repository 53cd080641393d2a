/**
 * `validate-policy <file>`: the policy language's full validation (decoding and every static rule) of a
 * policy file; the verdict as text or as JSON (SimCash's keys), exit status 1 when invalid.
 */
import { parsePolicy } from '../../policy';
import type { ValidatePolicyCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import type { CommandOutput, ExitCode } from '../output';

interface ProblemEntry {
	type: string;
	message: string;
}

type Verdict =
	| {
			valid: true;
			policy_id: string;
			version: string;
			description: string | null;
			trees: {
				has_payment_tree: boolean;
				has_bank_tree: boolean;
				has_strategic_collateral_tree: boolean;
				has_end_of_tick_collateral_tree: boolean;
				parameter_count: number;
				parameters: string[];
			};
			warnings: ProblemEntry[];
	  }
	| { valid: false; errors: ProblemEntry[]; warnings: ProblemEntry[] };

async function verdictOf(file: string, env: CommandEnvironment): Promise<Verdict> {
	const text = await env.resolveFile(file);
	if (text === null)
		return {
			valid: false,
			errors: [{ type: 'FileNotFound', message: `Policy file not found: ${file}` }],
			warnings: []
		};
	if (text.trim() === '')
		return { valid: false, errors: [{ type: 'EmptyFile', message: 'Policy file is empty' }], warnings: [] };
	const parsed = parsePolicy(text);
	const warnings = parsed.warnings.map((warning) => ({ type: warning.type, message: warning.message }));
	if (!parsed.ok)
		return {
			valid: false,
			errors: parsed.errors.map((e) => ({ type: e.type, message: e.message })),
			warnings
		};
	const document = parsed.policy.document;
	return {
		valid: true,
		policy_id: document.policy_id,
		version: document.version,
		description: document.description,
		trees: {
			has_payment_tree: document.payment_tree !== null,
			has_bank_tree: document.bank_tree !== null,
			has_strategic_collateral_tree: document.strategic_collateral_tree !== null,
			has_end_of_tick_collateral_tree: document.end_of_tick_collateral_tree !== null,
			parameter_count: document.parameters.size,
			parameters: [...document.parameters.keys()]
		},
		warnings
	};
}

export async function executeValidatePolicy(
	command: ValidatePolicyCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const verdict = await verdictOf(command.file, env);
	const exitCode = verdict.valid ? 0 : 1;
	if (command.format === 'json') {
		output.write({ kind: 'json', value: verdict, indent: 2 });
		return exitCode;
	}
	const warnings = verdict.warnings.map((warning) => `⚠ ${warning.type}: ${warning.message}`);
	if (verdict.valid) {
		const trees = Object.entries(verdict.trees)
			.filter(([key, present]) => key.startsWith('has_') && present === true)
			.map(([key]) => key.slice(4));
		output.write({
			kind: 'text',
			stream: 'stdout',
			lines: [
				'✓ Policy validation passed',
				`  File: ${command.file}`,
				`  Policy ID: ${verdict.policy_id}`,
				`  Version: ${verdict.version}`,
				`  Trees: ${trees.join(', ') || 'none'}`,
				`  Parameters: ${verdict.trees.parameter_count}`,
				...warnings
			]
		});
		return exitCode;
	}
	output.write({
		kind: 'table',
		stream: 'stdout',
		title: 'Validation errors',
		columns: [
			{ label: 'Type', align: 'left' },
			{ label: 'Message', align: 'left' }
		],
		rows: verdict.errors.map((error) => [error.type, error.message]),
		footer: [...warnings, '', `✗ Policy validation failed with ${verdict.errors.length} error(s)`]
	});
	return exitCode;
}
