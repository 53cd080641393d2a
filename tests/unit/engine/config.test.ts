import { describe, expect, it } from 'vitest';
import { parseEngineConfig } from '../../../src/lib/engine/config';
import { ConfigError } from '../../../src/lib/engine/errors';
import { configJson } from './helpers';

function errorOf(input: unknown): string {
	try {
		parseEngineConfig(input);
	} catch (error) {
		if (error instanceof ConfigError) return error.message;
		throw error;
	}
	return 'no error';
}

describe('engine configuration parsing', () => {
	it('fills the engine defaults for absent keys', () => {
		const config = parseEngineConfig(configJson([{ id: 'A' }]));
		expect(config.cost_rates.overdraft_bps_per_tick).toBe(0.001);
		expect(config.lsm_config).toEqual({
			enable_bilateral: true,
			enable_cycles: true,
			max_cycle_length: 4,
			max_cycles_per_tick: 10
		});
		expect(config.priority_escalation.enabled).toBe(false);
		expect(config.eod_rush_threshold).toBe(0.8);
		expect(config.queue1_ordering).toBe('fifo');
		expect(config.rng_seed).toBe(1n);
	});

	it('reads the serde shapes: tagged policies and distributions, [min, max] deadline ranges, schedules', () => {
		const config = parseEngineConfig(
			configJson(
				[
					{
						id: 'A',
						policy: { LiquidityAware: { target_buffer: 100, urgency_threshold: 5 } },
						arrival_config: {
							rate_per_tick: 1,
							amount_distribution: { LogNormal: { mean: 1.5, std_dev: 2 } },
							counterparty_weights: { B: 2 },
							deadline_range: [3, 9],
							priority_distribution: { Categorical: { values: [1, 2], weights: [0.5, 0.5] } },
							divisible: true
						}
					}
				],
				{
					rng_seed: '18446744073709551615',
					scenario_events: [
						{
							event: { type: 'global_arrival_rate_change', multiplier: 2 },
							schedule: { start_tick: 3, interval: 4 }
						}
					]
				}
			)
		);
		const agent = config.agent_configs[0];
		expect(agent.policy).toEqual({ LiquidityAware: { target_buffer: 100, urgency_threshold: 5 } });
		expect(agent.arrival_config?.deadline_range).toEqual([3, 9]);
		expect(agent.arrival_config?.counterparty_weights.get('B')).toBe(2);
		expect(config.rng_seed).toBe(18446744073709551615n);
		expect(config.scenario_events[0].schedule).toEqual({ start_tick: 3, interval: 4 });
	});

	it('names the field path in errors', () => {
		expect(errorOf({ ...configJson([{ id: 'A' }]), ticks_per_day: 1.5 })).toBe(
			'ticks_per_day: expected an integer, got number 1.5'
		);
		expect(errorOf(configJson([{ id: 'A', opening_balance: 'x' }]))).toBe(
			'agent_configs[0].opening_balance: expected an integer, got the string "x"'
		);
		expect(errorOf(configJson([{ id: 'A', policy: 'Nope' }]))).toContain(
			'agent_configs[0].policy: unknown variant "Nope"'
		);
		expect(
			errorOf(
				configJson([
					{ id: 'A', arrival_config: { rate_per_tick: 1, amount_distribution: { Uniform: { min: 1 } } } }
				])
			)
		).toBe('agent_configs[0].arrival_config.amount_distribution.Uniform.max: missing required field');
		expect(errorOf({ ...configJson([{ id: 'A' }]), rng_seed: 2 ** 60 })).toContain(
			'give seeds above 2^53 as a string'
		);
		expect(
			errorOf({
				...configJson([{ id: 'A' }]),
				scenario_events: [{ event: { type: 'teleport' }, schedule: { tick: 1 } }]
			})
		).toBe('scenario_events[0].event.type: unknown scenario event type "teleport"');
	});
});
