/**
 * The end-of-day figures of a live run, as the original computes them: arrivals and settlements from the
 * engine's system metrics (split parents counted once), LSM settlements as transactions (split parents
 * once) that appeared in an LSM event, costs as the sum of the day's tick costs. Call `afterTick` after
 * every tick with all of its events; it returns the day's figures after the day's last tick.
 */
import { systemMetrics, type Engine, type TickResult } from '../engine';
import type { SimulationEvent } from '../engine/events';
import type { DayStatistics } from './tick-view';

export class LiveDayStatistics {
	private arrivalsBefore = 0;
	private settlementsBefore = 0;
	private lsmBefore = 0;
	private dayCost = 0;
	private readonly parentOf = new Map<string, string>();
	private readonly lsmSettled = new Set<string>();

	constructor(private readonly engine: Engine) {}

	afterTick(result: TickResult, events: readonly SimulationEvent[]): DayStatistics | null {
		this.observe(events);
		this.dayCost += result.total_cost;
		const ticksPerDay = this.engine.config.ticks_per_day;
		if ((result.tick + 1) % ticksPerDay !== 0) return null;
		const metrics = systemMetrics(this.engine);
		const statistics: DayStatistics = {
			day: Math.floor(result.tick / ticksPerDay),
			arrivals: metrics.total_arrivals - this.arrivalsBefore,
			settlements: metrics.total_settlements - this.settlementsBefore,
			lsmSettled: this.lsmSettled.size - this.lsmBefore,
			totalCost: this.dayCost
		};
		this.arrivalsBefore = metrics.total_arrivals;
		this.settlementsBefore = metrics.total_settlements;
		this.lsmBefore = this.lsmSettled.size;
		this.dayCost = 0;
		return statistics;
	}

	/** Distinct transactions (split parents once) that took part in an LSM settlement so far. */
	get lsmSettledTotal(): number {
		return this.lsmSettled.size;
	}

	private observe(events: readonly SimulationEvent[]): void {
		for (const event of events) {
			if (event.event_type === 'PolicySplit') {
				for (const child of event.child_ids) this.parentOf.set(child, event.tx_id);
			} else if (event.event_type === 'LsmBilateralOffset' || event.event_type === 'LsmCycleSettlement') {
				for (const txId of event.tx_ids) this.lsmSettled.add(this.parentOf.get(txId) ?? txId);
			}
		}
	}
}
