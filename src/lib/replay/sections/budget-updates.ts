/** Section 5: release budgets set by the bank trees, one block per event. */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType } from '../line-parts';
import { formatMoney } from '../money';

export function budgetUpdateLines(events: readonly SimulationEvent[]): string[] {
	const budgets = eventsOfType(events, 'BankBudgetSet');
	if (budgets.length === 0) return [];
	const lines = ['', `💰 Release Budget Updates (${budgets.length}):`];
	for (const budget of budgets) {
		lines.push(`   ${budget.agent_id}:`, `   • Max Release: ${formatMoney(budget.max_value)}`);
		if (budget.focus_counterparties !== null && budget.focus_counterparties.length > 0) {
			lines.push(`   • Focus: ${budget.focus_counterparties.join(', ')}`);
		}
		if (budget.max_per_counterparty !== null) {
			lines.push(`   • Max per Counterparty: ${formatMoney(budget.max_per_counterparty)}`);
		}
		lines.push('');
	}
	return lines;
}
