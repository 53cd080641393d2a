/**
 * The checkpoint document (§12.8): the original's `StateSnapshot` keys and fields, extended with every
 * piece of state the original's restore loses (RTGS and original priorities, release budgets, collateral
 * timers, state registers, the stale Queue 2 index, cost accumulators, daily metrics, collateral and LSM
 * records, runtime arrival changes), so that a restored engine continues exactly like the saved one.
 *
 * Transactions are listed in creation order (their ids are `tx_<index + 1>`); agents in sorted id order.
 */
import type { CollateralRecord } from './collateral';
import type { LsmCycle } from './lsm';
import type { DailyMetrics } from './metrics';

/** Value of `format`; bumped on any incompatible change of the document. */
export const CHECKPOINT_FORMAT = 'simcash-notebook-checkpoint/1';

/** An f64 in JSON: a plain number, or a string for the values JSON numbers cannot carry. */
export type JsonDouble = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/** Serde form of the original's `TransactionStatus`. */
export type TransactionStatusJson =
	| 'Pending'
	| { PartiallySettled: { first_settlement_tick: number } }
	| { Settled: { tick: number } }
	| { Overdue: { missed_deadline_tick: number } };

export type RtgsPriorityJson = 'HighlyUrgent' | 'Urgent' | 'Normal';

export interface TransactionSnapshot {
	id: string;
	sender_id: string;
	receiver_id: string;
	amount: number;
	remaining_amount: number;
	arrival_tick: number;
	deadline_tick: number;
	priority: number;
	status: TransactionStatusJson;
	parent_id: string | null;
	original_priority: number;
	rtgs_priority: RtgsPriorityJson | null;
	rtgs_submission_tick: number | null;
	declared_rtgs_priority: RtgsPriorityJson | null;
}

export interface ReleaseBudgetSnapshot {
	max_value: number | null;
	/** null: no budget in force (the original's i64::MAX). */
	remaining: number | null;
	focus_counterparties: string[] | null;
	max_per_counterparty: number | null;
	usage: Record<string, number>;
}

export interface CollateralTimerSnapshot {
	/** Tick the timer fires at (timers keyed to a past tick never fire, but are kept). */
	tick: number;
	amount: number;
	reason: string;
	posted_at_tick: number;
}

export interface CostsSnapshot {
	liquidity_cost: number;
	delay_cost: number;
	collateral_cost: number;
	penalty_cost: number;
	split_friction_cost: number;
	liquidity_opportunity_cost: number;
	peak_net_debit: number;
}

/** The part of a legacy arrival configuration that scenario events change. */
export interface ArrivalsSnapshot {
	rate_per_tick: JsonDouble;
	/** Rate that global multipliers apply to. */
	base_rate: JsonDouble;
	counterparty_weights: Record<string, JsonDouble>;
	deadline_range: [number, number];
}

export interface AgentSnapshot {
	id: string;
	balance: number;
	unsecured_cap: number;
	outgoing_queue: string[];
	/** Never filled by the engine; kept for the original's format. */
	incoming_expected: string[];
	/** Never set by the engine; kept for the original's format. */
	last_decision_tick: number | null;
	/** Never set by the engine; kept for the original's format. */
	liquidity_buffer: number;
	posted_collateral: number;
	collateral_haircut: JsonDouble;
	collateral_posted_at_tick: number | null;
	bilateral_limits: Record<string, number>;
	multilateral_limit: number | null;
	bilateral_outflows: Record<string, number>;
	total_outflow: number;
	allocated_liquidity: number;
	max_collateral_capacity: number | null;
	release_budget: ReleaseBudgetSnapshot;
	/** In the order they were scheduled. */
	collateral_timers: CollateralTimerSnapshot[];
	/** In insertion order. */
	state_registers: Record<string, JsonDouble>;
	/** This agent's entries of the Queue 2 index as of its last rebuild (step 5.5); step 2b reads it. */
	queue2_index: string[];
	costs: CostsSnapshot;
	/** The open daily-metrics record of the current day. */
	daily_metrics: DailyMetrics;
	/** null when the agent has no legacy `arrival_config`. */
	arrivals: ArrivalsSnapshot | null;
}

/** A collateral record is plain data already. */
export type CollateralRecordSnapshot = CollateralRecord;

/** An LSM cycle record without the tie-break indices, which restore recomputes. */
export type LsmCycleRecordSnapshot = LsmCycle;

export interface EngineCheckpoint {
	format: typeof CHECKPOINT_FORMAT;
	current_tick: number;
	current_day: number;
	/** The RNG's current u64 state in decimal (a JSON number cannot carry every u64 exactly). */
	rng_seed: string;
	agents: AgentSnapshot[];
	transactions: TransactionSnapshot[];
	rtgs_queue: string[];
	/** SHA-256 of the canonical configuration (§3.12). */
	config_hash: string;
	/** Closed daily-metrics records, day by day. */
	daily_metrics_history: DailyMetrics[][];
	collateral_records: CollateralRecordSnapshot[];
	lsm_cycle_records: LsmCycleRecordSnapshot[];
}

/** What `get_checkpoint_info` reports without restoring. */
export interface CheckpointInfo {
	current_tick: number;
	current_day: number;
	rng_seed: string;
	config_hash: string;
	num_agents: number;
	num_transactions: number;
}

export function doubleToJson(value: number): JsonDouble {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return 'Infinity';
	if (value === -Infinity) return '-Infinity';
	if (Object.is(value, -0)) return '-0';
	return value;
}
