/** Section 0 (tick header), section 20 (tick summary) and section 21 (end-of-day notice). */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType } from '../line-parts';
import { formatMoney } from '../money';
import type { TickIndex } from '../tick-index';

export function tickHeaderLines(tick: number): string[] {
	return ['', `═══ Tick ${tick} ═══`];
}

export function tickSummaryLines(index: TickIndex): string[] {
	const { arrivals, settlements, lsmReleases } = index.view.counts;
	const queued = index.agents.reduce((sum, agent) => sum + index.queue1(agent.agentId).length, 0);
	const parts = [`${arrivals} in`, `${settlements} settled`];
	if (lsmReleases > 0) parts.push(`${lsmReleases} LSM`);
	if (queued > 0) parts.push(`${queued} queued`);
	return ['', `  Summary: ${parts.join(' | ')}`];
}

export function endOfDayNoticeLines(events: readonly SimulationEvent[]): string[] {
	return eventsOfType(events, 'EndOfDay').flatMap((event) => [
		'',
		`🌙 End of Day ${event.day} - ${event.unsettled_count} unsettled, ${formatMoney(event.total_penalties)} in penalties`,
		''
	]);
}
