/**
 * Sections 18 and 19: the tick's cost accrual events, then (when the tick cost something) each agent's
 * running costs. The second section is titled "this tick" but, as in the original, shows the running
 * totals; and, as the original's live run, it leaves penalties out (it reads the penalty under a name
 * the engine's cost map does not use).
 */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, type EventOf } from '../line-parts';
import { formatMoney } from '../money';
import type { TickIndex } from '../tick-index';
import type { AgentTickState } from '../tick-view';

function accrualLines(event: EventOf<'CostAccrual'>): string[] {
	const costs = event.costs;
	const components: [string, number][] = [
		['Liquidity', costs.liquidity_cost],
		['Delay', costs.delay_cost],
		['Collateral', costs.collateral_cost],
		['Penalty', costs.penalty_cost],
		['Split', costs.split_friction_cost]
	];
	const shown = components
		.filter(([, value]) => value > 0)
		.map(([label, value]) => `${label}: ${formatMoney(value)}`);
	return [
		`   ${event.agent_id}: ${formatMoney(costs.total)}`,
		...(shown.length > 0 ? [`   • ${shown.join(' | ')}`] : []),
		''
	];
}

export function costAccrualLines(events: readonly SimulationEvent[]): string[] {
	const accruals = eventsOfType(events, 'CostAccrual');
	if (accruals.length === 0) return [];
	return ['', `💰 Cost Accruals (${accruals.length}):`, ...accruals.flatMap(accrualLines)];
}

/** Liquidity, delay, collateral and split friction: the components the live original adds up here. */
function breakdownComponents(agent: AgentTickState): [string, number][] {
	const costs = agent.costs;
	return [
		['Liquidity', costs.liquidityCost],
		['Delay', costs.delayCost],
		['Collateral', costs.collateralCost],
		['Split', costs.splitFrictionCost]
	];
}

export function costBreakdownLines(index: TickIndex): string[] {
	const rows = index.agents
		.map((agent) => {
			const components = breakdownComponents(agent);
			return { agent, components, total: components.reduce((sum, [, value]) => sum + value, 0) };
		})
		.filter((row) => row.total > 0);
	const total = rows.reduce((sum, row) => sum + row.total, 0);
	if (total === 0) return [];
	const lines = ['', `💰 Costs Accrued This Tick: ${formatMoney(total)}`, ''];
	for (const row of rows) {
		lines.push(
			`   ${row.agent.agentId}: ${formatMoney(row.total)}`,
			...row.components
				.filter(([, value]) => value > 0)
				.map(([label, value]) => `   • ${label}: ${formatMoney(value)}`),
			''
		);
	}
	return lines;
}
