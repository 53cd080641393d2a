/**
 * Acceptance 2: a reference scenario loaded from its YAML (default mode, no compatibility switch) and run
 * with a golden seed produces the golden events, tick results and final figures, wherever the YAML has no
 * forwarded key (so SimCash and this loader agree on what the file means). In process and through the CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenarioFile } from '../../../src/cli/scenario-files';
import { findForwardedKeys, formatDiagnostics } from '../../../src/lib/config';
import {
	describeMismatch,
	finalMismatches,
	firstEventMismatch,
	listGoldenFolders,
	loadGoldenFolder,
	runGolden,
	sortedJson
} from '../../parity/golden-fixtures';
import { REFERENCE_SCENARIOS, SCENARIO_FIXTURES } from './helpers';

/** Reference YAMLs without any forwarded key (read off the files; checked below). */
const WITHOUT_FORWARDED_KEYS = [
	'bis_liquidity_delay_tradeoff',
	'exp1_2period',
	'exp2_12period',
	'exp3_joint',
	'suboptimal_policies_25day',
	'synthetic_200agents',
	'test_minimal_eod',
	'test_near_deadline'
];

/** Golden folders whose run does not reach parity yet (none). */
const PENDING: readonly string[] = [];

/** Reads the YAML as data only, to see which forwarded keys it writes. */
function forwardedKeysIn(scenario: string): string[] {
	const data: unknown = parse(readFileSync(join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS[scenario]), 'utf8'));
	return findForwardedKeys(data).map(({ key }) => key.key);
}

const folders = listGoldenFolders().filter((name) => {
	const match = /^(.+)__seed\d+$/.exec(name);
	return match !== null && WITHOUT_FORWARDED_KEYS.includes(match[1]);
});

function seedOf(folder: string): number {
	return Number(/__seed(\d+)$/.exec(folder)?.[1]);
}

function scenarioOf(folder: string): string {
	return folder.replace(/__seed\d+$/, '');
}

/** Loads the scenario's YAML, runs it for the golden folder's ticks and compares events, ticks and final figures. */
async function expectGoldenRun(
	folder: string,
	scenario: string,
	options: { seed: number; simcashCompat?: boolean }
): Promise<void> {
	const loaded = await loadScenarioFile(join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS[scenario]), options);
	if (!loaded.ok) throw new Error(formatDiagnostics(loaded.errors));
	const golden = loadGoldenFolder(folder);
	const run = runGolden({ ...golden, config: loaded.config });
	const mismatch = firstEventMismatch(golden.events, run.events);
	if (mismatch !== null) expect.fail(describeMismatch(folder, mismatch));
	expect(run.ticks).toEqual(golden.ticks.map((line) => sortedJson(JSON.parse(line))));
	expect(finalMismatches(golden.final, run.summary)).toEqual([]);
}

describe('reference scenarios run from YAML reproduce the golden folders', () => {
	it('selects the files without forwarded keys, and every golden folder of them', () => {
		for (const scenario of Object.keys(REFERENCE_SCENARIOS)) {
			const keys = forwardedKeysIn(scenario);
			expect(keys.length === 0, `${scenario}: ${keys.join(', ')}`).toBe(
				WITHOUT_FORWARDED_KEYS.includes(scenario)
			);
		}
		expect(folders.length).toBe(15);
	});

	for (const folder of folders.filter((name) => !PENDING.includes(name))) {
		it(folder, () => expectGoldenRun(folder, scenarioOf(folder), { seed: seedOf(folder) }));
	}
});

describe('scenarios with forwarded keys', () => {
	const compatFolders = listGoldenFolders().filter((name) => {
		const match = /^(.+)__seed\d+$/.exec(name);
		return match !== null && match[1] in REFERENCE_SCENARIOS && !WITHOUT_FORWARDED_KEYS.includes(match[1]);
	});

	it('are every other reference golden folder', () => {
		expect(compatFolders.length).toBe(14);
	});

	for (const folder of compatFolders.filter((name) => !PENDING.includes(name))) {
		it(`${folder} with simcashCompat`, () =>
			expectGoldenRun(folder, scenarioOf(folder), { seed: seedOf(folder), simcashCompat: true }));
	}

	it('target2_lsm_features_test forwarded reproduces the golden "enginefull" run', () =>
		expectGoldenRun('target2_lsm_features_test__enginefull__seed42', 'target2_lsm_features_test', {
			seed: 42
		}));
});

describe('payment-sim run <scenario.yaml>', () => {
	const dir = mkdtempSync(join(tmpdir(), 'payment-sim-scenario-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes the golden events and final summary of exp2_12period seed 1', () => {
		const events = join(dir, 'events.jsonl');
		const final = join(dir, 'final.json');
		const cli = spawnSync(
			process.execPath,
			[
				'bin/payment-sim.mjs',
				'run',
				join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS.exp2_12period),
				'--seed',
				'1',
				'--events-jsonl',
				events,
				'--final-json',
				final
			],
			{ encoding: 'utf8' }
		);
		expect(cli.status, cli.stderr).toBe(0);
		const golden = loadGoldenFolder('exp2_12period__seed1');
		const lines = readFileSync(events, 'utf8')
			.split('\n')
			.filter((line) => line.length > 0);
		const mismatch = firstEventMismatch(golden.events, lines);
		if (mismatch !== null) expect.fail(describeMismatch('exp2_12period__seed1 (CLI)', mismatch));
		expect(sortedJson(JSON.parse(readFileSync(final, 'utf8')))).toBe(sortedJson(golden.final));
	});
});
