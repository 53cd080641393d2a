/**
 * SimCash's verbose tick-by-tick output as pure functions of (tick inputs, events, filter): the live run
 * and the replay both call these, so their lines are identical by construction. Lines carry no colour
 * and are not wrapped; join them with newlines for the terminal.
 */
import type { SimulationEvent } from '../engine/events';
import { matchesEvent, type EventFilter } from './filter';
import { SECTION_SEPARATOR } from './line-parts';
import { agentStateLines } from './sections/agent-states';
import { arrivalLines } from './sections/arrivals';
import { budgetUpdateLines } from './sections/budget-updates';
import { collateralLines } from './sections/collateral';
import { costAccrualLines, costBreakdownLines } from './sections/costs';
import { endOfDayLines } from './sections/end-of-day';
import { financialStatsLines } from './sections/financial-stats';
import { lsmCycleLines } from './sections/lsm-cycles';
import { memoryUpdateLines } from './sections/memory-updates';
import { nearDeadlineLines } from './sections/near-deadline';
import { overdueEventLines, overdueSummaryLines } from './sections/overdue';
import { policyDecisionLines } from './sections/policy-decisions';
import { priorityEscalationLines, reprioritizationLines } from './sections/priority-changes';
import { queuedRtgsLines } from './sections/queued-rtgs';
import { scenarioEventLines } from './sections/scenario-events';
import { settlementLines } from './sections/settlements';
import { target2EventLines } from './sections/target2-events';
import { endOfDayNoticeLines, tickHeaderLines, tickSummaryLines } from './sections/tick-summary';
import { indexTick } from './tick-index';
import type { DayStatistics, TickView } from './tick-view';

/**
 * One tick's output, from its header to its end-of-day notice, in the original's fixed section order.
 * `events` are all the tick's events in emission order; the filter applies to the event-driven sections
 * only (headers, state sections and the engine's counts are never filtered).
 */
export function formatTick(
	view: TickView,
	events: readonly SimulationEvent[],
	filter: EventFilter
): string[] {
	const index = indexTick(view);
	const shown = events.filter((event) => matchesEvent(filter, event));
	return [
		...tickHeaderLines(view.tick),
		...(view.counts.arrivals > 0 ? arrivalLines(index, shown) : []),
		...nearDeadlineLines(index),
		...policyDecisionLines(shown),
		...memoryUpdateLines(shown),
		...budgetUpdateLines(shown),
		...priorityEscalationLines(shown),
		...reprioritizationLines(shown),
		...target2EventLines(shown),
		...settlementLines(index, shown, filter.agentId),
		...SECTION_SEPARATOR,
		...queuedRtgsLines(shown),
		...lsmCycleLines(shown),
		...collateralLines(index, shown),
		...scenarioEventLines(shown),
		...overdueEventLines(shown),
		...overdueSummaryLines(index),
		...SECTION_SEPARATOR,
		...financialStatsLines(index),
		...SECTION_SEPARATOR,
		...agentStateLines(index),
		...SECTION_SEPARATOR,
		...costAccrualLines(shown),
		...(view.counts.totalCost > 0 ? costBreakdownLines(index) : []),
		...SECTION_SEPARATOR,
		...tickSummaryLines(index),
		...endOfDayNoticeLines(shown)
	];
}

/** The end-of-day statistics block, printed after the output of the day's last tick (`lastTick`). */
export function formatEndOfDay(day: DayStatistics, lastTick: TickView): string[] {
	return endOfDayLines(day, lastTick);
}

/** Whether a tick is the last of its day, after which the end-of-day block follows. */
export function isLastTickOfDay(tick: number, ticksPerDay: number): boolean {
	return (tick + 1) % ticksPerDay === 0;
}
