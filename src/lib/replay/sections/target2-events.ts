/** Section 8: TARGET2 events (dual priority, limits, algorithm sequencing, entry disposition), in order. */
import type { SimulationEvent } from '../../engine/events';
import { shortId, type EventOf } from '../line-parts';
import { formatMoney } from '../money';

const ALGORITHM_NAMES: Readonly<Record<number, string>> = {
	1: 'FIFO Queue Processing',
	2: 'Bilateral Offsetting',
	3: 'Multilateral Cycle Detection'
};

function attemptLine(limit: number, current: number, attempted: number): string {
	return `    Attempted: ${formatMoney(attempted)} (would exceed by ${formatMoney(current + attempted - limit)})`;
}

function algorithmLines(event: EventOf<'AlgorithmExecution'>): string[] {
	const name = ALGORITHM_NAMES[event.algorithm] ?? `Algorithm ${event.algorithm}`;
	const lines = [`  Algorithm ${event.algorithm}: ${name}`, `    Result: ${event.result}`];
	if (event.settlements > 0 || event.settled_value > 0) {
		const value = event.settled_value > 0 ? formatMoney(event.settled_value) : '$0.00';
		lines.push(`    Settlements: ${event.settlements}, Value: ${value}`);
	}
	return lines;
}

function target2Lines(event: SimulationEvent): string[] {
	switch (event.event_type) {
		case 'RtgsSubmission':
			return [
				`  RTGS Submission: ${shortId(event.tx_id, 12)}...`,
				`    ${event.sender} → ${event.receiver}: ${formatMoney(event.amount)}`,
				`    RTGS Priority: ${event.rtgs_priority} (internal: ${event.internal_priority})`
			];
		case 'RtgsWithdrawal':
			// The engine's event has no time in queue and no reason; the original prints its defaults.
			return [
				`  RTGS Withdrawal: ${shortId(event.tx_id, 12)}...`,
				`    Sender: ${event.sender}`,
				`    Original Priority: ${event.original_rtgs_priority}, Ticks in Queue: 0`,
				'    Reason: Unknown'
			];
		case 'RtgsResubmission':
			return [
				`  RTGS Resubmission: ${shortId(event.tx_id, 12)}...`,
				`    Sender: ${event.sender}`,
				`    Priority: ${event.old_rtgs_priority} → ${event.new_rtgs_priority}`
			];
		case 'BilateralLimitExceeded':
			return [
				'  ⚠ Bilateral Limit Exceeded:',
				`    ${event.sender} → ${event.receiver}`,
				`    Limit: ${formatMoney(event.bilateral_limit)}, Current Outflow: ${formatMoney(event.current_bilateral_outflow)}`,
				attemptLine(event.bilateral_limit, event.current_bilateral_outflow, event.amount)
			];
		case 'MultilateralLimitExceeded':
			return [
				'  ⚠ Multilateral Limit Exceeded:',
				`    Sender: ${event.sender}`,
				`    Total Limit: ${formatMoney(event.multilateral_limit)}, Current Total Outflow: ${formatMoney(event.current_total_outflow)}`,
				attemptLine(event.multilateral_limit, event.current_total_outflow, event.amount)
			];
		case 'AlgorithmExecution':
			return algorithmLines(event);
		case 'EntryDispositionOffset':
			return [
				'  Entry Disposition Offset:',
				`    ${event.agent_a} ↔ ${event.agent_b}`,
				`    Incoming: ${shortId(event.incoming_tx_id, 12)}... (${formatMoney(event.incoming_amount)})`,
				`    Queued: ${shortId(event.queued_tx_id, 12)}... (${formatMoney(event.queued_amount)})`,
				`    Offset Amount: ${formatMoney(event.offset_amount)}`
			];
		default:
			return [];
	}
}

export function target2EventLines(events: readonly SimulationEvent[]): string[] {
	return events.flatMap(target2Lines);
}
