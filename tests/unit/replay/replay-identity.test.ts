/**
 * Replay identity at the function level: the verbose lines of a live run (engine → live views → formatTick)
 * equal, line for line, the lines formatted from what a store keeps and reads back — the views and day
 * figures through a JSON round trip with their rows in another order, the events parsed from their
 * canonical JSON text — with and without filters, on golden scenarios.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, serializeEvent, type SimulationEvent } from '../../../src/lib/engine';
import {
	formatEndOfDay,
	formatTick,
	LiveDayStatistics,
	LiveTickViews,
	matchesEvent,
	NO_FILTER,
	parseEventFilter,
	type DayStatistics,
	type EventFilter,
	type EventFilterOptions,
	type TickView
} from '../../../src/lib/replay';
import { FIXTURE_ROOT, readFixtureText } from '../../parity/golden-fixtures';

const SCENARIOS = [
	'cycle_ring3__seed11',
	'collateral_and_registers__seed11',
	'target2_features__seed11',
	'splitting__seed11',
	'scenario_events_all__seed11',
	'test_near_deadline__seed42',
	'advanced_policy_crisis__seed1'
];

interface RecordedTick {
	view: TickView;
	events: SimulationEvent[];
	day: DayStatistics | null;
}

/** A live run, tick by tick: what formatTick and formatEndOfDay get. */
function runLive(folder: string): RecordedTick[] {
	const config = JSON.parse(readFixtureText(join(FIXTURE_ROOT, folder), 'config.json'));
	const engine = createEngine(config);
	const views = new LiveTickViews(engine);
	const days = new LiveDayStatistics(engine);
	const ticks: RecordedTick[] = [];
	for (let t = 0; t < engine.config.num_days * engine.config.ticks_per_day; t++) {
		const events: SimulationEvent[] = [];
		const result = engine.tick((event) => events.push(event));
		ticks.push({ view: views.afterTick(result, events), events, day: days.afterTick(result, events) });
	}
	return ticks;
}

function roundTrip<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** As a store would return it: rows in another order, every value through JSON. */
function storedView(view: TickView): TickView {
	const copy = roundTrip(view);
	return {
		...copy,
		agents: [...copy.agents].reverse(),
		openTransactions: [...copy.openTransactions].reverse(),
		eventTransactions: [...copy.eventTransactions].reverse()
	};
}

function storedTicks(ticks: readonly RecordedTick[]): RecordedTick[] {
	return ticks.map(({ view, events, day }) => ({
		view: storedView(view),
		events: events.map((event) => JSON.parse(serializeEvent(event)) as SimulationEvent),
		day: day === null ? null : roundTrip(day)
	}));
}

function verboseLines(ticks: readonly RecordedTick[], filter: EventFilter): string[] {
	return ticks.flatMap(({ view, events, day }) => [
		...formatTick(view, events, filter),
		...(day === null ? [] : formatEndOfDay(day, view))
	]);
}

function filter(options: EventFilterOptions): EventFilter {
	const result = parseEventFilter(options);
	if (!result.ok) throw new Error(result.error);
	return result.filter;
}

function firstDifference(a: readonly string[], b: readonly string[]): string | null {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		if (a[i] !== b[i]) return `line ${i}: live ${JSON.stringify(a[i])} / replay ${JSON.stringify(b[i])}`;
	}
	return null;
}

const runs = new Map<string, { live: RecordedTick[]; replay: RecordedTick[] }>();

function recorded(folder: string) {
	let run = runs.get(folder);
	if (run === undefined) {
		const live = runLive(folder);
		run = { live, replay: storedTicks(live) };
		runs.set(folder, run);
	}
	return run;
}

function filtersFor(ticks: readonly RecordedTick[]): [string, EventFilter][] {
	const agents = ticks[0].view.agents.map((agent) => agent.agentId);
	const middle = Math.floor(ticks.length / 2);
	return [
		['no filter', NO_FILTER],
		[`agent ${agents[0]}`, filter({ agent: agents[0] })],
		[`agent ${agents[agents.length - 1]}`, filter({ agent: agents[agents.length - 1] })],
		[
			'event types',
			filter({
				eventTypes: 'Arrival,RtgsImmediateSettlement,LsmCycleSettlement,LsmBilateralOffset,CostAccrual'
			})
		],
		['tick range', filter({ tickRange: `${middle - 3}-${middle + 3}` })],
		['transaction', filter({ tx: 'tx_5' })],
		[
			'all criteria',
			filter({ agent: agents[1] ?? agents[0], eventTypes: 'Arrival,QueuedRtgs', tickRange: '2-' })
		]
	];
}

describe.each(SCENARIOS)('replay identity on %s', (folder) => {
	it('the stored events carry every field: parsing the canonical JSON gives the event back', () => {
		for (const { events } of recorded(folder).live) {
			for (const event of events) expect(JSON.parse(serializeEvent(event))).toEqual(event);
		}
	});

	it('live and stored inputs give the same lines, with and without filters', () => {
		const { live, replay } = recorded(folder);
		for (const [name, eventFilter] of filtersFor(live)) {
			const liveLines = verboseLines(live, eventFilter);
			const replayLines = verboseLines(replay, eventFilter);
			expect(firstDifference(liveLines, replayLines), name).toBeNull();
			expect(replayLines.length, name).toBe(liveLines.length);
		}
	});

	it('filtering the events before formatting changes nothing (the live run filters them too)', () => {
		const { live } = recorded(folder);
		for (const [name, eventFilter] of filtersFor(live).slice(1, 4)) {
			const prefiltered = live.map((tick) => ({
				...tick,
				events: tick.events.filter((event) => matchesEvent(eventFilter, event))
			}));
			expect(
				firstDifference(verboseLines(live, eventFilter), verboseLines(prefiltered, eventFilter)),
				name
			).toBeNull();
		}
	});
});

describe('the golden scenarios exercise every section', () => {
	it('shows each section at least once over the scenarios', () => {
		const seen = new Set<string>();
		const markers = [
			'📥 ',
			'⚠️  Transactions Near Deadline',
			'🎯 Policy Decisions',
			'🧠 Agent Memory Updates',
			'💰 Release Budget Updates',
			'📈 Priority Escalations',
			'🔄 Policy Reprioritizations',
			'  RTGS Submission:',
			'  RTGS Withdrawal:',
			'  RTGS Resubmission:',
			'  ⚠ Bilateral Limit Exceeded:',
			'  ⚠ Multilateral Limit Exceeded:',
			'  Algorithm 3: Multilateral Cycle Detection',
			'  Entry Disposition Offset:',
			'   RTGS Immediate (',
			'   Queue 2 Releases (',
			'   LSM Bilateral Offset (',
			'   • Cycle: ',
			'📋 ',
			'🔄 LSM Cycles',
			'   Net Positions:',
			'💰 Collateral Activity',
			'   • POSTED:',
			'   • WITHDRAWN:',
			'   • AUTO-WITHDRAWN (timer):',
			'   • TIMER BLOCKED:',
			'🎬 Scenario Events',
			'   • CustomTransactionArrival:',
			'❌ Transaction Went Overdue:',
			'✅ Overdue Transaction Settled:',
			'🔥 Overdue Transactions:',
			'  Queue 1:            ',
			'     Queue 2 - RTGS (',
			'💰 Cost Accruals',
			'💰 Costs Accrued This Tick',
			'🌙 End of Day',
			'📊 SYSTEM-WIDE METRICS:'
		];
		for (const folder of SCENARIOS) {
			for (const line of verboseLines(recorded(folder).live, NO_FILTER)) {
				for (const marker of markers) if (line.startsWith(marker)) seen.add(marker);
			}
		}
		expect(markers.filter((marker) => !seen.has(marker))).toEqual([]);
	});
});
