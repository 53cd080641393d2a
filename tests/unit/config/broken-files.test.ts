/**
 * Acceptance 3: broken scenario files (tests/fixtures/scenarios/broken/) each give the expected error, with
 * the file, the line and column (counted by hand in the fixture), the key path and the substance of the
 * message; all errors of a file come together.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/cli/scenario-files';
import { formatDiagnostic, type Diagnostic } from '../../../src/lib/config';
import { SCENARIO_FIXTURES } from './helpers';

const BROKEN = join(SCENARIO_FIXTURES, 'broken');

interface Expected {
	file: string;
	line: number;
	/** Omitted where the YAML parser decides the column. */
	column?: number;
	path: string;
	message: string;
	found?: string;
	allowed?: string;
	suggestion?: string;
}

const CASES: readonly Expected[] = [
	// Unreadable text: the YAML parser's own errors keep their position.
	{ file: 'syntax_unclosed_flow.yaml', line: 7, path: '', message: 'YAML: ' },
	{ file: 'syntax_tab_indent.yaml', line: 2, path: '', message: 'YAML: ' },
	{ file: 'two_documents.yaml', line: 2, path: '', message: 'YAML: ' },
	{ file: 'broken_json.json', line: 4, column: 2, path: '', message: 'JSON: ' },
	{ file: 'not_a_scenario.txt', line: 1, column: 1, path: '', message: 'Unsupported file format: .txt' },
	{ file: 'empty.yaml', line: 1, column: 1, path: '', message: 'the file has no content' },
	{ file: 'top_level_list.yaml', line: 1, column: 1, path: '', message: 'the top level must be a mapping' },
	// Missing keys, wrong types, out-of-range values.
	{
		file: 'missing_simulation.yaml',
		line: 1,
		column: 1,
		path: 'simulation',
		message: 'required key is missing'
	},
	{
		file: 'missing_opening_balance.yaml',
		line: 6,
		column: 5,
		path: 'agents[0].opening_balance',
		message: 'required key is missing',
		allowed: 'an integer'
	},
	{
		file: 'empty_agents.yaml',
		line: 5,
		column: 9,
		path: 'agents',
		message: 'too few items',
		allowed: 'at least 1 item'
	},
	{
		file: 'ticks_per_day_zero.yaml',
		line: 2,
		column: 18,
		path: 'simulation.ticks_per_day',
		message: 'too small',
		found: '0',
		allowed: 'an integer > 0'
	},
	{
		file: 'num_days_text.yaml',
		line: 3,
		column: 13,
		path: 'simulation.num_days',
		message: 'expected an integer',
		found: 'the string "three"'
	},
	{
		file: 'rng_seed_negative.yaml',
		line: 4,
		column: 13,
		path: 'simulation.rng_seed',
		message: 'too small',
		found: '-1'
	},
	{
		file: 'rng_seed_date.yaml',
		line: 4,
		column: 13,
		path: 'simulation.rng_seed',
		message: 'expected an integer',
		found: 'the date 2025-01-31 (YAML 1.1 reads it as a timestamp; quote it)'
	},
	{
		file: 'opening_balance_fraction.yaml',
		line: 7,
		column: 22,
		path: 'agents[0].opening_balance',
		message: 'not a whole number',
		found: '100.5 (a number with a fractional part)'
	},
	{
		file: 'unsecured_cap_negative.yaml',
		line: 8,
		column: 20,
		path: 'agents[0].unsecured_cap',
		message: 'too small',
		allowed: 'an integer ≥ 0'
	},
	{
		file: 'agent_id_number.yaml',
		line: 6,
		column: 9,
		path: 'agents[0].id',
		message: 'expected a string',
		found: '123'
	},
	{
		file: 'agent_id_no.yaml',
		line: 8,
		column: 9,
		path: 'agents[1].id',
		message: 'expected a string',
		found: 'false'
	},
	{
		file: 'duplicate_agent_ids.yaml',
		line: 8,
		column: 9,
		path: 'agents[1].id',
		message: "Duplicate agent IDs found: ['BANK_A', 'BANK_A']"
	},
	// Arrival generation and distributions.
	{
		file: 'unknown_counterparty.yaml',
		line: 11,
		column: 30,
		path: 'agents[0].arrival_config.counterparty_weights.BANK_C',
		message: 'Agent BANK_A references unknown counterparty: BANK_C',
		allowed: 'one of the agent ids BANK_A, BANK_B',
		suggestion: 'BANK_A'
	},
	{
		file: 'counterparty_weights_empty.yaml',
		line: 11,
		column: 29,
		path: 'agents[0].arrival_config.counterparty_weights',
		message: 'counterparty_weights cannot be empty'
	},
	{
		file: 'counterparty_key_no.yaml',
		line: 11,
		column: 30,
		path: 'agents[0].arrival_config.counterparty_weights.NO',
		message: 'key "NO" is not a string (YAML 1.1 reads it as a boolean)'
	},
	{
		file: 'deadline_range_three.yaml',
		line: 12,
		column: 23,
		path: 'agents[0].arrival_config.deadline_range',
		message: 'too many items',
		allowed: 'at most 2 items'
	},
	{
		file: 'deadline_range_zero_min.yaml',
		line: 12,
		column: 24,
		path: 'agents[0].arrival_config.deadline_range[0]',
		message: 'deadline range min must be > 0'
	},
	{
		file: 'uniform_max_not_above_min.yaml',
		line: 10,
		column: 60,
		path: 'agents[0].arrival_config.amount_distribution.max',
		message: 'max must be greater than min',
		found: '100'
	},
	{
		file: 'normal_std_dev_zero.yaml',
		line: 10,
		column: 63,
		path: 'agents[0].arrival_config.amount_distribution.std_dev',
		message: 'too small',
		allowed: 'an integer > 0'
	},
	{
		file: 'fixed_priority_eleven.yaml',
		line: 13,
		column: 51,
		path: 'agents[0].arrival_config.priority_distribution.value',
		message: 'too large',
		allowed: 'an integer ≤ 10'
	},
	{
		file: 'categorical_lengths.yaml',
		line: 13,
		column: 78,
		path: 'agents[0].arrival_config.priority_distribution.weights',
		message: 'Values and weights must have same length: values=3, weights=2'
	},
	{
		file: 'arrival_config_and_bands.yaml',
		line: 14,
		column: 7,
		path: 'agents[0].arrival_bands',
		message: 'arrival_config and arrival_bands are mutually exclusive - specify only one'
	},
	{
		file: 'arrival_bands_empty.yaml',
		line: 8,
		column: 20,
		path: 'agents[0].arrival_bands',
		message: 'At least one arrival band must be configured'
	},
	{
		file: 'band_offsets_reversed.yaml',
		line: 9,
		column: 136,
		path: 'agents[0].arrival_bands.normal.deadline_offset_max',
		message: 'deadline_offset_max (5) must be >= deadline_offset_min (10)'
	},
	// Policies.
	{
		file: 'unknown_policy_type.yaml',
		line: 8,
		column: 20,
		path: 'agents[0].policy.type',
		message: 'unknown policy type',
		found: 'the string "Fifoo"',
		suggestion: 'Fifo'
	},
	{
		file: 'deadline_policy_zero.yaml',
		line: 8,
		column: 49,
		path: 'agents[0].policy.urgency_threshold',
		message: 'too small',
		allowed: 'an integer > 0'
	},
	{
		file: 'splitting_too_many.yaml',
		line: 8,
		column: 52,
		path: 'agents[0].policy.max_splits',
		message: 'too large',
		allowed: 'an integer ≤ 10'
	},
	{
		file: 'missing_policy_file.yaml',
		line: 8,
		column: 41,
		path: 'agents[0].policy.json_path',
		message: 'Policy JSON file not found for agent BANK_A',
		found: 'the string "policies/missing.json"'
	},
	{
		file: 'policy_not_json.yaml',
		line: 8,
		column: 41,
		path: 'agents[0].policy.json_path',
		message: 'of agent BANK_A: invalid JSON'
	},
	{
		file: 'policy_bad_action.yaml',
		line: 8,
		column: 41,
		path: 'agents[0].policy.json_path',
		message: 'of agent BANK_A: payment_tree.action: unknown action',
		found: 'string "Relase"',
		suggestion: 'Release'
	},
	{
		file: 'inline_json_invalid.yaml',
		line: 8,
		column: 45,
		path: 'agents[0].policy.json_string',
		message: 'Invalid JSON: '
	},
	{
		file: 'toggles_unknown_category.yaml',
		line: 11,
		column: 28,
		path: 'policy_feature_toggles.include[1]',
		message: 'Unknown category: TimeFeild',
		suggestion: 'TimeField'
	},
	{
		file: 'toggles_forbid_used_category.yaml',
		line: 8,
		column: 13,
		path: 'agents[0].policy',
		message:
			'Agent BANK_A: Policy uses forbidden categories: PaymentAction. Excluded categories: PaymentAction.'
	},
	// Scenario events.
	{
		file: 'event_unknown_agent.yaml',
		line: 11,
		column: 50,
		path: 'scenario_events[0].from_agent',
		message: 'Scenario event 0 references unknown from_agent: BANK_X'
	},
	{
		file: 'event_unknown_type.yaml',
		line: 11,
		column: 12,
		path: 'scenario_events[0].type',
		message: 'unknown scenario event type',
		suggestion: 'DirectTransfer'
	},
	{
		file: 'event_amount_zero.yaml',
		line: 11,
		column: 74,
		path: 'scenario_events[0].amount',
		message: 'too small',
		allowed: 'an integer > 0'
	},
	{
		file: 'deadline_window_no_multiplier.yaml',
		line: 11,
		column: 5,
		path: 'scenario_events[0]',
		message: 'At least one of min_ticks_multiplier or max_ticks_multiplier must be provided'
	},
	{
		file: 'schedule_negative_tick.yaml',
		line: 11,
		column: 86,
		path: 'scenario_events[0].schedule.tick',
		message: 'too small',
		allowed: 'an integer ≥ 0'
	},
	{
		file: 'weight_change_unknown_counterparty.yaml',
		line: 11,
		column: 67,
		path: 'scenario_events[0].counterparty',
		message: 'Scenario event 0 references unknown counterparty: BANK_Z'
	},
	// LSM and costs.
	{
		file: 'lsm_cycle_length_two.yaml',
		line: 11,
		column: 21,
		path: 'lsm_config.max_cycle_length',
		message: 'too small',
		allowed: 'an integer ≥ 3'
	},
	{
		file: 'cost_rate_negative.yaml',
		line: 11,
		column: 33,
		path: 'cost_rates.delay_cost_per_tick_per_cent',
		message: 'too small',
		allowed: 'a number ≥ 0'
	},
	{
		file: 'cost_rates_null.yaml',
		line: 10,
		path: 'cost_rates',
		message: 'expected a mapping',
		found: 'null (an empty value)'
	},
	// Checks of the forwarded keys.
	{
		file: 'limits_unknown_counterparty.yaml',
		line: 8,
		column: 24,
		path: 'agents[0].bilateral_limits.BANK_Q',
		message: 'Agent BANK_A sets a bilateral limit for unknown counterparty: BANK_Q'
	},
	{
		file: 'posted_collateral_negative.yaml',
		line: 8,
		column: 24,
		path: 'agents[0].posted_collateral',
		message: 'posted collateral cannot be negative'
	}
];

async function errorsOf(file: string, options = {}): Promise<Diagnostic[]> {
	const result = await loadScenarioFile(join(BROKEN, file), options);
	expect(result.ok, `${file} should be rejected`).toBe(false);
	return result.ok ? [] : result.errors;
}

describe('broken scenario files', () => {
	it('has at least 30 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
	});

	for (const expected of CASES) {
		it(`${expected.file}: ${expected.path || '(file)'}: ${expected.message}`, async () => {
			const errors = await errorsOf(expected.file);
			const match = errors.find((e) => e.path === expected.path && e.message.includes(expected.message));
			expect(match, errors.map(formatDiagnostic).join('\n')).toBeDefined();
			const diagnostic = match as Diagnostic;
			expect(diagnostic.file).toBe(join(BROKEN, expected.file));
			expect(diagnostic.line).toBe(expected.line);
			if (expected.column !== undefined) expect(diagnostic.column).toBe(expected.column);
			if (expected.found !== undefined) expect(diagnostic.found).toBe(expected.found);
			if (expected.allowed !== undefined) expect(diagnostic.allowed).toBe(expected.allowed);
			if (expected.suggestion !== undefined) expect(diagnostic.suggestion).toBe(expected.suggestion);
			expect(
				formatDiagnostic(diagnostic).startsWith(
					`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: error: `
				)
			).toBe(true);
		});
	}

	it('every error names what is allowed, and every schema error what was found', async () => {
		for (const { file } of CASES) {
			for (const error of await errorsOf(file)) {
				expect(error.allowed, `${file}: ${formatDiagnostic(error)}`).toBeDefined();
				if (error.path !== '') expect(error.found, `${file}: ${formatDiagnostic(error)}`).toBeDefined();
			}
		}
	});

	it('reports all errors of a file together', async () => {
		const errors = await errorsOf('many_errors.yaml');
		expect(errors.map((e) => [e.line, e.column, e.path])).toEqual([
			[2, 18, 'simulation.ticks_per_day'],
			[7, 22, 'agents[0].opening_balance'],
			[11, 30, 'agents[0].arrival_config.counterparty_weights.BANK_C']
		]);
	});

	it('warns about an unknown key and still loads; with strict it is an error', async () => {
		const file = join(BROKEN, 'unknown_key.yaml');
		const lenient = await loadScenarioFile(file);
		expect(lenient.ok).toBe(true);
		const warning = lenient.warnings.find((w) => w.code === 'unknown-key');
		expect(warning).toMatchObject({
			line: 8,
			column: 5,
			path: 'agents[0].unsecure_cap',
			suggestion: 'unsecured_cap'
		});
		const strict = await loadScenarioFile(file, { strict: true });
		expect(strict.ok).toBe(false);
		if (!strict.ok) {
			expect(strict.errors).toEqual([
				expect.objectContaining({
					line: 8,
					column: 5,
					path: 'agents[0].unsecure_cap',
					suggestion: 'unsecured_cap'
				})
			]);
		}
	});
});
