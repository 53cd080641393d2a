/**
 * The engine configuration in its JSON form: serde JSON of SimCash's `OrchestratorConfig`, i.e. the
 * `config.json` of the golden folders, which `parseEngineConfig` in src/lib/engine reads. Externally
 * tagged enums, snake_case scenario event types, `null` for absent optional values.
 */

export type EnginePolicyJson =
	| 'Fifo'
	| { Deadline: { urgency_threshold: number } }
	| { LiquidityAware: { target_buffer: number; urgency_threshold: number } }
	| { LiquiditySplitting: { max_splits: number; min_split_amount: number } }
	| { MockSplitting: { num_splits: number } }
	| { FromJson: { json: string } };

export type EngineAmountDistributionJson =
	| { Normal: { mean: number; std_dev: number } }
	| { LogNormal: { mean: number; std_dev: number } }
	| { Uniform: { min: number; max: number } }
	| { Exponential: { rate: number } };

export type EnginePriorityDistributionJson =
	| { Fixed: { value: number } }
	| { Categorical: { values: number[]; weights: number[] } }
	| { Uniform: { min: number; max: number } };

export interface EngineArrivalConfigJson {
	rate_per_tick: number;
	amount_distribution: EngineAmountDistributionJson;
	counterparty_weights: Record<string, number>;
	deadline_range: [number, number];
	priority_distribution: EnginePriorityDistributionJson;
	divisible: boolean;
}

export interface EngineArrivalBandJson {
	rate_per_tick: number;
	amount_distribution: EngineAmountDistributionJson;
	deadline_offset_min: number;
	deadline_offset_max: number;
	counterparty_weights: Record<string, number>;
	divisible: boolean;
}

export interface EngineArrivalBandsJson {
	urgent: EngineArrivalBandJson | null;
	normal: EngineArrivalBandJson | null;
	low: EngineArrivalBandJson | null;
}

export interface EngineLimitsJson {
	bilateral_limits: Record<string, number>;
	multilateral_limit: number | null;
}

export interface EngineAgentJson {
	id: string;
	opening_balance: number;
	unsecured_cap: number;
	policy: EnginePolicyJson;
	arrival_config: EngineArrivalConfigJson | null;
	arrival_bands: EngineArrivalBandsJson | null;
	posted_collateral: number | null;
	collateral_haircut: number | null;
	max_collateral_capacity: number | null;
	limits: EngineLimitsJson | null;
	liquidity_pool: number | null;
	liquidity_allocation_fraction: number | null;
}

export interface EnginePriorityDelayMultipliersJson {
	urgent_multiplier: number;
	normal_multiplier: number;
	low_multiplier: number;
}

export interface EngineCostRatesJson {
	overdraft_bps_per_tick: number;
	delay_cost_per_tick_per_cent: number;
	collateral_cost_per_tick_bps: number;
	eod_penalty_per_transaction: number;
	deadline_penalty: number;
	split_friction_cost: number;
	overdue_delay_multiplier: number;
	priority_delay_multipliers: EnginePriorityDelayMultipliersJson | null;
	liquidity_cost_per_tick_bps: number;
}

export interface EngineLsmConfigJson {
	enable_bilateral: boolean;
	enable_cycles: boolean;
	max_cycle_length: number;
	max_cycles_per_tick: number;
}

export type EngineScenarioEventJson =
	| { type: 'direct_transfer'; from_agent: string; to_agent: string; amount: number }
	| {
			type: 'custom_transaction_arrival';
			from_agent: string;
			to_agent: string;
			amount: number;
			priority: number | null;
			deadline: number | null;
			is_divisible: boolean | null;
	  }
	| { type: 'collateral_adjustment'; agent: string; delta: number }
	| { type: 'global_arrival_rate_change'; multiplier: number }
	| { type: 'agent_arrival_rate_change'; agent: string; multiplier: number }
	| {
			type: 'counterparty_weight_change';
			agent: string;
			counterparty: string;
			new_weight: number;
			auto_balance_others: boolean;
	  }
	| {
			type: 'deadline_window_change';
			min_ticks_multiplier: number | null;
			max_ticks_multiplier: number | null;
	  }
	| { type: 'scheduled_settlement'; from_agent: string; to_agent: string; amount: number };

export type EngineScheduleJson = { tick: number } | { start_tick: number; interval: number };

export interface EngineScheduledEventJson {
	event: EngineScenarioEventJson;
	schedule: EngineScheduleJson;
}

export interface EnginePriorityEscalationJson {
	enabled: boolean;
	curve: string;
	start_escalating_at_ticks: number;
	max_boost: number;
}

export interface EngineConfigJson {
	ticks_per_day: number;
	eod_rush_threshold: number;
	num_days: number;
	/** A string when above 2^53, where a JSON number would lose digits (the engine reads both). */
	rng_seed: number | string;
	agent_configs: EngineAgentJson[];
	cost_rates: EngineCostRatesJson;
	lsm_config: EngineLsmConfigJson;
	scenario_events: EngineScheduledEventJson[] | null;
	queue1_ordering: 'fifo' | 'priority_deadline';
	priority_mode: boolean;
	priority_escalation: EnginePriorityEscalationJson;
	algorithm_sequencing: boolean;
	entry_disposition_offsetting: boolean;
	deferred_crediting: boolean;
	deadline_cap_at_eod: boolean;
}
