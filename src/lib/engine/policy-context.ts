/**
 * The engine's side of the policy interface: field values for one evaluation, computed on demand from
 * live state and the incremental counters (Queue 1 value per agent, Queue 2 value, per-sender
 * throughput sums), never by rescanning transactions.
 */
import { FieldId, NO_QUEUE2_DEADLINE, type PolicyContext } from '../policy/context';
import type { Agent } from './agents';
import type { CostRates } from './config';
import type { SimulationState } from './state';
import { RtgsPriority, TxStatus } from './transactions';

export class EnginePolicyContext implements PolicyContext {
	/** Agent being evaluated. */
	agent!: Agent;
	/** Transaction being decided, or -1 for the bank and collateral trees (placeholder transaction). */
	tx = -1;
	tick = 0;

	constructor(
		private readonly state: SimulationState,
		private readonly rates: CostRates,
		private readonly ticksPerDay: number,
		private readonly eodRushThreshold: number
	) {}

	/** Points the context at an agent (and optionally a transaction) for the next evaluations. */
	target(agent: Agent, tx: number, tick: number): this {
		this.agent = agent;
		this.tx = tx;
		this.tick = tick;
		return this;
	}

	register(name: string): number {
		return this.agent.stateRegisters.get(name) ?? 0;
	}

	field(id: number): number {
		return id < FieldId.balance ? this.transactionField(id) : this.agentField(id);
	}

	private transactionField(id: number): number {
		const t = this.tick;
		if (this.tx < 0) return placeholderField(id, t, this.rates);
		const txs = this.state.txs;
		const ix = this.tx;
		switch (id) {
			case FieldId.amount:
				return txs.amount[ix];
			case FieldId.remaining_amount:
				return txs.remaining[ix];
			case FieldId.settled_amount:
				return txs.amount[ix] - txs.remaining[ix];
			case FieldId.arrival_tick:
				return txs.arrivalTick[ix];
			case FieldId.deadline_tick:
				return txs.deadlineTick[ix];
			case FieldId.priority:
				return txs.priority[ix];
			case FieldId.is_split:
				return txs.parent[ix] >= 0 ? 1 : 0;
			case FieldId.is_past_deadline:
				return t > txs.deadlineTick[ix] ? 1 : 0;
			case FieldId.is_overdue:
				return txs.status[ix] === TxStatus.Overdue ? 1 : 0;
			case FieldId.is_in_queue2:
				return txs.rtgsPriority[ix] !== RtgsPriority.None ? 1 : 0;
			case FieldId.overdue_duration:
				return txs.status[ix] === TxStatus.Overdue ? Math.max(0, t - txs.statusTick[ix]) : 0;
			case FieldId.ticks_to_deadline:
				return txs.deadlineTick[ix] - t;
			case FieldId.queue_age:
				return Math.max(0, t - txs.arrivalTick[ix]);
			case FieldId.cost_delay_this_tx_one_tick:
				return txs.remaining[ix] * this.rates.delay_cost_per_tick_per_cent;
			case FieldId.cost_overdraft_this_amount_one_tick:
				return (this.rates.overdraft_bps_per_tick / 10_000.0) * txs.remaining[ix];
			default:
				throw new Error(`unknown transaction field id ${id}`);
		}
	}

	private agentField(id: number): number {
		const a = this.agent;
		const state = this.state;
		const t = this.tick;
		const tpd = this.ticksPerDay;
		switch (id) {
			case FieldId.balance:
				return a.balance;
			case FieldId.credit_limit:
			case FieldId.unsecured_cap:
				return a.unsecuredCap;
			case FieldId.available_liquidity:
				return a.availableLiquidity;
			case FieldId.credit_used:
				return a.creditUsed;
			case FieldId.effective_liquidity:
				return a.balance + (a.unsecuredCap - a.creditUsed);
			case FieldId.credit_headroom:
				return a.unsecuredCap - a.creditUsed;
			case FieldId.is_using_credit:
				return a.balance < 0 ? 1 : 0;
			case FieldId.liquidity_buffer:
			case FieldId.incoming_expected_count:
				return 0;
			case FieldId.outgoing_queue_size:
				return a.queue1.length;
			case FieldId.liquidity_pressure:
				return a.liquidityPressure;
			case FieldId.is_overdraft_capped:
				return 1;
			case FieldId.queue1_total_value:
				return a.queue1Value;
			case FieldId.queue1_liquidity_gap:
				return Math.max(0, a.queue1Value - a.availableLiquidity);
			case FieldId.headroom:
				return a.availableLiquidity - a.queue1Value;
			case FieldId.current_tick:
				return t;
			case FieldId.rtgs_queue_size:
			case FieldId.queue2_size:
				return state.queue2.size;
			case FieldId.rtgs_queue_value:
				return state.queue2.value;
			case FieldId.total_agents:
				return state.agentCount;
			case FieldId.posted_collateral:
				return a.postedCollateral;
			case FieldId.max_collateral_capacity:
				return a.maxCollateralCapacity;
			case FieldId.remaining_collateral_capacity:
				return a.remainingCollateralCapacity;
			case FieldId.collateral_utilization: {
				const capacity = a.maxCollateralCapacity;
				return capacity > 0 ? a.postedCollateral / capacity : 0;
			}
			case FieldId.required_collateral_for_usage:
				return requiredCollateralForUsage(a);
			case FieldId.excess_collateral:
				return Math.max(0, a.postedCollateral - requiredCollateralForUsage(a));
			case FieldId.overdraft_utilization: {
				const limit = a.allowedOverdraftLimit;
				return limit > 0 ? a.creditUsed / limit : 0;
			}
			case FieldId.overdraft_headroom:
				return a.headroom;
			case FieldId.collateral_haircut:
				return a.collateralHaircut;
			case FieldId.allowed_overdraft_limit:
				return a.allowedOverdraftLimit;
			case FieldId.queue2_count_for_agent:
				return state.queue2Index.count(a.index);
			case FieldId.queue2_nearest_deadline: {
				const nearest = state.queue2Index.nearestDeadline[a.index];
				return nearest === Infinity ? NO_QUEUE2_DEADLINE : nearest;
			}
			case FieldId.ticks_to_nearest_queue2_deadline: {
				const nearest = state.queue2Index.nearestDeadline[a.index];
				return nearest === Infinity ? Infinity : Math.max(0, nearest - t);
			}
			case FieldId.cost_overdraft_bps_per_tick:
				return this.rates.overdraft_bps_per_tick;
			case FieldId.cost_delay_per_tick_per_cent:
				return this.rates.delay_cost_per_tick_per_cent;
			case FieldId.cost_collateral_bps_per_tick:
				return this.rates.collateral_cost_per_tick_bps;
			case FieldId.cost_split_friction:
				return this.rates.split_friction_cost;
			case FieldId.cost_deadline_penalty:
				return this.rates.deadline_penalty;
			case FieldId.cost_eod_penalty:
				return this.rates.eod_penalty_per_transaction;
			case FieldId.system_ticks_per_day:
				return tpd;
			case FieldId.system_current_day:
				return Math.floor(t / tpd);
			case FieldId.system_tick_in_day:
				return t % tpd;
			case FieldId.ticks_remaining_in_day:
				return Math.max(0, tpd - (t % tpd) - 1);
			case FieldId.day_progress_fraction:
			case FieldId.expected_throughput_fraction_by_now:
				return (t % tpd) / tpd;
			case FieldId.is_eod_rush:
				return (t % tpd) / tpd >= this.eodRushThreshold ? 1 : 0;
			case FieldId.system_queue2_pressure_index: {
				const size = state.queue2.size;
				if (state.agentCount === 0 || size === 0) return 0;
				const x = size / (state.agentCount * 10);
				return Math.min(1, 1 / (1 + Math.exp(-2 * x)));
			}
			case FieldId.my_throughput_fraction_today:
				return throughputFraction(state, a.index);
			case FieldId.throughput_gap:
				return throughputFraction(state, a.index) - (t % tpd) / tpd;
			default:
				throw new Error(`unknown agent field id ${id}`);
		}
	}
}

function requiredCollateralForUsage(a: Agent): number {
	if (!(a.collateralHaircut < 1.0)) return 0;
	const oneMinusHaircut = Math.max(0, 1.0 - a.collateralHaircut);
	const used = a.creditUsed;
	return Math.ceil((used - Math.min(a.unsecuredCap, used)) / oneMinusHaircut);
}

function throughputFraction(state: SimulationState, agent: number): number {
	const total = state.sentAmount[agent];
	return total > 0 ? state.sentSettled[agent] / total : 0;
}

/**
 * Fields of the placeholder transaction the original builds for the collateral trees (receiver DUMMY,
 * amount 1, arrival now, deadline now + 1, priority 5). Policy validation keeps these trees from reading
 * them; they are here so that a context is always complete.
 */
function placeholderField(id: number, tick: number, rates: CostRates): number {
	switch (id) {
		case FieldId.amount:
		case FieldId.remaining_amount:
			return 1;
		case FieldId.arrival_tick:
			return tick;
		case FieldId.deadline_tick:
			return tick + 1;
		case FieldId.priority:
			return 5;
		case FieldId.ticks_to_deadline:
			return 1;
		case FieldId.cost_delay_this_tx_one_tick:
			return rates.delay_cost_per_tick_per_cent;
		case FieldId.cost_overdraft_this_amount_one_tick:
			return rates.overdraft_bps_per_tick / 10_000.0;
		default:
			return 0;
	}
}
