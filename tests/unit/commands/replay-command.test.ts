/**
 * `replay` through the command language: a simulation id and an experiment id, ranges, filters,
 * interruption and the error cases. The reference is the `run --verbose` output of the same
 * configuration: after the set-up lines, run and replay print the same tick lines, and the same
 * final summary on stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand, parseCommand } from '../../../src/lib/commands';
import { nodeEnvironment } from '../../../src/lib/commands/node-environment';
import { CollectedOutput } from '../../../src/lib/commands/output';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { FIXTURE_ROOT } from '../../parity/golden-fixtures';
import { buildDatabases, EXPERIMENT_ID, STOPPED_EXPERIMENT_ID, type Databases } from './databases';
import { printed, run } from './run-command';

let dbs: Databases;
let scratch: string;

beforeAll(async () => {
	dbs = await buildDatabases();
	scratch = mkdtempSync(join(tmpdir(), 'simcash-replay-'));
}, 120_000);

afterAll(() => {
	dbs.remove();
	rmSync(scratch, { recursive: true, force: true });
});

/** The tick-by-tick part of a verbose output: from the first tick header to the last tick's end. */
function tickLines(stderr: string): string[] {
	const lines = stderr.split('\n');
	const first = lines.findIndex((line) => /^═══ Tick \d+ ═══$/.test(line)) - 1;
	const completion = lines.findIndex(
		(line, i) => i > first && (line.startsWith('payment-sim: ') || line === '✓ ')
	);
	return lines.slice(first, completion < 0 ? lines.length : completion);
}

function goldenConfig(folder: string): string {
	return join(FIXTURE_ROOT, folder, 'config.json');
}

async function storedConfig(simulationId: string): Promise<string> {
	const db = await NodeSqlDb.open(dbs.experiments, { readOnly: true });
	try {
		const result = await db.query(
			`SELECT config_json FROM simulation_runs WHERE simulation_id = '${simulationId}'`
		);
		const path = join(scratch, `${simulationId}.json`);
		writeFileSync(path, String(result.rows[0][0]));
		return path;
	} finally {
		await db.close();
	}
}

describe('replay of a simulation id', () => {
	it('prints the tick lines and the final summary that run --verbose printed', async () => {
		const live = await run('run', '--engine-config', goldenConfig('cycle_ring3__seed11'), '--verbose');
		const replay = await run('replay', 'sim-ring3', '--db', dbs.standalone, '--verbose');
		expect(live.exitCode).toBe(0);
		expect(replay.exitCode).toBe(0);
		const expected = tickLines(live.stderr);
		expect(expected.filter((line) => line.startsWith('═══ Tick '))).toHaveLength(180);
		expect(tickLines(replay.stderr)).toEqual(expected);
		expect(replay.stdout).toBe(live.stdout);
		expect(replay.stderr.split('\n').slice(0, 10)).toEqual([
			'✓ Found simulation: cycle_ring3__seed11.json',
			'ℹ   Simulation ID: sim-ring3',
			'ℹ   Seed: 11',
			'ℹ   Ticks per day: 60',
			'ℹ   Num days: 3',
			'ℹ   Total ticks: 180',
			'ℹ   Stored: level full, status completed, 180 of 180 ticks',
			'ℹ Replaying ticks 0 to 179 (180 ticks)',
			'ℹ Database replay mode: showing persisted events',
			''
		]);
		expect(replay.stderr.split('\n').slice(-4)).toEqual([
			'✓ ',
			'Replay complete: 180 ticks',
			'ℹ Replayed from database (not re-executed)',
			''
		]);
	});

	it('filters as run --verbose filters', async () => {
		const filters = [
			'--filter-agent',
			'BANK_B',
			'--filter-event-type',
			'Arrival,LsmCycleSettlement,CostAccrual'
		];
		const live = await run(
			'run',
			'--engine-config',
			goldenConfig('cycle_ring3__seed11'),
			'--verbose',
			...filters
		);
		const replay = await run('replay', 'sim-ring3', '--db', dbs.mixed, '--verbose', ...filters);
		expect(tickLines(replay.stderr)).toEqual(tickLines(live.stderr));
		expect(replay.stderr).toContain(
			'ℹ Event filtering enabled: types=Arrival,LsmCycleSettlement,CostAccrual, agent=BANK_B\n'
		);
		expect(tickLines(replay.stderr)).not.toEqual(
			tickLines((await run('replay', 'sim-ring3', '--db', dbs.mixed, '--verbose')).stderr)
		);
	});

	it('replays a range of ticks, with the end-of-day block of a day ending in it', async () => {
		const whole = tickLines((await run('replay', 'sim-ring3', '--db', dbs.standalone, '--verbose')).stderr);
		const part = tickLines(
			(
				await run(
					'replay',
					'sim-ring3',
					'--db',
					dbs.standalone,
					'--verbose',
					'--from-tick',
					'58',
					'--to-tick',
					'61'
				)
			).stderr
		);
		const start = whole.indexOf('═══ Tick 58 ═══') - 1;
		const end = whole.indexOf('═══ Tick 62 ═══') - 1;
		expect(part).toEqual(whole.slice(start, end));
		expect(part.map((line) => line.trim())).toContain('END OF DAY 0 SUMMARY');
	});

	it('without --verbose prints the particulars and the stored final summary', async () => {
		const replay = await run('replay', 'sim-exp2', '--db', dbs.standalone);
		const live = await run('run', '--engine-config', goldenConfig('exp2_12period__seed1'));
		expect(replay.exitCode).toBe(0);
		expect(replay.stdout).toBe(live.stdout);
		expect(replay.stderr).not.toContain('═══ Tick');
		expect(replay.stderr.split('\n').at(-2)).toBe('ℹ Loading summary statistics from database');
	});

	it('stops between ticks when interrupted, with exit status 130', async () => {
		const parsed = parseCommand(['replay', 'sim-ring3', '--db', dbs.standalone, '--verbose']);
		if (!parsed.ok) throw new Error(parsed.error);
		const controller = new AbortController();
		controller.abort();
		const output = new CollectedOutput();
		const exitCode = await executeCommand(parsed.command, nodeEnvironment(), output, controller.signal);
		const result = printed(output.result(exitCode));
		expect(exitCode).toBe(130);
		expect(result.stderr.split('\n').filter((line) => line.startsWith('═══ Tick'))).toEqual([
			'═══ Tick 0 ═══'
		]);
		expect(result.stderr).toContain('payment-sim: interrupted after 1 replayed ticks\n');
	});
});

describe('replay of an experiment id', () => {
	it('replays the final evaluation and says so', async () => {
		const replay = await run('replay', EXPERIMENT_ID, '--db', dbs.experiments, '--verbose');
		expect(replay.exitCode).toBe(0);
		expect(replay.stderr.split('\n')[0]).toBe(
			`ℹ ${EXPERIMENT_ID} is an experiment: replaying its final evaluation, ${EXPERIMENT_ID}-iter6-final`
		);
		const live = await run(
			'run',
			'--engine-config',
			await storedConfig(`${EXPERIMENT_ID}-iter6-final`),
			'--verbose'
		);
		expect(tickLines(replay.stderr)).toEqual(tickLines(live.stderr));
		expect(replay.stdout).toBe(live.stdout);
	});

	it('replays the last evaluation of an experiment that stopped before its final run', async () => {
		const replay = await run('replay', STOPPED_EXPERIMENT_ID, '--db', dbs.mixed);
		expect(replay.stderr.split('\n')[0]).toBe(
			`ℹ ${STOPPED_EXPERIMENT_ID} is an experiment: replaying its last evaluation (iteration 3; the experiment has no final run), ${STOPPED_EXPERIMENT_ID}-iter3-evaluation`
		);
	});

	it('experiment replay --simulation replays the run it names', async () => {
		const replay = await run(
			'experiment',
			'replay',
			EXPERIMENT_ID,
			'--db',
			dbs.mixed,
			'--simulation',
			'iter2',
			'--verbose'
		);
		const live = await run(
			'run',
			'--engine-config',
			await storedConfig(`${EXPERIMENT_ID}-iter2-evaluation`),
			'--verbose'
		);
		expect(replay.exitCode).toBe(0);
		expect(replay.stderr).toContain(`ℹ   Simulation ID: ${EXPERIMENT_ID}-iter2-evaluation\n`);
		expect(tickLines(replay.stderr)).toEqual(tickLines(live.stderr));
		const missing = await run(
			'experiment',
			'replay',
			EXPERIMENT_ID,
			'--db',
			dbs.mixed,
			'--simulation',
			'iter9'
		);
		expect([missing.exitCode, missing.stdout]).toEqual([1, '']);
		expect(missing.stderr).toBe(
			`payment-sim: experiment ${EXPERIMENT_ID} has no iteration 9 evaluation run (stored: ` +
				[0, 1, 2, 3, 4, 5, 6].map((i) => `iter${i}:evaluation`).join(', ') +
				', final)\n'
		);
	});
});

describe('errors are one line with exit status 1 (2 for usage)', () => {
	async function oneLine(expectedStatus: number, ...args: string[]) {
		const result = await run(...args);
		expect([result.exitCode, result.stdout]).toEqual([expectedStatus, '']);
		expect(result.stderr.split('\n')).toHaveLength(2);
		return result.stderr.trimEnd();
	}

	it.each(['standalone', 'experiments', 'mixed'] as const)(
		'an unknown id in a database of %s',
		async (kind) => {
			expect(await oneLine(1, 'replay', 'sim-nope', '--db', dbs[kind])).toBe(
				`payment-sim: no simulation or experiment sim-nope in ${dbs[kind]}`
			);
			expect(await oneLine(1, 'db', 'costs', 'sim-nope', '--db', dbs[kind])).toBe(
				`payment-sim: no simulation sim-nope in ${dbs[kind]}`
			);
			expect(await oneLine(1, 'experiment', 'policy-evolution', 'nope', '--db', dbs[kind])).toBe(
				`payment-sim: no experiment nope in ${dbs[kind]}`
			);
		}
	);

	it('a missing database file, a file that is not DuckDB, a DuckDB file of another program', async () => {
		const missing = join(scratch, 'missing.duckdb');
		expect(await oneLine(1, 'replay', 'x', '--db', missing)).toBe(
			`payment-sim: ${missing}: no such database file`
		);
		expect(await oneLine(1, 'db', 'simulations', '--db', missing, '--json')).toBe(
			`payment-sim: ${missing}: no such database file`
		);
		const notes = join(scratch, 'notes.duckdb');
		writeFileSync(notes, 'not a database\n');
		expect(await oneLine(1, 'db', 'info', '--db', notes)).toBe(
			'payment-sim: notes.duckdb is not a DuckDB database file; it was not opened.'
		);
		expect(await oneLine(1, 'replay', 'x', '--db', notes)).toBe(
			'payment-sim: notes.duckdb is not a DuckDB database file; it was not opened.'
		);
		const foreign = join(scratch, 'foreign.duckdb');
		const db = await NodeSqlDb.open(foreign);
		await db.exec('CREATE TABLE simulations (simulation_id VARCHAR)');
		await db.close();
		expect(await oneLine(1, 'db', 'simulations', '--db', foreign)).toBe(
			`payment-sim: ${foreign} was not written by SimCash Notebook (no schema_version table)`
		);
		expect(await oneLine(2, 'db', 'simulations')).toBe('payment-sim: --db FILE is required');
	});

	it('a verbose replay of a run stored without per-tick rows, and ticks beyond the stored ones', async () => {
		expect(await oneLine(1, 'replay', 'sim-eod-events', '--db', dbs.mixed, '--verbose')).toBe(
			'payment-sim: verbose replay needs the per-tick rows of level full; sim-eod-events was stored at level events'
		);
		expect(await oneLine(1, 'replay', 'sim-exp2', '--db', dbs.mixed, '--verbose', '--to-tick', '12')).toBe(
			'payment-sim: --to-tick 12 is beyond the last stored tick, 11'
		);
		expect(
			await oneLine(
				1,
				'replay',
				'sim-exp2',
				'--db',
				dbs.mixed,
				'--verbose',
				'--from-tick',
				'5',
				'--to-tick',
				'4'
			)
		).toBe('payment-sim: --from-tick 5 is after --to-tick 4');
		expect(await oneLine(1, 'db', 'costs', 'sim-eod-events', '--db', dbs.mixed)).toBe(
			'payment-sim: db costs needs the per-tick rows of level full; sim-eod-events was stored at level events'
		);
	});
});
