/**
 * A killed `payment-sim experiment run` loses at most the iteration in flight: the experiment is left
 * interrupted in the database, and `payment-sim experiment resume` continues it from its last
 * committed iteration to the very result of an uninterrupted run (search proposer, Castro exp2 with
 * its bootstrap evaluation, which is slow enough to be killed mid-run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'payment-sim.mjs');
const EXPERIMENT = 'static/examples/experiments/castro/experiments/exp2.yaml';
const ITERATIONS = '3';
const folder = mkdtempSync(join(tmpdir(), 'experiment-resume-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function paymentSim(...args: string[]) {
	const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ExperimentJson {
	experimentId: string;
	status: string;
	iterations: number;
	[key: string]: unknown;
}

interface ListedExperiment {
	experiment_id: string;
	status: string;
	iterations: number;
}

/** Starts the experiment and kills the process (SIGKILL, no clean-up) once iteration 0 is committed. */
async function killedRun(db: string): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
	const child = spawn(
		process.execPath,
		[CLI, 'experiment', 'run', EXPERIMENT, '--max-iterations', ITERATIONS, '--db', db],
		{
			cwd: ROOT
		}
	);
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
		if (stderr.includes('Iteration 0:')) child.kill('SIGKILL');
	});
	const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
		child.on('close', (_code, s) => resolve(s))
	);
	return { signal, stderr };
}

describe('payment-sim experiment resume', () => {
	it('a run killed mid-experiment resumes from the database to the uninterrupted result', async () => {
		const whole = paymentSim(
			'experiment',
			'run',
			EXPERIMENT,
			'--max-iterations',
			ITERATIONS,
			'--db',
			join(folder, 'whole.duckdb'),
			'--json'
		);
		expect(whole.status).toBe(0);
		const expected = JSON.parse(whole.stdout) as ExperimentJson;
		expect(expected).toMatchObject({ status: 'completed', iterations: 3 });

		const db = join(folder, 'killed.duckdb');
		const killed = await killedRun(db);
		expect(killed.signal).toBe('SIGKILL');
		expect(killed.stderr).not.toContain('Experiment completed');

		const listed = paymentSim('experiment', 'list', '--db', db, '--json');
		expect(listed.status).toBe(0);
		const [stored] = JSON.parse(listed.stdout) as ListedExperiment[];
		// The listing only reads; no process holds the file, so what is still running was interrupted.
		expect(stored.status).toBe('interrupted');
		expect(stored.iterations).toBeLessThan(3);

		const resumed = paymentSim('experiment', 'resume', stored.experiment_id, '--db', db, '--json');
		expect(resumed.stderr).toContain(`Resuming experiment ${stored.experiment_id} at iteration 1`);
		expect(resumed.status).toBe(0);
		const result = JSON.parse(resumed.stdout) as Record<string, unknown>;
		// Everything but the id and the count of simulations this process ran (the resumed one skips
		// the committed iteration).
		const { simulations: _ran, ...outcome } = { ...result, experimentId: expected.experimentId } as Record<
			string,
			unknown
		>;
		const { simulations: _all, ...expectedOutcome } = expected;
		expect(outcome).toEqual(expectedOutcome);
		expect(result.experimentId).toBe(stored.experiment_id);
		expect(outcome.status).toBe('completed');

		const after = JSON.parse(
			paymentSim('experiment', 'list', '--db', db, '--json').stdout
		) as ListedExperiment[];
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ status: 'completed', iterations: 3 });
	}, 120_000);

	it('refuses a completed experiment and an unknown id in one line, with exit status 1', () => {
		const db = join(folder, 'whole.duckdb');
		const [done] = JSON.parse(
			paymentSim('experiment', 'list', '--db', db, '--json').stdout
		) as ListedExperiment[];
		const completed = paymentSim('experiment', 'resume', done.experiment_id, '--db', db);
		expect(completed.status).toBe(1);
		expect(completed.stderr).toBe(
			`payment-sim: ${done.experiment_id} is completed: only an interrupted experiment can be resumed\n`
		);
		const unknown = paymentSim('experiment', 'resume', 'exp9-nothing', '--db', db);
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toBe('payment-sim: no experiment exp9-nothing in this database\n');
	});
});
