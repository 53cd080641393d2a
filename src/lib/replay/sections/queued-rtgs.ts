/** Section 10: transactions that went into the RTGS queue for lack of liquidity. */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, shortId } from '../line-parts';

export function queuedRtgsLines(events: readonly SimulationEvent[]): string[] {
	const queued = eventsOfType(events, 'QueuedRtgs');
	if (queued.length === 0) return [];
	return [
		'',
		`📋 ${queued.length} transaction(s) queued in RTGS:`,
		...queued.map((event) => `   • TX ${shortId(event.tx_id, 8)}: ${event.sender_id} | Insufficient balance`),
		''
	];
}
