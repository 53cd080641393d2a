/**
 * The end-of-day figures of a stored run, computed from its stored rows with the live run's
 * definitions (live-day-statistics.ts): arrivals and settlements count original transactions (split
 * children belong to their parent), a parent counting as settled once all its descendants are;
 * LSM settlements count transactions (a split child as its parent) first seen in an LSM event; the
 * cost is the sum of the day's tick costs.
 *
 * A day's figures are differences of running totals at the end of the day and of the day before. The
 * totals come from the events (Arrival, PolicySplit and LSM events, read once) and from the open
 * transactions of tick_queue_snapshots at the day's last tick: a leaf transaction (one not split) is
 * settled exactly when it is no longer open.
 */
import type { SqlReader } from './sql-reader';
import { sqlLiteral } from '../store/sql-literal';
import type { StoredRun } from './stored-run';
import { cellNumber, cellText } from './stored-values';
import type { DayStatistics } from './tick-view';

interface Totals {
	arrivals: number;
	settlements: number;
	lsmSettled: number;
}

interface RunEvents {
	arrivals: { tick: number; txId: string }[];
	/** Child → parent, with the tick of the split. */
	splits: Map<string, { parent: string; tick: number }>;
	lsm: { tick: number; txIds: string[] }[];
}

const NO_TOTALS: Totals = { arrivals: 0, settlements: 0, lsmSettled: 0 };

export class StoredDayStatistics {
	private events: Promise<RunEvents> | null = null;
	private readonly totals = new Map<number, Promise<Totals>>();
	private readonly days = new Map<number, Promise<DayStatistics>>();
	private readonly run: string;

	constructor(
		private readonly db: SqlReader,
		private readonly stored: StoredRun
	) {
		this.run = sqlLiteral(stored.simulationId);
	}

	/** The figures of `day`; its last tick must be within the stored prefix. Read once per day. */
	forDay(day: number): Promise<DayStatistics> {
		let figures = this.days.get(day);
		if (figures === undefined) {
			figures = this.readDay(day);
			this.days.set(day, figures);
			// A failed read is not kept: the next call tries again.
			figures.catch(() => this.days.delete(day));
		}
		return figures;
	}

	private async readDay(day: number): Promise<DayStatistics> {
		const lastTick = (day + 1) * this.stored.ticksPerDay - 1;
		if (lastTick >= this.stored.ticksCompleted)
			throw new RangeError(`day ${day} is not complete in ${this.stored.simulationId}`);
		const before = day === 0 ? NO_TOTALS : await this.totalsAt(lastTick - this.stored.ticksPerDay);
		const after = await this.totalsAt(lastTick);
		const cost = await this.dayCost(day);
		return {
			day,
			arrivals: after.arrivals - before.arrivals,
			settlements: after.settlements - before.settlements,
			lsmSettled: after.lsmSettled - before.lsmSettled,
			totalCost: cost
		};
	}

	private async dayCost(day: number): Promise<number> {
		const first = day * this.stored.ticksPerDay;
		const result = await this.db.query(
			`SELECT coalesce(sum(total_cost), 0) FROM tick_results WHERE simulation_id = ${this.run} ` +
				`AND tick BETWEEN ${first} AND ${first + this.stored.ticksPerDay - 1}`
		);
		return cellNumber(result.rows[0][0], 'total_cost');
	}

	private totalsAt(tick: number): Promise<Totals> {
		let totals = this.totals.get(tick);
		if (totals === undefined) {
			totals = this.computeTotals(tick);
			this.totals.set(tick, totals);
		}
		return totals;
	}

	private async computeTotals(tick: number): Promise<Totals> {
		const events = await this.runEvents();
		const parentOf = (txId: string): string | undefined => {
			const split = events.splits.get(txId);
			return split !== undefined && split.tick <= tick ? split.parent : undefined;
		};
		const rootOf = (txId: string): string => {
			let id = txId;
			for (let parent = parentOf(id); parent !== undefined; parent = parentOf(id)) id = parent;
			return id;
		};
		const parents = new Set<string>();
		for (const [, split] of events.splits) if (split.tick <= tick) parents.add(split.parent);

		let originals = 0;
		for (const arrival of events.arrivals) {
			if (arrival.tick <= tick && parentOf(arrival.txId) === undefined) originals++;
		}
		const unsettled = new Set<string>();
		for (const txId of await this.openAt(tick)) if (!parents.has(txId)) unsettled.add(rootOf(txId));
		const lsm = new Set<string>();
		for (const settlement of events.lsm) {
			if (settlement.tick > tick) continue;
			for (const txId of settlement.txIds) lsm.add(parentOf(txId) ?? txId);
		}
		return { arrivals: originals, settlements: originals - unsettled.size, lsmSettled: lsm.size };
	}

	private async openAt(tick: number): Promise<string[]> {
		const result = await this.db.query(
			`SELECT DISTINCT tx_id FROM tick_queue_snapshots WHERE simulation_id = ${this.run} AND tick = ${tick}`
		);
		return result.rows.map((row) => cellText(row[0], 'tx_id'));
	}

	private runEvents(): Promise<RunEvents> {
		this.events ??= this.readRunEvents();
		return this.events;
	}

	private async readRunEvents(): Promise<RunEvents> {
		const arrivals = await this.db.query(
			`SELECT tick, tx_id FROM simulation_events WHERE simulation_id = ${this.run} AND event_type = 'Arrival'`
		);
		const structural = await this.db.query(
			`SELECT tick, event_type, event_json FROM simulation_events WHERE simulation_id = ${this.run} ` +
				"AND event_type IN ('PolicySplit', 'LsmBilateralOffset', 'LsmCycleSettlement') ORDER BY seq"
		);
		const events: RunEvents = {
			arrivals: arrivals.rows.map((row) => ({
				tick: cellNumber(row[0], 'tick'),
				txId: cellText(row[1], 'tx_id')
			})),
			splits: new Map(),
			lsm: []
		};
		for (const row of structural.rows) {
			const tick = cellNumber(row[0], 'tick');
			const event = JSON.parse(cellText(row[2], 'event_json')) as {
				tx_id: string;
				child_ids?: string[];
				tx_ids?: string[];
			};
			if (cellText(row[1], 'event_type') === 'PolicySplit') {
				for (const child of event.child_ids ?? []) events.splits.set(child, { parent: event.tx_id, tick });
			} else {
				events.lsm.push({ tick, txIds: event.tx_ids ?? [] });
			}
		}
		return events;
	}
}
