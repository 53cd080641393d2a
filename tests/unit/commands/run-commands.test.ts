/**
 * `run`, `validate` and `experiment run` through the command language: the outputs payment-sim run
 * always had, verbose output, storing into a database that the reading commands then list and replay.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_ROOT, readFixtureText } from '../../parity/golden-fixtures';
import { CASTRO, EXPERIMENT_FIXTURES } from '../experiments/helpers';
import { run, runJson } from './run-command';

const dir = mkdtempSync(join(tmpdir(), 'simcash-run-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXP2 = join(FIXTURE_ROOT, 'exp2_12period__seed1');

/** From the first tick header to the line before the completion message. */
function tickSection(stderr: string): string[] {
	const lines = stderr.split('\n');
	const first = lines.indexOf('═══ Tick 0 ═══') - 1;
	return lines.slice(first, lines.indexOf('✓ ', first));
}

describe('run', () => {
	it('prints the golden final summary and the status line', async () => {
		const result = await run('run', '--engine-config', join(EXP2, 'config.json'));
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toBe(readFixtureText(EXP2, 'final.json'));
		expect(result.stderr).toMatch(/^payment-sim: 12\/12 ticks, 247 events\n$/);
	});

	it('writes --final-json and --events-jsonl files identical to the golden ones', async () => {
		const final = join(dir, 'final.json');
		const events = join(dir, 'events.jsonl');
		const result = await run(
			'run',
			'--engine-config',
			join(EXP2, 'config.json'),
			'--final-json',
			final,
			'--events-jsonl',
			events
		);
		expect([result.exitCode, result.stdout]).toEqual([0, '']);
		expect(readFileSync(final, 'utf8')).toBe(readFixtureText(EXP2, 'final.json'));
		expect(readFileSync(events, 'utf8')).toBe(readFixtureText(EXP2, 'events.jsonl'));
	});

	it('with --verbose prints the set-up lines, every tick and the completion on stderr', async () => {
		const result = await run(
			'run',
			'--engine-config',
			join(EXP2, 'config.json'),
			'--verbose',
			'--filter-agent',
			'BANK_A'
		);
		const lines = result.stderr.split('\n');
		expect(lines[0]).toBe(`ℹ Loading configuration from ${join(EXP2, 'config.json')}`);
		expect(lines[1]).toBe('ℹ Creating simulation (seed: 1)');
		expect(lines[2]).toMatch(/^✓ Simulation created in \d+\.\d{3}s$/);
		expect(lines[3]).toBe('ℹ Event filtering enabled: agent=BANK_A');
		expect(lines.filter((line) => /^═══ Tick \d+ ═══$/.test(line))).toHaveLength(12);
		expect(lines.map((line) => line.trim())).toContain('END OF DAY 0 SUMMARY');
		expect(lines.at(-2)).toBe('payment-sim: 12/12 ticks, 247 events');
		expect(result.stdout).toBe(readFixtureText(EXP2, 'final.json'));
	});

	it('with --db stores the run, which the reading commands then list and replay', async () => {
		const db = join(dir, 'runs.duckdb');
		const result = await run('run', '--engine-config', join(EXP2, 'config.json'), '--db', db);
		expect(result.exitCode).toBe(0);
		const id = /; stored as (\S+) in /.exec(result.stderr)?.[1];
		expect(id).toMatch(/^sim-config-\d{8}-\d{6}-[0-9a-f]{6}$/);
		expect(await runJson('db', 'simulations', '--db', db, '--json')).toMatchObject([
			{ simulation_id: id, persistence_level: 'full', ticks: 12, total_cost: 199_200 }
		]);
		const replay = await run('replay', id as string, '--db', db);
		expect(replay.stdout).toBe(result.stdout);
	});

	it('with --verbose and --db prints the ticks as they run, and the replay prints them again', async () => {
		const db = join(dir, 'verbose.duckdb');
		const config = join(FIXTURE_ROOT, 'cycle_ring3__seed11', 'config.json');
		const plain = await run('run', '--engine-config', config, '--verbose');
		const stored = await run('run', '--engine-config', config, '--verbose', '--db', db);
		const id = /; stored as (\S+) in /.exec(stored.stderr)?.[1] as string;
		const replay = await run('replay', id, '--db', db, '--verbose');
		const ticks = tickSection(plain.stderr);
		expect(ticks.filter((line) => line.startsWith('═══ Tick '))).toHaveLength(180);
		expect(tickSection(stored.stderr)).toEqual(ticks);
		expect(tickSection(replay.stderr)).toEqual(ticks);
		expect(stored.stdout).toBe(plain.stdout);
	});

	it('refuses bad input with exit status 2', async () => {
		const missing = await run('run', join(dir, 'nope.yaml'));
		expect([missing.exitCode, missing.stdout]).toEqual([2, '']);
		expect(missing.stderr).toMatch(/^payment-sim: .*nope\.yaml: cannot read: /);
		const notDb = join(dir, 'notes.duckdb');
		writeFileSync(notDb, 'text');
		const refused = await run('run', '--engine-config', join(EXP2, 'config.json'), '--db', notDb);
		expect([refused.exitCode, refused.stderr]).toEqual([
			2,
			'payment-sim: notes.duckdb is not a DuckDB database file; it was not opened.\n'
		]);
	});
});

describe('experiment run', () => {
	it('runs an experiment file and stores it with --db', async () => {
		const db = join(dir, 'experiments.duckdb');
		const file = join(EXPERIMENT_FIXTURES, CASTRO.exp1);
		const result = await run('experiment', 'run', file, '--db', db, '--max-iterations', '2', '--json');
		expect(result.exitCode).toBe(0);
		const outcome = JSON.parse(result.stdout) as {
			experimentId: string;
			iterations: number;
			costHistory: number[];
		};
		// Two iterations: the default policies ($100.00), then the best responses ($20.00); the cap ends it.
		expect(outcome).toMatchObject({
			status: 'completed',
			iterations: 2,
			converged: false,
			costHistory: [10_000, 2_000]
		});
		expect(await runJson('db', 'experiments', '--db', db, '--json')).toMatchObject([
			{ experiment_id: outcome.experimentId, iterations: 2, converged: false, final_cost: 2_000 }
		]);
		expect(await runJson('db', 'simulations', '--db', db, '--json')).toHaveLength(3);
	});

	it('reports an invalid experiment file with its diagnostics', async () => {
		const result = await run(
			'experiment',
			'run',
			join(EXPERIMENT_FIXTURES, 'castro', 'configs', 'exp1_2period.yaml')
		);
		expect(result.exitCode).toBe(1);
		expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
			/^payment-sim: .*exp1_2period\.yaml: invalid experiment \(\d+ errors\)$/
		);
	});
});

describe('validate', () => {
	it('reports a valid scenario with exit status 0', async () => {
		const scenario = join(EXPERIMENT_FIXTURES, 'castro', 'configs', 'exp1_2period.yaml');
		const result = await run('validate', scenario);
		expect(result.exitCode).toBe(0);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/: valid — 2 agents, 2 ticks \(1 × 2\)/);
	});
});
