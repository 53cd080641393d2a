/** Shared helpers of the scenario-file tests: fixture paths, in-memory loading, exact comparison, short runs. */
import { join } from 'node:path';
import { loadScenario, type LoadScenarioOptions, type LoadScenarioResult } from '../../../src/lib/config';
import { runSimulation, serializeEvent } from '../../../src/lib/engine';

export const SCENARIO_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'scenarios');
export const GOLDEN_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'golden');

/** Every reference scenario YAML (copied from SimCash 5534eff7), by file stem, relative to SCENARIO_FIXTURES. */
export const REFERENCE_SCENARIOS: Readonly<Record<string, string>> = {
	advanced_policy_crisis: 'examples/configs/advanced_policy_crisis.yaml',
	bis_liquidity_delay_tradeoff: 'examples/configs/bis_liquidity_delay_tradeoff.yaml',
	crisis_resolution_10day: 'examples/configs/crisis_resolution_10day.yaml',
	suboptimal_policies_10day: 'examples/configs/suboptimal_policies_10day.yaml',
	suboptimal_policies_25day: 'examples/configs/suboptimal_policies_25day.yaml',
	target2_crisis_25day: 'examples/configs/target2_crisis_25day.yaml',
	target2_crisis_25day_bad_policy: 'examples/configs/target2_crisis_25day_bad_policy.yaml',
	target2_lsm_features_test: 'examples/configs/target2_lsm_features_test.yaml',
	test_minimal_eod: 'examples/configs/test_minimal_eod.yaml',
	test_near_deadline: 'examples/configs/test_near_deadline.yaml',
	test_priority_escalation: 'examples/configs/test_priority_escalation.yaml',
	exp1_2period: 'experiments/castro/configs/exp1_2period.yaml',
	exp2_12period: 'experiments/castro/configs/exp2_12period.yaml',
	exp3_joint: 'experiments/castro/configs/exp3_joint.yaml',
	synthetic_200agents: 'synthetic_200agents.yaml'
};

/** Loads YAML text with an in-memory file system for policy files (paths as the loader asks for them). */
export function loadText(
	text: string,
	options: Partial<LoadScenarioOptions> = {},
	files: Record<string, string> = {}
): Promise<LoadScenarioResult> {
	return loadScenario(text, {
		fileName: 'scenario.yaml',
		resolveFile: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? files[path] : null),
		...options
	});
}

/** Loads and insists on success, with the diagnostics in the failure message. */
export async function loadOk(
	text: string,
	options: Partial<LoadScenarioOptions> = {},
	files: Record<string, string> = {}
): Promise<Extract<LoadScenarioResult, { ok: true }>> {
	const result = await loadText(text, options, files);
	if (!result.ok)
		throw new Error(result.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
	return result;
}

function render(value: unknown): string {
	const text = JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/**
 * Paths at which two JSON values differ: missing or extra keys, different types, numbers that are not
 * bit-identical (Object.is), different strings or booleans. Arrays compare element by element.
 */
export function exactDifferences(actual: unknown, expected: unknown, path = ''): string[] {
	if (Array.isArray(actual) && Array.isArray(expected)) {
		if (actual.length !== expected.length) return [`${path}: length ${actual.length} vs ${expected.length}`];
		return actual.flatMap((item, i) => exactDifferences(item, expected[i], `${path}[${i}]`));
	}
	const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
	if (isObject(actual) && isObject(expected)) {
		const a = actual as Record<string, unknown>;
		const e = expected as Record<string, unknown>;
		const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
		return [...keys].flatMap((key) => {
			const child = path === '' ? key : `${path}.${key}`;
			if (!(key in a)) return [`${child}: missing`];
			if (!(key in e)) return [`${child}: unexpected`];
			return exactDifferences(a[key], e[key], child);
		});
	}
	if (typeof actual !== typeof expected || !Object.is(actual, expected)) {
		return [`${path}: ${render(actual)} vs ${render(expected)}`];
	}
	return [];
}

/** The paths only (without the values) of exactDifferences. */
export function differingPaths(actual: unknown, expected: unknown): string[] {
	return exactDifferences(actual, expected).map((line) => line.slice(0, line.indexOf(':')));
}

export interface ShortRun {
	events: Record<string, unknown>[];
	count(type: string): number;
	first(type: string): Record<string, unknown> | undefined;
}

/** Runs an engine configuration for a few ticks and keeps its events. */
export function runBriefly(config: unknown, ticks: number): ShortRun {
	const events: Record<string, unknown>[] = [];
	runSimulation(config, { ticks, onEvent: (event) => events.push(JSON.parse(serializeEvent(event))) });
	return {
		events,
		count: (type) => events.filter((event) => event.event_type === type).length,
		first: (type) => events.find((event) => event.event_type === type)
	};
}
