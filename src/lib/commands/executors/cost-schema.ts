/**
 * `cost-schema`: the cost types of the engine — what each charges, when, and the `cost_rates` key that
 * sets it, with its default — in SimCash's four categories, as markdown or JSON.
 */
import { DEFAULT_COST_RATES } from '../../engine/config';
import type { SchemaCommand } from '../command';
import type { CommandOutput, ExitCode } from '../output';

export interface CostType {
	name: string;
	category: 'PerTick' | 'OneTime' | 'Daily' | 'Modifier';
	rate_key: string;
	unit: string;
	default: number | null;
	description: string;
}

export const COST_TYPES: readonly CostType[] = [
	{
		name: 'Overdraft (liquidity) cost',
		category: 'PerTick',
		rate_key: 'overdraft_bps_per_tick',
		unit: 'basis points of the overdraft per tick',
		default: DEFAULT_COST_RATES.overdraft_bps_per_tick,
		description: 'Charged every tick the balance is negative.'
	},
	{
		name: 'Delay cost',
		category: 'PerTick',
		rate_key: 'delay_cost_per_tick_per_cent',
		unit: 'fraction of the waiting value per tick',
		default: DEFAULT_COST_RATES.delay_cost_per_tick_per_cent,
		description: 'Charged every tick on the value waiting in Queue 1 and on the agent’s RTGS queue entries.'
	},
	{
		name: 'Collateral cost',
		category: 'PerTick',
		rate_key: 'collateral_cost_per_tick_bps',
		unit: 'basis points of posted collateral per tick',
		default: DEFAULT_COST_RATES.collateral_cost_per_tick_bps,
		description: 'Opportunity cost of collateral posted at the central bank.'
	},
	{
		name: 'Liquidity opportunity cost',
		category: 'PerTick',
		rate_key: 'liquidity_cost_per_tick_bps',
		unit: 'basis points of the allocated pool liquidity per tick',
		default: DEFAULT_COST_RATES.liquidity_cost_per_tick_bps,
		description: 'Charged on the liquidity an agent took from the pool at the start.'
	},
	{
		name: 'Deadline penalty',
		category: 'OneTime',
		rate_key: 'deadline_penalty',
		unit: 'cents per payment',
		default: DEFAULT_COST_RATES.deadline_penalty,
		description: 'Charged once when a payment becomes overdue.'
	},
	{
		name: 'Split friction',
		category: 'OneTime',
		rate_key: 'split_friction_cost',
		unit: 'cents per extra part',
		default: DEFAULT_COST_RATES.split_friction_cost,
		description: 'Charged when a payment is split into N parts: N − 1 times the rate.'
	},
	{
		name: 'End-of-day penalty',
		category: 'Daily',
		rate_key: 'eod_penalty_per_transaction',
		unit: 'cents per payment',
		default: DEFAULT_COST_RATES.eod_penalty_per_transaction,
		description: 'Charged at the end of each day for every overdue payment still waiting.'
	},
	{
		name: 'Overdue delay multiplier',
		category: 'Modifier',
		rate_key: 'overdue_delay_multiplier',
		unit: 'factor',
		default: DEFAULT_COST_RATES.overdue_delay_multiplier,
		description: 'Multiplies the delay cost of overdue payments.'
	},
	{
		name: 'Priority delay multipliers',
		category: 'Modifier',
		rate_key: 'priority_delay_multipliers',
		unit: 'factor per priority band (urgent 8–10, normal 4–7, low 0–3)',
		default: null,
		description: 'Multiplies the delay cost by the payment’s priority band (1.0 each when not set).'
	}
];

export function executeCostSchema(command: SchemaCommand, output: CommandOutput): ExitCode {
	if (command.format === 'json') {
		output.write({ kind: 'json', value: COST_TYPES, indent: 2 });
		return 0;
	}
	const lines = [
		'# Cost types',
		'',
		'Rates are set under `cost_rates` in a scenario file; money is in cents.'
	];
	for (const category of ['PerTick', 'OneTime', 'Daily', 'Modifier'] as const) {
		lines.push(
			'',
			`## ${category}`,
			'',
			'| Cost | Rate key | Unit | Default | Charged |',
			'| --- | --- | --- | --- | --- |'
		);
		for (const cost of COST_TYPES.filter((item) => item.category === category))
			lines.push(
				`| ${cost.name} | \`${cost.rate_key}\` | ${cost.unit} | ${cost.default ?? 'none'} | ${cost.description} |`
			);
	}
	output.write({ kind: 'text', stream: 'stdout', lines });
	return 0;
}
