/**
 * Section 17: agents whose balance changed or who have queued payments, with their Queue 1 and RTGS
 * entries.
 */
import { shortId } from '../line-parts';
import { formatMoney, formatMoneyChange } from '../money';
import { formatFixed } from '../python-format';
import type { TickIndex } from '../tick-index';
import type { AgentTickState, OpenTransaction } from '../tick-view';

function entryLine(entry: OpenTransaction): string {
	return (
		`     • TX ${shortId(entry.txId, 8)} → ${entry.receiverId}: ${formatMoney(entry.remainingAmount)} | ` +
		`P:${entry.priority} | ⏰ Tick ${entry.deadlineTick}`
	);
}

function remainingSum(entries: readonly OpenTransaction[]): number {
	return entries.reduce((sum, entry) => sum + entry.remainingAmount, 0);
}

function headline(agent: AgentTickState): string {
	const { balance, balanceChange: change, unsecuredCap: cap } = agent;
	let line = `  ${agent.agentId}: ${formatMoney(balance)}`;
	if (balance < 0) line += ' (overdraft)';
	if (change !== 0) line += ` (${formatMoneyChange(change)})`;
	// Utilisation against the unsecured cap only (collateral-backed credit is not counted here).
	if (cap > 0) line += ` | Credit: ${formatFixed((Math.max(0, -balance) / cap) * 100, 0)}% used`;
	return line;
}

function agentLines(index: TickIndex, agent: AgentTickState): string[] {
	const queue1 = index.queue1(agent.agentId);
	const rtgs = index.rtgs(agent.agentId);
	if (agent.balanceChange === 0 && queue1.length === 0 && rtgs.length === 0) return [];
	const lines = [headline(agent)];
	if (queue1.length > 0) {
		lines.push(
			`     Queue 1 (${queue1.length} transactions, ${formatMoney(remainingSum(queue1))} total):`,
			...queue1.map(entryLine),
			''
		);
	}
	if (rtgs.length > 0) {
		lines.push(
			`     Queue 2 - RTGS (${rtgs.length} transactions, ${formatMoney(remainingSum(rtgs))}):`,
			...rtgs.map(entryLine),
			''
		);
	}
	if (agent.postedCollateral > 0)
		lines.push(`     Collateral Posted: ${formatMoney(agent.postedCollateral)}`, '');
	return lines;
}

export function agentStateLines(index: TickIndex): string[] {
	return index.agents.flatMap((agent) => agentLines(index, agent));
}
