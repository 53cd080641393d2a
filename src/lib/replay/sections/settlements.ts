/**
 * Section 9: how the tick's transactions settled, by mechanism. The header count is the engine's
 * settlement count, not a recount of the (possibly filtered) events. With an agent filter, lines show
 * what that agent received or its net change.
 */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, priorityLabel, shortId, type EventOf } from '../line-parts';
import { formatMoney, formatMoneyChange } from '../money';
import { formatFixed } from '../python-format';
import type { TickIndex } from '../tick-index';
import { closedCycleText, openCycle } from './lsm-cycle-agents';

type LsmEvent = EventOf<'LsmBilateralOffset' | 'LsmCycleSettlement'>;

/** The priority the original looks up after the tick; 5 when the transaction is unknown. */
function settledPriority(index: TickIndex, txId: string): string {
	return priorityLabel(index.eventTransaction(txId)?.priority ?? 5);
}

function incomingLines(event: { receiver: string; amount: number }, filterAgent: string | null): string[] {
	if (filterAgent === null || event.receiver !== filterAgent || !(event.amount > 0)) return [];
	return [`     ↳ 💰 ${filterAgent} receives ${formatMoney(event.amount)}`];
}

function lsmNetChange(event: LsmEvent, agentId: string): number {
	if (event.event_type === 'LsmBilateralOffset') {
		if (agentId === event.agent_a) return event.amount_b - event.amount_a;
		if (agentId === event.agent_b) return event.amount_a - event.amount_b;
		return 0;
	}
	const at = event.agents.indexOf(agentId);
	return at >= 0 && at < event.net_positions.length ? event.net_positions[at] : 0;
}

function netChangeLines(event: LsmEvent, filterAgent: string | null): string[] {
	if (filterAgent === null) return [];
	const net = lsmNetChange(event, filterAgent);
	return net === 0 ? [] : [`     ↳ 💰 ${filterAgent} net change: ${formatMoneyChange(net)}`];
}

function rtgsLines(
	index: TickIndex,
	events: readonly SimulationEvent[],
	filterAgent: string | null
): string[] {
	const settled = eventsOfType(events, 'RtgsImmediateSettlement');
	if (settled.length === 0) return [];
	const lines = [`   RTGS Immediate (${settled.length}):`];
	for (const event of settled) {
		lines.push(
			`   • TX ${shortId(event.tx_id, 8)}: ${event.sender} → ${event.receiver} | ` +
				`${formatMoney(event.amount)} | ${settledPriority(index, event.tx_id)}`,
			`     Balance: ${formatMoney(event.sender_balance_before)} → ${formatMoney(event.sender_balance_after)}`,
			...incomingLines(event, filterAgent)
		);
	}
	return [...lines, ''];
}

function queue2Lines(
	index: TickIndex,
	events: readonly SimulationEvent[],
	filterAgent: string | null
): string[] {
	const released = eventsOfType(events, 'Queue2LiquidityRelease');
	if (released.length === 0) return [];
	const lines = [`   Queue 2 Releases (${released.length}):`];
	for (const event of released) {
		lines.push(
			`   • TX ${shortId(event.tx_id, 8)}: ${event.sender} → ${event.receiver} | ` +
				`${formatMoney(event.amount)} | ${settledPriority(index, event.tx_id)}`,
			`     Queued for ${event.queue_wait_ticks} tick(s) | Released: ${event.release_reason}`,
			...incomingLines(event, filterAgent)
		);
	}
	return [...lines, ''];
}

function txIdOrUnknown(txIds: readonly string[], at: number): string {
	return at < txIds.length && txIds[at] !== '' ? shortId(txIds[at], 8) : 'unknown';
}

function bilateralLines(events: readonly SimulationEvent[], filterAgent: string | null): string[] {
	const offsets = eventsOfType(events, 'LsmBilateralOffset');
	if (offsets.length === 0) return [];
	const lines = [`   LSM Bilateral Offset (${offsets.length}):`];
	for (const event of offsets) {
		lines.push(
			`   • TX ${txIdOrUnknown(event.tx_ids, 0)} ⟷ TX ${txIdOrUnknown(event.tx_ids, 1)}: ${formatMoney(event.amount)}`,
			...netChangeLines(event, filterAgent)
		);
	}
	return [...lines, ''];
}

function cycleLines(event: EventOf<'LsmCycleSettlement'>, filterAgent: string | null): string[] {
	const agents = openCycle(event.agents);
	if (agents.length === 0) return [];
	const lines = [`   • Cycle: ${closedCycleText(event.agents)}`];
	event.tx_ids.forEach((txId, i) => {
		const amount = formatMoney(i < event.tx_amounts.length ? event.tx_amounts[i] : 0);
		if (i < agents.length) {
			const route = `${agents[i]}→${agents[(i + 1) % agents.length]}`;
			lines.push(`     - ${route}: TX ${shortId(txId, 8)} (${amount})`);
		} else {
			lines.push(`     - TX ${shortId(txId, 8)}: ${amount}`);
		}
	});
	const saved = event.total_value - event.max_net_outflow;
	if (event.total_value > 0 && saved > 0) {
		const share = formatFixed((saved / event.total_value) * 100, 1);
		lines.push(`     ✨ Saved: ${formatMoney(saved)} (${share}%)`);
	}
	return [...lines, ...netChangeLines(event, filterAgent)];
}

function cyclesLines(events: readonly SimulationEvent[], filterAgent: string | null): string[] {
	const cycles = eventsOfType(events, 'LsmCycleSettlement');
	if (cycles.length === 0) return [];
	return [
		`   LSM Cycle (${cycles.length}):`,
		...cycles.flatMap((event) => cycleLines(event, filterAgent)),
		''
	];
}

export function settlementLines(
	index: TickIndex,
	events: readonly SimulationEvent[],
	filterAgent: string | null
): string[] {
	const total = index.view.counts.settlements;
	if (total === 0) return [];
	return [
		'',
		`✅ ${total} transaction(s) settled:`,
		'',
		...rtgsLines(index, events, filterAgent),
		...queue2Lines(index, events, filterAgent),
		...bilateralLines(events, filterAgent),
		...cyclesLines(events, filterAgent)
	];
}
