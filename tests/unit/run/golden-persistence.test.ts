/**
 * Acceptance 2 of the store: for every golden scenario, a full-level run's simulation_events, read
 * back in seq order, are exactly the engine's canonical event stream (and so match the golden
 * events.jsonl under the parity rules), and daily_agent_metrics hold the golden final.json costs,
 * day by day and summed per agent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runSimulation as runEngineOnly, serializeEvent } from '../../../src/lib/engine';
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { openStoreFile, type NodeStore } from '../../../src/lib/store/node-store';
import { quoteString, rowObjects } from '../../../src/lib/store/sql-db';
import { DirectSink } from '../../../src/lib/store/store-sink';
import {
	firstEventMismatch,
	listGoldenFolders,
	loadGoldenFolder,
	sortedJson
} from '../../parity/golden-fixtures';

const COST_KEYS = [
	'liquidity_cost',
	'delay_cost',
	'collateral_cost',
	'split_friction_cost',
	'liquidity_opportunity_cost',
	'total'
] as const;

const dir = mkdtempSync(join(tmpdir(), 'simcash-golden-'));
let store: NodeStore;

beforeAll(async () => {
	store = await openStoreFile(join(dir, 'golden.duckdb'));
});

afterAll(async () => {
	await store.db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe.each(listGoldenFolders())('%s stored at level full', (folder) => {
	test('events, daily metrics, run row and per-tick rows', { timeout: 300_000 }, async () => {
		const golden = loadGoldenFolder(folder);
		const ticks = golden.final.ticks_requested;
		const result = await runSimulation(
			{ config: golden.config, scenarioName: `${folder}.json`, ticks, persist: 'full', simulationId: folder },
			new DirectSink(store.db),
			{ cancelled: false },
			() => undefined,
			async () => undefined
		);
		const db = store.db;
		const id = quoteString(folder);

		const expected: string[] = [];
		runEngineOnly(golden.config, { ticks, onEvent: (event) => expected.push(serializeEvent(event)) });
		const stored = (
			await db.query(`SELECT event_json FROM simulation_events WHERE simulation_id = ${id} ORDER BY seq`)
		).rows.map((row) => row[0] as string);
		expect(stored.length).toBe(expected.length);
		expect(stored).toEqual(expected);
		expect(firstEventMismatch(golden.events, stored)).toBeNull();
		const [count, distinct, last] = (
			await db.query(
				`SELECT count(*), count(DISTINCT seq), max(seq) FROM simulation_events WHERE simulation_id = ${id}`
			)
		).rows[0];
		expect([count, distinct, last]).toEqual([
			BigInt(expected.length),
			BigInt(expected.length),
			expected.length ? BigInt(expected.length - 1) : null
		]);

		// Day by day, agent by agent: the golden daily cost snapshots of every completed day.
		const metrics = rowObjects(
			await db.query(
				`SELECT agent_id, day, liquidity_cost, delay_cost, collateral_cost, split_friction_cost,
					deadline_penalty_cost, liquidity_opportunity_cost, total_cost
				FROM daily_agent_metrics WHERE simulation_id = ${id} ORDER BY day, agent_id`
			)
		);
		const completedDays = golden.final.daily_costs.filter((entry) => !entry.partial);
		const expectedMetrics = completedDays.flatMap((entry) =>
			Object.keys(entry.agents)
				.sort()
				.map((agent) => {
					const c = entry.agents[agent];
					return {
						agent_id: agent,
						day: BigInt(entry.day),
						liquidity_cost: BigInt(c.liquidity_cost),
						delay_cost: BigInt(c.delay_cost),
						collateral_cost: BigInt(c.collateral_cost),
						split_friction_cost: BigInt(c.split_friction_cost),
						deadline_penalty_cost: BigInt(c.penalty_cost),
						liquidity_opportunity_cost: BigInt(c.liquidity_opportunity_cost),
						total_cost: BigInt(c.total)
					};
				})
		);
		expect(metrics).toEqual(expectedMetrics);

		// Summed per agent, with a partial last day from the stored final summary, they are the costs
		// of final.json.
		const sums = rowObjects(
			await db.query(
				`SELECT agent_id, sum(liquidity_cost) AS liquidity_cost, sum(delay_cost) AS delay_cost,
					sum(collateral_cost) AS collateral_cost, sum(split_friction_cost) AS split_friction_cost,
					sum(liquidity_opportunity_cost) AS liquidity_opportunity_cost, sum(total_cost) AS total
				FROM daily_agent_metrics WHERE simulation_id = ${id} GROUP BY agent_id ORDER BY agent_id`
			)
		);
		const run = rowObjects(
			await db.query(
				`SELECT status, ticks_completed, events_written, total_cost, final_summary_json, error_message
				FROM simulation_runs WHERE simulation_id = ${id}`
			)
		)[0];
		const storedFinal = JSON.parse(run.final_summary_json as string);
		expect(sortedJson(storedFinal)).toBe(sortedJson(golden.final));
		const partial = (storedFinal.daily_costs as typeof golden.final.daily_costs).find(
			(entry) => entry.partial
		);
		for (const agent of golden.final.agents) {
			const summed = sums.find((row) => row.agent_id === agent.id);
			for (const key of COST_KEYS) {
				const fromMetrics = summed ? BigInt(summed[key] as bigint) : 0n;
				const fromPartial = BigInt(partial?.agents[agent.id][key] ?? 0);
				expect([agent.id, key, fromMetrics + fromPartial]).toEqual([
					agent.id,
					key,
					BigInt(agent.costs_total_all_days[key])
				]);
			}
		}

		const failed = golden.final.tick_error !== null;
		expect(result.status).toBe(failed ? 'failed' : 'completed');
		expect(run).toMatchObject({
			status: failed ? 'failed' : 'completed',
			ticks_completed: BigInt(golden.final.ticks_completed),
			events_written: BigInt(expected.length),
			total_cost: BigInt(golden.final.cost_totals_all_days.total),
			error_message: golden.final.tick_error?.message ?? null
		});

		const agents = golden.final.agents.length;
		const perTick = rowObjects(
			await db.query(`SELECT
				(SELECT count(*) FROM tick_results WHERE simulation_id = ${id}) AS tick_results,
				(SELECT sum(num_events) FROM tick_results WHERE simulation_id = ${id}) AS tick_events,
				(SELECT count(*) FROM tick_agent_states WHERE simulation_id = ${id}) AS agent_states`)
		)[0];
		const eventsInFailedTick = golden.final.tick_error?.events_emitted_during_failed_tick ?? 0;
		expect(perTick).toEqual({
			tick_results: BigInt(golden.final.ticks_completed),
			tick_events: golden.final.ticks_completed ? BigInt(expected.length - eventsInFailedTick) : null,
			agent_states: BigInt(golden.final.ticks_completed * agents)
		});
	});
});
