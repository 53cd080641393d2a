/**
 * What the sections ask of a TickView, computed once per tick: agents in id order, queue entries per
 * agent in queue order, the transactions near their deadline and the overdue ones. These are the
 * original's engine queries, answered from the view's plain data.
 */
import { compareIds } from '../engine/ordering';
import type { AgentCosts, AgentTickState, EventTransaction, OpenTransaction, TickView } from './tick-view';

/** The original's deadline window: transactions due within this many ticks after the current one. */
const NEAR_DEADLINE_TICKS = 2;

export interface NearDeadlineTransaction {
	txId: string;
	senderId: string;
	receiverId: string;
	remainingAmount: number;
	deadlineTick: number;
	ticksUntilDeadline: number;
}

export interface OverdueTransaction {
	txId: string;
	senderId: string;
	receiverId: string;
	remainingAmount: number;
	ticksOverdue: number;
	deadlinePenaltyCost: number;
	estimatedDelayCost: number;
}

export interface TickIndex {
	view: TickView;
	/** Byte-wise id order, the original's agent order. */
	agents: readonly AgentTickState[];
	agent(agentId: string): AgentTickState | undefined;
	/** The agent's Queue 1 entries in queue order. */
	queue1(agentId: string): readonly OpenTransaction[];
	/** The agent's entries of the central RTGS queue in queue order. */
	rtgs(agentId: string): readonly OpenTransaction[];
	eventTransaction(txId: string): EventTransaction | undefined;
	nearDeadline: readonly NearDeadlineTransaction[];
	overdue: readonly OverdueTransaction[];
}

/**
 * Transaction ids in creation order: our ids are `tx_<n>` with n the creation counter. Ties in the
 * deadline lists follow it (the original's follow random UUID order).
 */
export function compareTransactionIds(a: string, b: string): number {
	const x = /^(.*?)(\d+)$/.exec(a);
	const y = /^(.*?)(\d+)$/.exec(b);
	if (x !== null && y !== null && x[1] === y[1] && x[2] !== y[2]) {
		const byLength = x[2].length - y[2].length;
		if (byLength !== 0) return byLength;
		return x[2] < y[2] ? -1 : 1;
	}
	return compareIds(a, b);
}

/** Rust's `f64::round`: half away from zero. */
function roundHalfAwayFromZero(x: number): number {
	return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Every cost component, the liquidity opportunity cost included (the engine's `total`). */
export function totalCost(costs: AgentCosts): number {
	return (
		costs.liquidityCost +
		costs.delayCost +
		costs.collateralCost +
		costs.penaltyCost +
		costs.splitFrictionCost +
		costs.liquidityOpportunityCost
	);
}

function byPosition(a: OpenTransaction, b: OpenTransaction): number {
	return a.position - b.position;
}

function groupBySender(entries: readonly OpenTransaction[]): Map<string, OpenTransaction[]> {
	const groups = new Map<string, OpenTransaction[]>();
	for (const entry of entries) {
		const group = groups.get(entry.senderId);
		if (group === undefined) groups.set(entry.senderId, [entry]);
		else group.push(entry);
	}
	for (const group of groups.values()) group.sort(byPosition);
	return groups;
}

/** Each transaction once (an id may have several queue entries). */
function distinctTransactions(view: TickView): OpenTransaction[] {
	const seen = new Set<string>();
	const out: OpenTransaction[] = [];
	for (const entry of view.openTransactions) {
		if (seen.has(entry.txId)) continue;
		seen.add(entry.txId);
		out.push(entry);
	}
	return out;
}

/**
 * Not overdue, due between the engine's current tick (the tick after the one just run) and two ticks
 * later, nearest deadline first.
 */
function nearDeadline(view: TickView, open: readonly OpenTransaction[]): NearDeadlineTransaction[] {
	const current = view.tick + 1;
	return open
		.filter(
			(tx) =>
				tx.remainingAmount > 0 &&
				tx.overdueSinceTick === null &&
				tx.deadlineTick >= current &&
				tx.deadlineTick <= current + NEAR_DEADLINE_TICKS
		)
		.sort((a, b) => a.deadlineTick - b.deadlineTick || compareTransactionIds(a.txId, b.txId))
		.map((tx) => ({
			txId: tx.txId,
			senderId: tx.senderId,
			receiverId: tx.receiverId,
			remainingAmount: tx.remainingAmount,
			deadlineTick: tx.deadlineTick,
			ticksUntilDeadline: tx.deadlineTick - current
		}));
}

/**
 * Overdue and not fully settled, most overdue first, with the original's estimate of the delay cost
 * (remaining × delay rate × overdue multiplier × ticks overdue, in doubles, rounded).
 */
function overdue(view: TickView, open: readonly OpenTransaction[]): OverdueTransaction[] {
	const current = view.tick + 1;
	const rates = view.overdueCostRates;
	const list: OverdueTransaction[] = [];
	for (const tx of open) {
		if (tx.overdueSinceTick === null || !(tx.remainingAmount > 0)) continue;
		const ticksOverdue = current - tx.overdueSinceTick;
		list.push({
			txId: tx.txId,
			senderId: tx.senderId,
			receiverId: tx.receiverId,
			remainingAmount: tx.remainingAmount,
			ticksOverdue,
			deadlinePenaltyCost: rates.deadlinePenalty,
			estimatedDelayCost: roundHalfAwayFromZero(
				tx.remainingAmount * rates.delayCostPerTickPerCent * rates.overdueDelayMultiplier * ticksOverdue
			)
		});
	}
	return list.sort((a, b) => b.ticksOverdue - a.ticksOverdue || compareTransactionIds(a.txId, b.txId));
}

export function indexTick(view: TickView): TickIndex {
	const agents = [...view.agents].sort((a, b) => compareIds(a.agentId, b.agentId));
	const agentsById = new Map(agents.map((agent) => [agent.agentId, agent]));
	const queue1 = groupBySender(view.openTransactions.filter((entry) => entry.location === 'queue1'));
	const rtgs = groupBySender(view.openTransactions.filter((entry) => entry.location === 'rtgs'));
	const eventTransactions = new Map(view.eventTransactions.map((tx) => [tx.txId, tx]));
	const open = distinctTransactions(view);
	return {
		view,
		agents,
		agent: (agentId) => agentsById.get(agentId),
		queue1: (agentId) => queue1.get(agentId) ?? [],
		rtgs: (agentId) => rtgs.get(agentId) ?? [],
		eventTransaction: (txId) => eventTransactions.get(txId),
		nearDeadline: nearDeadline(view, open),
		overdue: overdue(view, open)
	};
}
