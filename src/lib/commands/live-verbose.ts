/**
 * The verbose output of a live run: the engine's state after each tick made into a TickView and printed
 * with formatTick (and the end-of-day block after a day's last tick) — the same formatter the replay
 * prints stored ticks with. Feed it every event and every completed tick.
 */
import type { Engine, SimulationEvent, TickResult } from '../engine';
import type { EventFilter } from '../replay/filter';
import { LiveDayStatistics } from '../replay/live-day-statistics';
import { LiveTickViews } from '../replay/live-view';
import { formatEndOfDay, formatTick } from '../replay/verbose';

export class LiveVerboseOutput {
	private readonly views: LiveTickViews;
	private readonly days: LiveDayStatistics;
	private events: SimulationEvent[] = [];

	constructor(
		engine: Engine,
		private readonly filter: EventFilter,
		private readonly print: (lines: string[]) => void
	) {
		this.views = new LiveTickViews(engine);
		this.days = new LiveDayStatistics(engine);
	}

	readonly onEvent = (event: SimulationEvent): void => {
		this.events.push(event);
	};

	readonly onTick = (result: TickResult): void => {
		const events = this.events;
		this.events = [];
		const view = this.views.afterTick(result, events);
		const day = this.days.afterTick(result, events);
		this.print([
			...formatTick(view, events, this.filter),
			...(day === null ? [] : formatEndOfDay(day, view))
		]);
	};
}
