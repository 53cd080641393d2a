/**
 * The verbose replay of a stored run: the stored ticks read back window by window and printed with the
 * live run's own formatter (formatTick, formatEndOfDay), so the lines are the live run's. Lines come
 * per tick, so a caller can print them as they come and stop between ticks.
 */
import type { SqlReader } from './sql-reader';
import type { EventFilter } from './filter';
import { StoredDayStatistics } from './stored-day-statistics';
import { overdueCostRatesOf, type StoredRun } from './stored-run';
import { readStoredTicks } from './stored-ticks';
import { formatEndOfDay, formatTick, isLastTickOfDay } from './verbose';

/** Ticks read per round of queries: bounded memory, few queries. */
const WINDOW_TICKS = 64;

export interface TickRange {
	fromTick: number;
	toTick: number;
}

export type ReplayRangeCheck = { ok: true; range: TickRange } | { ok: false; error: string };

/**
 * The range a replay covers: the whole stored prefix by default; bounds must lie within it. A run that
 * stopped early (failed, interrupted) replays the ticks it stored.
 */
export function replayRange(
	run: StoredRun,
	fromTick: number | null,
	toTick: number | null
): ReplayRangeCheck {
	const last = run.ticksCompleted - 1;
	if (last < 0) return { ok: false, error: `${run.simulationId} has no stored tick to replay` };
	const from = fromTick ?? 0;
	const to = toTick ?? last;
	if (from > last) return { ok: false, error: `--from-tick ${from} is beyond the last stored tick, ${last}` };
	if (to > last) return { ok: false, error: `--to-tick ${to} is beyond the last stored tick, ${last}` };
	if (from > to) return { ok: false, error: `--from-tick ${from} is after --to-tick ${to}` };
	return { ok: true, range: { fromTick: from, toTick: to } };
}

export interface ReplayedTick {
	tick: number;
	/** The tick's lines, followed by the end-of-day block after the last tick of a day. */
	lines: string[];
}

/** The verbose lines of each tick of `range`, read from a run stored at level full. */
export async function* replayVerbose(
	db: SqlReader,
	run: StoredRun,
	range: TickRange,
	filter: EventFilter
): AsyncGenerator<ReplayedTick> {
	const rates = overdueCostRatesOf(run);
	const days = new StoredDayStatistics(db, run);
	for (let start = range.fromTick; start <= range.toTick; start += WINDOW_TICKS) {
		const end = Math.min(range.toTick, start + WINDOW_TICKS - 1);
		for (const { view, events } of await readStoredTicks(db, run, rates, start, end)) {
			const lines = formatTick(view, events, filter);
			if (isLastTickOfDay(view.tick, run.ticksPerDay))
				lines.push(...formatEndOfDay(await days.forDay(view.day), view));
			yield { tick: view.tick, lines };
		}
	}
}
