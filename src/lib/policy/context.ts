/**
 * Context fields of the policy language: the catalogue the engine supplies values for.
 *
 * A compiled policy refers to every field by an integer id (below) and asks the engine for a value
 * only when a condition or parameter on the path actually taken reads it. The engine implements
 * {@link PolicyContext}; the simplest implementation is a `switch (id)` over the ids, or a
 * Float64Array filled per agent (see {@link ArrayPolicyContext}).
 *
 * Notation (engine state at the moment of evaluation): B balance in cents (may be negative),
 * U unsecured cap, C posted collateral, h collateral haircut (0.02 by default), used = max(0, -B),
 * CV = floor(C * max(0, 1 - h)), t current tick, T ticks per day, Q1 the agent's Queue 1 (an entry listed
 * twice counts twice), Q2 the central RTGS queue. Booleans are 1 / 0. Sums use remaining amounts.
 */

/** The four trees of a policy document, by their JSON key. */
export type TreeName =
	| 'payment_tree'
	| 'bank_tree'
	| 'strategic_collateral_tree'
	| 'end_of_tick_collateral_tree';

export const TREE_NAMES: readonly TreeName[] = [
	'bank_tree',
	'payment_tree',
	'strategic_collateral_tree',
	'end_of_tick_collateral_tree'
];

/**
 * Field ids. Ids 0-14 are transaction fields (payment tree only); ids 15-64 are agent/system fields
 * (every tree; `overdraft_utilization` is absent from the bank tree's context).
 */
export const FieldId = {
	// Transaction fields: the transaction being decided (payment tree only).
	/** Transaction amount (for a split child, the child's own amount). */
	amount: 0,
	/** Amount not yet settled; equals `amount` for anything sitting in a queue. */
	remaining_amount: 1,
	/** amount - remaining_amount. */
	settled_amount: 2,
	/** Tick the transaction arrived (split children keep the parent's). */
	arrival_tick: 3,
	/** Deadline tick after the scenario's capping. */
	deadline_tick: 4,
	/** Current internal priority, 0-10. */
	priority: 5,
	/** 1 if the transaction was created by Split / PaceAndRelease / StaggerSplit. */
	is_split: 6,
	/** 1 if t > deadline_tick (0 at the deadline tick itself). */
	is_past_deadline: 7,
	/** 1 if the transaction's status is overdue (set at cost accrual, Queue-2 retry or Drop; lags is_past_deadline). */
	is_overdue: 8,
	/** 1 if the transaction carries an RTGS priority (released, not withdrawn): 0 in step 2, 1 in step 2b. */
	is_in_queue2: 9,
	/** max(0, t - overdue_since) when overdue, else 0. */
	overdue_duration: 10,
	/** deadline_tick - t (may be negative). */
	ticks_to_deadline: 11,
	/** max(0, t - arrival_tick): age since arrival, not time in Queue 1. */
	queue_age: 12,
	/** remaining_amount * delay_cost_per_tick_per_cent. */
	cost_delay_this_tx_one_tick: 13,
	/** overdraft_bps_per_tick / 10000 * remaining_amount. */
	cost_overdraft_this_amount_one_tick: 14,

	// Agent fields.
	/** B. */
	balance: 15,
	/** U (alias of unsecured_cap; excludes collateral). */
	credit_limit: 16,
	/** max(B, 0) + max(0, U + CV - used): what settlement tests against. */
	available_liquidity: 17,
	/** used = max(0, -B). */
	credit_used: 18,
	/** B + U - used (ignores collateral). */
	effective_liquidity: 19,
	/** U - used (may be negative). */
	credit_headroom: 20,
	/** 1 if B < 0. */
	is_using_credit: 21,
	/** Always 0 in scenario-driven runs (nothing sets it). */
	liquidity_buffer: 22,
	/** Number of entries in Q1. */
	outgoing_queue_size: 23,
	/** Always 0 in simulations (the list is never filled). */
	incoming_expected_count: 24,
	/** S = B + U + C; 1 if S == 0 else 1 - max(B, 0) / S (unclamped). */
	liquidity_pressure: 25,
	/** Always 1. */
	is_overdraft_capped: 26,

	// Queue fields.
	/** Sum of remaining amounts over Q1. */
	queue1_total_value: 27,
	/** max(0, queue1_total_value - available_liquidity). */
	queue1_liquidity_gap: 28,
	/** available_liquidity - queue1_total_value (may be negative). */
	headroom: 29,

	// Time and system.
	/** t. */
	current_tick: 30,
	/** Number of entries in Q2 over all agents, live. */
	rtgs_queue_size: 31,
	/** Sum of remaining amounts over Q2 (all agents), live. */
	rtgs_queue_value: 32,
	/** Number of agents in the simulation. */
	total_agents: 33,

	// Collateral and overdraft.
	/** C. */
	posted_collateral: 34,
	/** Configured max_collateral_capacity, else 10 * U. */
	max_collateral_capacity: 35,
	/** max_collateral_capacity - C. */
	remaining_collateral_capacity: 36,
	/** C / max_collateral_capacity if capacity > 0, else 0. */
	collateral_utilization: 37,
	/** h < 1 ? ceil((used - min(U, used)) / max(0, 1 - h)) : 0. */
	required_collateral_for_usage: 38,
	/** max(0, C - required_collateral_for_usage). */
	excess_collateral: 39,
	/** used / allowed_overdraft_limit if that limit > 0, else 0. Not present in the bank tree's context. */
	overdraft_utilization: 40,
	/** allowed_overdraft_limit - used. */
	overdraft_headroom: 41,
	/** h. */
	collateral_haircut: 42,
	/** U. */
	unsecured_cap: 43,
	/** CV + U. */
	allowed_overdraft_limit: 44,

	// Queue 2.
	/** Number of entries in Q2 over all agents, live (same as rtgs_queue_size). */
	queue2_size: 45,
	/** Number of this agent's transactions (as sender) in Q2, from the per-agent index rebuilt at step 5.5. */
	queue2_count_for_agent: 46,
	/** Smallest deadline among those; 2^64 - 1 (the double 18446744073709551615) when there are none. */
	queue2_nearest_deadline: 47,
	/** max(0, nearest - t); +Infinity when there are none. */
	ticks_to_nearest_queue2_deadline: 48,

	// Cost rates (scenario cost_rates).
	/** overdraft_bps_per_tick. */
	cost_overdraft_bps_per_tick: 49,
	/** delay_cost_per_tick_per_cent. */
	cost_delay_per_tick_per_cent: 50,
	/** collateral_cost_per_tick_bps. */
	cost_collateral_bps_per_tick: 51,
	/** split_friction_cost. */
	cost_split_friction: 52,
	/** deadline_penalty. */
	cost_deadline_penalty: 53,
	/** eod_penalty_per_transaction. */
	cost_eod_penalty: 54,

	// Time of day.
	/** T. */
	system_ticks_per_day: 55,
	/** floor(t / T). */
	system_current_day: 56,
	/** t mod T. */
	system_tick_in_day: 57,
	/** max(0, T - tick_in_day - 1). */
	ticks_remaining_in_day: 58,
	/** tick_in_day / T (never reaches 1). */
	day_progress_fraction: 59,
	/** 1 if day_progress_fraction >= eod_rush_threshold (0.8). */
	is_eod_rush: 60,

	// Throughput and public signals.
	/** 0 if no agents or Q2 empty; else with x = size(Q2) / (10 * agents): min(1, 1 / (1 + e^(-2x))). */
	system_queue2_pressure_index: 61,
	/**
	 * Over ALL transactions ever created with this agent as sender (every day; split parents and children and
	 * dropped ones all count): sum(settled) / sum(amount), 0 when sum(amount) is 0. Not reset per day.
	 * The engine should keep the two running sums per agent (add amount on creation, add settled amounts
	 * on each settlement) instead of rescanning every transaction.
	 */
	my_throughput_fraction_today: 62,
	/** tick_in_day / T. */
	expected_throughput_fraction_by_now: 63,
	/** my_throughput_fraction_today - expected_throughput_fraction_by_now. */
	throughput_gap: 64
} as const;

export type FieldName = keyof typeof FieldId;
export type FieldIdValue = (typeof FieldId)[FieldName];

/** Number of field ids; a Float64Array of this length holds a full context. */
export const FIELD_COUNT = 65;

/** First agent-level field id; ids below it are transaction fields. */
export const FIRST_AGENT_FIELD_ID = 15;

/** Field names by id (index = id). */
export const FIELD_NAMES: readonly FieldName[] = (Object.keys(FieldId) as FieldName[]).sort(
	(a, b) => FieldId[a] - FieldId[b]
);

/** The 15 transaction fields usable in the payment tree. */
export const TRANSACTION_FIELDS: readonly FieldName[] = FIELD_NAMES.slice(0, FIRST_AGENT_FIELD_ID);

/** The 50 agent/system fields usable in every tree (the bank tree's context lacks overdraft_utilization). */
export const AGENT_FIELDS: readonly FieldName[] = FIELD_NAMES.slice(FIRST_AGENT_FIELD_ID);

/**
 * Names that pass validation in the payment tree but exist in no context: reading one is the run-time
 * error "Field not found".
 */
export const PHANTOM_TRANSACTION_FIELDS: readonly string[] = [
	'time_in_queue',
	'cost_delay_so_far',
	'cost_if_settled_now',
	'cost_if_held_one_tick',
	'cost_urgency'
];

/** Prefix of state registers: readable as fields in every tree, written by SetState / AddState. */
export const REGISTER_PREFIX = 'bank_state_';

/** At most this many registers per agent; new keys beyond it are refused by the engine. */
export const MAX_REGISTERS_PER_AGENT = 10;

/** Value of queue2_nearest_deadline when the agent has nothing in Queue 2: u64::MAX, which as a double is 2^64. */
export const NO_QUEUE2_DEADLINE = 2 ** 64;

/** Threshold of is_eod_rush (not configurable from a scenario at the reference commit). */
export const EOD_RUSH_THRESHOLD = 0.8;

/** Default collateral haircut h. */
export const DEFAULT_COLLATERAL_HAIRCUT = 0.02;

/**
 * What the engine implements to supply values. Called lazily, only for fields on the path taken.
 * For the bank and collateral trees the transaction fields (ids below 15) are never requested.
 */
export interface PolicyContext {
	/** Value of the field with this id, as a double (engine integers converted exactly). */
	field(id: number): number;
	/** Value of the agent's state register `name` (which starts with `bank_state_`), 0 when unset. */
	register(name: string): number;
}

/** A context backed by a Float64Array indexed by field id and a register map; handy for tests and tools. */
export class ArrayPolicyContext implements PolicyContext {
	readonly values: Float64Array;
	readonly registers: Map<string, number>;

	constructor(values?: Float64Array, registers?: Map<string, number>) {
		this.values = values ?? new Float64Array(FIELD_COUNT);
		this.registers = registers ?? new Map();
	}

	field(id: number): number {
		return this.values[id];
	}

	register(name: string): number {
		return this.registers.get(name) ?? 0;
	}

	/** Sets fields by name; unknown names are a programming error. */
	set(fields: Partial<Record<FieldName, number>>): this {
		for (const name of Object.keys(fields) as FieldName[]) {
			const id = FieldId[name];
			if (id === undefined) throw new Error(`Unknown policy field: ${name}`);
			this.values[id] = fields[name] as number;
		}
		return this;
	}
}

/** True when `name` is a field id name of the catalogue. */
export function isFieldName(name: string): name is FieldName {
	return Object.prototype.hasOwnProperty.call(FieldId, name);
}
