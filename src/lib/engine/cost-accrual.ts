/**
 * Step 6 (§10.9): per agent in sorted order, newly overdue transactions (deadline penalty), then the
 * liquidity, delay, collateral and liquidity-opportunity costs of the tick.
 */
import { collateralCost, liquidityOpportunityCost, overdraftCost } from './costs';
import type { Engine } from './engine';
import { costBreakdown } from './events';
import { TxStatus } from './transactions';

/** Returns the tick's accrued total (without split friction and end-of-day penalties). */
export function accrueCosts(engine: Engine, t: number): number {
	const state = engine.state;
	const txs = state.txs;
	const rates = engine.config.cost_rates;
	const delay = engine.delayCost;
	const queue2ByAgent = state.queue2Index.lists;
	const newlyOverdue = engine.scratch;
	let total = 0;
	for (const agent of engine.agents) {
		// Collected before marking, as the original does (a Queue 1 entry listed twice counts twice).
		if (newlyOverdue.length !== 0) newlyOverdue.length = 0;
		for (const ix of agent.queue1) {
			if (t > txs.deadlineTick[ix] && txs.status[ix] !== TxStatus.Overdue) newlyOverdue.push(ix);
		}
		// Marked overdue by a Queue 2 pass during this tick and still queued: penalised now.
		if (state.queue2OverdueMarked) {
			for (const ix of state.queue2.ids) {
				if (
					txs.sender[ix] === agent.index &&
					txs.status[ix] === TxStatus.Overdue &&
					txs.statusTick[ix] === t
				) {
					newlyOverdue.push(ix);
				}
			}
		}
		for (const ix of newlyOverdue) {
			txs.markOverdue(ix, t);
			emitWentOverdue(engine, ix, t);
		}
		let delayCost = 0;
		if (!delay.isZero) {
			delay.reset();
			for (const ix of agent.queue1)
				delay.add(txs.remaining[ix], txs.status[ix] === TxStatus.Overdue, txs.priority[ix]);
			for (const ix of queue2ByAgent[agent.index]) {
				delay.add(txs.remaining[ix], txs.status[ix] === TxStatus.Overdue, txs.priority[ix]);
			}
			delayCost = delay.cost();
		}
		const liquidity = overdraftCost(agent.balance, rates.overdraft_bps_per_tick);
		const collateral = collateralCost(agent.postedCollateral, rates.collateral_cost_per_tick_bps);
		const penalty = newlyOverdue.length * rates.deadline_penalty;
		const opportunity = liquidityOpportunityCost(agent.allocatedLiquidity, rates.liquidity_cost_per_tick_bps);
		const accumulator = engine.costs[agent.index];
		accumulator.addTick(liquidity, delayCost, collateral, penalty, opportunity);
		accumulator.updatePeakDebit(agent.balance);
		const agentTotal = liquidity + delayCost + collateral + penalty + opportunity;
		total += agentTotal;
		if (agentTotal > 0) {
			const costs = costBreakdown({
				liquidity,
				delay: delayCost,
				collateral,
				penalty,
				liquidityOpportunity: opportunity
			});
			engine.emit({ event_type: 'CostAccrual', tick: t, agent_id: agent.id, costs });
		}
	}
	return total;
}

function emitWentOverdue(engine: Engine, ix: number, t: number): void {
	const txs = engine.state.txs;
	engine.emit({
		event_type: 'TransactionWentOverdue',
		tick: t,
		tx_id: engine.txId(ix),
		sender_id: engine.agents[txs.sender[ix]].id,
		receiver_id: engine.agents[txs.receiver[ix]].id,
		amount: txs.amount[ix],
		remaining_amount: txs.remaining[ix],
		deadline_tick: txs.deadlineTick[ix],
		ticks_overdue: t - txs.deadlineTick[ix],
		deadline_penalty_cost: engine.config.cost_rates.deadline_penalty
	});
}
