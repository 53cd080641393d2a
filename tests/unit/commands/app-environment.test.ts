/**
 * The app's command environment, on a database the app has open (here a Node connection standing in
 * for the db worker's): every command the console offers prints what the CLI prints for the same file,
 * with the app's database name where the CLI names the path; `--db` must name the open database; files
 * and writes are refused in one line. And how the console lays the blocks out.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText, tokenizeCommandLine, type OutputBlock } from '../../../src/lib/commands';
import {
	appEnvironment,
	CONSOLE_READS_ONLY,
	namesOpenDatabase
} from '../../../src/lib/commands/app-environment';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { SCHEMA_VERSION } from '../../../src/lib/store/schema';
import { displayBlocks, keepBlocks, NO_OUTPUT } from '../../../src/lib/ui/command-display';
import { buildDatabases, EXPERIMENT_ID, type Databases } from './databases';
import { printed, run } from './run-command';

let dbs: Databases;
let db: NodeSqlDb;
let name: string;

beforeAll(async () => {
	dbs = await buildDatabases();
	db = await NodeSqlDb.open(dbs.mixed, { readOnly: true });
	name = basename(dbs.mixed);
}, 120_000);

afterAll(async () => {
	await db?.close();
	dbs?.remove();
});

function environment() {
	return appEnvironment({
		name,
		query: (sql) => db.query(sql),
		version: () => db.version(),
		sizeBytes: async () => statSync(dbs.mixed).size,
		store: { access: 'read-write', version: SCHEMA_VERSION, message: null, created: false, interrupted: 0 }
	});
}

async function inApp(text: string) {
	return printed(await runCommandText(text, environment()));
}

/** The same command in the CLI on the file, with the file's path written as the app names it. */
async function inCli(text: string) {
	const tokens = tokenizeCommandLine(text);
	if (!tokens.ok) throw new Error(tokens.error);
	const result = await run(...tokens.args, '--db', dbs.mixed);
	return {
		...result,
		stdout: result.stdout.replaceAll(dbs.mixed, name),
		stderr: result.stderr.replaceAll(dbs.mixed, name)
	};
}

describe('commands in the app', () => {
	const COMMANDS = [
		'db simulations --json',
		'db simulations',
		'db experiments --json',
		'db experiments',
		'db info',
		'db info --json',
		'db costs sim-ring3',
		'db costs sim-exp2 --json --per-tick',
		'replay sim-exp2',
		'replay sim-exp2 --verbose',
		'replay sim-ring3 --verbose --from-tick 3 --to-tick 5',
		`replay ${EXPERIMENT_ID}`,
		`experiment results ${EXPERIMENT_ID} --json`,
		`experiment results ${EXPERIMENT_ID}`,
		'experiment list --json',
		'experiment list',
		'replay sim-nope',
		'db costs sim-nope'
	];

	for (const text of COMMANDS)
		it(`${text}: as the CLI prints it for the same file`, async () => {
			const app = await inApp(text);
			const cli = await inCli(text);
			expect(app.exitCode).toBe(cli.exitCode);
			expect(app.stdout).toBe(cli.stdout);
			expect(app.stderr).toBe(cli.stderr);
			expect(app.stdout.length + app.stderr.length).toBeGreaterThan(0);
		});

	it('policy-schema and cost-schema need no database', async () => {
		for (const text of ['policy-schema', 'cost-schema', 'cost-schema --format json']) {
			const app = await inApp(text);
			const cli = await run(...text.split(' '));
			expect(app.exitCode).toBe(0);
			expect(app.stdout).toBe(cli.stdout);
			expect(app.stdout.length).toBeGreaterThan(500);
		}
	});

	it('the leading program name and a --db naming the open database are accepted', async () => {
		const expected = (await inApp('db simulations --json')).stdout;
		for (const db of [name, `opfs://${name}`, `/home/me/Downloads/${name}`])
			expect((await inApp(`payment-sim db simulations --db '${db}' --json`)).stdout).toBe(expected);
	});

	it('another --db is refused in one line', async () => {
		const result = await inApp('db info --db results.duckdb');
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			`payment-sim: results.duckdb: not open in the app; commands read ${name}, the app's database (leave out --db)\n`
		);
		expect(namesOpenDatabase(`x/${name}.bak`, name)).toBe(false);
	});

	it('files and writes are refused in one line', async () => {
		// Unreadable input is a usage problem for run and validate (exit 2), as in the CLI.
		const cases: [string, string, number][] = [
			['run examples/configs/test_minimal_eod.yaml', 'examples/configs/test_minimal_eod.yaml', 2],
			['validate scenario.yaml', 'scenario.yaml', 2],
			['validate-policy policy.json', 'policy.json', 1],
			['experiment run experiments/castro/exp1.yaml', 'experiments/castro/exp1.yaml', 1],
			['experiment list experiments/castro', 'experiments/castro', 1]
		];
		for (const [text, path, exitCode] of cases) {
			const result = await inApp(text);
			expect(result.exitCode, text).toBe(exitCode);
			expect(result.stderr, text).toBe(
				`payment-sim: ${path}: the app's command console has no files (use the Scenarios or Experiments page, or the CLI)\n`
			);
		}
		await expect(environment().openDatabase(null, { write: true })).rejects.toThrow(CONSOLE_READS_ONLY);
		const opened = await environment().openDatabase(null, { write: false });
		await expect(opened.db.exec('DELETE FROM simulation_runs')).rejects.toThrow(CONSOLE_READS_ONLY);
	});
});

describe('the console layout of output blocks', () => {
	const text = (stream: 'stdout' | 'stderr', ...lines: string[]): OutputBlock => ({
		kind: 'text',
		stream,
		lines
	});

	it('runs text blocks of one stream together, and shows errors as the CLI prints them', () => {
		const shown = displayBlocks([
			text('stderr', 'a', 'b'),
			text('stderr', 'c'),
			{ kind: 'data', text: '{\n  "x": 1\n}\n' },
			{ kind: 'json', value: [{ a: 1 }], indent: null },
			{ kind: 'error', message: 'no simulation x in simcash.duckdb' }
		]);
		expect(shown).toEqual([
			{ kind: 'text', stream: 'stderr', text: 'a\nb\nc' },
			{ kind: 'data', text: '{\n  "x": 1\n}' },
			{ kind: 'json', text: '[\n  {\n    "a": 1\n  }\n]' },
			{ kind: 'error', text: 'payment-sim: no simulation x in simcash.duckdb' }
		]);
	});

	it('cuts a long output after the line budget and says how much was left out', () => {
		const blocks = Array.from({ length: 10 }, (_, i) => text('stderr', `tick ${i}`, 'line'));
		const table: OutputBlock = {
			kind: 'table',
			stream: 'stdout',
			title: 'T',
			columns: [{ label: 'n', align: 'right' }],
			rows: [['1'], ['2'], ['3']],
			footer: []
		};
		expect(displayBlocks([...blocks, table], 5)).toEqual([
			{ kind: 'text', stream: 'stderr', text: 'tick 0\nline\ntick 1\nline\ntick 2' },
			{ kind: 'table', title: 'T', columns: table.columns, rows: [['1']], footer: [], hiddenRows: 2 },
			{ kind: 'omitted', lines: 15 }
		]);
	});

	it('keeps only the text it can show, counting the rest, and shows the same', () => {
		const blocks = Array.from({ length: 10 }, (_, i) => text('stderr', `tick ${i}`, 'line'));
		const error: OutputBlock = { kind: 'error', message: 'interrupted after 10 replayed ticks' };
		let kept = NO_OUTPUT;
		for (const block of [...blocks, error]) kept = keepBlocks(kept, [block], 5);
		expect(kept.blocks).toEqual([...blocks.slice(0, 3), error]);
		expect(kept.droppedLines).toBe(14);
		expect(displayBlocks(kept.blocks, 5, kept.droppedLines)).toEqual([
			...displayBlocks([...blocks, error], 5).slice(0, 2),
			{ kind: 'omitted', lines: 15 }
		]);
	});
});
