/** `payment-sim validate` and `payment-sim run <scenario.yaml>`: argument parsing, output and exit status. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/lib/commands/parse';
import { REFERENCE_SCENARIOS, SCENARIO_FIXTURES } from './helpers';

function cli(...args: string[]) {
	return spawnSync(process.execPath, ['bin/payment-sim.mjs', ...args], { encoding: 'utf8' });
}

/** The command a line parses to, through the one parser of the CLI and the app. */
function parsed(...argv: string[]) {
	const result = parseCommand(argv);
	if (!result.ok) throw new Error(result.error);
	return result.command;
}

function usageError(...argv: string[]): string {
	const result = parseCommand(argv);
	if (result.ok) throw new Error(`${argv.join(' ')} parsed`);
	return result.error;
}

describe('parsing scenario command lines', () => {
	it('tells scenario runs from engine-config runs', () => {
		expect(parsed('run', '--engine-config', 'c.json')).toMatchObject({
			kind: 'run',
			source: { kind: 'engine-config', path: 'c.json' }
		});
		expect(parsed('run', '--engine-config=c.json', '--ticks', '3')).toMatchObject({
			source: { kind: 'engine-config', path: 'c.json' },
			ticks: 3
		});
	});

	it('reads validate and run with their options', () => {
		expect(parsed('validate', 's.yaml', '--strict')).toMatchObject({
			kind: 'validate',
			scenario: 's.yaml',
			seed: null,
			strict: true,
			simcashCompat: false
		});
		expect(
			parsed(
				'run',
				's.yaml',
				'--seed',
				'18446744073709551615',
				'--ticks=5',
				'--events-jsonl',
				'e',
				'--simcash-compat'
			)
		).toMatchObject({
			kind: 'run',
			source: { kind: 'scenario', path: 's.yaml' },
			seed: 18446744073709551615n,
			strict: false,
			simcashCompat: true,
			ticks: 5,
			eventsJsonl: 'e',
			finalJson: null
		});
	});

	it('rejects malformed command lines', () => {
		expect(usageError('validate')).toContain('validate');
		expect(usageError('validate', 'a.yaml', 'b.yaml')).toContain('one scenario file expected, got 2');
		expect(usageError('validate', 'a.yaml', '--ticks', '3')).toContain('--ticks applies to run only');
		expect(usageError('run', 'a.yaml', '--seed', '-1')).toContain('--seed');
		expect(usageError('run', 'a.yaml', '--seed', '18446744073709551616')).toContain('below 2^64');
		expect(usageError('run', 'a.yaml', '--fast')).toContain('unknown argument "--fast"');
		expect(usageError('run', 'a.yaml', '--seed', '1', '--seed', '2')).toContain('given twice');
	});
});

describe('payment-sim validate', () => {
	it('prints every problem with file, line and column and exits 1', () => {
		const file = join(SCENARIO_FIXTURES, 'broken', 'many_errors.yaml');
		const result = cli('validate', file);
		expect(result.status).toBe(1);
		const lines = result.stdout.trim().split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toBe(
			`${file}:2:18: error: simulation.ticks_per_day: too small — found 0; allowed: an integer > 0`
		);
		expect(lines[3]).toBe(`${file}: invalid — 3 errors, 0 warnings`);
	});

	it('reports a valid file with its warnings and policy files and exits 0', () => {
		const file = join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS.test_priority_escalation);
		const result = cli('validate', file, '--simcash-compat');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain(
			`${file}:21:1: warning: algorithm_sequencing: ignored: SimCash 5534eff7 does not read this key`
		);
		expect(result.stdout).toContain(
			`policy of BANK_A: ${join(SCENARIO_FIXTURES, 'simulator/policies/target2_priority_escalator.json')}`
		);
		expect(result.stdout.trim().split('\n').at(-1)).toBe(
			`${file}: valid — 2 agents, 100 ticks (1 × 100), 1 scenario event, seed 12345, 2 warnings`
		);
	});
});

describe('payment-sim run <scenario.yaml>', () => {
	const dir = mkdtempSync(join(tmpdir(), 'payment-sim-cli-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('runs --ticks ticks of the configured days, as run --engine-config does', () => {
		const final = join(dir, 'final.json');
		const result = cli(
			'run',
			join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS.exp2_12period),
			'--ticks',
			'5',
			'--final-json',
			final
		);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stderr).toMatch(/^payment-sim: 5\/5 ticks, \d+ events\n$/);
		const summary = JSON.parse(readFileSync(final, 'utf8')) as Record<string, number>;
		expect([summary.ticks_configured, summary.ticks_requested, summary.ticks_completed]).toEqual([12, 5, 5]);
	});

	it('refuses an invalid scenario with its diagnostics and exit status 2', () => {
		const file = join(SCENARIO_FIXTURES, 'broken', 'unknown_policy_type.yaml');
		const result = cli('run', file);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain(`${file}:8:20: error: agents[0].policy.type: unknown policy type`);
		expect(result.stdout).toBe('');
	});

	it('reports a missing scenario file and usage errors with exit status 2', () => {
		expect(cli('run', join(dir, 'nope.yaml')).stderr).toContain('nope.yaml: cannot read');
		const usage = cli('validate');
		expect(usage.status).toBe(2);
		expect(usage.stderr).toContain('validate: the scenario file is missing');
	});
});
