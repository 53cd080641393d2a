/**
 * Acceptance 1: for every reference scenario YAML and every golden seed, the engine configuration equals
 * the golden config.json (same keys, bit-identical numbers) in SimCash compatibility mode; without it the
 * only differences are the forwarded keys listed here, which docs/divergences.md describes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/cli/scenario-files';
import { formatDiagnostics } from '../../../src/lib/config';
import {
	GOLDEN_FIXTURES,
	REFERENCE_SCENARIOS,
	SCENARIO_FIXTURES,
	differingPaths,
	exactDifferences
} from './helpers';

const agents4 = (suffix: string) => [0, 1, 2, 3].map((i) => `agent_configs[${i}].${suffix}`);

/**
 * What the forwarded keys change in each file (read off the YAML): FromJson `params`, agent-level
 * bilateral/multilateral limits, and the TARGET2 top-level switches. `threshold_ticks` is not a key of
 * priority_escalation (warned about), so start_escalating_at_ticks keeps its default 20.
 */
const FORWARDED_DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
	advanced_policy_crisis: agents4('policy.FromJson.json'),
	crisis_resolution_10day: agents4('policy.FromJson.json'),
	suboptimal_policies_10day: agents4('policy.FromJson.json'),
	target2_crisis_25day: [
		...agents4('limits'),
		'priority_escalation.enabled',
		'priority_escalation.curve',
		'priority_escalation.max_boost',
		'algorithm_sequencing',
		'entry_disposition_offsetting'
	],
	target2_crisis_25day_bad_policy: [
		...agents4('limits'),
		'priority_escalation.enabled',
		'priority_escalation.curve',
		'priority_escalation.max_boost',
		'algorithm_sequencing',
		'entry_disposition_offsetting'
	],
	target2_lsm_features_test: [
		...agents4('limits'),
		'priority_escalation.enabled',
		'algorithm_sequencing',
		'entry_disposition_offsetting'
	],
	test_priority_escalation: ['algorithm_sequencing']
};

interface GoldenCase {
	folder: string;
	scenario: string;
	seed: number;
}

/** Golden folders produced from a reference YAML (not the engine-config-only coverage folders). */
function goldenCases(): GoldenCase[] {
	return readdirSync(GOLDEN_FIXTURES, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) => {
			const match = /^(.+)__seed(\d+)$/.exec(entry.name);
			if (!match || !(match[1] in REFERENCE_SCENARIOS)) return [];
			return [{ folder: entry.name, scenario: match[1], seed: Number(match[2]) }];
		});
}

function goldenConfig(folder: string): unknown {
	return JSON.parse(readFileSync(join(GOLDEN_FIXTURES, folder, 'config.json'), 'utf8'));
}

async function load(scenario: string, seed: number, simcashCompat: boolean) {
	const result = await loadScenarioFile(join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS[scenario]), {
		seed,
		simcashCompat
	});
	if (!result.ok) throw new Error(formatDiagnostics(result.errors));
	return result;
}

const cases = goldenCases();

describe('engine configuration of the reference scenarios', () => {
	it('covers every reference scenario and both golden seeds of each', () => {
		expect(cases.length).toBe(29);
		for (const scenario of Object.keys(REFERENCE_SCENARIOS)) {
			expect(
				cases.some((c) => c.scenario === scenario),
				scenario
			).toBe(true);
		}
	});

	for (const { folder, scenario, seed } of cases) {
		it(`${folder}: equals the golden config.json with simcashCompat`, async () => {
			const { config } = await load(scenario, seed, true);
			expect(JSON.parse(JSON.stringify(config))).toEqual(config);
			expect(exactDifferences(config, goldenConfig(folder))).toEqual([]);
		});

		it(`${folder}: differs only in the forwarded keys without it`, async () => {
			const { config } = await load(scenario, seed, false);
			expect(differingPaths(config, goldenConfig(folder)).sort()).toEqual(
				[...(FORWARDED_DIFFERENCES[scenario] ?? [])].sort()
			);
		});
	}

	it('forwards target2_lsm_features_test exactly as the golden "enginefull" variant maps it', async () => {
		const { config } = await load('target2_lsm_features_test', 42, false);
		const enginefull = goldenConfig('target2_lsm_features_test__enginefull__seed42');
		expect(exactDifferences(config, enginefull)).toEqual([]);
	});

	it('writes FromJson params over the policy file parameters, the rest of the document unchanged', async () => {
		const { config } = await load('advanced_policy_crisis', 42, false);
		const file = readFileSync(
			join(SCENARIO_FIXTURES, 'simulator/policies/cautious_liquidity_preserver.json'),
			'utf8'
		);
		const original = JSON.parse(file) as Record<string, unknown>;
		const policy = config.agent_configs[0].policy as { FromJson: { json: string } };
		const forwarded = JSON.parse(policy.FromJson.json) as Record<string, unknown>;
		expect(original.parameters).toEqual({
			buffer_multiplier: 2.5,
			urgency_threshold: 3.0,
			eod_threshold: 0.8
		});
		expect(forwarded.parameters).toEqual({
			buffer_multiplier: 2.5,
			urgency_threshold: 3.0,
			eod_threshold: 0.5
		});
		expect({ ...forwarded, parameters: null }).toEqual({ ...original, parameters: null });
	});

	it('warns in compatibility mode about every forwarded key it drops', async () => {
		const { warnings } = await load('target2_crisis_25day', 42, true);
		const dropped = warnings.filter((w) => w.code === 'compat-dropped').map((w) => w.path);
		expect(dropped).toEqual([
			'algorithm_sequencing',
			'entry_disposition_offsetting',
			'priority_escalation',
			...[0, 1, 2, 3].flatMap((i) => [`agents[${i}].bilateral_limits`, `agents[${i}].multilateral_limit`])
		]);
	});
});
