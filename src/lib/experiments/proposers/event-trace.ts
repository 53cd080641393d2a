/**
 * Simulation traces for prompts: the events one agent may see (spec §10.2, agent isolation), at most 50,
 * settlements and LSM events first, then arrivals, then the rest, shown in tick order as
 * `[tick t] Type: key=value, …` with amounts in dollars.
 */
import type { SimulationEvent } from '../../engine';

const EVERYONE = new Set(['EndOfDay', 'ScenarioEventExecuted', 'AlgorithmExecution']);
const OWN = new Set([
	'PolicySubmit',
	'PolicyHold',
	'PolicyDrop',
	'PolicySplit',
	'TransactionReprioritized',
	'CollateralPost',
	'CollateralWithdraw',
	'CollateralTimerWithdrawn',
	'CollateralTimerBlocked',
	'StateRegisterSet',
	'BankBudgetSet',
	'CostAccrual',
	'DeferredCreditApplied'
]);
/** Visible to both parties of the payment. */
const EITHER_PARTY = new Set([
	'Arrival',
	'RtgsImmediateSettlement',
	'Queue2LiquidityRelease',
	'RtgsSubmission',
	'RtgsWithdrawal',
	'RtgsResubmission'
]);
/** Visible to the sender only. */
const SENDER_ONLY = new Set([
	'TransactionWentOverdue',
	'OverdueTransactionSettled',
	'PriorityEscalated',
	'QueuedRtgs',
	'BilateralLimitExceeded',
	'MultilateralLimitExceeded'
]);
const SETTLEMENTS = new Set([
	'RtgsImmediateSettlement',
	'Queue2LiquidityRelease',
	'LsmBilateralOffset',
	'LsmCycleSettlement',
	'EntryDispositionOffset',
	'OverdueTransactionSettled'
]);
const MONEY_KEYS =
	/amount|balance|_cost$|penalt|outflow|_limit$|^max_value$|total_value|cycle_value|settled_value|max_per_counterparty|^new_total$|net_positions|^total$/;
const MAX_TRACE_EVENTS = 50;

type Fields = Record<string, unknown>;

function sender(event: Fields): unknown {
	return event.sender_id ?? event.sender;
}

function receiver(event: Fields): unknown {
	return event.receiver_id ?? event.receiver;
}

/** Whether `agentId` may see the event. */
export function isVisibleTo(event: SimulationEvent, agentId: string): boolean {
	const type = event.event_type;
	const fields = event as unknown as Fields;
	if (EVERYONE.has(type)) return true;
	if (OWN.has(type)) return fields.agent_id === agentId;
	if (EITHER_PARTY.has(type)) return sender(fields) === agentId || receiver(fields) === agentId;
	if (SENDER_ONLY.has(type)) return sender(fields) === agentId;
	if (type === 'LsmBilateralOffset' || type === 'EntryDispositionOffset') {
		return fields.agent_a === agentId || fields.agent_b === agentId;
	}
	if (type === 'LsmCycleSettlement') return (fields.agents as string[]).includes(agentId);
	return false;
}

export function dollars(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const value = Math.abs(cents) / 100;
	return `${sign}$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function formatValue(key: string, value: unknown): string {
	if (typeof value === 'number' && MONEY_KEYS.test(key)) return dollars(value);
	if (value !== null && typeof value === 'object') {
		if (Array.isArray(value)) return `[${value.map((item) => formatValue(key, item)).join(', ')}]`;
		return `{${Object.entries(value)
			.map(([k, v]) => `${k}=${formatValue(k, v)}`)
			.join(', ')}}`;
	}
	return String(value);
}

export function formatEvent(event: SimulationEvent): string {
	const {
		event_type: type,
		tick,
		...rest
	} = event as unknown as Fields & { event_type: string; tick: number };
	const fields = Object.entries(rest)
		.map(([key, value]) => `${key}=${formatValue(key, value)}`)
		.join(', ');
	let line = `[tick ${tick}] ${type}: ${fields}`;
	if (event.event_type === 'RtgsImmediateSettlement') {
		line += `\n  Balance: ${dollars(event.sender_balance_before)} → ${dollars(event.sender_balance_after)}`;
	}
	return line;
}

function rank(event: SimulationEvent): number {
	if (SETTLEMENTS.has(event.event_type)) return 0;
	if (event.event_type === 'Arrival') return 1;
	return 2;
}

/** The agent's trace: its most telling visible events (at most 50), in tick order. */
export function agentTrace(events: readonly SimulationEvent[], agentId: string): string {
	const visible = events.filter((event) => isVisibleTo(event, agentId));
	const chosen = visible
		.map((event, order) => ({ event, order }))
		.sort((a, b) => rank(a.event) - rank(b.event) || a.order - b.order)
		.slice(0, MAX_TRACE_EVENTS)
		.sort((a, b) => a.order - b.order);
	if (chosen.length === 0) return '(no events involving this bank)';
	const lines = chosen.map(({ event }) => formatEvent(event));
	if (visible.length > chosen.length) lines.push(`… ${visible.length - chosen.length} more events not shown`);
	return lines.join('\n');
}
