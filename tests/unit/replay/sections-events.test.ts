/**
 * Event-driven sections (§4.2 items 1, 3–14, 18, 21). Expected lines follow the spec's templates with
 * hand-computed values.
 */
import { describe, expect, it } from 'vitest';
import type { SimulationEvent } from '../../../src/lib/engine/events';
import { indexTick } from '../../../src/lib/replay/tick-index';
import { arrivalLines } from '../../../src/lib/replay/sections/arrivals';
import { budgetUpdateLines } from '../../../src/lib/replay/sections/budget-updates';
import { collateralLines } from '../../../src/lib/replay/sections/collateral';
import { costAccrualLines } from '../../../src/lib/replay/sections/costs';
import { lsmCycleLines } from '../../../src/lib/replay/sections/lsm-cycles';
import { memoryUpdateLines } from '../../../src/lib/replay/sections/memory-updates';
import { overdueEventLines } from '../../../src/lib/replay/sections/overdue';
import { policyDecisionLines } from '../../../src/lib/replay/sections/policy-decisions';
import {
	priorityEscalationLines,
	reprioritizationLines
} from '../../../src/lib/replay/sections/priority-changes';
import { queuedRtgsLines } from '../../../src/lib/replay/sections/queued-rtgs';
import { scenarioEventLines } from '../../../src/lib/replay/sections/scenario-events';
import { settlementLines } from '../../../src/lib/replay/sections/settlements';
import { target2EventLines } from '../../../src/lib/replay/sections/target2-events';
import { endOfDayNoticeLines, tickHeaderLines } from '../../../src/lib/replay/sections/tick-summary';
import { agentState, tickView } from './helpers';

const costs = (parts: Partial<Record<string, number>>) => {
	const c = {
		collateral_cost: parts.collateral_cost ?? 0,
		delay_cost: parts.delay_cost ?? 0,
		liquidity_cost: parts.liquidity_cost ?? 0,
		liquidity_opportunity_cost: parts.liquidity_opportunity_cost ?? 0,
		penalty_cost: parts.penalty_cost ?? 0,
		split_friction_cost: parts.split_friction_cost ?? 0
	};
	return {
		...c,
		total:
			c.collateral_cost +
			c.delay_cost +
			c.liquidity_cost +
			c.liquidity_opportunity_cost +
			c.penalty_cost +
			c.split_friction_cost
	};
};

describe('0 tick header', () => {
	it('is an empty line and the framed tick number', () => {
		expect(tickHeaderLines(42)).toEqual(['', '═══ Tick 42 ═══']);
	});
});

describe('1 arrivals', () => {
	const arrivals: SimulationEvent[] = [
		{
			event_type: 'Arrival',
			tick: 3,
			tx_id: 'tx_123456789',
			sender_id: 'BANK_A',
			receiver_id: 'BANK_B',
			amount: 100000,
			deadline: 50,
			priority: 3,
			is_divisible: false
		},
		{
			event_type: 'Arrival',
			tick: 3,
			tx_id: 'tx_2',
			sender_id: 'BANK_B',
			receiver_id: 'BANK_C',
			amount: 25050,
			deadline: 55,
			priority: 5,
			is_divisible: false
		},
		{
			event_type: 'Arrival',
			tick: 3,
			tx_id: 'tx_3',
			sender_id: 'BANK_C',
			receiver_id: 'BANK_A',
			amount: 1,
			deadline: 9,
			priority: 2,
			is_divisible: false
		}
	];

	it('prints two lines per arrival with the priority and deadline known after the tick', () => {
		// tx_123456789 was escalated from 3 to 8 within the tick; tx_3 is unknown to the engine.
		const index = indexTick(
			tickView({
				eventTransactions: [
					{ txId: 'tx_123456789', priority: 8, deadlineTick: 50 },
					{ txId: 'tx_2', priority: 5, deadlineTick: 55 }
				]
			})
		);
		expect(arrivalLines(index, arrivals)).toEqual([
			'',
			'📥 3 transaction(s) arrived:',
			'   • TX tx_12345: BANK_A → BANK_B',
			'     $1,000.00 | P:8 HIGH | ⏰ Tick 50',
			'   • TX tx_2: BANK_B → BANK_C',
			'     $250.50 | P:5 MED | ⏰ Tick 55',
			'   • TX tx_3: BANK_C → BANK_A',
			'     $0.01 | P:0 LOW | ⏰ Tick 0'
		]);
	});

	it('bands priorities: 7 and up HIGH, 4 to 6 MED, below LOW', () => {
		const lines = (priority: number) =>
			arrivalLines(
				indexTick(tickView({ eventTransactions: [{ txId: 'tx_2', priority, deadlineTick: 1 }] })),
				[arrivals[1]]
			)[3];
		expect([7, 6, 4, 3].map(lines)).toEqual([
			'     $250.50 | P:7 HIGH | ⏰ Tick 1',
			'     $250.50 | P:6 MED | ⏰ Tick 1',
			'     $250.50 | P:4 MED | ⏰ Tick 1',
			'     $250.50 | P:3 LOW | ⏰ Tick 1'
		]);
	});

	it('prints nothing without arrival events', () => {
		expect(arrivalLines(indexTick(tickView()), [])).toEqual([]);
	});
});

describe('3 policy decisions', () => {
	it('groups by agent in order of first appearance, one empty line after each group', () => {
		const events: SimulationEvent[] = [
			{ event_type: 'PolicySubmit', tick: 1, agent_id: 'BANK_B', tx_id: 'tx_10' },
			{ event_type: 'PolicyHold', tick: 1, agent_id: 'BANK_A', tx_id: 'tx_11', reason: 'BudgetExhausted' },
			{ event_type: 'PolicyDrop', tick: 1, agent_id: 'BANK_B', tx_id: 'tx_12', reason: 'Expired deadline' },
			{ event_type: 'PolicySplit', tick: 1, agent_id: 'BANK_A', tx_id: 'tx_13', num_splits: 4, child_ids: [] }
		];
		expect(policyDecisionLines(events)).toEqual([
			'',
			'🎯 Policy Decisions (4):',
			'   BANK_B:',
			'   • SUBMIT: TX tx_10',
			'   • DROP: TX tx_12 - Expired deadline',
			'',
			'   BANK_A:',
			'   • HOLD: TX tx_11 - BudgetExhausted',
			'   • SPLIT: TX tx_13 → 4 children',
			''
		]);
	});
});

describe('4 agent memory updates', () => {
	const register = (fields: Partial<Extract<SimulationEvent, { event_type: 'StateRegisterSet' }>>) =>
		({
			event_type: 'StateRegisterSet',
			tick: 1,
			agent_id: 'BANK_A',
			register_key: 'bank_state_cooldown',
			old_value: 0,
			new_value: 42,
			reason: 'policy_action',
			decision_path: null,
			...fields
		}) as SimulationEvent;

	it('drops unchanged registers, strips the prefix, prints floats and the decision path', () => {
		const events = [
			register({ decision_path: 'root(true) → set' }),
			register({ register_key: 'bank_state_counter', old_value: 5, new_value: 5 }),
			register({
				agent_id: 'BANK_B',
				register_key: 'bank_state_x',
				old_value: 2.5,
				new_value: 0,
				reason: 'eod_reset'
			}),
			register({ register_key: 'bank_state_tiny', old_value: 0.00001, new_value: 1e16 })
		];
		expect(memoryUpdateLines(events)).toEqual([
			'',
			'🧠 Agent Memory Updates (3):',
			'   BANK_A:',
			'   • cooldown: 0.0 → 42.0 (policy_action)',
			'     Path: root(true) → set',
			'   • tiny: 1e-05 → 1e+16 (policy_action)',
			'',
			'   BANK_B:',
			'   • x: 2.5 → 0.0 (EOD reset)',
			''
		]);
	});

	it('prints nothing when no value changed', () => {
		expect(memoryUpdateLines([register({ old_value: 1, new_value: 1 })])).toEqual([]);
	});
});

describe('5 release budget updates', () => {
	it('prints one block per event with the optional focus and per-counterparty cap', () => {
		const events: SimulationEvent[] = [
			{
				event_type: 'BankBudgetSet',
				tick: 1,
				agent_id: 'BANK_A',
				max_value: 5000000,
				focus_counterparties: null,
				max_per_counterparty: null
			},
			{
				event_type: 'BankBudgetSet',
				tick: 1,
				agent_id: 'BANK_B',
				max_value: 7500000,
				focus_counterparties: ['BANK_C', 'BANK_D'],
				max_per_counterparty: 2500000
			},
			{
				event_type: 'BankBudgetSet',
				tick: 1,
				agent_id: 'BANK_A',
				max_value: 0,
				focus_counterparties: [],
				max_per_counterparty: 0
			}
		];
		expect(budgetUpdateLines(events)).toEqual([
			'',
			'💰 Release Budget Updates (3):',
			'   BANK_A:',
			'   • Max Release: $50,000.00',
			'',
			'   BANK_B:',
			'   • Max Release: $75,000.00',
			'   • Focus: BANK_C, BANK_D',
			'   • Max per Counterparty: $25,000.00',
			'',
			'   BANK_A:',
			'   • Max Release: $0.00',
			'   • Max per Counterparty: $0.00',
			''
		]);
	});
});

describe('6 and 7 priority changes', () => {
	it('prints escalations without a trailing empty line', () => {
		const events: SimulationEvent[] = [
			{
				event_type: 'PriorityEscalated',
				tick: 1,
				tx_id: 'tx_a1b2c3d4e5',
				sender_id: 'BANK_A',
				original_priority: 3,
				escalated_priority: 5,
				ticks_until_deadline: 5,
				boost_applied: 2
			}
		];
		expect(priorityEscalationLines(events)).toEqual([
			'',
			'📈 Priority Escalations (1):',
			'   • TX tx_a1b2c: 3 → 5 (+2 boost, 5 ticks until deadline)'
		]);
	});

	it('groups reprioritizations by agent with the direction of the change', () => {
		const change = (
			agent_id: string,
			tx_id: string,
			old_priority: number,
			new_priority: number
		): SimulationEvent => ({
			event_type: 'TransactionReprioritized',
			tick: 1,
			agent_id,
			tx_id,
			old_priority,
			new_priority
		});
		expect(
			reprioritizationLines([
				change('BANK_A', 'tx_1', 3, 8),
				change('BANK_B', 'tx_2', 9, 5),
				change('BANK_A', 'tx_3', 4, 4)
			])
		).toEqual([
			'',
			'🔄 Policy Reprioritizations (3):',
			'   BANK_A:',
			'   • TX tx_1: 3 ↑ 8',
			'   • TX tx_3: 4 → 4',
			'',
			'   BANK_B:',
			'   • TX tx_2: 9 ↓ 5',
			''
		]);
	});
});

describe('8 TARGET2 events', () => {
	it('prints each event in emission order, without a header', () => {
		const events: SimulationEvent[] = [
			{
				event_type: 'RtgsSubmission',
				tick: 1,
				tx_id: 'tx_0123456789abc',
				sender: 'BANK_A',
				receiver: 'BANK_B',
				amount: 123456,
				internal_priority: 7,
				rtgs_priority: 'Urgent'
			},
			{
				event_type: 'RtgsWithdrawal',
				tick: 1,
				tx_id: 'tx_5',
				sender: 'BANK_A',
				original_rtgs_priority: 'Normal'
			},
			{
				event_type: 'RtgsResubmission',
				tick: 1,
				tx_id: 'tx_5',
				sender: 'BANK_A',
				old_rtgs_priority: 'Normal',
				new_rtgs_priority: 'HighlyUrgent'
			},
			{
				event_type: 'BilateralLimitExceeded',
				tick: 1,
				sender: 'BANK_A',
				receiver: 'BANK_B',
				tx_id: 'tx_6',
				amount: 40444,
				current_bilateral_outflow: 667277,
				bilateral_limit: 700000
			},
			{
				event_type: 'MultilateralLimitExceeded',
				tick: 1,
				sender: 'BANK_C',
				tx_id: 'tx_7',
				amount: 50000,
				current_total_outflow: 980000,
				multilateral_limit: 1000000
			},
			{
				event_type: 'AlgorithmExecution',
				tick: 1,
				algorithm: 1,
				result: 'Success',
				settlements: 2,
				settled_value: 150000
			},
			{
				event_type: 'AlgorithmExecution',
				tick: 1,
				algorithm: 2,
				result: 'NoProgress',
				settlements: 0,
				settled_value: 0
			},
			{
				event_type: 'AlgorithmExecution',
				tick: 1,
				algorithm: 3,
				result: 'Success',
				settlements: 1,
				settled_value: 0
			},
			{
				event_type: 'AlgorithmExecution',
				tick: 1,
				algorithm: 7,
				result: 'Failure',
				settlements: 0,
				settled_value: 0
			},
			{
				event_type: 'EntryDispositionOffset',
				tick: 1,
				incoming_tx_id: 'tx_19',
				queued_tx_id: 'tx_20',
				agent_a: 'BANK_B',
				agent_b: 'BANK_D',
				offset_amount: 3190000,
				incoming_amount: 3200000,
				queued_amount: 3190000
			},
			{ event_type: 'QueuedRtgs', tick: 1, tx_id: 'tx_8', sender_id: 'BANK_A' }
		];
		expect(target2EventLines(events)).toEqual([
			'  RTGS Submission: tx_012345678...',
			'    BANK_A → BANK_B: $1,234.56',
			'    RTGS Priority: Urgent (internal: 7)',
			'  RTGS Withdrawal: tx_5...',
			'    Sender: BANK_A',
			'    Original Priority: Normal, Ticks in Queue: 0',
			'    Reason: Unknown',
			'  RTGS Resubmission: tx_5...',
			'    Sender: BANK_A',
			'    Priority: Normal → HighlyUrgent',
			'  ⚠ Bilateral Limit Exceeded:',
			'    BANK_A → BANK_B',
			'    Limit: $7,000.00, Current Outflow: $6,672.77',
			'    Attempted: $404.44 (would exceed by $77.21)',
			'  ⚠ Multilateral Limit Exceeded:',
			'    Sender: BANK_C',
			'    Total Limit: $10,000.00, Current Total Outflow: $9,800.00',
			'    Attempted: $500.00 (would exceed by $300.00)',
			'  Algorithm 1: FIFO Queue Processing',
			'    Result: Success',
			'    Settlements: 2, Value: $1,500.00',
			'  Algorithm 2: Bilateral Offsetting',
			'    Result: NoProgress',
			'  Algorithm 3: Multilateral Cycle Detection',
			'    Result: Success',
			'    Settlements: 1, Value: $0.00',
			'  Algorithm 7: Algorithm 7',
			'    Result: Failure',
			'  Entry Disposition Offset:',
			'    BANK_B ↔ BANK_D',
			'    Incoming: tx_19... ($32,000.00)',
			'    Queued: tx_20... ($31,900.00)',
			'    Offset Amount: $31,900.00'
		]);
	});
});

describe('9 settlements', () => {
	const events: SimulationEvent[] = [
		{
			event_type: 'RtgsImmediateSettlement',
			tick: 5,
			tx_id: 'tx_10',
			sender: 'BANK_A',
			receiver: 'BANK_B',
			amount: 21945,
			sender_balance_before: 37939,
			sender_balance_after: 15994
		},
		{
			event_type: 'RtgsImmediateSettlement',
			tick: 5,
			tx_id: 'scheduled_settlement_BANK_C_BANK_A_500_5',
			sender: 'BANK_C',
			receiver: 'BANK_A',
			amount: 500,
			sender_balance_before: 1000,
			sender_balance_after: 500
		},
		{
			event_type: 'Queue2LiquidityRelease',
			tick: 5,
			tx_id: 'tx_5',
			sender: 'BANK_C',
			receiver: 'BANK_A',
			amount: 19310,
			queue_wait_ticks: 3,
			release_reason: 'liquidity_available'
		},
		{
			event_type: 'LsmBilateralOffset',
			tick: 5,
			agent_a: 'BANK_A',
			agent_b: 'BANK_C',
			tx_ids: ['tx_21', 'tx_22', 'tx_23'],
			amount_a: 80000,
			amount_b: 100000,
			amount: 180000
		},
		{
			event_type: 'LsmCycleSettlement',
			tick: 5,
			agents: ['BANK_A', 'BANK_B', 'BANK_C', 'BANK_A'],
			tx_amounts: [300000, 320000, 310000],
			total_value: 930000,
			net_positions: [10000, -20000, 10000, 10000],
			max_net_outflow: 20000,
			max_net_outflow_agent: 'BANK_B',
			tx_ids: ['tx_7', 'tx_8', 'tx_9'],
			cycle_value: 930000
		}
	];
	const view = tickView({
		counts: { arrivals: 0, settlements: 8, lsmReleases: 2, totalCost: 0 },
		eventTransactions: [
			{ txId: 'tx_10', priority: 9, deadlineTick: 40 },
			{ txId: 'tx_5', priority: 2, deadlineTick: 30 }
		]
	});

	it('prints the engine count in the header and each mechanism with its own block', () => {
		expect(settlementLines(indexTick(view), events, null)).toEqual([
			'',
			'✅ 8 transaction(s) settled:',
			'',
			'   RTGS Immediate (2):',
			'   • TX tx_10: BANK_A → BANK_B | $219.45 | P:9 HIGH',
			'     Balance: $379.39 → $159.94',
			'   • TX schedule: BANK_C → BANK_A | $5.00 | P:5 MED',
			'     Balance: $10.00 → $5.00',
			'',
			'   Queue 2 Releases (1):',
			'   • TX tx_5: BANK_C → BANK_A | $193.10 | P:2 LOW',
			'     Queued for 3 tick(s) | Released: liquidity_available',
			'',
			'   LSM Bilateral Offset (1):',
			'   • TX tx_21 ⟷ TX tx_22: $1,800.00',
			'',
			'   LSM Cycle (1):',
			'   • Cycle: BANK_A → BANK_B → BANK_C → BANK_A',
			'     - BANK_A→BANK_B: TX tx_7 ($3,000.00)',
			'     - BANK_B→BANK_C: TX tx_8 ($3,200.00)',
			'     - BANK_C→BANK_A: TX tx_9 ($3,100.00)',
			// saved = 930000 − 20000 = 910000 → $9,100.00; 910000 / 930000 = 97.849…% → 97.8
			'     ✨ Saved: $9,100.00 (97.8%)',
			''
		]);
	});

	it('adds what the filtered agent receives and its LSM net changes', () => {
		const lines = settlementLines(indexTick(view), events, 'BANK_A');
		expect(lines.filter((line) => line.includes('↳'))).toEqual([
			'     ↳ 💰 BANK_A receives $5.00',
			'     ↳ 💰 BANK_A receives $193.10',
			// bilateral: agent_a gets amount_b − amount_a = 20000
			'     ↳ 💰 BANK_A net change: +$200.00',
			// cycle: net_positions[0]
			'     ↳ 💰 BANK_A net change: +$100.00'
		]);
		expect(lines.slice(4, 7)).toEqual([
			'   • TX tx_10: BANK_A → BANK_B | $219.45 | P:9 HIGH',
			'     Balance: $379.39 → $159.94',
			'   • TX schedule: BANK_C → BANK_A | $5.00 | P:5 MED'
		]);
		const forC = settlementLines(indexTick(view), events, 'BANK_C').filter((line) => line.includes('↳'));
		expect(forC).toEqual(['     ↳ 💰 BANK_C net change: $-200.00', '     ↳ 💰 BANK_C net change: +$100.00']);
	});

	it('prints nothing when the engine counted no settlement', () => {
		const quiet = tickView({ counts: { arrivals: 0, settlements: 0, lsmReleases: 0, totalCost: 0 } });
		expect(settlementLines(indexTick(quiet), events, null)).toEqual([]);
	});
});

describe('10 queued in RTGS', () => {
	it('lists the queued transactions with their sender', () => {
		expect(
			queuedRtgsLines([
				{ event_type: 'QueuedRtgs', tick: 1, tx_id: 'tx_7', sender_id: 'BANK_A' },
				{ event_type: 'QueuedRtgs', tick: 1, tx_id: 'tx_8', sender_id: 'BANK_B' }
			])
		).toEqual([
			'',
			'📋 2 transaction(s) queued in RTGS:',
			'   • TX tx_7: BANK_A | Insufficient balance',
			'   • TX tx_8: BANK_B | Insufficient balance',
			''
		]);
	});
});

describe('11 LSM cycle visualization', () => {
	it('numbers bilateral offsets first, then cycles, with net settlement, savings and net positions', () => {
		const events: SimulationEvent[] = [
			{
				event_type: 'LsmCycleSettlement',
				tick: 5,
				agents: ['BANK_A', 'BANK_B', 'BANK_C', 'BANK_A'],
				tx_amounts: [300000, 320000, 310000],
				total_value: 930000,
				net_positions: [10000, -20000, 0, 10000],
				max_net_outflow: 20000,
				max_net_outflow_agent: 'BANK_B',
				tx_ids: ['tx_7', 'tx_8', 'tx_9'],
				cycle_value: 930000
			},
			{
				event_type: 'LsmBilateralOffset',
				tick: 5,
				agent_a: 'BANK_A',
				agent_b: 'BANK_B',
				tx_ids: ['tx_1', 'tx_2', 'tx_3'],
				amount_a: 100000,
				amount_b: 75000,
				amount: 175000
			},
			{
				event_type: 'LsmBilateralOffset',
				tick: 5,
				agent_a: 'BANK_C',
				agent_b: 'BANK_D',
				tx_ids: ['tx_4', 'tx_5'],
				amount_a: 50000,
				amount_b: 50000,
				amount: 100000
			}
		];
		expect(lsmCycleLines(events)).toEqual([
			'',
			'🔄 LSM Cycles (3):',
			'',
			'   Cycle 1 (Bilateral):',
			'   BANK_A ⇄ BANK_B',
			'   • BANK_A→BANK_B: TX tx_1 ($1,000.00)',
			'   • BANK_B→BANK_A: TX tx_3 ($750.00)',
			'   💫 Net Settlement: BANK_A → BANK_B: $250.00',
			// total 175000, net 25000: saved 150000 = 85.714…%
			'   ✨ Saved: $1,500.00 (85.7%)',
			'',
			'   Cycle 2 (Bilateral):',
			'   BANK_C ⇄ BANK_D',
			'   • BANK_C→BANK_D: TX tx_4 ($500.00)',
			'   • BANK_D→BANK_C: TX tx_5 ($500.00)',
			'   ✨ Saved: $1,000.00 (100.0%)',
			'',
			'   Cycle 3 (Multilateral - 3 agents):',
			'   BANK_A → BANK_B → BANK_C',
			'   • BANK_A→BANK_B: TX tx_7 ($3,000.00)',
			'   • BANK_B→BANK_C: TX tx_8 ($3,200.00)',
			'   • BANK_C→BANK_A: TX tx_9 ($3,100.00)',
			'',
			'   💰 Gross Value: $9,300.00',
			'   💫 Max Liquidity Used: $200.00',
			'   ✨ Liquidity Saved: $9,100.00 (97.8%)',
			'',
			'   Net Positions:',
			'   • BANK_A: +$100.00 (inflow)',
			'   • BANK_B: -$200.00 (outflow - used liquidity)',
			'   • BANK_C: $0.00 (net zero)',
			''
		]);
	});
});

describe('12 collateral activity', () => {
	// BANK_A: balance −$5,000, cap $1,000, posted $10,000 → used 500000, capacity ⌊1000000 × 0.98⌋ = 980000,
	// allowed 1080000, headroom 580000; using collateralised credit (500000 > 100000).
	const view = tickView({
		agents: [
			agentState('BANK_A', { balance: -500000, unsecuredCap: 100000, postedCollateral: 1000000 }),
			agentState('BANK_B', { balance: 200000, unsecuredCap: 0, postedCollateral: 0 })
		]
	});
	const events: SimulationEvent[] = [
		{
			event_type: 'CollateralPost',
			tick: 3,
			agent_id: 'BANK_A',
			amount: 100000,
			reason: 'Strategic',
			new_total: 1000000
		},
		{
			event_type: 'CollateralTimerBlocked',
			tick: 3,
			agent_id: 'BANK_B',
			requested_amount: 50000,
			reason: 'NoHeadroom',
			original_reason: 'Preemptive',
			posted_at_tick: 1
		},
		{
			event_type: 'CollateralWithdraw',
			tick: 3,
			agent_id: 'BANK_A',
			amount: 700000,
			reason: 'Reduce cost',
			new_total: 300000
		},
		{
			event_type: 'CollateralTimerWithdrawn',
			tick: 3,
			agent_id: 'BANK_A',
			amount: 200000,
			original_reason: 'Preemptive',
			posted_at_tick: 0,
			new_total: 100000
		},
		{
			event_type: 'CollateralWithdraw',
			tick: 3,
			agent_id: 'BANK_A',
			amount: 100000,
			reason: 'Manual',
			new_total: 0
		},
		{
			event_type: 'CollateralTimerWithdrawn',
			tick: 3,
			agent_id: 'BANK_B',
			amount: 10000,
			original_reason: 'Early',
			posted_at_tick: 2,
			new_total: 0
		},
		{
			event_type: 'CollateralTimerBlocked',
			tick: 3,
			agent_id: 'BANK_B',
			requested_amount: 50000,
			reason: 'Minimum holding period not met',
			original_reason: 'Preemptive',
			posted_at_tick: 1
		}
	];

	it('explains each event against the agent position at the end of the tick', () => {
		expect(collateralLines(indexTick(view), events)).toEqual([
			'',
			'💰 Collateral Activity (7):',
			'   BANK_A:',
			'   • POSTED: $1,000.00 - Strategic | New Total: $10,000.00',
			// ⌊100000 × 0.98⌋ = 98000; 580000 + 98000 = 678000
			'     💡 Expands allowed limit by $980.00 (2% haircut), increasing headroom to $6,780.00',
			'   • WITHDRAWN: $7,000.00 - Reduce cost | New Total: $3,000.00',
			// ⌊700000 × 0.98⌋ = 686000; 580000 − 686000 = −106000: not safe
			'     💡 Reduces allowed limit by $6,860.00, remaining headroom: $-1,060.00',
			'   • AUTO-WITHDRAWN (timer): $2,000.00 - Originally posted at tick 0 (Preemptive)',
			'     New Total: $1,000.00',
			'     💡 Reduces allowed limit by $1,960.00, remaining headroom: $3,840.00',
			'     ℹ️  Agent is using collateralized credit ($5,000.00 vs $1,000.00 base limit)',
			'     ✅ Withdrawal permitted per TARGET2 policy: remaining collateral still covers overdraft',
			'   • WITHDRAWN: $1,000.00 - Manual | New Total: $0.00',
			'     💡 Reduces allowed limit by $980.00, remaining headroom: $4,820.00',
			'     ✅ Withdrawal safe - agent has $4,820.00 surplus collateral',
			'',
			'   BANK_B:',
			'   • TIMER BLOCKED: Attempted $500.00 - Originally posted at tick 1 (Preemptive)',
			'     ⛔ Reason: NoHeadroom',
			'     💡 Current headroom: $0.00',
			'     ℹ️  Withdrawal would violate Invariant I2 (Withdrawal Headroom Protection)',
			'     ℹ️  Remaining collateral must still cover current overdraft of $0.00',
			'   • AUTO-WITHDRAWN (timer): $100.00 - Originally posted at tick 2 (Early)',
			'     New Total: $0.00',
			'     💡 Reduces allowed limit by $98.00, remaining headroom: $-98.00',
			'     ✅ Withdrawal safe - agent has positive balance or is within base credit limit',
			'   • TIMER BLOCKED: Attempted $500.00 - Originally posted at tick 1 (Preemptive)',
			'     ⛔ Reason: Minimum holding period not met',
			''
		]);
	});
});

describe('13 scenario events', () => {
	it('prints custom arrivals on two lines and other events with their details as a Python dict', () => {
		const events: SimulationEvent[] = [
			{
				event_type: 'ScenarioEventExecuted',
				tick: 2,
				scenario_event_type: 'custom_transaction_arrival',
				details: {
					amount: 175000,
					deadline: 12,
					from_agent: 'EV_CHARLIE',
					is_divisible: false,
					priority: 9,
					to_agent: 'EV_BRAVO',
					tx_id: 'tx_8'
				}
			},
			{
				event_type: 'ScenarioEventExecuted',
				tick: 2,
				scenario_event_type: 'direct_transfer',
				details: { amount: 150000, from_agent: 'EV_ALPHA', to_agent: 'EV_BRAVO' }
			},
			{
				event_type: 'ScenarioEventExecuted',
				tick: 2,
				scenario_event_type: 'agent_arrival_rate_change',
				details: { agent: 'EV_ALPHA', multiplier: 2, new_rate: 0.5, old_rate: null }
			}
		];
		expect(scenarioEventLines(events)).toEqual([
			'',
			'🎬 Scenario Events (3):',
			'   • CustomTransactionArrival: EV_CHARLIE → EV_BRAVO ($1,750.00)',
			'     Priority: 9, TX: tx_8',
			"   • direct_transfer: {'amount': 150000, 'from_agent': 'EV_ALPHA', 'to_agent': 'EV_BRAVO'}",
			"   • agent_arrival_rate_change: {'agent': 'EV_ALPHA', 'multiplier': 2.0, 'new_rate': 0.5, 'old_rate': None}",
			''
		]);
	});
});

describe('14 overdue events', () => {
	it('prints every went-overdue event, then every late settlement', () => {
		const events: SimulationEvent[] = [
			{
				event_type: 'OverdueTransactionSettled',
				tick: 52,
				tx_id: 'tx_37abcdefg',
				sender_id: 'BANK_S',
				receiver_id: 'BANK_F',
				amount: 186333,
				settled_amount: 186333,
				deadline_tick: 34,
				overdue_since_tick: 35,
				total_ticks_overdue: 17,
				deadline_penalty_cost: 40000,
				estimated_delay_cost: 1425
			},
			{
				event_type: 'TransactionWentOverdue',
				tick: 52,
				tx_id: 'tx_8',
				sender_id: 'BANK_L',
				receiver_id: 'BANK_B',
				amount: 200000,
				remaining_amount: 136153,
				deadline_tick: 51,
				ticks_overdue: 1,
				deadline_penalty_cost: 40000
			}
		];
		expect(overdueEventLines(events)).toEqual([
			'',
			'❌ Transaction Went Overdue: TX tx_8...',
			'   BANK_L → BANK_B | $1,361.53',
			'   Deadline: Tick 51 | Current: Tick 52 | 1 tick late',
			'   💸 Deadline Penalty Charged: $400.00',
			'',
			'✅ Overdue Transaction Settled: TX tx_37abc...',
			'   BANK_S → BANK_F | $1,863.33',
			'   Was overdue for: 17 ticks (Deadline: 34, Overdue since: 35)',
			'   💸 Total Cost: Penalty $400.00 + Delay $14.25 = $414.25'
		]);
	});
});

describe('18 cost accruals', () => {
	it('prints each event with its non-zero components in the fixed order', () => {
		const events: SimulationEvent[] = [
			{
				event_type: 'CostAccrual',
				tick: 1,
				agent_id: 'BANK_A',
				costs: costs({
					liquidity_cost: 800,
					delay_cost: 450,
					split_friction_cost: 5,
					penalty_cost: 1,
					collateral_cost: 2
				})
			},
			{
				event_type: 'CostAccrual',
				tick: 1,
				agent_id: 'BANK_B',
				costs: costs({ liquidity_opportunity_cost: 99 })
			}
		];
		expect(costAccrualLines(events)).toEqual([
			'',
			'💰 Cost Accruals (2):',
			'   BANK_A: $12.58',
			'   • Liquidity: $8.00 | Delay: $4.50 | Collateral: $0.02 | Penalty: $0.01 | Split: $0.05',
			'',
			'   BANK_B: $0.99',
			''
		]);
	});
});

describe('21 end-of-day notice', () => {
	it('frames each EndOfDay event with empty lines', () => {
		expect(
			endOfDayNoticeLines([
				{ event_type: 'EndOfDay', tick: 99, day: 0, unsettled_count: 5, total_penalties: 12550 }
			])
		).toEqual(['', '🌙 End of Day 0 - 5 unsettled, $125.50 in penalties', '']);
	});
});
