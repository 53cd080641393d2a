/**
 * The validated scenario as the engine configuration (scenario-config.md §16): what SimCash's
 * `to_ffi_dict` passes and the engine's parser fills in, so that the result equals the golden
 * `config.json` key for key. Forwarded keys (forwarded-keys.ts) fill the engine options SimCash leaves at
 * their defaults, unless `simcashCompat` asks for SimCash's result.
 */
import type {
	EngineAgentJson,
	EngineAmountDistributionJson,
	EngineArrivalBandJson,
	EngineConfigJson,
	EnginePolicyJson,
	EnginePriorityDistributionJson,
	EngineScheduledEventJson
} from './engine-json';
import { engineLimits } from './forwarded-keys';
import type {
	Scenario,
	ScenarioAgent,
	ScenarioAmountDistribution,
	ScenarioArrivalBand,
	ScenarioEvent,
	ScenarioPriorityDistribution
} from './schema';

/** What the engine uses when SimCash leaves these options out of its configuration. */
const ENGINE_DEFAULTS = {
	eod_rush_threshold: 0.8,
	queue1_ordering: 'fifo',
	priority_mode: false,
	priority_escalation: { enabled: false, curve: 'linear', start_escalating_at_ticks: 20, max_boost: 3 },
	algorithm_sequencing: false,
	entry_disposition_offsetting: false
} as const;

function amountDistribution(distribution: ScenarioAmountDistribution): EngineAmountDistributionJson {
	switch (distribution.type) {
		case 'Normal':
			return { Normal: { mean: distribution.mean, std_dev: distribution.std_dev } };
		case 'LogNormal':
			return { LogNormal: { mean: distribution.mean, std_dev: distribution.std_dev } };
		case 'Uniform':
			return { Uniform: { min: distribution.min, max: distribution.max } };
		case 'Exponential':
			return { Exponential: { rate: distribution.lambda } };
	}
}

function priorityDistribution(
	distribution: ScenarioPriorityDistribution | null | undefined,
	fixed: number
): EnginePriorityDistributionJson {
	if (distribution == null) return { Fixed: { value: fixed } };
	switch (distribution.type) {
		case 'Fixed':
			return { Fixed: { value: distribution.value } };
		case 'Categorical':
			return { Categorical: { values: [...distribution.values], weights: [...distribution.weights] } };
		case 'Uniform':
			return { Uniform: { min: distribution.min, max: distribution.max } };
	}
}

function band(config: ScenarioArrivalBand | null | undefined): EngineArrivalBandJson | null {
	if (config == null) return null;
	return {
		rate_per_tick: config.rate_per_tick,
		amount_distribution: amountDistribution(config.amount_distribution),
		deadline_offset_min: config.deadline_offset_min,
		deadline_offset_max: config.deadline_offset_max,
		counterparty_weights: { ...config.counterparty_weights },
		divisible: config.divisible
	};
}

function agentConfig(
	agent: ScenarioAgent,
	policy: EnginePolicyJson,
	simcashCompat: boolean
): EngineAgentJson {
	const arrivals = agent.arrival_config;
	const bands = agent.arrival_bands;
	return {
		id: agent.id,
		opening_balance: agent.opening_balance,
		unsecured_cap: agent.unsecured_cap,
		policy,
		arrival_config:
			arrivals == null
				? null
				: {
						rate_per_tick: arrivals.rate_per_tick,
						amount_distribution: amountDistribution(arrivals.amount_distribution),
						counterparty_weights: { ...arrivals.counterparty_weights },
						deadline_range: [arrivals.deadline_range[0], arrivals.deadline_range[1]],
						priority_distribution: priorityDistribution(arrivals.priority_distribution, arrivals.priority),
						divisible: arrivals.divisible
					},
		arrival_bands:
			bands == null ? null : { urgent: band(bands.urgent), normal: band(bands.normal), low: band(bands.low) },
		posted_collateral: simcashCompat ? null : (agent.posted_collateral ?? null),
		collateral_haircut: simcashCompat ? null : (agent.collateral_haircut ?? null),
		max_collateral_capacity: agent.max_collateral_capacity ?? null,
		limits: simcashCompat ? null : engineLimits(agent),
		liquidity_pool: agent.liquidity_pool ?? null,
		liquidity_allocation_fraction: agent.liquidity_allocation_fraction ?? null
	};
}

function scheduledEvent(event: ScenarioEvent): EngineScheduledEventJson {
	const schedule =
		event.schedule.type === 'OneTime'
			? { tick: event.schedule.tick }
			: { start_tick: event.schedule.start_tick, interval: event.schedule.interval };
	switch (event.type) {
		case 'DirectTransfer':
			return {
				event: {
					type: 'direct_transfer',
					from_agent: event.from_agent,
					to_agent: event.to_agent,
					amount: event.amount
				},
				schedule
			};
		case 'CustomTransactionArrival':
			return {
				event: {
					type: 'custom_transaction_arrival',
					from_agent: event.from_agent,
					to_agent: event.to_agent,
					amount: event.amount,
					priority: event.priority ?? null,
					deadline: event.deadline ?? null,
					is_divisible: event.is_divisible ?? null
				},
				schedule
			};
		case 'CollateralAdjustment':
			return { event: { type: 'collateral_adjustment', agent: event.agent, delta: event.delta }, schedule };
		case 'GlobalArrivalRateChange':
			return { event: { type: 'global_arrival_rate_change', multiplier: event.multiplier }, schedule };
		case 'AgentArrivalRateChange':
			return {
				event: { type: 'agent_arrival_rate_change', agent: event.agent, multiplier: event.multiplier },
				schedule
			};
		case 'CounterpartyWeightChange':
			return {
				event: {
					type: 'counterparty_weight_change',
					agent: event.agent,
					counterparty: event.counterparty,
					new_weight: event.new_weight,
					auto_balance_others: event.auto_balance_others
				},
				schedule
			};
		case 'DeadlineWindowChange':
			return {
				event: {
					type: 'deadline_window_change',
					min_ticks_multiplier: event.min_ticks_multiplier ?? null,
					max_ticks_multiplier: event.max_ticks_multiplier ?? null
				},
				schedule
			};
		case 'ScheduledSettlement':
			return {
				event: {
					type: 'scheduled_settlement',
					from_agent: event.from_agent,
					to_agent: event.to_agent,
					amount: event.amount
				},
				schedule
			};
	}
}

function seed(value: bigint): number | string {
	return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** Builds the engine configuration; `policies[i]` is agent i's resolved policy. */
export function toEngineConfig(
	scenario: Scenario,
	policies: readonly EnginePolicyJson[],
	simcashCompat: boolean
): EngineConfigJson {
	const rates = scenario.cost_rates;
	const lsm = scenario.lsm_config;
	const multipliers = rates.priority_delay_multipliers;
	const escalation = scenario.priority_escalation;
	const forwarded = !simcashCompat;
	return {
		ticks_per_day: scenario.simulation.ticks_per_day,
		eod_rush_threshold: forwarded ? scenario.eod_rush_threshold : ENGINE_DEFAULTS.eod_rush_threshold,
		num_days: scenario.simulation.num_days,
		rng_seed: seed(scenario.simulation.rng_seed),
		agent_configs: scenario.agents.map((agent, i) => agentConfig(agent, policies[i], simcashCompat)),
		cost_rates: {
			overdraft_bps_per_tick: rates.overdraft_bps_per_tick,
			delay_cost_per_tick_per_cent: rates.delay_cost_per_tick_per_cent,
			collateral_cost_per_tick_bps: rates.collateral_cost_per_tick_bps,
			eod_penalty_per_transaction: rates.eod_penalty_per_transaction,
			deadline_penalty: rates.deadline_penalty,
			split_friction_cost: rates.split_friction_cost,
			overdue_delay_multiplier: rates.overdue_delay_multiplier,
			priority_delay_multipliers:
				multipliers == null
					? null
					: {
							urgent_multiplier: multipliers.urgent_multiplier,
							normal_multiplier: multipliers.normal_multiplier,
							low_multiplier: multipliers.low_multiplier
						},
			liquidity_cost_per_tick_bps: rates.liquidity_cost_per_tick_bps
		},
		lsm_config: {
			enable_bilateral: lsm.enable_bilateral,
			enable_cycles: lsm.enable_cycles,
			max_cycle_length: lsm.max_cycle_length,
			max_cycles_per_tick: lsm.max_cycles_per_tick
		},
		// SimCash forwards the list only when it is non-empty; the engine then has none (null).
		scenario_events:
			scenario.scenario_events != null && scenario.scenario_events.length > 0
				? scenario.scenario_events.map(scheduledEvent)
				: null,
		queue1_ordering: forwarded ? scenario.queue1_ordering : ENGINE_DEFAULTS.queue1_ordering,
		priority_mode: forwarded ? scenario.priority_mode : ENGINE_DEFAULTS.priority_mode,
		priority_escalation:
			forwarded && escalation != null
				? {
						enabled: escalation.enabled,
						curve: escalation.curve,
						start_escalating_at_ticks: escalation.start_escalating_at_ticks,
						max_boost: escalation.max_boost
					}
				: { ...ENGINE_DEFAULTS.priority_escalation },
		algorithm_sequencing: forwarded ? scenario.algorithm_sequencing : ENGINE_DEFAULTS.algorithm_sequencing,
		entry_disposition_offsetting: forwarded
			? scenario.entry_disposition_offsetting
			: ENGINE_DEFAULTS.entry_disposition_offsetting,
		deferred_crediting: scenario.deferred_crediting,
		deadline_cap_at_eod: scenario.deadline_cap_at_eod
	};
}
