/** The end-of-day statistics block printed after the last tick of each day. */
import { formatMoney } from '../money';
import { centre, formatCount, formatFixed } from '../python-format';
import { indexTick } from '../tick-index';
import type { AgentTickState, DayStatistics, TickView } from '../tick-view';

const RULE = '═'.repeat(64);

/** Percentage with one decimal, 0 when the denominator is 0. */
function percent(part: number, whole: number): string {
	return formatFixed(whole > 0 ? (part / whole) * 100 : 0, 1);
}

/**
 * The agent's costs as the original adds them up here: every running cost except the liquidity
 * opportunity cost (which its financial stats do count).
 */
function dayCost(agent: AgentTickState): number {
	const c = agent.costs;
	return c.liquidityCost + c.delayCost + c.collateralCost + c.penaltyCost + c.splitFrictionCost;
}

function creditUtilisation(agent: AgentTickState): number {
	const allowed = agent.allowedOverdraftLimit;
	return allowed > 0 ? (Math.max(0, -agent.balance) / allowed) * 100 : 0.0;
}

/** The block for `day`, with the agents as they are at the end of the day's last tick (`lastTick`). */
export function endOfDayLines(day: DayStatistics, lastTick: TickView): string[] {
	const index = indexTick(lastTick);
	const { arrivals, settlements, lsmSettled } = day;
	const lines = [
		'',
		RULE,
		centre(`END OF DAY ${day.day} SUMMARY`, 64),
		RULE,
		'',
		'📊 SYSTEM-WIDE METRICS:',
		`• Total Transactions: ${formatCount(arrivals)}`,
		`• Settled: ${formatCount(settlements)} (${percent(settlements, arrivals)}%)`,
		`• Unsettled: ${formatCount(arrivals - settlements)} (${percent(arrivals - settlements, arrivals)}%)`,
		`• LSM Settled: ${formatCount(lsmSettled)} (${percent(lsmSettled, settlements)}% of settlements)`,
		`• Settlement Rate: ${percent(settlements, arrivals)}%`,
		'',
		'💰 COSTS:',
		`• Total: ${formatMoney(day.totalCost)}`,
		'',
		'👥 AGENT PERFORMANCE:',
		''
	];
	for (const agent of index.agents) {
		lines.push(
			`${agent.agentId}:`,
			`• Final Balance: ${formatMoney(agent.balance)}`,
			`• Credit Utilization: ${formatFixed(creditUtilisation(agent), 0)}%`,
			`• Queue 1: ${index.queue1(agent.agentId).length} transactions`,
			`• Queue 2: ${index.rtgs(agent.agentId).length} transactions`,
			`• Total Costs: ${formatMoney(dayCost(agent))}`,
			''
		);
	}
	lines.push(RULE, '');
	return lines;
}
