/**
 * Replay identity through the database: a golden scenario run live (engine → live views → formatTick)
 * and the same scenario stored at level full and replayed from its rows (stored views → formatTick)
 * print the same lines, line for line, with and without filters. The replay reads only stored rows.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, SteppedRun, type SimulationEvent } from '../../../src/lib/engine';
import {
	formatEndOfDay,
	formatTick,
	LiveDayStatistics,
	LiveTickViews,
	NO_FILTER,
	parseEventFilter,
	type EventFilter,
	type EventFilterOptions
} from '../../../src/lib/replay';
import { findStoredRun } from '../../../src/lib/replay/stored-run';
import { replayVerbose } from '../../../src/lib/replay/stored-replay';
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import { createSchema } from '../../../src/lib/store/open-store';
import { DirectSink } from '../../../src/lib/store/store-sink';
import { FIXTURE_ROOT, listGoldenFolders, readFixtureText } from '../../parity/golden-fixtures';

/**
 * Together these show every section of the output (tests/unit/replay/replay-identity.test.ts checks
 * that on the same seven scenarios); REPLAY_IDENTITY_ALL=1 runs every golden folder (about 4 minutes).
 */
const SCENARIOS = process.env.REPLAY_IDENTITY_ALL
	? listGoldenFolders()
	: [
			'cycle_ring3__seed11',
			'collateral_and_registers__seed11',
			'target2_features__seed11',
			'splitting__seed11',
			'scenario_events_all__seed11',
			'test_near_deadline__seed42',
			'advanced_policy_crisis__seed1'
		];

interface Golden {
	config: unknown;
	ticks: number;
}

function golden(folder: string): Golden {
	const dir = join(FIXTURE_ROOT, folder);
	const final = JSON.parse(readFixtureText(dir, 'final.json')) as { ticks_requested: number };
	return { config: JSON.parse(readFixtureText(dir, 'config.json')), ticks: final.ticks_requested };
}

interface LiveTick {
	tick: number;
	events: SimulationEvent[];
	lines: (filter: EventFilter) => string[];
}

/**
 * A live run without any store: what `run --verbose` prints, per tick, for any filter. Stepped as the
 * CLI steps it, so a run whose tick fails stops there (its completed ticks are what is stored).
 */
function runLive({ config, ticks }: Golden): LiveTick[] {
	const engine = createEngine(config);
	const views = new LiveTickViews(engine);
	const days = new LiveDayStatistics(engine);
	const out: LiveTick[] = [];
	let events: SimulationEvent[] = [];
	const run = new SteppedRun(engine, {
		ticks,
		onEvent: (event) => events.push(event),
		onTick: (result) => {
			const tickEvents = events;
			events = [];
			const view = views.afterTick(result, tickEvents);
			const day = days.afterTick(result, tickEvents);
			out.push({
				tick: result.tick,
				events: tickEvents,
				lines: (filter) => [
					...formatTick(view, tickEvents, filter),
					...(day ? formatEndOfDay(day, view) : [])
				]
			});
		}
	});
	run.step(ticks);
	return out;
}

function filter(options: EventFilterOptions): EventFilter {
	const parsed = parseEventFilter(options);
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.filter;
}

function filtersFor(config: unknown, ticks: number): [string, EventFilter][] {
	const agents = (config as { agent_configs: { id: string }[] }).agent_configs.map((a) => a.id).sort();
	const middle = Math.floor(ticks / 2);
	return [
		['no filter', NO_FILTER],
		[`agent ${agents[0]}`, filter({ agent: agents[0] })],
		[
			'event types and tick range',
			filter({
				eventTypes: 'Arrival,RtgsImmediateSettlement,LsmCycleSettlement,LsmBilateralOffset,CostAccrual',
				tickRange: `${Math.max(0, middle - 3)}-${middle + 3}`
			})
		],
		['transaction', filter({ tx: 'tx_5' })]
	];
}

function firstDifference(live: readonly string[], replay: readonly string[]): string | null {
	for (let i = 0; i < Math.max(live.length, replay.length); i++) {
		if (live[i] !== replay[i])
			return `line ${i}: live ${JSON.stringify(live[i])} / replay ${JSON.stringify(replay[i])}`;
	}
	return null;
}

let db: NodeSqlDb;

beforeAll(async () => {
	db = await NodeSqlDb.open(':memory:');
	await createSchema(db);
});

afterAll(async () => {
	await db.close();
});

async function store(folder: string, scenario: Golden): Promise<void> {
	await runSimulation(
		{
			config: scenario.config,
			scenarioName: `${folder}.json`,
			ticks: scenario.ticks,
			persist: 'full',
			simulationId: folder
		},
		new DirectSink(db),
		{ cancelled: false },
		() => undefined,
		async () => undefined
	);
}

describe.each(SCENARIOS)('%s stored at level full and replayed', (folder) => {
	it('prints the live run’s lines, with and without filters', { timeout: 120_000 }, async () => {
		const scenario = golden(folder);
		const live = runLive(scenario);
		await store(folder, scenario);
		const run = await findStoredRun(db, folder);
		expect(run?.ticksCompleted).toBe(live.length);
		if (run === null) return;
		for (const [name, eventFilter] of filtersFor(scenario.config, scenario.ticks)) {
			const replayed: string[] = [];
			for await (const tick of replayVerbose(db, run, { fromTick: 0, toTick: live.length - 1 }, eventFilter))
				replayed.push(...tick.lines);
			const expected = live.flatMap((tick) => tick.lines(eventFilter));
			expect(firstDifference(expected, replayed), name).toBeNull();
		}
	});
});
