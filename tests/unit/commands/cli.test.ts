/**
 * The payment-sim program and the app on the command language: the same command on the same file gives
 * the same answer from the CLI (@duckdb/node-api) and from the app's engine (DuckDB-WASM, whose Node
 * build stands in for the browser here); `npx payment-sim db simulations --db FILE --json` prints those
 * rows; errors and usage give their exit statuses; Ctrl-C interrupts a long command with status 130.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../../src/lib/commands';
import { FIXTURE_ROOT } from '../../parity/golden-fixtures';
import { buildDatabases, EXPERIMENT_ID, type Databases } from './databases';
import { printed } from './run-command';
import { wasmEnvironment } from './wasm-environment';
import { nodeEnvironment } from '../../../src/lib/commands/node-environment';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function paymentSim(...args: string[]) {
	const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'payment-sim.mjs'), ...args], {
		cwd: ROOT,
		encoding: 'utf8'
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dbs: Databases;
const app = wasmEnvironment();

beforeAll(async () => {
	dbs = await buildDatabases();
}, 120_000);

afterAll(async () => {
	await app.dispose();
	dbs.remove();
});

describe('payment-sim', () => {
	it('npx payment-sim db simulations --db FILE --json prints the rows the app gives for the file', async () => {
		const cli = spawnSync('npx', ['payment-sim', 'db', 'simulations', '--db', dbs.mixed, '--json'], {
			cwd: ROOT,
			encoding: 'utf8'
		});
		expect([cli.status, cli.stderr]).toEqual([0, '']);
		const typed = printed(await runCommandText(`db simulations --db '${dbs.mixed}' --json`, app));
		expect(cli.stdout).toBe(typed.stdout);
		const rows = JSON.parse(cli.stdout) as Record<string, unknown>[];
		expect(rows).toHaveLength(15);
		for (const key of [
			'simulation_id',
			'experiment_id',
			'iteration',
			'run_purpose',
			'status',
			'ticks',
			'total_cost'
		])
			expect(Object.keys(rows[0])).toContain(key);
	});

	it('gives exit status 1 and one line for an unknown id', () => {
		const unknown = paymentSim('replay', 'sim-nope', '--db', dbs.standalone);
		expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([
			1,
			'',
			`payment-sim: no simulation or experiment sim-nope in ${dbs.standalone}\n`
		]);
	});

	it('gives usage errors exit status 2 with the command’s usage', () => {
		const usage = paymentSim('db', 'costs', '--db', dbs.mixed);
		expect(usage.status).toBe(2);
		expect(usage.stderr.split('\n').slice(0, 3)).toEqual([
			'payment-sim: db costs: the simulation id is missing',
			'',
			'Usage: payment-sim db costs <simulation-id> --db FILE [--agent ID] [--per-tick] [--limit N] [--json]'
		]);
	});

	it('stops a long command on Ctrl-C with exit status 130', async () => {
		const config = join(FIXTURE_ROOT, 'crisis_resolution_10day__seed1', 'config.json');
		const child = spawn(
			process.execPath,
			[join(ROOT, 'bin', 'payment-sim.mjs'), 'run', '--engine-config', config, '--verbose'],
			{
				cwd: ROOT
			}
		);
		let stderr = '';
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => {
			const first = !stderr.includes('═══ Tick');
			stderr += chunk.toString();
			if (first && stderr.includes('═══ Tick')) child.kill('SIGINT');
		});
		const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(status).toBe(130);
		const summary = JSON.parse(stdout) as { ticks_completed: number; ticks_requested: number };
		expect(summary.ticks_requested).toBe(1000);
		expect(summary.ticks_completed).toBeLessThan(1000);
		expect(stderr).toMatch(new RegExp(`payment-sim: ${summary.ticks_completed}/1000 ticks, \\d+ events\\n$`));
	});
});

async function both(line: string) {
	const native = printed(await runCommandText(line, nodeEnvironment()));
	const wasm = printed(await runCommandText(line, app));
	expect(native.exitCode).toBe(0);
	return { native, wasm };
}

describe('a command in the CLI’s DuckDB and in the app’s DuckDB-WASM', () => {
	it.each([
		'db simulations --json',
		'db experiments --json',
		`db experiment-details ${EXPERIMENT_ID} --json`,
		`experiment results ${EXPERIMENT_ID} --json`,
		'db costs sim-exp2 --json',
		`experiment policy-evolution ${EXPERIMENT_ID}`
	])('%s gives the same rows', async (command) => {
		const { native, wasm } = await both(`payment-sim ${command} --db '${dbs.mixed}'`);
		expect(wasm.stdout).toBe(native.stdout);
		expect(JSON.parse(native.stdout)).not.toEqual([]);
	});

	it('replay --verbose gives the same lines', async () => {
		const { native, wasm } = await both(
			`replay sim-ring3 --db '${dbs.mixed}' --verbose --filter-agent BANK_A`
		);
		expect(wasm.stderr).toBe(native.stderr);
		expect(wasm.stdout).toBe(native.stdout);
	});
});
