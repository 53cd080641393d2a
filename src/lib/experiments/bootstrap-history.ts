/**
 * Transaction histories for bootstrap resampling (spec §5.2, step 1): from the initial simulation's events,
 * every payment an agent sent (outgoing) and received (incoming), with its deadline and, if it settled,
 * its settlement time, both relative to its arrival.
 */
import type { SimulationEvent } from '../engine';

export interface TransactionRecord {
	txId: string;
	sender: string;
	receiver: string;
	amount: number;
	priority: number;
	arrivalTick: number;
	/** Deadline − arrival, in ticks. */
	deadlineOffset: number;
	/** Settlement − arrival, in ticks; null if it never settled. */
	settlementOffset: number | null;
}

export interface AgentHistory {
	outgoing: TransactionRecord[];
	incoming: TransactionRecord[];
}

/** Builds each listed agent's history; records are shared between the sender's and the receiver's lists. */
export function collectHistories(
	events: Iterable<SimulationEvent>,
	agentIds: readonly string[]
): Map<string, AgentHistory> {
	const histories = new Map<string, AgentHistory>(agentIds.map((id) => [id, { outgoing: [], incoming: [] }]));
	const byTxId = new Map<string, TransactionRecord>();
	const settled = (txId: string, tick: number) => {
		const record = byTxId.get(txId);
		if (record) record.settlementOffset = tick - record.arrivalTick;
	};
	for (const event of events) {
		switch (event.event_type) {
			case 'Arrival': {
				const record: TransactionRecord = {
					txId: event.tx_id,
					sender: event.sender_id,
					receiver: event.receiver_id,
					amount: event.amount,
					priority: event.priority,
					arrivalTick: event.tick,
					deadlineOffset: event.deadline - event.tick,
					settlementOffset: null
				};
				byTxId.set(event.tx_id, record);
				histories.get(event.sender_id)?.outgoing.push(record);
				histories.get(event.receiver_id)?.incoming.push(record);
				break;
			}
			case 'RtgsImmediateSettlement':
			case 'Queue2LiquidityRelease':
				settled(event.tx_id, event.tick);
				break;
			case 'LsmBilateralOffset':
			case 'LsmCycleSettlement':
				for (const txId of event.tx_ids) settled(txId, event.tick);
				break;
			default:
				break;
		}
	}
	return histories;
}
