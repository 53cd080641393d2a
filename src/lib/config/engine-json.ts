/**
 * The engine configuration in its JSON form: serde JSON of SimCash's `OrchestratorConfig`, i.e. the
 * `config.json` of the golden folders, which `parseEngineConfig` in src/lib/engine reads. Externally
 * tagged enums, snake_case scenario event types, `null` for absent optional values.
 * Parts whose JSON form is the engine's own type (no maps, no u64) are aliases of it.
 */
import type {
	AmountDistribution,
	CostRates,
	EventSchedule,
	LsmConfig,
	PriorityDelayMultipliers,
	PriorityDistribution,
	PriorityEscalationConfig,
	ScenarioEvent,
	ScheduledScenarioEvent
} from '../engine';

export type EnginePolicyJson =
	| 'Fifo'
	| { Deadline: { urgency_threshold: number } }
	| { LiquidityAware: { target_buffer: number; urgency_threshold: number } }
	| { LiquiditySplitting: { max_splits: number; min_split_amount: number } }
	| { MockSplitting: { num_splits: number } }
	| { FromJson: { json: string } };

export type EngineAmountDistributionJson = AmountDistribution;

export type EnginePriorityDistributionJson = PriorityDistribution;

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

export type EnginePriorityDelayMultipliersJson = PriorityDelayMultipliers;

export type EngineCostRatesJson = CostRates;

export type EngineLsmConfigJson = LsmConfig;

export type EngineScenarioEventJson = ScenarioEvent;

export type EngineScheduleJson = EventSchedule;

export type EngineScheduledEventJson = ScheduledScenarioEvent;

export type EnginePriorityEscalationJson = PriorityEscalationConfig;

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
