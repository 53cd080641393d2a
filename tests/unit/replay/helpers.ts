/** Hand-built TickViews and events for the verbose-output tests. */
import type { SimulationEvent } from '../../../src/lib/engine/events';
import type {
	AgentCosts,
	AgentTickState,
	OpenTransaction,
	TickView
} from '../../../src/lib/replay/tick-view';

export const NO_COSTS: AgentCosts = {
	liquidityCost: 0,
	delayCost: 0,
	collateralCost: 0,
	penaltyCost: 0,
	splitFrictionCost: 0,
	liquidityOpportunityCost: 0
};

/** An agent with a balance, no change since the last tick, no cap, no collateral, no costs. */
export function agentState(agentId: string, fields: Partial<AgentTickState> = {}): AgentTickState {
	return {
		agentId,
		balance: 0,
		balanceChange: 0,
		unsecuredCap: 0,
		postedCollateral: 0,
		allowedOverdraftLimit: 0,
		costs: NO_COSTS,
		...fields
	};
}

export function openTransaction(
	txId: string,
	fields: Partial<OpenTransaction> & Pick<OpenTransaction, 'senderId' | 'receiverId'>
): OpenTransaction {
	return {
		txId,
		location: 'queue1',
		position: 0,
		remainingAmount: 100_00,
		priority: 5,
		deadlineTick: 50,
		overdueSinceTick: null,
		...fields
	};
}

/** A quiet tick: nothing happened, the given agents, no open transactions. */
export function tickView(fields: Partial<TickView> = {}): TickView {
	return {
		tick: 3,
		day: 0,
		counts: { arrivals: 0, settlements: 0, lsmReleases: 0, totalCost: 0 },
		agents: [agentState('BANK_A', { balance: 1_000_00 })],
		openTransactions: [],
		eventTransactions: [],
		overdueCostRates: { deadlinePenalty: 0, delayCostPerTickPerCent: 0, overdueDelayMultiplier: 1 },
		...fields
	};
}

/** The lines from the first line equal to `start` up to (not including) the next line equal to `end`. */
export function linesBetween(lines: readonly string[], start: string, end: string): string[] {
	const from = lines.indexOf(start);
	if (from < 0) throw new Error(`no line '${start}' in:\n${lines.join('\n')}`);
	const to = lines.indexOf(end, from + 1);
	return lines.slice(from, to < 0 ? lines.length : to);
}

export const SEPARATOR_LINE = '─'.repeat(70);

export function event<T extends SimulationEvent>(value: T): T {
	return value;
}
