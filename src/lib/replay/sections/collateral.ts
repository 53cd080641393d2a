/**
 * Section 12: collateral posts, withdrawals and timer outcomes, grouped by agent, each explained against
 * the agent's position at the end of the tick. The original assumes a 2 % haircut here whatever the
 * agent's configured haircut is.
 */
import type { SimulationEvent } from '../../engine/events';
import { groupByAgent, type EventOf } from '../line-parts';
import { formatMoney } from '../money';
import type { TickIndex } from '../tick-index';

type CollateralEvent = EventOf<
	'CollateralPost' | 'CollateralWithdraw' | 'CollateralTimerWithdrawn' | 'CollateralTimerBlocked'
>;

const ASSUMED_HAIRCUT = 0.02;
const HAIRCUT_PERCENT = Math.trunc(ASSUMED_HAIRCUT * 100);

/** `int(amount × (1 − haircut))` in doubles, as the original computes collateral value. */
function afterHaircut(amount: number): number {
	return Math.trunc(amount * (1 - ASSUMED_HAIRCUT));
}

interface Position {
	creditUsed: number;
	unsecuredCap: number;
	headroom: number;
	usingCollateralisedCredit: boolean;
}

function positionOf(index: TickIndex, agentId: string): Position {
	const agent = index.agent(agentId);
	const balance = agent?.balance ?? 0;
	const unsecuredCap = agent?.unsecuredCap ?? 0;
	const creditUsed = Math.max(-balance, 0);
	const allowed = afterHaircut(agent?.postedCollateral ?? 0) + unsecuredCap;
	return {
		creditUsed,
		unsecuredCap,
		headroom: allowed - creditUsed,
		usingCollateralisedCredit: creditUsed > unsecuredCap
	};
}

function isCollateralEvent(event: SimulationEvent): event is CollateralEvent {
	switch (event.event_type) {
		case 'CollateralPost':
		case 'CollateralWithdraw':
		case 'CollateralTimerWithdrawn':
		case 'CollateralTimerBlocked':
			return true;
		default:
			return false;
	}
}

function reductionLine(amount: number, position: Position): string {
	const remaining = position.headroom - afterHaircut(amount);
	return `     💡 Reduces allowed limit by ${formatMoney(afterHaircut(amount))}, remaining headroom: ${formatMoney(remaining)}`;
}

function eventLines(event: CollateralEvent, position: Position): string[] {
	switch (event.event_type) {
		case 'CollateralPost': {
			const increase = afterHaircut(event.amount);
			return [
				`   • POSTED: ${formatMoney(event.amount)} - ${event.reason} | New Total: ${formatMoney(event.new_total)}`,
				`     💡 Expands allowed limit by ${formatMoney(increase)} (${HAIRCUT_PERCENT}% haircut), ` +
					`increasing headroom to ${formatMoney(position.headroom + increase)}`
			];
		}
		case 'CollateralWithdraw': {
			const remaining = position.headroom - afterHaircut(event.amount);
			const lines = [
				`   • WITHDRAWN: ${formatMoney(event.amount)} - ${event.reason} | New Total: ${formatMoney(event.new_total)}`,
				reductionLine(event.amount, position)
			];
			if (remaining > 0)
				lines.push(`     ✅ Withdrawal safe - agent has ${formatMoney(remaining)} surplus collateral`);
			return lines;
		}
		case 'CollateralTimerWithdrawn': {
			const lines = [
				`   • AUTO-WITHDRAWN (timer): ${formatMoney(event.amount)} - Originally posted at tick ` +
					`${event.posted_at_tick} (${event.original_reason})`,
				`     New Total: ${formatMoney(event.new_total)}`,
				reductionLine(event.amount, position)
			];
			if (position.usingCollateralisedCredit) {
				lines.push(
					`     ℹ️  Agent is using collateralized credit (${formatMoney(position.creditUsed)} vs ` +
						`${formatMoney(position.unsecuredCap)} base limit)`,
					'     ✅ Withdrawal permitted per TARGET2 policy: remaining collateral still covers overdraft'
				);
			} else {
				lines.push('     ✅ Withdrawal safe - agent has positive balance or is within base credit limit');
			}
			return lines;
		}
		case 'CollateralTimerBlocked': {
			const lines = [
				`   • TIMER BLOCKED: Attempted ${formatMoney(event.requested_amount)} - Originally posted at tick ` +
					`${event.posted_at_tick} (${event.original_reason})`,
				`     ⛔ Reason: ${event.reason}`
			];
			if (event.reason === 'NoHeadroom') {
				lines.push(
					`     💡 Current headroom: ${formatMoney(position.headroom)}`,
					'     ℹ️  Withdrawal would violate Invariant I2 (Withdrawal Headroom Protection)',
					`     ℹ️  Remaining collateral must still cover current overdraft of ${formatMoney(position.creditUsed)}`
				);
			}
			return lines;
		}
	}
}

export function collateralLines(index: TickIndex, events: readonly SimulationEvent[]): string[] {
	const collateral = events.filter(isCollateralEvent);
	if (collateral.length === 0) return [];
	const lines = ['', `💰 Collateral Activity (${collateral.length}):`];
	for (const [agent, agentEvents] of groupByAgent(collateral, (event) => event.agent_id)) {
		const position = positionOf(index, agent);
		lines.push(`   ${agent}:`, ...agentEvents.flatMap((event) => eventLines(event, position)), '');
	}
	return lines;
}
