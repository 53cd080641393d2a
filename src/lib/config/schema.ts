/**
 * The scenario file schema (scenario-config.md §4–§14): one zod definition gives the TypeScript types, the
 * validator and the JSON Schema. Keys, defaults, constraints and custom messages follow SimCash 5534eff7's
 * pydantic models; keys SimCash drops before the engine are declared too (see forwarded-keys.ts), because
 * this implementation forwards them.
 *
 * Every union member carries a literal `type`. Files may omit it: variants.ts writes the member SimCash
 * would choose before validation, so the unions here can be discriminated.
 */
import { z } from 'zod';
import { boolean, float, integer, text } from './coerce';

function sumOf(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

// Amount distributions (§9.2)

export const normalDistribution = z.object({
	type: z.literal('Normal'),
	mean: integer({}, 'Mean amount (cents)'),
	std_dev: integer({ gt: 0 }, 'Standard deviation (cents)')
});

export const logNormalDistribution = z.object({
	type: z.literal('LogNormal'),
	mean: float({}, 'Mean of the amount itself in cents (not of its logarithm)'),
	std_dev: float({ gt: 0 }, 'Standard deviation of the amount in cents')
});

export const uniformDistribution = z
	.object({
		type: z.literal('Uniform'),
		min: integer({ ge: 0 }, 'Smallest amount (cents)'),
		max: integer({}, 'Largest amount (cents), greater than min')
	})
	.superRefine((value, ctx) => {
		if (value.max <= value.min)
			ctx.addIssue({
				code: 'custom',
				path: ['max'],
				message: 'max must be greater than min',
				params: { allowed: `an integer greater than min (${value.min})` }
			});
	});

export const exponentialDistribution = z.object({
	type: z.literal('Exponential'),
	lambda: float({ gt: 0 }, 'Rate parameter; the mean amount is 1/lambda cents')
});

export const AMOUNT_DISTRIBUTION_MEMBERS = [
	normalDistribution,
	logNormalDistribution,
	uniformDistribution,
	exponentialDistribution
] as const;

export const amountDistribution = z.discriminatedUnion('type', AMOUNT_DISTRIBUTION_MEMBERS);

// Priority distributions (§9.3)

const priority = (description: string) => integer({ ge: 0, le: 10 }, description);

export const fixedPriority = z.object({ type: z.literal('Fixed'), value: priority('The priority (0–10)') });

export const categoricalPriority = z
	.object({
		type: z.literal('Categorical'),
		values: z.array(integer()).superRefine((values, ctx) => {
			values.forEach((value, index) => {
				if (value < 0 || value > 10) {
					ctx.addIssue({
						code: 'custom',
						path: [index],
						message: `Priority value must be between 0 and 10, got ${value}`,
						params: { allowed: 'an integer from 0 to 10' }
					});
				}
			});
		}),
		weights: z.array(float()).superRefine((weights, ctx) => {
			if (sumOf(weights) <= 0)
				ctx.addIssue({
					code: 'custom',
					message: 'Weights must sum to positive value',
					params: { allowed: 'weights with a positive sum' }
				});
		})
	})
	.superRefine((value, ctx) => {
		if (value.values.length !== value.weights.length) {
			ctx.addIssue({
				code: 'custom',
				path: ['weights'],
				message: `Values and weights must have same length: values=${value.values.length}, weights=${value.weights.length}`,
				params: { allowed: `${value.values.length} weights, one per value` }
			});
		}
	});

export const uniformPriority = z
	.object({
		type: z.literal('Uniform'),
		min: priority('Lowest priority (0–10)'),
		max: priority('Highest priority (0–10), at least min')
	})
	.superRefine((value, ctx) => {
		if (value.min > value.max) {
			ctx.addIssue({
				code: 'custom',
				path: ['max'],
				message: `Max must be greater than or equal to min: min=${value.min}, max=${value.max}`,
				params: { allowed: `a priority from ${value.min} to 10` }
			});
		}
	});

export const PRIORITY_DISTRIBUTION_MEMBERS = [fixedPriority, categoricalPriority, uniformPriority] as const;

export const priorityDistribution = z.discriminatedUnion('type', PRIORITY_DISTRIBUTION_MEMBERS);

// Arrival generation (§8)

const weights = (description: string) => z.record(z.string(), float()).describe(description);

export const arrivalConfig = z.object({
	rate_per_tick: float({ ge: 0 }, 'Poisson mean of payments generated per tick'),
	amount_distribution: amountDistribution,
	counterparty_weights: weights('Receiver weights by agent id; agents not listed get weight 1.0').superRefine(
		(value, ctx) => {
			const values = Object.values(value);
			if (values.length === 0) {
				ctx.addIssue({
					code: 'custom',
					message: 'counterparty_weights cannot be empty',
					params: { allowed: 'a mapping of agent id to weight with at least one entry' }
				});
			} else if (sumOf(values) <= 0) {
				ctx.addIssue({
					code: 'custom',
					message: 'counterparty_weights must sum to positive value',
					params: { allowed: 'weights with a positive sum' }
				});
			}
		}
	),
	deadline_range: z
		.array(integer())
		.min(2)
		.max(2)
		.describe('[min, max] deadline offset in ticks after arrival')
		.superRefine((range, ctx) => {
			const [min, max] = range;
			if (min <= 0) {
				ctx.addIssue({
					code: 'custom',
					path: [0],
					message: 'deadline range min must be > 0',
					params: { allowed: 'an integer > 0' }
				});
			} else if (max < min) {
				ctx.addIssue({
					code: 'custom',
					path: [1],
					message: 'deadline range max must be >= min',
					params: { allowed: `an integer ≥ ${min}` }
				});
			}
		}),
	priority: priority('Fixed priority when priority_distribution is absent').default(5),
	priority_distribution: priorityDistribution.nullish(),
	divisible: boolean('Accepted; the engine does not use it').default(false)
});

export const arrivalBand = z
	.object({
		rate_per_tick: float({ ge: 0 }, 'Poisson mean of payments per tick in this band'),
		amount_distribution: amountDistribution,
		deadline_offset_min: integer({ gt: 0 }, 'Smallest deadline offset (ticks)'),
		deadline_offset_max: integer({ gt: 0 }, 'Largest deadline offset (ticks)'),
		counterparty_weights: weights('Receiver weights; empty means uniform over the other agents').default({}),
		divisible: boolean('Accepted; the engine does not use it').default(false)
	})
	.superRefine((band, ctx) => {
		if (band.deadline_offset_max < band.deadline_offset_min) {
			ctx.addIssue({
				code: 'custom',
				path: ['deadline_offset_max'],
				message: `deadline_offset_max (${band.deadline_offset_max}) must be >= deadline_offset_min (${band.deadline_offset_min})`,
				params: { allowed: `an integer ≥ ${band.deadline_offset_min}` }
			});
		}
	});

export const arrivalBands = z
	.object({ urgent: arrivalBand.nullish(), normal: arrivalBand.nullish(), low: arrivalBand.nullish() })
	.superRefine((bands, ctx) => {
		if (!bands.urgent && !bands.normal && !bands.low) {
			ctx.addIssue({
				code: 'custom',
				message: 'At least one arrival band must be configured',
				params: { allowed: 'at least one of urgent, normal, low' }
			});
		}
	});

// Policies (§7)

const policyParams = z
	.record(z.string(), float())
	.nullish()
	.describe('Overrides of the JSON policy parameters (not read by SimCash 5534eff7)');

export const fifoPolicy = z.object({ type: z.literal('Fifo') });
export const deadlinePolicy = z.object({
	type: z.literal('Deadline'),
	urgency_threshold: integer({ gt: 0 }, 'Ticks before the deadline at which a payment is urgent')
});
export const liquidityAwarePolicy = z.object({
	type: z.literal('LiquidityAware'),
	target_buffer: integer({ ge: 0 }, 'Balance to keep (cents)'),
	urgency_threshold: integer({ gt: 0 }, 'Ticks before the deadline that override the buffer')
});
export const liquiditySplittingPolicy = z.object({
	type: z.literal('LiquiditySplitting'),
	max_splits: integer({ ge: 2, le: 10 }, 'Most parts a payment is split into'),
	min_split_amount: integer({ gt: 0 }, 'Smallest part (cents)')
});
export const mockSplittingPolicy = z.object({
	type: z.literal('MockSplitting'),
	num_splits: integer({ ge: 2, le: 10 }, 'Parts every payment is split into')
});
export const fromJsonPolicy = z.object({
	type: z.literal('FromJson'),
	json_path: text('Policy JSON file, relative to the scenario file or a folder above it'),
	params: policyParams
});
export const inlinePolicy = z.object({
	type: z.literal('Inline'),
	decision_trees: z.record(z.string(), z.unknown()).describe('A complete policy document as a mapping'),
	params: policyParams
});
export const inlineJsonPolicy = z.object({
	type: z.literal('InlineJson'),
	json_string: text('A complete policy document as JSON text').superRefine((value, ctx) => {
		try {
			JSON.parse(value);
		} catch (error) {
			ctx.addIssue({
				code: 'custom',
				message: `Invalid JSON: ${(error as Error).message}`,
				params: { allowed: 'JSON text of a policy document' }
			});
		}
	}),
	params: policyParams
});

export const POLICY_MEMBERS = [
	fifoPolicy,
	deadlinePolicy,
	liquidityAwarePolicy,
	liquiditySplittingPolicy,
	mockSplittingPolicy,
	fromJsonPolicy,
	inlinePolicy,
	inlineJsonPolicy
] as const;

export const policy = z.discriminatedUnion('type', POLICY_MEMBERS);

// Agents (§6)

const agentId = text('Unique agent (bank) id').superRefine((value, ctx) => {
	if (value.trim() === '') {
		ctx.addIssue({
			code: 'custom',
			message: 'Agent ID cannot be empty',
			params: { allowed: 'a non-blank string' }
		});
	}
});

const money = (description: string, bounds: { ge?: number } = {}) => integer(bounds, description);

export const agent = z
	.object({
		id: agentId,
		opening_balance: money('Starting balance at the central bank (cents)'),
		unsecured_cap: money('Unsecured intraday overdraft allowance (cents)', { ge: 0 }).default(0),
		policy: policy.default({ type: 'Fifo' }),
		arrival_config: arrivalConfig.nullish(),
		arrival_bands: arrivalBands.nullish(),
		posted_collateral: money(
			'Collateral posted at the start (cents); not forwarded by SimCash 5534eff7'
		).nullish(),
		collateral_haircut: float(
			{ ge: 0, le: 1 },
			'Collateral haircut; not forwarded by SimCash 5534eff7'
		).nullish(),
		max_collateral_capacity: money('Cap on posted collateral (cents); default 10 × unsecured_cap', {
			ge: 0
		}).nullish(),
		limits: z
			.record(z.string(), z.union([integer(), z.record(z.string(), integer())]))
			.nullish()
			.describe(
				'{bilateral_limits: {agent: cents}, multilateral_limit: cents}; not forwarded by SimCash 5534eff7'
			),
		liquidity_pool: money('External liquidity pool (cents)', { ge: 0 }).nullish(),
		liquidity_allocation_fraction: float(
			{ ge: 0, le: 1 },
			'Share of the pool allocated (default 1.0)'
		).nullish(),
		bilateral_limits: z
			.record(z.string(), integer({ ge: 0 }))
			.nullish()
			.describe('Outflow limit per counterparty (cents); not read by SimCash 5534eff7'),
		multilateral_limit: money('Total outflow limit (cents); not read by SimCash 5534eff7', {
			ge: 0
		}).nullish()
	})
	.superRefine((value, ctx) => {
		if (value.arrival_config && value.arrival_bands) {
			ctx.addIssue({
				code: 'custom',
				path: ['arrival_bands'],
				message: 'arrival_config and arrival_bands are mutually exclusive - specify only one',
				params: { allowed: 'either arrival_config or arrival_bands' }
			});
		}
	});

// Costs (§11) and LSM (§12)

export const priorityDelayMultipliers = z.object({
	urgent_multiplier: float({ ge: 0 }, 'Delay-cost multiplier for priorities 8–10').default(1.0),
	normal_multiplier: float({ ge: 0 }, 'Delay-cost multiplier for priorities 4–7').default(1.0),
	low_multiplier: float({ ge: 0 }, 'Delay-cost multiplier for priorities 0–3').default(1.0)
});

export const costRates = z.object({
	overdraft_bps_per_tick: float({ ge: 0 }, 'Cost of a negative balance (bps per tick)').default(0.001),
	delay_cost_per_tick_per_cent: float({ ge: 0 }, 'Cost per tick per cent of queued value').default(0.0001),
	collateral_cost_per_tick_bps: float({ ge: 0 }, 'Cost of posted collateral (bps per tick)').default(0.0002),
	eod_penalty_per_transaction: money('Per overdue payment still queued at end of day (cents)', {
		ge: 0
	}).default(10000),
	deadline_penalty: money('Once, when a payment becomes overdue (cents)', { ge: 0 }).default(50000),
	split_friction_cost: money('Per extra part when a payment is split (cents)', { ge: 0 }).default(1000),
	overdue_delay_multiplier: float({ ge: 0 }, 'Delay-cost multiplier for overdue payments').default(5.0),
	priority_delay_multipliers: priorityDelayMultipliers.nullish(),
	liquidity_cost_per_tick_bps: float(
		{ ge: 0 },
		'Opportunity cost of allocated pool liquidity (bps per tick)'
	).default(0.0)
});

export const lsmConfig = z.object({
	enable_bilateral: boolean('Offset opposite Queue-2 payments between two agents').default(true),
	enable_cycles: boolean('Settle multilateral cycles in Queue 2').default(true),
	max_cycle_length: integer({ ge: 3, le: 10 }, 'Longest cycle searched').default(4),
	max_cycles_per_tick: integer({ ge: 1, le: 100 }, 'Cycles settled per LSM iteration').default(10)
});

// Scenario events (§13)

export const oneTimeSchedule = z.object({
	type: z.literal('OneTime'),
	tick: integer({ ge: 0 }, 'Tick at which the event runs')
});
export const repeatingSchedule = z.object({
	type: z.literal('Repeating'),
	start_tick: integer({ ge: 0 }, 'First tick at which the event runs'),
	interval: integer({ gt: 0 }, 'Ticks between runs')
});

export const SCHEDULE_MEMBERS = [oneTimeSchedule, repeatingSchedule] as const;
export const schedule = z.discriminatedUnion('type', SCHEDULE_MEMBERS);

const agentRef = (description: string) => text(description);
const eventAmount = () => integer({ gt: 0 }, 'Amount (cents)');

export const directTransferEvent = z.object({
	type: z.literal('DirectTransfer'),
	from_agent: agentRef('Agent debited'),
	to_agent: agentRef('Agent credited'),
	amount: eventAmount(),
	schedule
});
export const customTransactionArrivalEvent = z.object({
	type: z.literal('CustomTransactionArrival'),
	from_agent: agentRef('Sender'),
	to_agent: agentRef('Receiver'),
	amount: eventAmount(),
	priority: priority('Priority (default 5)').nullish(),
	deadline: integer({ gt: 0 }, 'Deadline in ticks after arrival').nullish(),
	is_divisible: boolean('Accepted; the engine does not use it').nullish(),
	schedule
});
export const collateralAdjustmentEvent = z.object({
	type: z.literal('CollateralAdjustment'),
	agent: agentRef('Agent whose unsecured cap changes'),
	delta: integer({}, 'Change of the unsecured cap (cents)'),
	schedule
});
export const globalArrivalRateChangeEvent = z.object({
	type: z.literal('GlobalArrivalRateChange'),
	multiplier: float({ gt: 0 }, 'Factor on every arrival_config base rate'),
	schedule
});
export const agentArrivalRateChangeEvent = z.object({
	type: z.literal('AgentArrivalRateChange'),
	agent: agentRef('Agent whose arrival rate changes'),
	multiplier: float({ gt: 0 }, 'Factor on the current rate'),
	schedule
});
export const counterpartyWeightChangeEvent = z.object({
	type: z.literal('CounterpartyWeightChange'),
	agent: agentRef('Agent whose weights change'),
	counterparty: agentRef('Counterparty whose weight is set'),
	new_weight: float({ ge: 0, le: 1 }, 'New weight'),
	auto_balance_others: boolean('Accepted; the engine ignores it').default(false),
	schedule
});
export const deadlineWindowChangeEvent = z
	.object({
		type: z.literal('DeadlineWindowChange'),
		min_ticks_multiplier: float({ gt: 0 }, 'Factor on every deadline_range min').nullish(),
		max_ticks_multiplier: float({ gt: 0 }, 'Factor on every deadline_range max').nullish(),
		schedule
	})
	.superRefine((value, ctx) => {
		if (value.min_ticks_multiplier == null && value.max_ticks_multiplier == null) {
			ctx.addIssue({
				code: 'custom',
				message: 'At least one of min_ticks_multiplier or max_ticks_multiplier must be provided',
				params: { allowed: 'min_ticks_multiplier, max_ticks_multiplier or both' }
			});
		}
	});
export const scheduledSettlementEvent = z.object({
	type: z.literal('ScheduledSettlement'),
	from_agent: agentRef('Sender'),
	to_agent: agentRef('Receiver'),
	amount: eventAmount(),
	schedule
});

export const EVENT_MEMBERS = [
	directTransferEvent,
	customTransactionArrivalEvent,
	collateralAdjustmentEvent,
	globalArrivalRateChangeEvent,
	agentArrivalRateChangeEvent,
	counterpartyWeightChangeEvent,
	deadlineWindowChangeEvent,
	scheduledSettlementEvent
] as const;

export const scenarioEvent = z.discriminatedUnion('type', EVENT_MEMBERS);

// Feature toggles (§14.3)

export const POLICY_CATEGORIES = [
	'ComparisonOperator',
	'LogicalOperator',
	'BinaryArithmetic',
	'NaryArithmetic',
	'UnaryMath',
	'TernaryMath',
	'ValueType',
	'PaymentAction',
	'BankAction',
	'CollateralAction',
	'RtgsAction',
	'TransactionField',
	'AgentField',
	'QueueField',
	'CollateralField',
	'CostField',
	'TimeField',
	'LsmField',
	'ThroughputField',
	'StateRegisterField',
	'SystemField',
	'DerivedField',
	'NodeType',
	'TreeType'
] as const;

export const COST_CATEGORIES = ['PerTick', 'OneTime', 'Daily', 'Modifier'] as const;

function toggles(categories: readonly string[], unknownLabel: string) {
	const sorted = [...categories].sort();
	const list = z.array(text()).superRefine((names, ctx) => {
		names.forEach((name, index) => {
			if (!categories.includes(name)) {
				ctx.addIssue({
					code: 'custom',
					path: [index],
					message: `${unknownLabel}: ${name}. Valid categories: [${sorted.map((c) => `'${c}'`).join(', ')}]`,
					params: { allowed: `one of ${sorted.join(', ')}`, candidates: sorted }
				});
			}
		});
	});
	return z
		.object({
			include: list.nullish().describe('Only these categories are allowed'),
			exclude: list.nullish().describe('These categories are forbidden')
		})
		.superRefine((value, ctx) => {
			if (value.include != null && value.exclude != null) {
				ctx.addIssue({
					code: 'custom',
					message: "Cannot specify both 'include' and 'exclude' - choose one",
					params: { allowed: 'include or exclude, not both' }
				});
			}
		});
}

export const policyFeatureToggles = toggles(POLICY_CATEGORIES, 'Unknown category');
export const costFeatureToggles = toggles(COST_CATEGORIES, 'Unknown cost category');

// Engine options SimCash 5534eff7 does not read from YAML (§14.4); forwarded here.

export const priorityEscalation = z.object({
	enabled: boolean('Raise the priority of payments as their deadline approaches').default(false),
	curve: text('Escalation curve; the engine implements "linear" only').default('linear'),
	start_escalating_at_ticks: integer(
		{ gt: 0 },
		'Ticks before the deadline at which escalation starts'
	).default(20),
	max_boost: integer({ ge: 0, le: 10 }, 'Largest priority increase').default(3)
});

const QUEUE1_ORDERING_ALIASES: Record<string, 'fifo' | 'priority_deadline'> = {
	fifo: 'fifo',
	Fifo: 'fifo',
	FIFO: 'fifo',
	priority_deadline: 'priority_deadline',
	PriorityDeadline: 'priority_deadline',
	'priority-deadline': 'priority_deadline'
};

export const queue1Ordering = z
	.preprocess(
		(value) =>
			typeof value === 'string' && Object.hasOwn(QUEUE1_ORDERING_ALIASES, value)
				? QUEUE1_ORDERING_ALIASES[value]
				: value,
		z.enum(['fifo', 'priority_deadline'])
	)
	.describe('Order of each Queue 1: arrival order, or priority (descending) then deadline');

// The scenario (§4)

export const simulation = z.object({
	ticks_per_day: integer({ gt: 0 }, 'Ticks per business day'),
	num_days: integer({ gt: 0 }, 'Number of days; the run has ticks_per_day × num_days ticks'),
	rng_seed: z
		.preprocess(
			(value) => (typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value),
			z
				.bigint()
				.min(0n)
				.max((1n << 64n) - 1n)
		)
		.describe('Seed of the random generator, 0 … 2^64 − 1')
});

export const scenario = z.object({
	simulation,
	agents: z.array(agent).min(1),
	cost_rates: costRates.default(costRates.parse({})),
	lsm_config: lsmConfig.default(lsmConfig.parse({})),
	scenario_events: z.array(scenarioEvent).nullish(),
	policy_feature_toggles: policyFeatureToggles.nullish(),
	cost_feature_toggles: costFeatureToggles.nullish(),
	deferred_crediting: boolean('Credits of a tick become usable at its end').default(false),
	deadline_cap_at_eod: boolean('Deadlines are capped at the end of the arrival day').default(false),
	algorithm_sequencing: boolean('Record the LSM algorithm sequence (not read by SimCash 5534eff7)').default(
		false
	),
	entry_disposition_offsetting: boolean(
		'Offset opposite payments when they enter Queue 2 (not read by SimCash 5534eff7)'
	).default(false),
	priority_escalation: priorityEscalation.nullish(),
	queue1_ordering: queue1Ordering.default('fifo'),
	priority_mode: boolean('Order Queue 2 by RTGS priority (not read by SimCash 5534eff7)').default(false),
	eod_rush_threshold: float(
		{ ge: 0, le: 1 },
		'Share of the day after which is_eod_rush is true (not read by SimCash 5534eff7)'
	).default(0.8)
});

export type Scenario = z.output<typeof scenario>;
export type ScenarioAgent = z.output<typeof agent>;
export type ScenarioPolicy = z.output<typeof policy>;
export type ScenarioArrivalConfig = z.output<typeof arrivalConfig>;
export type ScenarioArrivalBand = z.output<typeof arrivalBand>;
export type ScenarioArrivalBands = z.output<typeof arrivalBands>;
export type ScenarioAmountDistribution = z.output<typeof amountDistribution>;
export type ScenarioPriorityDistribution = z.output<typeof priorityDistribution>;
export type ScenarioEvent = z.output<typeof scenarioEvent>;
export type ScenarioSchedule = z.output<typeof schedule>;
export type ScenarioCostRates = z.output<typeof costRates>;
export type ScenarioLsmConfig = z.output<typeof lsmConfig>;
export type ScenarioPriorityEscalation = z.output<typeof priorityEscalation>;
