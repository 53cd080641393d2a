/**
 * The engine's input: SimCash's serialized engine configuration (serde JSON of `OrchestratorConfig`,
 * the `config.json` form of the golden folders), parsed and validated into typed form.
 *
 * Field names stay those of the JSON form so that a configuration can be traced key by key. Keys the
 * original would take from defaults when absent get the same defaults here; unknown keys are ignored.
 */
import {
	asArray,
	asBoolean,
	asByte,
	asCount,
	asInteger,
	asNumber,
	asNumberMap,
	asObject,
	asString,
	asVariant,
	joinPath,
	optional,
	required,
	type JsonObject
} from './config-reader';
import { ConfigError } from './errors';

export type AmountDistribution =
	| { Uniform: { min: number; max: number } }
	| { Normal: { mean: number; std_dev: number } }
	| { LogNormal: { mean: number; std_dev: number } }
	| { Exponential: { rate: number } };

export type PriorityDistribution =
	| { Fixed: { value: number } }
	| { Categorical: { values: number[]; weights: number[] } }
	| { Uniform: { min: number; max: number } };

export interface ArrivalConfig {
	rate_per_tick: number;
	amount_distribution: AmountDistribution;
	/** Receiver weights; an empty map means uniform choice (§6.6). */
	counterparty_weights: Map<string, number>;
	deadline_range: [number, number];
	priority_distribution: PriorityDistribution;
	divisible: boolean;
}

export interface ArrivalBandConfig {
	rate_per_tick: number;
	amount_distribution: AmountDistribution;
	deadline_offset_min: number;
	deadline_offset_max: number;
	counterparty_weights: Map<string, number>;
	divisible: boolean;
}

export interface ArrivalBandsConfig {
	urgent: ArrivalBandConfig | null;
	normal: ArrivalBandConfig | null;
	low: ArrivalBandConfig | null;
}

export interface AgentLimitsConfig {
	bilateral_limits: Map<string, number>;
	multilateral_limit: number | null;
}

export type PolicyConfig =
	| 'Fifo'
	| { Deadline: { urgency_threshold: number } }
	| { LiquidityAware: { target_buffer: number; urgency_threshold: number } }
	| { LiquiditySplitting: { max_splits: number; min_split_amount: number } }
	| { MockSplitting: { num_splits: number } }
	| {
			MockStaggerSplit: {
				num_splits: number;
				stagger_first_now: number;
				stagger_gap_ticks: number;
				priority_boost_children: number;
			};
	  }
	| { FromJson: { json: string } };

export interface AgentConfig {
	id: string;
	opening_balance: number;
	unsecured_cap: number;
	policy: PolicyConfig;
	arrival_config: ArrivalConfig | null;
	arrival_bands: ArrivalBandsConfig | null;
	posted_collateral: number | null;
	collateral_haircut: number | null;
	max_collateral_capacity: number | null;
	limits: AgentLimitsConfig | null;
	liquidity_pool: number | null;
	liquidity_allocation_fraction: number | null;
}

export interface PriorityDelayMultipliers {
	urgent_multiplier: number;
	normal_multiplier: number;
	low_multiplier: number;
}

export interface CostRates {
	overdraft_bps_per_tick: number;
	delay_cost_per_tick_per_cent: number;
	collateral_cost_per_tick_bps: number;
	eod_penalty_per_transaction: number;
	deadline_penalty: number;
	split_friction_cost: number;
	overdue_delay_multiplier: number;
	priority_delay_multipliers: PriorityDelayMultipliers | null;
	liquidity_cost_per_tick_bps: number;
}

export interface LsmConfig {
	enable_bilateral: boolean;
	enable_cycles: boolean;
	max_cycle_length: number;
	max_cycles_per_tick: number;
}

export interface PriorityEscalationConfig {
	enabled: boolean;
	curve: string;
	start_escalating_at_ticks: number;
	max_boost: number;
}

export type ScenarioEvent =
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

export type ScenarioEventType = ScenarioEvent['type'];

export type EventSchedule = { tick: number } | { start_tick: number; interval: number };

export interface ScheduledScenarioEvent {
	event: ScenarioEvent;
	schedule: EventSchedule;
}

export type Queue1Ordering = 'fifo' | 'priority_deadline';

export interface EngineConfig {
	ticks_per_day: number;
	eod_rush_threshold: number;
	num_days: number;
	/** u64 seed; JSON numbers above 2^53 must be given as strings to stay exact. */
	rng_seed: bigint;
	agent_configs: AgentConfig[];
	cost_rates: CostRates;
	lsm_config: LsmConfig;
	scenario_events: ScheduledScenarioEvent[];
	queue1_ordering: Queue1Ordering;
	priority_mode: boolean;
	priority_escalation: PriorityEscalationConfig;
	algorithm_sequencing: boolean;
	entry_disposition_offsetting: boolean;
	deferred_crediting: boolean;
	deadline_cap_at_eod: boolean;
}

export const DEFAULT_COST_RATES: Readonly<CostRates> = {
	overdraft_bps_per_tick: 0.001,
	delay_cost_per_tick_per_cent: 0.0001,
	collateral_cost_per_tick_bps: 0.0002,
	eod_penalty_per_transaction: 10000,
	deadline_penalty: 50000,
	split_friction_cost: 1000,
	overdue_delay_multiplier: 5.0,
	priority_delay_multipliers: null,
	liquidity_cost_per_tick_bps: 0.0
};

export const DEFAULT_LSM_CONFIG: Readonly<LsmConfig> = {
	enable_bilateral: true,
	enable_cycles: true,
	max_cycle_length: 4,
	max_cycles_per_tick: 10
};

export const DEFAULT_PRIORITY_ESCALATION: Readonly<PriorityEscalationConfig> = {
	enabled: false,
	curve: 'linear',
	start_escalating_at_ticks: 20,
	max_boost: 3
};

const U64_MAX = (1n << 64n) - 1n;

/** A u64 given as a JSON number up to 2^53, a decimal string, or a bigint. */
export function readSeed(value: unknown, path: string): bigint {
	let seed: bigint;
	if (typeof value === 'bigint') seed = value;
	else if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) {
			throw new ConfigError(path, `seed ${value} is not an exact integer; give seeds above 2^53 as a string`);
		}
		seed = BigInt(value);
	} else if (typeof value === 'string' && /^\d+$/.test(value)) seed = BigInt(value);
	else throw new ConfigError(path, `expected an unsigned integer, got ${JSON.stringify(value)}`);
	if (seed < 0n || seed > U64_MAX) throw new ConfigError(path, `seed ${seed} is outside the u64 range`);
	return seed;
}

function readAmountDistribution(value: unknown, path: string): AmountDistribution {
	const [name, body] = asVariant(value, path, ['Uniform', 'Normal', 'LogNormal', 'Exponential']);
	const p = joinPath(path, name);
	const obj = asObject(body, p);
	switch (name) {
		case 'Uniform':
			return {
				Uniform: { min: required(obj, 'min', p, asInteger), max: required(obj, 'max', p, asInteger) }
			};
		case 'Normal':
			return {
				Normal: { mean: required(obj, 'mean', p, asInteger), std_dev: required(obj, 'std_dev', p, asInteger) }
			};
		case 'LogNormal':
			return {
				LogNormal: {
					mean: required(obj, 'mean', p, asNumber),
					std_dev: required(obj, 'std_dev', p, asNumber)
				}
			};
		default:
			return { Exponential: { rate: required(obj, 'rate', p, asNumber) } };
	}
}

function readPriorityDistribution(value: unknown, path: string): PriorityDistribution {
	const [name, body] = asVariant(value, path, ['Fixed', 'Categorical', 'Uniform']);
	const p = joinPath(path, name);
	const obj = asObject(body, p);
	switch (name) {
		case 'Fixed':
			return { Fixed: { value: required(obj, 'value', p, asByte) } };
		case 'Categorical':
			return {
				Categorical: {
					values: required(obj, 'values', p, asArray).map((v, i) =>
						asByte(v, joinPath(joinPath(p, 'values'), i))
					),
					weights: required(obj, 'weights', p, asArray).map((v, i) =>
						asNumber(v, joinPath(joinPath(p, 'weights'), i))
					)
				}
			};
		default:
			return { Uniform: { min: required(obj, 'min', p, asByte), max: required(obj, 'max', p, asByte) } };
	}
}

function readDeadlineRange(value: unknown, path: string): [number, number] {
	const items = asArray(value, path);
	if (items.length !== 2) throw new ConfigError(path, `expected [min, max], got ${items.length} elements`);
	return [asCount(items[0], joinPath(path, 0)), asCount(items[1], joinPath(path, 1))];
}

function readArrivalConfig(value: unknown, path: string): ArrivalConfig {
	const obj = asObject(value, path);
	return {
		rate_per_tick: required(obj, 'rate_per_tick', path, asNumber),
		amount_distribution: required(obj, 'amount_distribution', path, readAmountDistribution),
		counterparty_weights: optional(obj, 'counterparty_weights', path, asNumberMap, new Map()),
		deadline_range: optional(obj, 'deadline_range', path, readDeadlineRange, [10, 50]),
		priority_distribution: optional(obj, 'priority_distribution', path, readPriorityDistribution, {
			Fixed: { value: 5 }
		}),
		divisible: optional(obj, 'divisible', path, asBoolean, false)
	};
}

function readBand(value: unknown, path: string): ArrivalBandConfig {
	const obj = asObject(value, path);
	return {
		rate_per_tick: required(obj, 'rate_per_tick', path, asNumber),
		amount_distribution: required(obj, 'amount_distribution', path, readAmountDistribution),
		deadline_offset_min: required(obj, 'deadline_offset_min', path, asCount),
		deadline_offset_max: required(obj, 'deadline_offset_max', path, asCount),
		counterparty_weights: optional(obj, 'counterparty_weights', path, asNumberMap, new Map()),
		divisible: optional(obj, 'divisible', path, asBoolean, false)
	};
}

function readBands(value: unknown, path: string): ArrivalBandsConfig {
	const obj = asObject(value, path);
	return {
		urgent: optional(obj, 'urgent', path, readBand, null),
		normal: optional(obj, 'normal', path, readBand, null),
		low: optional(obj, 'low', path, readBand, null)
	};
}

function readLimits(value: unknown, path: string): AgentLimitsConfig {
	const obj = asObject(value, path);
	const bilateral = optional(obj, 'bilateral_limits', path, asNumberMap, new Map());
	for (const [key, limit] of bilateral) asInteger(limit, joinPath(joinPath(path, 'bilateral_limits'), key));
	return {
		bilateral_limits: bilateral,
		multilateral_limit: optional(obj, 'multilateral_limit', path, asInteger, null)
	};
}

const POLICY_VARIANTS = [
	'Fifo',
	'Deadline',
	'LiquidityAware',
	'LiquiditySplitting',
	'MockSplitting',
	'MockStaggerSplit',
	'FromJson'
] as const;

function readPolicy(value: unknown, path: string): PolicyConfig {
	const [name, body] = asVariant(value, path, POLICY_VARIANTS);
	const p = joinPath(path, name);
	if (name === 'Fifo') return 'Fifo';
	const obj = asObject(body, p);
	switch (name) {
		case 'Deadline':
			return { Deadline: { urgency_threshold: required(obj, 'urgency_threshold', p, asCount) } };
		case 'LiquidityAware':
			return {
				LiquidityAware: {
					target_buffer: required(obj, 'target_buffer', p, asInteger),
					urgency_threshold: required(obj, 'urgency_threshold', p, asCount)
				}
			};
		case 'LiquiditySplitting':
			return {
				LiquiditySplitting: {
					max_splits: required(obj, 'max_splits', p, asCount),
					min_split_amount: required(obj, 'min_split_amount', p, asInteger)
				}
			};
		case 'MockSplitting':
			return { MockSplitting: { num_splits: required(obj, 'num_splits', p, asCount) } };
		case 'MockStaggerSplit':
			return {
				MockStaggerSplit: {
					num_splits: required(obj, 'num_splits', p, asCount),
					stagger_first_now: required(obj, 'stagger_first_now', p, asCount),
					stagger_gap_ticks: required(obj, 'stagger_gap_ticks', p, asCount),
					priority_boost_children: required(obj, 'priority_boost_children', p, asByte)
				}
			};
		default:
			return { FromJson: { json: required(obj, 'json', p, asString) } };
	}
}

function readAgent(value: unknown, path: string): AgentConfig {
	const obj = asObject(value, path);
	return {
		id: required(obj, 'id', path, asString),
		opening_balance: required(obj, 'opening_balance', path, asInteger),
		unsecured_cap: required(obj, 'unsecured_cap', path, asInteger),
		policy: required(obj, 'policy', path, readPolicy),
		arrival_config: optional(obj, 'arrival_config', path, readArrivalConfig, null),
		arrival_bands: optional(obj, 'arrival_bands', path, readBands, null),
		posted_collateral: optional(obj, 'posted_collateral', path, asInteger, null),
		collateral_haircut: optional(obj, 'collateral_haircut', path, asNumber, null),
		max_collateral_capacity: optional(obj, 'max_collateral_capacity', path, asInteger, null),
		limits: optional(obj, 'limits', path, readLimits, null),
		liquidity_pool: optional(obj, 'liquidity_pool', path, asInteger, null),
		liquidity_allocation_fraction: optional(obj, 'liquidity_allocation_fraction', path, asNumber, null)
	};
}

function readMultipliers(value: unknown, path: string): PriorityDelayMultipliers {
	const obj = asObject(value, path);
	return {
		urgent_multiplier: optional(obj, 'urgent_multiplier', path, asNumber, 1.0),
		normal_multiplier: optional(obj, 'normal_multiplier', path, asNumber, 1.0),
		low_multiplier: optional(obj, 'low_multiplier', path, asNumber, 1.0)
	};
}

function readCostRates(value: unknown, path: string): CostRates {
	const obj = asObject(value, path);
	const d = DEFAULT_COST_RATES;
	return {
		overdraft_bps_per_tick: optional(obj, 'overdraft_bps_per_tick', path, asNumber, d.overdraft_bps_per_tick),
		delay_cost_per_tick_per_cent: optional(
			obj,
			'delay_cost_per_tick_per_cent',
			path,
			asNumber,
			d.delay_cost_per_tick_per_cent
		),
		collateral_cost_per_tick_bps: optional(
			obj,
			'collateral_cost_per_tick_bps',
			path,
			asNumber,
			d.collateral_cost_per_tick_bps
		),
		eod_penalty_per_transaction: optional(
			obj,
			'eod_penalty_per_transaction',
			path,
			asInteger,
			d.eod_penalty_per_transaction
		),
		deadline_penalty: optional(obj, 'deadline_penalty', path, asInteger, d.deadline_penalty),
		split_friction_cost: optional(obj, 'split_friction_cost', path, asInteger, d.split_friction_cost),
		overdue_delay_multiplier: optional(
			obj,
			'overdue_delay_multiplier',
			path,
			asNumber,
			d.overdue_delay_multiplier
		),
		priority_delay_multipliers: optional(obj, 'priority_delay_multipliers', path, readMultipliers, null),
		liquidity_cost_per_tick_bps: optional(
			obj,
			'liquidity_cost_per_tick_bps',
			path,
			asNumber,
			d.liquidity_cost_per_tick_bps
		)
	};
}

function readLsm(value: unknown, path: string): LsmConfig {
	const obj = asObject(value, path);
	const d = DEFAULT_LSM_CONFIG;
	return {
		enable_bilateral: optional(obj, 'enable_bilateral', path, asBoolean, d.enable_bilateral),
		enable_cycles: optional(obj, 'enable_cycles', path, asBoolean, d.enable_cycles),
		max_cycle_length: optional(obj, 'max_cycle_length', path, asCount, d.max_cycle_length),
		max_cycles_per_tick: optional(obj, 'max_cycles_per_tick', path, asCount, d.max_cycles_per_tick)
	};
}

function readEscalation(value: unknown, path: string): PriorityEscalationConfig {
	const obj = asObject(value, path);
	const d = DEFAULT_PRIORITY_ESCALATION;
	return {
		enabled: optional(obj, 'enabled', path, asBoolean, d.enabled),
		curve: optional(obj, 'curve', path, asString, d.curve),
		start_escalating_at_ticks: optional(
			obj,
			'start_escalating_at_ticks',
			path,
			asCount,
			d.start_escalating_at_ticks
		),
		max_boost: optional(obj, 'max_boost', path, asByte, d.max_boost)
	};
}

const SCENARIO_EVENT_TYPES: readonly ScenarioEventType[] = [
	'direct_transfer',
	'custom_transaction_arrival',
	'collateral_adjustment',
	'global_arrival_rate_change',
	'agent_arrival_rate_change',
	'counterparty_weight_change',
	'deadline_window_change',
	'scheduled_settlement'
];

function readScenarioEvent(value: unknown, path: string): ScenarioEvent {
	const obj = asObject(value, path);
	const type = required(obj, 'type', path, asString) as ScenarioEventType;
	if (!SCENARIO_EVENT_TYPES.includes(type)) {
		throw new ConfigError(joinPath(path, 'type'), `unknown scenario event type ${JSON.stringify(type)}`);
	}
	const str = (key: string) => required(obj, key, path, asString);
	switch (type) {
		case 'direct_transfer':
		case 'scheduled_settlement':
			return {
				type,
				from_agent: str('from_agent'),
				to_agent: str('to_agent'),
				amount: required(obj, 'amount', path, asInteger)
			};
		case 'custom_transaction_arrival':
			return {
				type,
				from_agent: str('from_agent'),
				to_agent: str('to_agent'),
				amount: required(obj, 'amount', path, asInteger),
				priority: optional(obj, 'priority', path, asByte, null),
				deadline: optional(obj, 'deadline', path, asCount, null),
				is_divisible: optional(obj, 'is_divisible', path, asBoolean, null)
			};
		case 'collateral_adjustment':
			return { type, agent: str('agent'), delta: required(obj, 'delta', path, asInteger) };
		case 'global_arrival_rate_change':
			return { type, multiplier: required(obj, 'multiplier', path, asNumber) };
		case 'agent_arrival_rate_change':
			return { type, agent: str('agent'), multiplier: required(obj, 'multiplier', path, asNumber) };
		case 'counterparty_weight_change':
			return {
				type,
				agent: str('agent'),
				counterparty: str('counterparty'),
				new_weight: required(obj, 'new_weight', path, asNumber),
				auto_balance_others: optional(obj, 'auto_balance_others', path, asBoolean, false)
			};
		default:
			return {
				type,
				min_ticks_multiplier: optional(obj, 'min_ticks_multiplier', path, asNumber, null),
				max_ticks_multiplier: optional(obj, 'max_ticks_multiplier', path, asNumber, null)
			};
	}
}

function readSchedule(value: unknown, path: string): EventSchedule {
	const obj = asObject(value, path);
	if (obj.tick !== undefined) return { tick: required(obj, 'tick', path, asCount) };
	if (obj.start_tick !== undefined || obj.interval !== undefined) {
		return {
			start_tick: required(obj, 'start_tick', path, asCount),
			interval: required(obj, 'interval', path, asCount)
		};
	}
	throw new ConfigError(path, 'expected {"tick": n} or {"start_tick": n, "interval": k}');
}

function readScheduledEvent(value: unknown, path: string): ScheduledScenarioEvent {
	const obj = asObject(value, path);
	return {
		event: required(obj, 'event', path, readScenarioEvent),
		schedule: required(obj, 'schedule', path, readSchedule)
	};
}

function readQueue1Ordering(value: unknown, path: string): Queue1Ordering {
	const text = asString(value, path);
	if (text === 'fifo' || text === 'priority_deadline') return text;
	throw new ConfigError(path, `expected "fifo" or "priority_deadline", got ${JSON.stringify(text)}`);
}

/**
 * Parses the serialized engine configuration. Errors name the field path; wrap them with the file name
 * at the edge (the CLI does).
 */
export function parseEngineConfig(input: unknown): EngineConfig {
	const obj: JsonObject = asObject(input, '');
	return {
		ticks_per_day: required(obj, 'ticks_per_day', '', asCount),
		eod_rush_threshold: optional(obj, 'eod_rush_threshold', '', asNumber, 0.8),
		num_days: required(obj, 'num_days', '', asCount),
		rng_seed: required(obj, 'rng_seed', '', readSeed),
		agent_configs: required(obj, 'agent_configs', '', asArray).map((a, i) =>
			readAgent(a, joinPath('agent_configs', i))
		),
		cost_rates: optional(obj, 'cost_rates', '', readCostRates, { ...DEFAULT_COST_RATES }),
		lsm_config: optional(obj, 'lsm_config', '', readLsm, { ...DEFAULT_LSM_CONFIG }),
		scenario_events: optional(obj, 'scenario_events', '', asArray, []).map((e, i) =>
			readScheduledEvent(e, joinPath('scenario_events', i))
		),
		queue1_ordering: optional(obj, 'queue1_ordering', '', readQueue1Ordering, 'fifo'),
		priority_mode: optional(obj, 'priority_mode', '', asBoolean, false),
		priority_escalation: optional(obj, 'priority_escalation', '', readEscalation, {
			...DEFAULT_PRIORITY_ESCALATION
		}),
		algorithm_sequencing: optional(obj, 'algorithm_sequencing', '', asBoolean, false),
		entry_disposition_offsetting: optional(obj, 'entry_disposition_offsetting', '', asBoolean, false),
		deferred_crediting: optional(obj, 'deferred_crediting', '', asBoolean, false),
		deadline_cap_at_eod: optional(obj, 'deadline_cap_at_eod', '', asBoolean, false)
	};
}
