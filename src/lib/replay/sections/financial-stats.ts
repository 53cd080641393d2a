/** Section 16: every agent's balance, credit, liquidity, headroom, queue and running costs. */
import { formatMoney } from '../money';
import { formatFixed } from '../python-format';
import { totalCost, type TickIndex } from '../tick-index';
import type { AgentTickState } from '../tick-view';

/** Share of balance + cap + collateral left, against cap + collateral; 100 or 0 without either. */
function headroomPercent(balance: number, cap: number, collateral: number): number {
	const maximum = cap + collateral;
	if (maximum > 0) return ((balance + cap + collateral) / maximum) * 100;
	return balance >= 0 ? 100.0 : 0.0;
}

function costLines(agent: AgentTickState): string[] {
	const costs = agent.costs;
	const total = totalCost(costs);
	if (!(total > 0)) return [];
	const components: [string, number][] = [
		['Liquidity:     ', costs.liquidityCost],
		['Collateral:    ', costs.collateralCost],
		['Delay:         ', costs.delayCost],
		['Split Friction:', costs.splitFrictionCost],
		['Deadline Miss: ', costs.penaltyCost]
	];
	return [
		`  Total Costs:        ${formatMoney(total)}`,
		...components
			.filter(([, value]) => value > 0)
			.map(([label, value]) => `    • ${label} ${formatMoney(value)}`)
	];
}

function agentLines(index: TickIndex, agent: AgentTickState): string[] {
	const { balance, unsecuredCap: cap, postedCollateral: collateral } = agent;
	const queue1 = index.queue1(agent.agentId);
	const lines = [
		agent.agentId,
		`  Balance:            ${formatMoney(balance)}${balance < 0 ? ' (overdraft)' : ''}`,
		`  Credit Limit:       ${cap > 0 ? formatMoney(cap) : 'None'}`
	];
	if (balance < 0) lines.push(`  Credit Used:        ${formatMoney(-balance)}`);
	lines.push(
		`  Available Liquidity: ${formatMoney(balance + cap + collateral)}`,
		`  Headroom:           ${formatFixed(headroomPercent(balance, cap, collateral), 1)}%`
	);
	if (collateral > 0) lines.push(`  Posted Collateral:  ${formatMoney(collateral)}`);
	if (queue1.length > 0) {
		const value = queue1.reduce((sum, entry) => sum + entry.remainingAmount, 0);
		lines.push(`  Queue 1:            ${queue1.length} txs, ${formatMoney(value)} total`);
	}
	return [...lines, ...costLines(agent), ''];
}

export function financialStatsLines(index: TickIndex): string[] {
	return ['', '💰 Agent Financial Stats', '', ...index.agents.flatMap((agent) => agentLines(index, agent))];
}
