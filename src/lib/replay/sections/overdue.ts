/**
 * Sections 14 and 15: transactions that went overdue or settled late in the tick (events), then every
 * transaction still overdue with its costs so far (state, not filtered).
 */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, plural, shortId } from '../line-parts';
import { formatMoney } from '../money';
import type { TickIndex } from '../tick-index';

export function overdueEventLines(events: readonly SimulationEvent[]): string[] {
	const wentOverdue = eventsOfType(events, 'TransactionWentOverdue').flatMap((event) => [
		'',
		`❌ Transaction Went Overdue: TX ${shortId(event.tx_id, 8)}...`,
		`   ${event.sender_id} → ${event.receiver_id} | ${formatMoney(event.remaining_amount)}`,
		`   Deadline: Tick ${event.deadline_tick} | Current: Tick ${event.tick} | ` +
			`${event.ticks_overdue} tick${plural(event.ticks_overdue)} late`,
		`   💸 Deadline Penalty Charged: ${formatMoney(event.deadline_penalty_cost)}`
	]);
	const settledLate = eventsOfType(events, 'OverdueTransactionSettled').flatMap((event) => {
		const penalty = event.deadline_penalty_cost;
		const delay = event.estimated_delay_cost;
		return [
			'',
			`✅ Overdue Transaction Settled: TX ${shortId(event.tx_id, 8)}...`,
			`   ${event.sender_id} → ${event.receiver_id} | ${formatMoney(event.settled_amount)}`,
			`   Was overdue for: ${event.total_ticks_overdue} tick${plural(event.total_ticks_overdue)} ` +
				`(Deadline: ${event.deadline_tick}, Overdue since: ${event.overdue_since_tick})`,
			`   💸 Total Cost: Penalty ${formatMoney(penalty)} + Delay ${formatMoney(delay)} = ${formatMoney(penalty + delay)}`
		];
	});
	return [...wentOverdue, ...settledLate];
}

export function overdueSummaryLines(index: TickIndex): string[] {
	if (index.overdue.length === 0) return [];
	const lines = ['', '🔥 Overdue Transactions:'];
	let sum = 0;
	for (const tx of index.overdue) {
		const total = tx.deadlinePenaltyCost + tx.estimatedDelayCost;
		sum += total;
		lines.push(
			`  🔥 TX ${shortId(tx.txId, 8)}... | ${tx.senderId} → ${tx.receiverId} | ` +
				`${formatMoney(tx.remainingAmount)} | Overdue: ${tx.ticksOverdue} tick${plural(tx.ticksOverdue)}`,
			`     💸 Costs: Penalty ${formatMoney(tx.deadlinePenaltyCost)} + Delay ${formatMoney(tx.estimatedDelayCost)} = ` +
				formatMoney(total)
		);
	}
	if (sum > 0) lines.push('', `  Total Overdue Cost: ${formatMoney(sum)}`);
	return lines;
}
