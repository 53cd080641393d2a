/**
 * Section 11: the LSM settlements drawn as cycles, bilateral offsets first, then multilateral cycles,
 * numbered together.
 */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, shortId, type EventOf } from '../line-parts';
import { formatMoney, formatSignedMoney } from '../money';
import { formatFixed } from '../python-format';
import { openCycle } from './lsm-cycle-agents';

function percentOf(part: number, whole: number): string {
	return formatFixed((part / whole) * 100, 1);
}

function bilateralLines(event: EventOf<'LsmBilateralOffset'>, number: number): string[] {
	const { agent_a: a, agent_b: b, amount_a: amountA, amount_b: amountB, tx_ids: txIds } = event;
	// The event lists the A→B transactions first and the B→A ones last.
	const firstAToB = txIds.length > 0 ? shortId(txIds[0], 8) : '';
	const lastBToA = txIds.length > 1 ? shortId(txIds[txIds.length - 1], 8) : '';
	const lines = [
		`   Cycle ${number} (Bilateral):`,
		`   ${a} ⇄ ${b}`,
		`   • ${a}→${b}: TX ${firstAToB} (${formatMoney(amountA)})`,
		`   • ${b}→${a}: TX ${lastBToA} (${formatMoney(amountB)})`
	];
	const total = amountA + amountB;
	const net = Math.abs(amountA - amountB);
	if (net > 0) {
		const [payer, payee] = amountA > amountB ? [a, b] : [b, a];
		lines.push(`   💫 Net Settlement: ${payer} → ${payee}: ${formatMoney(net)}`);
	}
	if (total > 0) {
		const saved = total - net;
		lines.push(`   ✨ Saved: ${formatMoney(saved)} (${percentOf(saved, total)}%)`);
	}
	return [...lines, ''];
}

function netPositionLine(agent: string, net: number): string {
	if (net > 0) return `   • ${agent}: ${formatSignedMoney(net)} (inflow)`;
	if (net < 0) return `   • ${agent}: ${formatSignedMoney(net)} (outflow - used liquidity)`;
	return `   • ${agent}: $0.00 (net zero)`;
}

function multilateralLines(event: EventOf<'LsmCycleSettlement'>, number: number): string[] {
	const agents = openCycle(event.agents);
	const { tx_ids: txIds, tx_amounts: amounts, total_value: total, max_net_outflow: maxOutflow } = event;
	const lines = [
		`   Cycle ${number} (Multilateral - ${agents.length > 0 ? agents.length : txIds.length} agents):`
	];
	if (agents.length > 0 && amounts.length > 0) {
		lines.push(`   ${agents.join(' → ')}`);
		txIds.forEach((txId, i) => {
			if (i < agents.length && i < amounts.length) {
				const route = `${agents[i]}→${agents[(i + 1) % agents.length]}`;
				lines.push(`   • ${route}: TX ${shortId(txId, 8)} (${formatMoney(amounts[i])})`);
			}
		});
	} else if (txIds.length > 0) {
		lines.push(
			`   ${txIds.length} transactions in cycle`,
			...txIds.map((txId) => `   • TX ${shortId(txId, 8)}`)
		);
	}
	lines.push('');
	if (total > 0) {
		lines.push(`   💰 Gross Value: ${formatMoney(total)}`);
		if (maxOutflow > 0) {
			lines.push(`   💫 Max Liquidity Used: ${formatMoney(maxOutflow)}`);
			const saved = total - maxOutflow;
			if (saved > 0) lines.push(`   ✨ Liquidity Saved: ${formatMoney(saved)} (${percentOf(saved, total)}%)`);
		}
	}
	if (event.net_positions.length > 0) {
		lines.push('', '   Net Positions:');
		agents.forEach((agent, i) => {
			if (i < event.net_positions.length) lines.push(netPositionLine(agent, event.net_positions[i]));
		});
	}
	return [...lines, ''];
}

export function lsmCycleLines(events: readonly SimulationEvent[]): string[] {
	const bilateral = eventsOfType(events, 'LsmBilateralOffset');
	const cycles = eventsOfType(events, 'LsmCycleSettlement');
	if (bilateral.length + cycles.length === 0) return [];
	return [
		'',
		`🔄 LSM Cycles (${bilateral.length + cycles.length}):`,
		'',
		...bilateral.flatMap((event, i) => bilateralLines(event, i + 1)),
		...cycles.flatMap((event, i) => multilateralLines(event, bilateral.length + i + 1))
	];
}
