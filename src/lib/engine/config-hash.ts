/**
 * The configuration hash of checkpoints (§3.12): SHA-256 of the canonical JSON of the engine-side
 * configuration in serde's representation (every field present, `null` for absent options, externally
 * tagged enums, f64 fields printed as doubles).
 */
import { canonicalJson, F64, f64OrNull, type CanonicalValue } from './canonical-json';
import type {
	AgentConfig,
	AmountDistribution,
	ArrivalBandConfig,
	ArrivalConfig,
	EngineConfig,
	PolicyConfig,
	PriorityDistribution,
	ScenarioEvent,
	ScheduledScenarioEvent
} from './config';
import { sha256Hex } from './sha256';

function doubles(map: ReadonlyMap<string, number>): CanonicalValue {
	return Object.fromEntries([...map].map(([key, value]) => [key, new F64(value)]));
}

function integers(map: ReadonlyMap<string, number>): CanonicalValue {
	return Object.fromEntries(map);
}

function amountDistribution(d: AmountDistribution): CanonicalValue {
	if ('Uniform' in d) return { Uniform: { min: d.Uniform.min, max: d.Uniform.max } };
	if ('Normal' in d) return { Normal: { mean: d.Normal.mean, std_dev: d.Normal.std_dev } };
	if ('LogNormal' in d)
		return { LogNormal: { mean: new F64(d.LogNormal.mean), std_dev: new F64(d.LogNormal.std_dev) } };
	return { Exponential: { rate: new F64(d.Exponential.rate) } };
}

function priorityDistribution(d: PriorityDistribution): CanonicalValue {
	if ('Fixed' in d) return { Fixed: { value: d.Fixed.value } };
	if ('Uniform' in d) return { Uniform: { min: d.Uniform.min, max: d.Uniform.max } };
	return {
		Categorical: { values: d.Categorical.values, weights: d.Categorical.weights.map((w) => new F64(w)) }
	};
}

function arrivalConfig(c: ArrivalConfig | null): CanonicalValue {
	if (c === null) return null;
	return {
		rate_per_tick: new F64(c.rate_per_tick),
		amount_distribution: amountDistribution(c.amount_distribution),
		counterparty_weights: doubles(c.counterparty_weights),
		deadline_range: c.deadline_range,
		priority_distribution: priorityDistribution(c.priority_distribution),
		divisible: c.divisible
	};
}

function band(b: ArrivalBandConfig | null): CanonicalValue {
	if (b === null) return null;
	return {
		rate_per_tick: new F64(b.rate_per_tick),
		amount_distribution: amountDistribution(b.amount_distribution),
		deadline_offset_min: b.deadline_offset_min,
		deadline_offset_max: b.deadline_offset_max,
		counterparty_weights: doubles(b.counterparty_weights),
		divisible: b.divisible
	};
}

/** Unit variants serialise as a bare string, data-carrying ones as `{"Variant": {fields}}`. */
function policy(p: PolicyConfig): CanonicalValue {
	return p === 'Fifo' ? 'Fifo' : (p as { [variant: string]: CanonicalValue });
}

function agent(a: AgentConfig): CanonicalValue {
	return {
		id: a.id,
		opening_balance: a.opening_balance,
		unsecured_cap: a.unsecured_cap,
		policy: policy(a.policy),
		arrival_config: arrivalConfig(a.arrival_config),
		arrival_bands:
			a.arrival_bands === null
				? null
				: {
						urgent: band(a.arrival_bands.urgent),
						normal: band(a.arrival_bands.normal),
						low: band(a.arrival_bands.low)
					},
		posted_collateral: a.posted_collateral,
		collateral_haircut: f64OrNull(a.collateral_haircut),
		max_collateral_capacity: a.max_collateral_capacity,
		limits:
			a.limits === null
				? null
				: {
						bilateral_limits: integers(a.limits.bilateral_limits),
						multilateral_limit: a.limits.multilateral_limit
					},
		liquidity_pool: a.liquidity_pool,
		liquidity_allocation_fraction: f64OrNull(a.liquidity_allocation_fraction)
	};
}

/** Event tag `type` in snake_case plus the variant's fields; doubles wrapped. */
function scenarioEvent(e: ScenarioEvent): CanonicalValue {
	switch (e.type) {
		case 'global_arrival_rate_change':
			return { type: e.type, multiplier: new F64(e.multiplier) };
		case 'agent_arrival_rate_change':
			return { type: e.type, agent: e.agent, multiplier: new F64(e.multiplier) };
		case 'counterparty_weight_change':
			return { ...e, new_weight: new F64(e.new_weight) };
		case 'deadline_window_change':
			return {
				type: e.type,
				min_ticks_multiplier: f64OrNull(e.min_ticks_multiplier),
				max_ticks_multiplier: f64OrNull(e.max_ticks_multiplier)
			};
		default:
			return { ...e };
	}
}

function scheduledEvent(s: ScheduledScenarioEvent): CanonicalValue {
	return { event: scenarioEvent(s.event), schedule: { ...s.schedule } };
}

/** The configuration in serde's representation, ready for {@link canonicalJson}. */
export function serdeConfig(config: EngineConfig): CanonicalValue {
	const rates = config.cost_rates;
	const multipliers = rates.priority_delay_multipliers;
	return {
		ticks_per_day: config.ticks_per_day,
		eod_rush_threshold: new F64(config.eod_rush_threshold),
		num_days: config.num_days,
		rng_seed: config.rng_seed,
		agent_configs: config.agent_configs.map(agent),
		cost_rates: {
			overdraft_bps_per_tick: new F64(rates.overdraft_bps_per_tick),
			delay_cost_per_tick_per_cent: new F64(rates.delay_cost_per_tick_per_cent),
			collateral_cost_per_tick_bps: new F64(rates.collateral_cost_per_tick_bps),
			eod_penalty_per_transaction: rates.eod_penalty_per_transaction,
			deadline_penalty: rates.deadline_penalty,
			split_friction_cost: rates.split_friction_cost,
			overdue_delay_multiplier: new F64(rates.overdue_delay_multiplier),
			priority_delay_multipliers:
				multipliers === null
					? null
					: {
							urgent_multiplier: new F64(multipliers.urgent_multiplier),
							normal_multiplier: new F64(multipliers.normal_multiplier),
							low_multiplier: new F64(multipliers.low_multiplier)
						},
			liquidity_cost_per_tick_bps: new F64(rates.liquidity_cost_per_tick_bps)
		},
		lsm_config: { ...config.lsm_config },
		// An empty list and an absent one both arrive here as []: both hash as the original's `None`.
		scenario_events: config.scenario_events.length === 0 ? null : config.scenario_events.map(scheduledEvent),
		queue1_ordering: config.queue1_ordering,
		priority_mode: config.priority_mode,
		priority_escalation: { ...config.priority_escalation },
		algorithm_sequencing: config.algorithm_sequencing,
		entry_disposition_offsetting: config.entry_disposition_offsetting,
		deferred_crediting: config.deferred_crediting,
		deadline_cap_at_eod: config.deadline_cap_at_eod
	};
}

/** Hash per configuration object: an engine's configuration is never changed after parsing. */
const hashes = new WeakMap<EngineConfig, string>();

/** Lowercase hex SHA-256 of the canonical configuration JSON (§3.12). */
export function configHash(config: EngineConfig): string {
	let hash = hashes.get(config);
	if (hash === undefined) {
		hash = sha256Hex(canonicalJson(serdeConfig(config)));
		hashes.set(config, hash);
	}
	return hash;
}
