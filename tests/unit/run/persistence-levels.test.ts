/**
 * Acceptance 3 of the store: each persistence level writes exactly the tables it promises, with the
 * rows expected from the golden data; and the full level's per-tick rows agree with the golden
 * ticks.jsonl and final.json.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SimulationEvent } from '../../../src/lib/engine';
import { createEngine, runSimulation as runEngineOnly, SteppedRun } from '../../../src/lib/engine';
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import {
	PERSISTENCE_LEVELS,
	tablesWritten,
	type PersistenceLevel
} from '../../../src/lib/store/persistence-level';
import { TABLES } from '../../../src/lib/store/schema';
import { quoteString, rowObjects } from '../../../src/lib/store/sql-db';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { loadGoldenFolder, sortedJson } from '../../parity/golden-fixtures';

/** Registers, collateral, splits, overdue transactions, budgets: every table has rows at level full. */
const FOLDER = 'collateral_and_registers__seed11';
const golden = loadGoldenFolder(FOLDER);
const SIMULATION_TABLES = TABLES.filter((t) => t.level !== 'always' || t.name === 'simulation_checkpoints');

let db: NodeSqlDb;

beforeAll(async () => {
	db = await NodeSqlDb.open(':memory:');
	await createSchema(db);
});

afterAll(async () => {
	await db.close();
});

async function store(level: PersistenceLevel, simulationId: string) {
	return runSimulation(
		{ config: golden.config, scenarioName: `${FOLDER}.json`, persist: level, simulationId },
		new DirectSink(db),
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
}

async function rowCounts(simulationId: string): Promise<Record<string, bigint>> {
	const counts: Record<string, bigint> = {};
	for (const table of SIMULATION_TABLES) {
		const result = await db.query(
			`SELECT count(*) FROM ${table.name} WHERE simulation_id = ${quoteString(simulationId)}`
		);
		counts[table.name] = result.rows[0][0] as bigint;
	}
	return counts;
}

/** Rows each table should hold for a run of FOLDER, from the golden data and the event stream. */
function expectedRows(): Record<string, bigint> {
	const events: SimulationEvent[] = [];
	runEngineOnly(golden.config, { onEvent: (event) => events.push(event) });
	const registers = new Set(
		events.flatMap((e) =>
			e.event_type === 'StateRegisterSet' ? [`${e.tick}/${e.agent_id}/${e.register_key}`] : []
		)
	);
	const agents = golden.final.agents.length;
	const ticks = golden.final.ticks_completed;
	// Every transaction not fully settled, after every tick (queue entries appearing twice counted twice).
	const engine = createEngine(golden.config);
	let waiting = 0;
	const run = new SteppedRun(engine, {
		onTick: () => {
			const txs = engine.state.txs;
			const queued = new Set<number>();
			for (const agent of engine.agents) {
				waiting += agent.queue1.length;
				agent.queue1.forEach((ix) => queued.add(ix));
			}
			waiting += engine.state.queue2.size;
			engine.state.queue2.ids.forEach((ix) => queued.add(ix));
			for (let ix = 0; ix < txs.count; ix++) if (txs.remaining[ix] !== 0 && !queued.has(ix)) waiting++;
		}
	});
	run.step(run.ticks);
	return {
		simulation_runs: 1n,
		policy_snapshots: BigInt(agents),
		daily_agent_metrics: BigInt(golden.final.daily_costs.filter((d) => !d.partial).length * agents),
		simulation_events: BigInt(golden.final.event_count),
		transactions: BigInt(golden.final.transactions.total),
		agent_state_registers: BigInt(registers.size),
		tick_results: BigInt(ticks),
		tick_agent_states: BigInt(ticks * agents),
		tick_queue_snapshots: BigInt(waiting),
		simulation_checkpoints: 0n
	};
}

describe('each level writes exactly what it promises', () => {
	const expected = expectedRows();

	test.each(PERSISTENCE_LEVELS)('level %s', async (level) => {
		const result = await store(level, `levels-${level}`);
		expect(result.status).toBe('completed');
		expect(result.simulationId).toBe(level === 'none' ? null : `levels-${level}`);
		expect(result.events).toBe(golden.final.event_count);
		const counts = await rowCounts(`levels-${level}`);
		const written = new Set<string>(tablesWritten(level));
		for (const table of SIMULATION_TABLES) {
			const count = counts[table.name];
			if (!written.has(table.name)) {
				expect([table.name, count]).toEqual([table.name, 0n]);
			} else {
				expect([table.name, count]).toEqual([table.name, expected[table.name]]);
			}
		}
		if (level !== 'none') {
			const run = rowObjects(
				await db.query(
					`SELECT persistence_level, status, events_written FROM simulation_runs WHERE simulation_id = 'levels-${level}'`
				)
			);
			expect(run).toEqual([
				{ persistence_level: level, status: 'completed', events_written: BigInt(golden.final.event_count) }
			]);
		}
		expect(
			(await db.query("SELECT count(*) FROM simulation_runs WHERE simulation_id = 'levels-none'")).rows
		).toEqual([[0n]]);
	});
});

describe('the full level’s per-tick rows', () => {
	const id = quoteString('levels-full');

	test('tick_results are the golden ticks.jsonl', async () => {
		const rows = rowObjects(
			await db.query(
				`SELECT tick, num_arrivals, num_settlements, num_lsm_releases, total_cost, num_events
				FROM tick_results WHERE simulation_id = ${id} ORDER BY tick`
			)
		);
		const asJson = rows.map((row) =>
			sortedJson(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])))
		);
		expect(asJson).toEqual(golden.ticks);
	});

	test('the last tick’s agent states are the golden final balances, reached by the balance changes', async () => {
		const last = golden.final.ticks_completed - 1;
		const rows = rowObjects(
			await db.query(
				`SELECT agent_id, balance, posted_collateral, unsecured_cap, queue1_size,
					(SELECT sum(balance_change) FROM tick_agent_states s
					 WHERE s.simulation_id = t.simulation_id AND s.agent_id = t.agent_id) AS change
				FROM tick_agent_states t WHERE simulation_id = ${id} AND tick = ${last} ORDER BY agent_id`
			)
		);
		expect(rows).toEqual(
			golden.final.agents.map((agent) => ({
				agent_id: agent.id,
				balance: BigInt(agent.final_balance),
				posted_collateral: BigInt(agent.posted_collateral),
				unsecured_cap: BigInt(agent.unsecured_cap),
				queue1_size: BigInt(agent.queue1_size),
				change: BigInt(agent.final_balance - agent.initial_balance)
			}))
		);
	});

	test('the last tick’s queue snapshot holds every unsettled transaction, by where it waits', async () => {
		const last = golden.final.ticks_completed - 1;
		const rows = rowObjects(
			await db.query(
				`SELECT queue_type, count(*) AS n, sum(remaining_amount) AS remaining
				FROM tick_queue_snapshots WHERE simulation_id = ${id} AND tick = ${last}
				GROUP BY queue_type ORDER BY queue_type`
			)
		);
		const metrics = golden.final.system_metrics;
		const byType = Object.fromEntries(rows.map((row) => [row.queue_type, row.n]));
		expect(byType.queue1).toBe(BigInt(metrics.queue1_total_size));
		expect(byType.rtgs).toBe(BigInt(metrics.queue2_total_size));
		const distinct = (
			await db.query(
				`SELECT count(DISTINCT tx_id), sum(remaining_amount) FILTER (WHERE queue_type = 'none')
				FROM tick_queue_snapshots WHERE simulation_id = ${id} AND tick = ${last}`
			)
		).rows[0];
		expect(distinct[0]).toBe(BigInt(golden.final.transactions.unsettled));
		const unsettledValue = rows.reduce((sum, row) => sum + (row.remaining as bigint), 0n);
		// Queue 1 may hold a transaction twice; every other unsettled one is in exactly one place.
		expect(unsettledValue).toBeGreaterThanOrEqual(
			BigInt(golden.final.transactions.unsettled_remaining_value)
		);
	});

	test('registers hold the last value set in each tick', async () => {
		const lastSet = new Map<string, number>();
		runEngineOnly(golden.config, {
			onEvent: (e) => {
				if (e.event_type === 'StateRegisterSet')
					lastSet.set(`${e.tick}/${e.agent_id}/${e.register_key}`, e.new_value);
			}
		});
		const rows = (
			await db.query(
				`SELECT tick, agent_id, register_key, register_value FROM agent_state_registers WHERE simulation_id = ${id}`
			)
		).rows;
		expect(rows.length).toBe(lastSet.size);
		for (const [tick, agent, key, value] of rows) expect(value).toBe(lastSet.get(`${tick}/${agent}/${key}`));
	});
});
