/**
 * One stored tick as the replay page shows it: the TickView and events read back from the rows, the
 * verbose lines the CLI's replay prints for that tick (end-of-day block included), and each agent's
 * queue lengths. Reading one tick takes a handful of queries, so scrubbing stays quick on long runs.
 */
import type { SimulationEvent } from '../engine/events';
import { compareIds } from '../engine/ordering';
import type { EventFilter } from './filter';
import type { SqlReader } from './sql-reader';
import { StoredDayStatistics } from './stored-day-statistics';
import { overdueCostRatesOf, type StoredRun } from './stored-run';
import { readStoredTicks } from './stored-ticks';
import type { OverdueCostRates, TickView } from './tick-view';
import { formatEndOfDay, formatTick, isLastTickOfDay } from './verbose';

export interface AgentQueues {
	agentId: string;
	balance: number;
	/** Entries in the agent's Queue 1. */
	queue1: number;
	/** The agent's entries in the central RTGS queue. */
	rtgs: number;
}

export interface TickDisplay {
	view: TickView;
	events: SimulationEvent[];
	lines: string[];
	/** Agents in id order. */
	agents: AgentQueues[];
}

/** What the replay page shows of a tick: the TickView (open transactions and all) stays in the worker. */
export interface PageTick {
	tick: number;
	events: SimulationEvent[];
	lines: string[];
	agents: AgentQueues[];
}

export function pageTick({ view, events, lines, agents }: TickDisplay): PageTick {
	return { tick: view.tick, events, lines, agents };
}

function agentQueues(view: TickView): AgentQueues[] {
	return [...view.agents]
		.sort((a, b) => compareIds(a.agentId, b.agentId))
		.map((agent) => ({
			agentId: agent.agentId,
			balance: agent.balance,
			queue1: view.openTransactions.filter(
				(entry) => entry.senderId === agent.agentId && entry.location === 'queue1'
			).length,
			rtgs: view.openTransactions.filter(
				(entry) => entry.senderId === agent.agentId && entry.location === 'rtgs'
			).length
		}));
}

export class StoredTickDisplay {
	private readonly rates: OverdueCostRates;
	private readonly days: StoredDayStatistics;

	constructor(
		private readonly db: SqlReader,
		readonly run: StoredRun
	) {
		this.rates = overdueCostRatesOf(run);
		this.days = new StoredDayStatistics(db, run);
	}

	/**
	 * Tick `tick` with the lines `filter` leaves. `reader` reads the tick's own rows (a read-ahead passes
	 * one that can stop); the day's statistics, kept once read, always use the display's reader.
	 */
	async tick(tick: number, filter: EventFilter, reader: SqlReader = this.db): Promise<TickDisplay> {
		const [{ view, events }] = await readStoredTicks(reader, this.run, this.rates, tick, tick);
		const lines = formatTick(view, events, filter);
		if (isLastTickOfDay(tick, this.run.ticksPerDay))
			lines.push(...formatEndOfDay(await this.days.forDay(view.day), view));
		return { view, events, lines, agents: agentQueues(view) };
	}
}
