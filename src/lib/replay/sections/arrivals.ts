/** Section 1: the tick's arrivals, two lines each. */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, priorityLabel, shortId } from '../line-parts';
import { formatMoney } from '../money';
import type { TickIndex } from '../tick-index';

export function arrivalLines(index: TickIndex, events: readonly SimulationEvent[]): string[] {
	const arrivals = eventsOfType(events, 'Arrival');
	if (arrivals.length === 0) return [];
	const lines = ['', `📥 ${arrivals.length} transaction(s) arrived:`];
	for (const arrival of arrivals) {
		// Arrival events carry `deadline`, not `deadline_tick`, so the original looks priority and deadline
		// up in the engine after the tick (0 when the transaction is unknown).
		const details = index.eventTransaction(arrival.tx_id);
		const priority = details?.priority ?? 0;
		const deadline = details?.deadlineTick ?? 0;
		lines.push(
			`   • TX ${shortId(arrival.tx_id, 8)}: ${arrival.sender_id} → ${arrival.receiver_id}`,
			`     ${formatMoney(arrival.amount)} | ${priorityLabel(priority)} | ⏰ Tick ${deadline}`
		);
	}
	return lines;
}
