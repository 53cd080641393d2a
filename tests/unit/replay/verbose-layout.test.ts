/** The per-tick layout (§4.1): fixed section order, separators, and where the filter applies (§8.3). */
import { describe, expect, it } from 'vitest';
import type { SimulationEvent } from '../../../src/lib/engine/events';
import {
	NO_FILTER,
	parseEventFilter,
	type EventFilter,
	type EventFilterOptions
} from '../../../src/lib/replay/filter';
import { formatTick, isLastTickOfDay } from '../../../src/lib/replay/verbose';
import { agentState, NO_COSTS, openTransaction, SEPARATOR_LINE, tickView } from './helpers';

function filter(options: EventFilterOptions): EventFilter {
	const result = parseEventFilter(options);
	if (!result.ok) throw new Error(result.error);
	return result.filter;
}

const costs = {
	collateral_cost: 0,
	delay_cost: 10,
	liquidity_cost: 0,
	liquidity_opportunity_cost: 0,
	penalty_cost: 0,
	split_friction_cost: 0,
	total: 10
};

/** One event of every displayed kind, in an order unlike the section order. */
const EVENTS: SimulationEvent[] = [
	{ event_type: 'EndOfDay', tick: 9, day: 0, unsettled_count: 1, total_penalties: 0 },
	{ event_type: 'CostAccrual', tick: 9, agent_id: 'A', costs },
	{
		event_type: 'TransactionWentOverdue',
		tick: 9,
		tx_id: 'tx_5',
		sender_id: 'A',
		receiver_id: 'B',
		amount: 100,
		remaining_amount: 100,
		deadline_tick: 8,
		ticks_overdue: 1,
		deadline_penalty_cost: 0
	},
	{
		event_type: 'ScenarioEventExecuted',
		tick: 9,
		scenario_event_type: 'direct_transfer',
		details: { amount: 1 }
	},
	{ event_type: 'CollateralPost', tick: 9, agent_id: 'A', amount: 100, reason: 'r', new_total: 100 },
	{
		event_type: 'LsmBilateralOffset',
		tick: 9,
		agent_a: 'A',
		agent_b: 'B',
		tx_ids: ['tx_1', 'tx_2'],
		amount_a: 100,
		amount_b: 100,
		amount: 200
	},
	{ event_type: 'QueuedRtgs', tick: 9, tx_id: 'tx_3', sender_id: 'B' },
	{
		event_type: 'AlgorithmExecution',
		tick: 9,
		algorithm: 2,
		result: 'Success',
		settlements: 1,
		settled_value: 100
	},
	{
		event_type: 'TransactionReprioritized',
		tick: 9,
		agent_id: 'A',
		tx_id: 'tx_4',
		old_priority: 1,
		new_priority: 2
	},
	{
		event_type: 'PriorityEscalated',
		tick: 9,
		tx_id: 'tx_4',
		sender_id: 'A',
		original_priority: 2,
		escalated_priority: 3,
		ticks_until_deadline: 1,
		boost_applied: 1
	},
	{
		event_type: 'BankBudgetSet',
		tick: 9,
		agent_id: 'A',
		max_value: 1,
		focus_counterparties: null,
		max_per_counterparty: null
	},
	{
		event_type: 'StateRegisterSet',
		tick: 9,
		agent_id: 'A',
		register_key: 'bank_state_k',
		old_value: 0,
		new_value: 1,
		reason: 'r',
		decision_path: null
	},
	{ event_type: 'PolicySubmit', tick: 9, agent_id: 'B', tx_id: 'tx_3' },
	{
		event_type: 'Arrival',
		tick: 9,
		tx_id: 'tx_6',
		sender_id: 'B',
		receiver_id: 'A',
		amount: 100,
		deadline: 20,
		priority: 5,
		is_divisible: false
	},
	{ event_type: 'DeferredCreditApplied', tick: 9, agent_id: 'A', amount: 1, source_transactions: [] }
];

const BUSY = tickView({
	tick: 9,
	counts: { arrivals: 1, settlements: 2, lsmReleases: 1, totalCost: 10 },
	agents: [
		agentState('B', { balance: 100, balanceChange: -100 }),
		agentState('A', { balance: 200, balanceChange: 100, costs: { ...NO_COSTS, delayCost: 10 } })
	],
	openTransactions: [
		openTransaction('tx_7', { senderId: 'B', receiverId: 'A', deadlineTick: 11 }),
		openTransaction('tx_5', { senderId: 'A', receiverId: 'B', location: 'none', overdueSinceTick: 9 })
	],
	eventTransactions: [{ txId: 'tx_6', priority: 5, deadlineTick: 20 }]
});

/** The first line of each section, in output order. */
const HEADS = [
	'═══ Tick',
	'📥',
	'⚠️  Transactions Near Deadline',
	'🎯',
	'🧠',
	'💰 Release Budget',
	'📈',
	'🔄 Policy Reprioritizations',
	'  Algorithm',
	'✅ 2 transaction(s) settled:',
	SEPARATOR_LINE,
	'📋',
	'🔄 LSM Cycles',
	'💰 Collateral Activity',
	'🎬',
	'❌',
	'🔥 Overdue Transactions:',
	SEPARATOR_LINE,
	'💰 Agent Financial Stats',
	SEPARATOR_LINE,
	'  A: ',
	'  B: ',
	SEPARATOR_LINE,
	'💰 Cost Accruals',
	'💰 Costs Accrued This Tick',
	SEPARATOR_LINE,
	'  Summary:',
	'🌙'
];

const DISTINCT_HEADS = [...new Set(HEADS)];

function heads(lines: readonly string[]): string[] {
	return lines.flatMap((line) => DISTINCT_HEADS.filter((head) => line.startsWith(head)));
}

describe('per-tick layout', () => {
	it('prints a quiet tick as header, separators, financial stats and summary', () => {
		expect(formatTick(tickView({ tick: 3 }), [], NO_FILTER)).toEqual([
			'',
			'═══ Tick 3 ═══',
			'',
			SEPARATOR_LINE,
			'',
			'',
			SEPARATOR_LINE,
			'',
			'',
			'💰 Agent Financial Stats',
			'',
			'BANK_A',
			'  Balance:            $1,000.00',
			'  Credit Limit:       None',
			'  Available Liquidity: $1,000.00',
			'  Headroom:           100.0%',
			'',
			'',
			SEPARATOR_LINE,
			'',
			'',
			SEPARATOR_LINE,
			'',
			'',
			SEPARATOR_LINE,
			'',
			'',
			'  Summary: 0 in | 0 settled'
		]);
	});

	it('keeps the fixed section order whatever the event order', () => {
		expect(heads(formatTick(BUSY, EVENTS, NO_FILTER))).toEqual(HEADS);
	});

	it('shows the arrivals section only when the engine counted arrivals', () => {
		const noCount = { ...BUSY, counts: { ...BUSY.counts, arrivals: 0 } };
		expect(heads(formatTick(noCount, EVENTS, NO_FILTER))).not.toContain('📥');
	});

	it('shows the cost breakdown only when the tick cost something', () => {
		const free = { ...BUSY, counts: { ...BUSY.counts, totalCost: 0 } };
		expect(heads(formatTick(free, EVENTS, NO_FILTER))).not.toContain('💰 Costs Accrued This Tick');
	});

	it('leaves its inputs untouched', () => {
		const freeze = <T>(value: T): T => {
			if (typeof value === 'object' && value !== null) {
				for (const inner of Object.values(value)) freeze(inner);
				Object.freeze(value);
			}
			return value;
		};
		const view = freeze(structuredClone(BUSY));
		const events = freeze(structuredClone(EVENTS));
		expect(formatTick(view, events, filter({ agent: 'A' }))).toEqual(
			formatTick(BUSY, EVENTS, filter({ agent: 'A' }))
		);
		expect(view).toEqual(BUSY);
	});

	it('tells the last tick of a day', () => {
		expect([8, 9, 10, 19].map((tick) => isLastTickOfDay(tick, 10))).toEqual([false, true, false, true]);
	});
});

describe('the filter in the verbose output (§8.3)', () => {
	it('filters the event-driven sections only; state sections and counts stay whole', () => {
		const lines = formatTick(BUSY, EVENTS, filter({ eventTypes: 'QueuedRtgs,CostAccrual' }));
		expect(heads(lines)).toEqual([
			'═══ Tick',
			'⚠️  Transactions Near Deadline',
			'✅ 2 transaction(s) settled:',
			SEPARATOR_LINE,
			'📋',
			'🔥 Overdue Transactions:',
			SEPARATOR_LINE,
			'💰 Agent Financial Stats',
			SEPARATOR_LINE,
			'  A: ',
			'  B: ',
			SEPARATOR_LINE,
			'💰 Cost Accruals',
			'💰 Costs Accrued This Tick',
			SEPARATOR_LINE,
			'  Summary:'
		]);
		expect(lines).toContain('  Summary: 1 in | 2 settled | 1 LSM | 1 queued');
	});

	it('keeps the events that involve the filtered agent', () => {
		const lines = formatTick(BUSY, EVENTS, filter({ agent: 'B' }));
		expect(lines).toContain('   • SUBMIT: TX tx_3');
		expect(lines).toContain('   • TX tx_3: B | Insufficient balance');
		expect(lines).toContain('   • TX tx_6: B → A');
		expect(lines).toContain('   • TX tx_1 ⟷ TX tx_2: $2.00');
		expect(lines).not.toContain('   • SUBMIT: TX tx_4');
		expect(heads(lines)).not.toContain('💰 Cost Accruals');
		expect(heads(lines)).not.toContain('  Algorithm');
	});

	it('leaves only the state sections for a tick outside the tick range', () => {
		expect(heads(formatTick(BUSY, EVENTS, filter({ tickRange: '10-' })))).toEqual([
			'═══ Tick',
			'⚠️  Transactions Near Deadline',
			'✅ 2 transaction(s) settled:',
			SEPARATOR_LINE,
			'🔥 Overdue Transactions:',
			SEPARATOR_LINE,
			'💰 Agent Financial Stats',
			SEPARATOR_LINE,
			'  A: ',
			'  B: ',
			SEPARATOR_LINE,
			'💰 Costs Accrued This Tick',
			SEPARATOR_LINE,
			'  Summary:'
		]);
	});
});
