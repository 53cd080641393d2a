/**
 * Replay and the verbose tick-by-tick output: the TickView inputs, the pure formatters shared by the
 * live run and the replay, the event filter and the live builders.
 */
export type * from './tick-view';
export { formatTick, formatEndOfDay, isLastTickOfDay } from './verbose';
export {
	parseEventFilter,
	matchesEvent,
	involvesAgent,
	describeEventFilter,
	isEmptyFilter,
	NO_FILTER,
	type EventFilter,
	type EventFilterOptions,
	type EventFilterParse
} from './filter';
export { formatMoney } from './money';
export { LiveTickViews } from './live-view';
export { LiveDayStatistics } from './live-day-statistics';
export * from './session-lines';
