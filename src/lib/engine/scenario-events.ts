/**
 * Scenario events (§7): the eight kinds, their schedules and their `ScenarioEventExecuted` log entries
 * (details keys in alphabetical order, as the original renders them).
 */
import type { EventSchedule, ScenarioEvent, ScheduledScenarioEvent } from './config';
import type { Engine } from './engine';
import { EngineAbortError, SimulationError } from './errors';
import type { ScenarioEventDetails } from './events';
import { rustRound } from './money';

export function scheduleFires(schedule: EventSchedule, tick: number): boolean {
	if ('tick' in schedule) return tick === schedule.tick;
	if (tick < schedule.start_tick) return false;
	if (schedule.interval === 0)
		throw new EngineAbortError('attempt to calculate the remainder with a divisor of zero');
	return (tick - schedule.start_tick) % schedule.interval === 0;
}

/**
 * The scheduled events by tick: one-time events indexed by their tick, repeating ones listed apart, so a
 * tick looks only at what can fire then instead of the whole schedule.
 */
export class ScenarioSchedule {
	private readonly oneTime = new Map<number, number[]>();
	private readonly repeating: number[] = [];
	private readonly candidates: ScheduledScenarioEvent[] = [];

	constructor(private readonly events: readonly ScheduledScenarioEvent[]) {
		events.forEach((scheduled, position) => {
			const schedule = scheduled.schedule;
			if (!('tick' in schedule)) this.repeating.push(position);
			else {
				const list = this.oneTime.get(schedule.tick);
				if (list === undefined) this.oneTime.set(schedule.tick, [position]);
				else list.push(position);
			}
		});
	}

	/**
	 * The one-time events of `tick` and every repeating event, in configuration order (a reused list).
	 * The caller still asks {@link scheduleFires} of each, which keeps the original's abort on a repeating
	 * interval of 0 at its place in the order.
	 */
	candidatesAt(tick: number): readonly ScheduledScenarioEvent[] {
		const out = this.candidates;
		out.length = 0;
		const oneTime = this.oneTime.get(tick) ?? [];
		let next = 0;
		for (const position of this.repeating) {
			while (next < oneTime.length && oneTime[next] < position) out.push(this.events[oneTime[next++]]);
			out.push(this.events[position]);
		}
		while (next < oneTime.length) out.push(this.events[oneTime[next++]]);
		return out;
	}
}

function logExecuted(engine: Engine, tick: number, type: string, details: ScenarioEventDetails): void {
	const sorted: ScenarioEventDetails = {};
	for (const key of Object.keys(details).sort()) sorted[key] = details[key];
	engine.emit({ event_type: 'ScenarioEventExecuted', tick, scenario_event_type: type, details: sorted });
}

function agentOrFail(engine: Engine, id: string, wrap: boolean): number {
	const index = engine.state.agentIndex(id);
	if (index >= 0) return index;
	if (wrap) throw new SimulationError('InvalidConfig', `Scenario event failed: Agent not found: ${id}`);
	throw new SimulationError('AgentNotFound', id);
}

function checkMultiplier(multiplier: number, message: string): void {
	if (multiplier <= 0) throw new SimulationError('InvalidConfig', message);
}

/** Executes one scheduled event at `tick`; errors abort the tick. */
export function executeScenarioEvent(engine: Engine, event: ScenarioEvent, tick: number): void {
	const arrivals = engine.arrivals;
	switch (event.type) {
		case 'direct_transfer': {
			const from = engine.agents[agentOrFail(engine, event.from_agent, true)];
			const to = engine.agents[agentOrFail(engine, event.to_agent, true)];
			from.adjustBalance(-event.amount);
			to.adjustBalance(event.amount);
			logExecuted(engine, tick, event.type, {
				from_agent: event.from_agent,
				to_agent: event.to_agent,
				amount: event.amount
			});
			return;
		}
		case 'collateral_adjustment': {
			const agent = engine.agents[agentOrFail(engine, event.agent, true)];
			const updated = agent.unsecuredCap + event.delta;
			if (updated < 0) {
				throw new SimulationError(
					'InvalidConfig',
					`Scenario event failed: Credit limit cannot go negative (current: ${agent.unsecuredCap}, delta: ${event.delta})`
				);
			}
			agent.unsecuredCap = updated;
			logExecuted(engine, tick, event.type, { agent: event.agent, delta: event.delta });
			return;
		}
		case 'custom_transaction_arrival': {
			const priority = event.priority ?? 5;
			const divisible = event.is_divisible ?? false;
			const deadline =
				event.deadline !== null
					? tick + event.deadline
					: tick + Math.max(Math.floor(engine.config.ticks_per_day / 10), 5);
			const ix = engine.submitTransaction(
				event.from_agent,
				event.to_agent,
				event.amount,
				deadline,
				priority,
				divisible
			);
			logExecuted(engine, tick, event.type, {
				from_agent: event.from_agent,
				to_agent: event.to_agent,
				amount: event.amount,
				priority,
				deadline,
				is_divisible: divisible,
				tx_id: engine.txId(ix)
			});
			return;
		}
		case 'global_arrival_rate_change':
			checkMultiplier(event.multiplier, 'Arrival rate multiplier must be positive');
			if (arrivals === null) return;
			arrivals.multiplyAllRates(event.multiplier);
			logExecuted(engine, tick, event.type, { multiplier: event.multiplier });
			return;
		case 'agent_arrival_rate_change': {
			checkMultiplier(event.multiplier, 'Arrival rate multiplier must be positive');
			if (arrivals === null) return;
			const agent = engine.state.agentIndex(event.agent);
			const oldRate = agent >= 0 ? arrivals.rate(agent) : null;
			if (oldRate === null) return;
			const newRate = oldRate * event.multiplier;
			arrivals.setRate(agent, newRate);
			logExecuted(engine, tick, event.type, {
				agent: event.agent,
				multiplier: event.multiplier,
				old_rate: oldRate,
				new_rate: newRate
			});
			return;
		}
		case 'counterparty_weight_change': {
			if (event.new_weight < 0)
				throw new SimulationError('InvalidConfig', 'Counterparty weight cannot be negative');
			if (arrivals === null) return;
			const agent = engine.state.agentIndex(event.agent);
			if (agent >= 0) arrivals.setCounterpartyWeight(agent, event.counterparty, event.new_weight);
			logExecuted(engine, tick, event.type, {
				agent: event.agent,
				counterparty: event.counterparty,
				new_weight: event.new_weight,
				auto_balance_others: event.auto_balance_others
			});
			return;
		}
		case 'deadline_window_change': {
			const { min_ticks_multiplier: minMult, max_ticks_multiplier: maxMult } = event;
			if (minMult !== null) checkMultiplier(minMult, 'Deadline multiplier must be positive');
			if (maxMult !== null) checkMultiplier(maxMult, 'Deadline multiplier must be positive');
			if (arrivals === null) return;
			for (let agent = 0; agent < engine.state.agentCount; agent++) {
				const range = arrivals.deadlineRange(agent);
				if (range === null) continue;
				const min = minMult !== null ? toUsize(range[0] * minMult) : range[0];
				const max = maxMult !== null ? toUsize(range[1] * maxMult) : range[1];
				arrivals.setDeadlineRange(agent, min, max);
			}
			logExecuted(engine, tick, event.type, { min_ticks_multiplier: minMult, max_ticks_multiplier: maxMult });
			return;
		}
		case 'scheduled_settlement': {
			const from = agentOrFail(engine, event.from_agent, false);
			const to = agentOrFail(engine, event.to_agent, false);
			if (event.amount <= 0) {
				throw new SimulationError(
					'InvalidConfig',
					`ScheduledSettlement amount must be positive, got ${event.amount}`
				);
			}
			const sender = engine.agents[from];
			if (!sender.canPay(event.amount)) {
				logExecuted(engine, tick, event.type, {
					from_agent: event.from_agent,
					to_agent: event.to_agent,
					amount: event.amount,
					settled: false,
					reason: 'insufficient_liquidity'
				});
				return;
			}
			const before = sender.balance;
			sender.debit(event.amount);
			engine.agents[to].credit(event.amount);
			engine.emit({
				event_type: 'RtgsImmediateSettlement',
				tick,
				tx_id: `scheduled_settlement_${event.from_agent}_${event.to_agent}_${event.amount}_${tick}`,
				sender: event.from_agent,
				receiver: event.to_agent,
				amount: event.amount,
				sender_balance_before: before,
				sender_balance_after: sender.balance
			});
			logExecuted(engine, tick, event.type, {
				from_agent: event.from_agent,
				to_agent: event.to_agent,
				amount: event.amount,
				settled: true
			});
			return;
		}
	}
}

/** `(x).round() as usize`: half away from zero, negative and NaN saturate to 0. */
function toUsize(x: number): number {
	const rounded = rustRound(x);
	return Number.isNaN(rounded) || rounded < 0 ? 0 : rounded;
}
