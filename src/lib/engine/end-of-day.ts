/**
 * End-of-day processing (§8.2) on the last tick of a day: penalties for overdue queued transactions,
 * state-register reset, daily outflow reset, the EndOfDay event and the daily metrics roll-over.
 */
import type { Engine } from './engine';
import { costBreakdown } from './events';
import { compareIds } from './ordering';

/** Returns the day's end-of-day penalty total (added to the tick's total cost). */
export function handleEndOfDay(engine: Engine, t: number): number {
	const state = engine.state;
	const txs = state.txs;
	const penaltyEach = engine.config.cost_rates.eod_penalty_per_transaction;
	const day = Math.floor(t / engine.config.ticks_per_day);
	const queue2Overdue = new Int32Array(state.agentCount);
	for (const ix of state.queue2.ids) if (txs.deadlineTick[ix] < t) queue2Overdue[txs.sender[ix]]++;

	let totalPenalties = 0;
	for (const agent of engine.agents) {
		let overdue = queue2Overdue[agent.index];
		for (const ix of agent.queue1) if (txs.deadlineTick[ix] < t) overdue++;
		if (overdue === 0) continue;
		const penalty = overdue * penaltyEach;
		totalPenalties += penalty;
		engine.costs[agent.index].penalty += penalty;
		engine.emit({
			event_type: 'CostAccrual',
			tick: t,
			agent_id: agent.id,
			costs: costBreakdown({ penalty })
		});
	}

	// The original clears a hash map here (unspecified order); we report registers in sorted key order.
	for (const agent of engine.agents) {
		if (agent.stateRegisters.size === 0) continue;
		const keys = [...agent.stateRegisters.keys()].sort(compareIds);
		for (const key of keys) {
			engine.emit({
				event_type: 'StateRegisterSet',
				tick: t,
				agent_id: agent.id,
				register_key: key,
				old_value: agent.stateRegisters.get(key) as number,
				new_value: 0.0,
				reason: 'eod_reset',
				decision_path: null
			});
		}
		agent.stateRegisters.clear();
	}

	for (const agent of engine.agents) agent.resetDailyOutflows();

	let unsettled = state.queue2.size;
	for (const agent of engine.agents) unsettled += agent.queue1.length;
	engine.emit({
		event_type: 'EndOfDay',
		tick: t,
		day,
		unsettled_count: unsettled,
		total_penalties: totalPenalties
	});

	engine.metrics.endOfDay(day, engine.agents, engine.costs);
	return totalPenalties;
}
