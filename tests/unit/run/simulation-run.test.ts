/**
 * One run with persistence: the browser's write path (Arrow batches over a MessageChannel to a db
 * end) stores exactly what the direct path stores; progress reports the stored ticks; a cancelled run
 * keeps whole ticks; ids and experiment linkage; what is refused before anything is stored; a stored
 * final checkpoint resumes the run.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createEngine, restoreEngine, serializeEvent } from '../../../src/lib/engine';
import { runSimulation, type SimulationRunProgress } from '../../../src/lib/run/simulation-run';
import {
	BatchSender,
	createSerialQueue,
	serveBatches,
	type PortLike
} from '../../../src/lib/store/batch-channel';
import { sha256Hex } from '../../../src/lib/store/canonical-json';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import { TABLES } from '../../../src/lib/store/schema';
import { rowObjects, type SqlDb } from '../../../src/lib/store/sql-db';
import { DirectSink, type StoreSink } from '../../../src/lib/store/store-sink';
import { loadGoldenFolder } from '../../parity/golden-fixtures';

const FOLDER = 'target2_lsm_features_test__seed42';
const golden = loadGoldenFolder(FOLDER);
const NOW = new Date('2026-11-26T09:30:05.123Z');

let direct: NodeSqlDb;
let viaChannel: NodeSqlDb;
let channel: MessageChannel;

beforeEach(async () => {
	direct = await NodeSqlDb.open(':memory:');
	viaChannel = await NodeSqlDb.open(':memory:');
	await createSchema(direct);
	await createSchema(viaChannel);
	channel = new MessageChannel();
	const serial = createSerialQueue();
	serveBatches(channel.port1 as unknown as PortLike, (work) => serial(() => work(viaChannel)));
});

afterEach(async () => {
	channel.port1.close();
	channel.port2.close();
	await direct.close();
	await viaChannel.close();
});

function run(sink: StoreSink, options: { cancelAt?: number; simulationId?: string } = {}) {
	const progress: SimulationRunProgress[] = [];
	const token = { cancelled: false };
	const result = runSimulation(
		{
			config: golden.config,
			scenarioName: `examples/${FOLDER}.yaml`,
			persist: 'full',
			simulationId: options.simulationId,
			now: () => NOW
		},
		sink,
		token,
		(p) => {
			progress.push(p);
			if (options.cancelAt !== undefined && p.ticksDone >= options.cancelAt) token.cancelled = true;
		},
		async () => undefined
	);
	return { result, progress };
}

/** Every stored row of every simulation table, as text, in a stable order. */
async function contents(db: SqlDb): Promise<Record<string, string[]>> {
	const out: Record<string, string[]> = {};
	for (const table of TABLES.filter((t) => t.level !== 'always')) {
		const columns = table.columns
			.map((c) => c.name)
			.filter((name) => !['started_at', 'finished_at', 'duration_seconds'].includes(name));
		const rows = await db.query(`SELECT ${columns.join(', ')} FROM ${table.name} ORDER BY ALL`);
		out[table.name] = rows.rows.map((row) =>
			JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
		);
	}
	return out;
}

test('the channel path stores exactly what the direct path stores, and progress follows the stored ticks', async () => {
	const first = run(new DirectSink(direct));
	const second = run(new BatchSender(channel.port2 as unknown as PortLike, 2));
	const [a, b] = [await first.result, await second.result];
	expect(a.simulationId).toMatch(/^sim-target2_lsm_features_test__seed42-20261126-093005-[0-9a-f]{6}$/);
	expect([a.status, b.status]).toEqual(['completed', 'completed']);
	const stored = await contents(direct);
	const sent = await contents(viaChannel);
	const rename = (rows: string[]) => rows.map((row) => row.replaceAll(b.simulationId!, a.simulationId!));
	for (const table of Object.keys(stored))
		expect([table, rename(sent[table])]).toEqual([table, stored[table]]);
	expect(stored.simulation_events.length).toBe(golden.final.event_count);

	for (const { progress } of [first, second]) {
		const last = progress.at(-1)!;
		expect(last).toMatchObject({
			ticksDone: 500,
			ticksTotal: 500,
			ticksStored: 500,
			events: golden.final.event_count
		});
		for (let i = 1; i < progress.length; i++) {
			expect(progress[i].ticksStored).toBeGreaterThanOrEqual(progress[i - 1].ticksStored);
			expect(progress[i].ticksStored).toBeLessThanOrEqual(progress[i].ticksDone);
		}
	}
});

test('a cancelled run is stored as interrupted with the ticks it completed, and only those', async () => {
	const { result } = run(new DirectSink(direct), { cancelAt: 120, simulationId: 'cancelled' });
	const outcome = await result;
	expect(outcome.status).toBe('cancelled');
	expect(outcome.ticksDone).toBeGreaterThanOrEqual(120);
	expect(outcome.ticksDone).toBeLessThan(500);
	const row = rowObjects(
		await direct.query(
			'SELECT status, ticks_completed, events_written, error_message, finished_at IS NOT NULL AS finished FROM simulation_runs'
		)
	);
	expect(row).toEqual([
		{
			status: 'interrupted',
			ticks_completed: BigInt(outcome.ticksDone),
			events_written: BigInt(outcome.events),
			error_message: `Cancelled after ${outcome.ticksDone} of 500 ticks.`,
			finished: true
		}
	]);
	const counts = rowObjects(
		await direct.query(`SELECT (SELECT count(*) FROM tick_results) AS ticks,
			(SELECT count(*) FROM simulation_events) AS events,
			(SELECT max(tick) FROM simulation_events) AS last_event_tick`)
	)[0];
	expect(counts).toEqual({
		ticks: BigInt(outcome.ticksDone),
		events: BigInt(outcome.events),
		last_event_tick: BigInt(outcome.ticksDone - 1)
	});
});

test('an experiment run gets its structured id and linkage', async () => {
	await direct.exec(`INSERT INTO experiments (experiment_id, name, experiment_type, config_json, master_seed, status, created_at)
		VALUES ('exp1-20261126-093005-abc123', 'exp1', 'generic', '{}', 42, 'running', TIMESTAMP '2026-11-26 09:30:05')`);
	const result = await runSimulation(
		{
			config: loadGoldenFolder('exp1_2period__seed1').config,
			scenarioName: 'exp1_2period.yaml',
			persist: 'summary',
			experiment: {
				experimentId: 'exp1-20261126-093005-abc123',
				iteration: 3,
				purpose: 'bootstrap',
				sampleIndex: 7
			}
		},
		new DirectSink(direct),
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
	expect(result.simulationId).toBe('exp1-20261126-093005-abc123-iter3-bootstrap-sample7');
	expect(
		rowObjects(
			await direct.query('SELECT experiment_id, iteration, sample_index, run_purpose FROM simulation_runs')
		)
	).toEqual([
		{
			experiment_id: 'exp1-20261126-093005-abc123',
			iteration: 3n,
			sample_index: 7n,
			run_purpose: 'bootstrap'
		}
	]);
});

test('an invalid configuration and a duplicate id are refused before anything is stored', async () => {
	const sink = new DirectSink(direct);
	const bad = { ...(golden.config as Record<string, unknown>), ticks_per_day: 0 };
	await expect(
		runSimulation(
			{ config: bad, scenarioName: 'bad.json', persist: 'full' },
			sink,
			{ cancelled: false },
			() => undefined,
			async () => undefined
		)
	).rejects.toThrow();
	expect((await direct.query('SELECT count(*) FROM simulation_runs')).rows).toEqual([[0n]]);

	const small = loadGoldenFolder('exp1_2period__seed1').config;
	const spec = { config: small, scenarioName: 'exp1.yaml', persist: 'events' as const, simulationId: 'same' };
	await runSimulation(
		spec,
		sink,
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
	await expect(
		runSimulation(
			spec,
			sink,
			{ cancelled: false },
			() => undefined,
			async () => undefined
		)
	).rejects.toThrow(/Duplicate key|PRIMARY KEY/i);
	expect((await direct.query('SELECT count(*), count(DISTINCT seq) FROM simulation_events')).rows).toEqual([
		[23n, 23n]
	]);
});

test('a stored final checkpoint restores into an engine that goes on exactly like the original', async () => {
	const config = loadGoldenFolder('crisis_resolution_10day__seed42').config;
	const result = await runSimulation(
		{
			config,
			scenarioName: 'crisis.json',
			ticks: 400,
			persist: 'summary',
			simulationId: 'cp',
			finalCheckpoint: true
		},
		new DirectSink(direct),
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
	const [row] = rowObjects(
		await direct.query(
			'SELECT checkpoint_id, checkpoint_tick, checkpoint_type, state_json, state_hash, size_bytes FROM simulation_checkpoints'
		)
	);
	expect(row).toMatchObject({
		checkpoint_id: 'cp-tick400-final',
		checkpoint_tick: 400n,
		checkpoint_type: 'final'
	});
	const stateJson = row.state_json as string;
	expect(row.size_bytes).toBe(BigInt(new TextEncoder().encode(stateJson).length));
	expect(row.state_hash).toBe(await sha256Hex(stateJson));

	const restored = restoreEngine(config, stateJson);
	const continued: string[] = [];
	for (let t = 400; t < 1000; t++) restored.tick((event) => continued.push(serializeEvent(event)));
	const whole: string[] = [];
	const engine = createEngine(config);
	for (let t = 0; t < 1000; t++)
		engine.tick((event) => (t >= 400 ? whole.push(serializeEvent(event)) : undefined));
	expect(continued).toEqual(whole);
	expect(result.ticksDone).toBe(400);
});

test.each(['direct', 'channel'] as const)(
	'a write the database rejects ends the run as failed, with the reason, on the %s path',
	async (path) => {
		const db = path === 'direct' ? direct : viaChannel;
		// A tick_results table the writer's batches do not fit: every write transaction is rejected.
		await db.exec(
			'DROP TABLE tick_results; CREATE TABLE tick_results (simulation_id VARCHAR, extra VARCHAR NOT NULL)'
		);
		const sink =
			path === 'direct' ? new DirectSink(db) : new BatchSender(channel.port2 as unknown as PortLike);
		await expect(run(sink, { simulationId: 'rejected' }).result).rejects.toThrow();
		const row = rowObjects(
			await db.query('SELECT status, ticks_completed, events_written, error_message FROM simulation_runs')
		);
		expect(row).toHaveLength(1);
		expect(row[0]).toMatchObject({ status: 'failed', ticks_completed: 0n, events_written: 0n });
		expect(String(row[0].error_message)).toMatch(/tick_results|column|Binder|Conversion|Invalid/i);
		expect((await db.query('SELECT count(*) FROM simulation_events')).rows).toEqual([[0n]]);
	}
);
