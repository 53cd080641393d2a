/**
 * The readers behind the replay page, on a run stored at level full: the runs it offers, the balance
 * series of its chart (the stored balances), one tick's display (the same lines as the CLI's replay of
 * that tick) and a payment's trace (every event naming it, in order).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTER, parseEventFilter } from '../../../src/lib/replay';
import { replayVerbose } from '../../../src/lib/replay/stored-replay';
import { findStoredRun, type StoredRun } from '../../../src/lib/replay/stored-run';
import { listReplayableRuns } from '../../../src/lib/replay/stored-runs';
import { readBalanceSeries } from '../../../src/lib/replay/stored-series';
import { StoredTickDisplay } from '../../../src/lib/replay/stored-tick-display';
import { readTransactionTrace } from '../../../src/lib/replay/stored-trace';
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { FIXTURE_ROOT, readFixtureText } from '../../parity/golden-fixtures';

let db: NodeSqlDb;
let run: StoredRun;

async function store(folder: string, id: string, level: 'full' | 'events'): Promise<void> {
	await runSimulation(
		{
			config: JSON.parse(readFixtureText(join(FIXTURE_ROOT, folder), 'config.json')),
			scenarioName: `${folder}.json`,
			persist: level,
			simulationId: id,
			now: () => new Date(Date.UTC(2025, 0, 1, level === 'full' ? 10 : 11))
		},
		new DirectSink(db),
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
}

beforeAll(async () => {
	db = await NodeSqlDb.open(':memory:');
	await createSchema(db);
	await store('cycle_ring3__seed11', 'ring3', 'full');
	await store('exp2_12period__seed1', 'exp2-events', 'events');
	run = (await findStoredRun(db, 'ring3')) as StoredRun;
});

afterAll(async () => {
	await db.close();
});

describe('the replay page’s readers', () => {
	it('offer the runs stored at level full', async () => {
		expect(await listReplayableRuns(db)).toEqual([
			{
				simulationId: 'ring3',
				scenarioName: 'cycle_ring3__seed11.json',
				purpose: 'standalone',
				experimentId: null,
				ticksCompleted: 180,
				numAgents: 3
			}
		]);
	});

	it('chart the stored balances of every agent', async () => {
		const series = await readBalanceSeries(db, run);
		expect(series.ticks).toEqual(Array.from({ length: 180 }, (_, i) => i));
		expect(series.agents.map((agent) => agent.agentId)).toEqual(['BANK_A', 'BANK_B', 'BANK_C']);
		const stored = await db.query(
			"SELECT agent_id, balance FROM tick_agent_states WHERE simulation_id = 'ring3' AND tick = 90 ORDER BY agent_id"
		);
		expect(series.agents.map((agent) => agent.balances[90])).toEqual(
			stored.rows.map((row) => Number(row[1]))
		);
	});

	it('show a tick with the lines the replay prints for it, end-of-day block included', async () => {
		const display = new StoredTickDisplay(db, run);
		const whole: string[][] = [];
		for await (const tick of replayVerbose(db, run, { fromTick: 0, toTick: 179 }, NO_FILTER))
			whole.push(tick.lines);
		for (const tick of [0, 59, 100, 179])
			expect((await display.tick(tick, NO_FILTER)).lines).toEqual(whole[tick]);
		const filtered = parseEventFilter({ agent: 'BANK_C' });
		if (!filtered.ok) throw new Error(filtered.error);
		const shown = await display.tick(100, filtered.filter);
		expect(shown.lines.length).toBeLessThanOrEqual(whole[100].length);
		expect(shown.agents.map((agent) => agent.agentId)).toEqual(['BANK_A', 'BANK_B', 'BANK_C']);
		const states = await db.query(
			"SELECT agent_id, balance, queue1_size, rtgs_queue_size FROM tick_agent_states WHERE simulation_id = 'ring3' AND tick = 100 ORDER BY agent_id"
		);
		expect(shown.agents).toEqual(
			states.rows.map((row) => ({
				agentId: row[0],
				balance: Number(row[1]),
				queue1: Number(row[2]),
				rtgs: Number(row[3])
			}))
		);
	});

	it('trace a payment from its arrival to its settlement', async () => {
		const trace = await readTransactionTrace(db, 'ring3', 'tx_5');
		expect(trace[0].event).toMatchObject({ event_type: 'Arrival', tx_id: 'tx_5' });
		expect(trace.map((item) => item.seq)).toEqual([...trace.map((item) => item.seq)].sort((a, b) => a - b));
		for (const { event } of trace) expect(JSON.stringify(event)).toContain('"tx_5"');
		const settled = trace.filter(({ event }) =>
			[
				'RtgsImmediateSettlement',
				'Queue2LiquidityRelease',
				'LsmBilateralOffset',
				'LsmCycleSettlement'
			].includes(event.event_type)
		);
		expect(settled.length).toBeGreaterThan(0);
		expect(await readTransactionTrace(db, 'ring3', 'tx_999999')).toEqual([]);
	});
});
