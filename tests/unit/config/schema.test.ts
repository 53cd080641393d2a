/**
 * Keys, defaults, coercions and untagged unions of the scenario schema (scenario-config.md §3–§16), through
 * the whole loader. Expected configurations follow the spec's tables and §16 mapping.
 */
import { describe, expect, it } from 'vitest';
import { loadOk, loadText } from './helpers';

const SIMULATION = 'simulation: {ticks_per_day: 10, num_days: 2, rng_seed: 5}\n';

function withAgent(agent: string, rest = ''): string {
	return `${SIMULATION}agents:\n  - {id: A, opening_balance: 100${agent}}\n  - {id: B, opening_balance: 0}\n${rest}`;
}

async function errorAt(text: string, path: string): Promise<string> {
	const result = await loadText(text);
	if (result.ok) throw new Error('expected errors');
	const error = result.errors.find((e) => e.path === path);
	if (!error) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
	return error.message;
}

describe('defaults (§4–§12, §16)', () => {
	it('fills every default of a minimal file', async () => {
		const { config } = await loadOk(`${SIMULATION}agents:\n  - {id: A, opening_balance: 0}\n`);
		expect(config).toEqual({
			ticks_per_day: 10,
			eod_rush_threshold: 0.8,
			num_days: 2,
			rng_seed: 5,
			agent_configs: [
				{
					id: 'A',
					opening_balance: 0,
					unsecured_cap: 0,
					policy: 'Fifo',
					arrival_config: null,
					arrival_bands: null,
					posted_collateral: null,
					collateral_haircut: null,
					max_collateral_capacity: null,
					limits: null,
					liquidity_pool: null,
					liquidity_allocation_fraction: null
				}
			],
			cost_rates: {
				overdraft_bps_per_tick: 0.001,
				delay_cost_per_tick_per_cent: 0.0001,
				collateral_cost_per_tick_bps: 0.0002,
				eod_penalty_per_transaction: 10000,
				deadline_penalty: 50000,
				split_friction_cost: 1000,
				overdue_delay_multiplier: 5.0,
				priority_delay_multipliers: null,
				liquidity_cost_per_tick_bps: 0.0
			},
			lsm_config: {
				enable_bilateral: true,
				enable_cycles: true,
				max_cycle_length: 4,
				max_cycles_per_tick: 10
			},
			scenario_events: null,
			queue1_ordering: 'fifo',
			priority_mode: false,
			priority_escalation: { enabled: false, curve: 'linear', start_escalating_at_ticks: 20, max_boost: 3 },
			algorithm_sequencing: false,
			entry_disposition_offsetting: false,
			deferred_crediting: false,
			deadline_cap_at_eod: false
		});
	});

	it('turns a legacy priority into a Fixed distribution and keeps arrival keys', async () => {
		const arrivals =
			', arrival_config: {rate_per_tick: 0.5, amount_distribution: {type: Exponential, lambda: 0.001}, counterparty_weights: {B: 1}, deadline_range: [3, 6], priority: 7}';
		const { config } = await loadOk(withAgent(arrivals));
		expect(config.agent_configs[0].arrival_config).toEqual({
			rate_per_tick: 0.5,
			amount_distribution: { Exponential: { rate: 0.001 } },
			counterparty_weights: { B: 1 },
			deadline_range: [3, 6],
			priority_distribution: { Fixed: { value: 7 } },
			divisible: false
		});
	});

	it('maps bands, leaving absent ones null, and defaults band weights to {}', async () => {
		const bands =
			', arrival_bands: {low: {rate_per_tick: 0.1, amount_distribution: {type: LogNormal, mean: 500.0, std_dev: 50.0}, deadline_offset_min: 2, deadline_offset_max: 4}}';
		const { config } = await loadOk(withAgent(bands));
		expect(config.agent_configs[0].arrival_bands).toEqual({
			urgent: null,
			normal: null,
			low: {
				rate_per_tick: 0.1,
				amount_distribution: { LogNormal: { mean: 500, std_dev: 50 } },
				deadline_offset_min: 2,
				deadline_offset_max: 4,
				counterparty_weights: {},
				divisible: false
			}
		});
	});

	it('maps all eight events and both schedules to the engine form, optional fields as null', async () => {
		const events = `scenario_events:
  - {type: DirectTransfer, from_agent: A, to_agent: B, amount: 5, schedule: {type: OneTime, tick: 1}}
  - {type: CustomTransactionArrival, from_agent: A, to_agent: B, amount: 6, schedule: {type: Repeating, start_tick: 2, interval: 3}}
  - {type: CollateralAdjustment, agent: A, delta: -7, schedule: {type: OneTime, tick: 0}}
  - {type: GlobalArrivalRateChange, multiplier: 1.5, schedule: {type: OneTime, tick: 0}}
  - {type: AgentArrivalRateChange, agent: B, multiplier: 2, schedule: {type: OneTime, tick: 0}}
  - {type: CounterpartyWeightChange, agent: A, counterparty: B, new_weight: 0.25, schedule: {type: OneTime, tick: 0}}
  - {type: DeadlineWindowChange, max_ticks_multiplier: 0.5, schedule: {type: OneTime, tick: 0}}
  - {type: ScheduledSettlement, from_agent: B, to_agent: A, amount: 9, schedule: {type: OneTime, tick: 4}}
`;
		const { config } = await loadOk(withAgent('', events));
		expect(config.scenario_events).toEqual([
			{
				event: { type: 'direct_transfer', from_agent: 'A', to_agent: 'B', amount: 5 },
				schedule: { tick: 1 }
			},
			{
				event: {
					type: 'custom_transaction_arrival',
					from_agent: 'A',
					to_agent: 'B',
					amount: 6,
					priority: null,
					deadline: null,
					is_divisible: null
				},
				schedule: { start_tick: 2, interval: 3 }
			},
			{ event: { type: 'collateral_adjustment', agent: 'A', delta: -7 }, schedule: { tick: 0 } },
			{ event: { type: 'global_arrival_rate_change', multiplier: 1.5 }, schedule: { tick: 0 } },
			{ event: { type: 'agent_arrival_rate_change', agent: 'B', multiplier: 2 }, schedule: { tick: 0 } },
			{
				event: {
					type: 'counterparty_weight_change',
					agent: 'A',
					counterparty: 'B',
					new_weight: 0.25,
					auto_balance_others: false
				},
				schedule: { tick: 0 }
			},
			{
				event: { type: 'deadline_window_change', min_ticks_multiplier: null, max_ticks_multiplier: 0.5 },
				schedule: { tick: 0 }
			},
			{
				event: { type: 'scheduled_settlement', from_agent: 'B', to_agent: 'A', amount: 9 },
				schedule: { tick: 4 }
			}
		]);
	});

	it('forwards nothing for an empty event list (SimCash passes none)', async () => {
		const { config } = await loadOk(withAgent('', 'scenario_events: []\n'));
		expect(config.scenario_events).toBeNull();
	});

	it('fills the priority delay multipliers it is given', async () => {
		const { config } = await loadOk(
			withAgent('', 'cost_rates: {priority_delay_multipliers: {urgent_multiplier: 2}}\n')
		);
		expect(config.cost_rates.priority_delay_multipliers).toEqual({
			urgent_multiplier: 2,
			normal_multiplier: 1,
			low_multiplier: 1
		});
	});

	it('keeps the later of two equal keys, as PyYAML does, with a warning', async () => {
		const result = await loadOk(
			`${SIMULATION}agents:\n  - id: A\n    opening_balance: 1\n    opening_balance: 2\n`
		);
		expect(result.config.agent_configs[0].opening_balance).toBe(2);
		expect(result.warnings).toEqual([
			expect.objectContaining({
				code: 'duplicate-key',
				line: 5,
				column: 5,
				path: 'agents[0].opening_balance'
			})
		]);
	});

	it('replaces the seed when asked, up to 2^64 − 1 (as a string above 2^53)', async () => {
		expect((await loadOk(withAgent(''), { seed: 99 })).config.rng_seed).toBe(99);
		expect((await loadOk(withAgent(''), { seed: (1n << 64n) - 1n })).config.rng_seed).toBe(
			'18446744073709551615'
		);
		expect((await loadOk(withAgent('').replace('rng_seed: 5', 'rng_seed: 0x10'))).config.rng_seed).toBe(16);
	});
});

describe('lax coercions (§3)', () => {
	it('accepts integral floats, numeric strings and booleans where an integer is declared', async () => {
		const { config } = await loadOk(
			withAgent(', unsecured_cap: 100.0, max_collateral_capacity: "250", liquidity_pool: true')
		);
		expect(config.agent_configs[0]).toMatchObject({
			unsecured_cap: 100,
			max_collateral_capacity: 250,
			liquidity_pool: 1
		});
	});

	it('rejects fractional numbers and non-numeric strings for integers', async () => {
		expect(await errorAt(withAgent(', unsecured_cap: 100.5'), 'agents[0].unsecured_cap')).toBe(
			'not a whole number'
		);
		expect(await errorAt(withAgent(', unsecured_cap: abc'), 'agents[0].unsecured_cap')).toBe(
			'expected an integer'
		);
	});

	it('accepts numeric strings for floats, and YAML 1.1 reads 1e-3 as a string', async () => {
		const { config } = await loadOk(
			withAgent('', 'cost_rates: {overdraft_bps_per_tick: "0.5", delay_cost_per_tick_per_cent: 1e-3}\n')
		);
		expect(config.cost_rates.overdraft_bps_per_tick).toBe(0.5);
		expect(config.cost_rates.delay_cost_per_tick_per_cent).toBe(0.001);
	});

	it('accepts the boolean spellings of pydantic and rejects others', async () => {
		const { config } = await loadOk(
			withAgent('', 'deferred_crediting: "Y"\ndeadline_cap_at_eod: 1\nlsm_config: {enable_cycles: off}\n')
		);
		expect(config.deferred_crediting).toBe(true);
		expect(config.deadline_cap_at_eod).toBe(true);
		expect(config.lsm_config.enable_cycles).toBe(false);
		expect(await errorAt(withAgent('', 'deferred_crediting: 2\n'), 'deferred_crediting')).toBe(
			'expected true or false'
		);
	});

	it('does not turn numbers into strings', async () => {
		expect(await errorAt(`${SIMULATION}agents:\n  - {id: 7, opening_balance: 0}\n`, 'agents[0].id')).toBe(
			'expected a string'
		);
	});

	it('accepts null only for optional keys without a default object', async () => {
		await loadOk(withAgent(', arrival_config: null, liquidity_pool: ~', 'scenario_events: null\n'));
		expect(await errorAt(withAgent(', unsecured_cap: null'), 'agents[0].unsecured_cap')).toBe(
			'expected an integer'
		);
		expect(await errorAt(withAgent(', policy: null'), 'agents[0].policy')).toBe('expected a mapping');
		expect(await errorAt(withAgent('', 'lsm_config: null\n'), 'lsm_config')).toBe('expected a mapping');
	});

	it('rejects the empty agent id and non-finite rates', async () => {
		expect(await errorAt(`${SIMULATION}agents:\n  - {id: '  ', opening_balance: 0}\n`, 'agents[0].id')).toBe(
			'Agent ID cannot be empty'
		);
		expect(
			await errorAt(
				withAgent('', 'cost_rates: {overdraft_bps_per_tick: .inf}\n'),
				'cost_rates.overdraft_bps_per_tick'
			)
		).toBe('not a finite number');
	});
});

describe('untagged unions (§3.1)', () => {
	const policyOf = async (policy: string) =>
		(await loadOk(withAgent(`, policy: ${policy}`))).config.agent_configs[0].policy;
	const amountOf = async (distribution: string) =>
		(
			await loadOk(
				withAgent(
					`, arrival_config: {rate_per_tick: 1, amount_distribution: ${distribution}, counterparty_weights: {B: 1}, deadline_range: [1, 2]}`
				)
			)
		).config.agent_configs[0].arrival_config?.amount_distribution;
	const eventOf = async (event: string) =>
		(
			await loadOk(
				withAgent(
					', arrival_config: {rate_per_tick: 1, amount_distribution: {type: Uniform, min: 1, max: 2}, counterparty_weights: {B: 1}, deadline_range: [1, 2]}',
					`scenario_events:\n  - ${event}\n`
				)
			)
		).config.scenario_events?.[0];

	it('chooses policies as the spec table says', async () => {
		expect(await policyOf('{}')).toBe('Fifo');
		expect(await policyOf('{urgency_threshold: 5}')).toEqual({ Deadline: { urgency_threshold: 5 } });
		expect(await policyOf('{target_buffer: 5, urgency_threshold: 5}')).toEqual({
			LiquidityAware: { target_buffer: 5, urgency_threshold: 5 }
		});
	});

	it('chooses distributions as the spec table says', async () => {
		expect(await amountOf('{mean: 100, std_dev: 5}')).toEqual({ Normal: { mean: 100, std_dev: 5 } });
		expect(await amountOf('{mean: 100.5, std_dev: 5}')).toEqual({ LogNormal: { mean: 100.5, std_dev: 5 } });
		expect(await amountOf('{mean: 100.0, std_dev: 5}')).toEqual({ LogNormal: { mean: 100, std_dev: 5 } });
		expect(await amountOf('{min: 1, max: 2}')).toEqual({ Uniform: { min: 1, max: 2 } });
		expect(await amountOf('{lambda: 0.5}')).toEqual({ Exponential: { rate: 0.5 } });
	});

	it('chooses schedules and events as the spec table says', async () => {
		expect((await eventOf('{from_agent: A, to_agent: B, amount: 5, schedule: {tick: 3}}'))?.event.type).toBe(
			'direct_transfer'
		);
		expect(
			await eventOf('{from_agent: A, to_agent: B, amount: 5, priority: 2, schedule: {tick: 3}}')
		).toMatchObject({
			event: { type: 'custom_transaction_arrival', priority: 2 },
			schedule: { tick: 3 }
		});
		expect(
			await eventOf('{agent: A, multiplier: 2, schedule: {start_tick: 3, interval: 2, tick: 9}}')
		).toEqual({
			event: { type: 'agent_arrival_rate_change', agent: 'A', multiplier: 2 },
			schedule: { start_tick: 3, interval: 2 }
		});
		expect((await eventOf('{multiplier: 2, schedule: {tick: 1}}'))?.event.type).toBe(
			'global_arrival_rate_change'
		);
	});

	it('checks an untagged value that fits no form against the closest one, and says so', async () => {
		const arrivals =
			', arrival_config: {rate_per_tick: 1, amount_distribution: {mean: 100, std_dev: 0}, counterparty_weights: {B: 1}, deadline_range: [1, 2]}';
		const message = await errorAt(
			withAgent(arrivals),
			'agents[0].arrival_config.amount_distribution.std_dev'
		);
		expect(message).toBe(
			'too small (agents[0].arrival_config.amount_distribution has no type; it is read as Normal, the closest form)'
		);
	});

	it('falls back to Fifo, as pydantic does, when the only other match is invalid', async () => {
		const result = await loadOk(withAgent(', policy: {urgency_threshold: 0}'));
		expect(result.config.agent_configs[0].policy).toBe('Fifo');
		expect(result.warnings).toEqual([
			expect.objectContaining({ code: 'unknown-key', path: 'agents[0].policy.urgency_threshold' })
		]);
	});

	it('explains a policy written as a bare name', async () => {
		expect(await errorAt(withAgent(', policy: Fifo'), 'agents[0].policy')).toBe(
			'a policy is a mapping with a type key'
		);
	});
});
