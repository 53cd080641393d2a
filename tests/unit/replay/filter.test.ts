import { describe, expect, it } from 'vitest';
import type { SimulationEvent } from '../../../src/lib/engine/events';
import {
	describeEventFilter,
	isEmptyFilter,
	matchesEvent,
	NO_FILTER,
	parseEventFilter,
	type EventFilter,
	type EventFilterOptions
} from '../../../src/lib/replay/filter';

function parsed(options: EventFilterOptions): EventFilter {
	const result = parseEventFilter(options);
	if (!result.ok) throw new Error(result.error);
	return result.filter;
}

function parseError(options: EventFilterOptions): string {
	const result = parseEventFilter(options);
	if (result.ok) throw new Error(`parsed: ${JSON.stringify(result.filter)}`);
	return result.error;
}

const arrival: SimulationEvent = {
	event_type: 'Arrival',
	tick: 12,
	tx_id: 'tx_1',
	sender_id: 'BANK_A',
	receiver_id: 'BANK_B',
	amount: 100,
	deadline: 20,
	priority: 5,
	is_divisible: false
};
const settlement: SimulationEvent = {
	event_type: 'RtgsImmediateSettlement',
	tick: 12,
	tx_id: 'tx_1',
	sender: 'BANK_A',
	receiver: 'BANK_B',
	amount: 100,
	sender_balance_before: 500,
	sender_balance_after: 400
};
const queued: SimulationEvent = { event_type: 'QueuedRtgs', tick: 12, tx_id: 'tx_2', sender_id: 'BANK_C' };
const release: SimulationEvent = {
	event_type: 'Queue2LiquidityRelease',
	tick: 12,
	tx_id: 'tx_2',
	sender: 'BANK_C',
	receiver: 'BANK_B',
	amount: 100,
	queue_wait_ticks: 1,
	release_reason: 'liquidity_available'
};
const bilateral: SimulationEvent = {
	event_type: 'LsmBilateralOffset',
	tick: 12,
	agent_a: 'BANK_A',
	agent_b: 'BANK_C',
	tx_ids: ['tx_3', 'tx_4'],
	amount_a: 100,
	amount_b: 80,
	amount: 180
};
const cycle: SimulationEvent = {
	event_type: 'LsmCycleSettlement',
	tick: 12,
	agents: ['BANK_A', 'BANK_B', 'BANK_D', 'BANK_A'],
	tx_amounts: [1, 2, 3],
	total_value: 6,
	net_positions: [0, 0, 0, 0],
	max_net_outflow: 1,
	max_net_outflow_agent: 'BANK_A',
	tx_ids: ['tx_5', 'tx_6', 'tx_7'],
	cycle_value: 6
};
const wentOverdue: SimulationEvent = {
	event_type: 'TransactionWentOverdue',
	tick: 12,
	tx_id: 'tx_8',
	sender_id: 'BANK_A',
	receiver_id: 'BANK_B',
	amount: 100,
	remaining_amount: 100,
	deadline_tick: 10,
	ticks_overdue: 2,
	deadline_penalty_cost: 500
};
const overdueSettled: SimulationEvent = {
	event_type: 'OverdueTransactionSettled',
	tick: 12,
	tx_id: 'tx_8',
	sender_id: 'BANK_A',
	receiver_id: 'BANK_B',
	amount: 100,
	settled_amount: 100,
	deadline_tick: 10,
	overdue_since_tick: 11,
	total_ticks_overdue: 1,
	deadline_penalty_cost: 500,
	estimated_delay_cost: 3
};
const accrual: SimulationEvent = {
	event_type: 'CostAccrual',
	tick: 12,
	agent_id: 'BANK_D',
	costs: {
		collateral_cost: 0,
		delay_cost: 1,
		liquidity_cost: 0,
		liquidity_opportunity_cost: 0,
		penalty_cost: 0,
		split_friction_cost: 0,
		total: 1
	}
};
const algorithm: SimulationEvent = {
	event_type: 'AlgorithmExecution',
	tick: 12,
	algorithm: 1,
	result: 'NoProgress',
	settlements: 0,
	settled_value: 0
};

describe('parsing the filter options (§8.1)', () => {
	it('gives no filter when no option is given or the texts are empty', () => {
		expect(parsed({})).toEqual(NO_FILTER);
		expect(parsed({ eventTypes: '', agent: '', tx: '', tickRange: '' })).toEqual(NO_FILTER);
		expect(isEmptyFilter(parsed({}))).toBe(true);
		expect(isEmptyFilter(parsed({ agent: 'BANK_A' }))).toBe(false);
	});

	it('splits event types at commas and trims them', () => {
		expect(parsed({ eventTypes: 'Arrival, RtgsImmediateSettlement ,QueuedRtgs' }).eventTypes).toEqual([
			'Arrival',
			'RtgsImmediateSettlement',
			'QueuedRtgs'
		]);
		expect(parsed({ eventTypes: 'Arrival,' }).eventTypes).toEqual(['Arrival']);
	});

	it('rejects unknown event types, suggesting the closest name', () => {
		expect(parseError({ eventTypes: 'Arrival,Arival' })).toBe(
			"--filter-event-type: unknown event type 'Arival' (did you mean Arrival?)"
		);
		expect(parseError({ eventTypes: 'Settlement' })).toBe(
			"--filter-event-type: unknown event type 'Settlement'"
		);
		expect(parseError({ eventTypes: ' , ' })).toBe("--filter-event-type ' , ' names no event type");
	});

	it('reads tick ranges MIN-MAX, MIN- and -MAX, inclusive', () => {
		expect(parsed({ tickRange: '10-50' })).toMatchObject({ tickMin: 10, tickMax: 50 });
		expect(parsed({ tickRange: '10-' })).toMatchObject({ tickMin: 10, tickMax: null });
		expect(parsed({ tickRange: '-50' })).toMatchObject({ tickMin: null, tickMax: 50 });
		expect(parsed({ tickRange: ' 7 - 9 ' })).toMatchObject({ tickMin: 7, tickMax: 9 });
		expect(parsed({ tickRange: '1_000-+2_000' })).toMatchObject({ tickMin: 1000, tickMax: 2000 });
		expect(parsed({ tickRange: '-' })).toMatchObject({ tickMin: null, tickMax: null });
	});

	it('rejects tick ranges with non-numeric parts or without a dash', () => {
		const message = (text: string) =>
			`--filter-tick-range '${text}' is not a tick range: write MIN-MAX, MIN- or -MAX (whole numbers)`;
		for (const text of ['abc', 'a-5', '5-b', '1.5-3', '10', '10- ', '5-1-2']) {
			expect(parseError({ tickRange: text })).toBe(message(text));
		}
	});

	it('keeps the agent and the transaction id as given', () => {
		expect(parsed({ agent: 'BANK_A', tx: 'tx_7' })).toMatchObject({ agentId: 'BANK_A', txId: 'tx_7' });
	});

	it('describes the given options as typed for the info line', () => {
		expect(describeEventFilter({})).toBeNull();
		expect(
			describeEventFilter({ eventTypes: 'Arrival,QueuedRtgs', agent: 'BANK_A', tx: 'tx_1', tickRange: '10-' })
		).toBe('Event filtering enabled: types=Arrival,QueuedRtgs, agent=BANK_A, tx=tx_1, ticks=10-');
		expect(describeEventFilter({ tickRange: '-5' })).toBe('Event filtering enabled: ticks=-5');
	});
});

describe('matching events (§8.2)', () => {
	const byAgent = (agent: string) => parsed({ agent });

	it('matches by event type', () => {
		const filter = parsed({ eventTypes: 'Arrival,QueuedRtgs' });
		expect([arrival, settlement, queued].map((e) => matchesEvent(filter, e))).toEqual([true, false, true]);
	});

	it('matches the agent as actor: agent_id, sender_id, sender, agent_a, agent_b, agents', () => {
		expect(matchesEvent(byAgent('BANK_A'), arrival)).toBe(true);
		expect(matchesEvent(byAgent('BANK_A'), settlement)).toBe(true);
		expect(matchesEvent(byAgent('BANK_C'), queued)).toBe(true);
		expect(matchesEvent(byAgent('BANK_C'), bilateral)).toBe(true);
		expect(matchesEvent(byAgent('BANK_D'), cycle)).toBe(true);
		expect(matchesEvent(byAgent('BANK_D'), accrual)).toBe(true);
	});

	it('matches the receiver only on settlement events', () => {
		expect(matchesEvent(byAgent('BANK_B'), arrival)).toBe(false);
		expect(matchesEvent(byAgent('BANK_B'), wentOverdue)).toBe(false);
		expect(matchesEvent(byAgent('BANK_B'), settlement)).toBe(true);
		expect(matchesEvent(byAgent('BANK_B'), release)).toBe(true);
		expect(matchesEvent(byAgent('BANK_B'), overdueSettled)).toBe(true);
	});

	it('excludes events that name no agent, and agents not involved', () => {
		expect(matchesEvent(byAgent('BANK_A'), algorithm)).toBe(false);
		expect(matchesEvent(byAgent('BANK_D'), settlement)).toBe(false);
		expect(matchesEvent(byAgent('BANK_B'), bilateral)).toBe(false);
	});

	it('matches the transaction id on tx_id only', () => {
		const filter = parsed({ tx: 'tx_3' });
		expect(matchesEvent(filter, bilateral)).toBe(false);
		expect(matchesEvent(parsed({ tx: 'tx_1' }), arrival)).toBe(true);
		expect(matchesEvent(parsed({ tx: 'tx_1' }), algorithm)).toBe(false);
	});

	it('matches the tick range inclusively', () => {
		expect(matchesEvent(parsed({ tickRange: '12-12' }), arrival)).toBe(true);
		expect(matchesEvent(parsed({ tickRange: '13-' }), arrival)).toBe(false);
		expect(matchesEvent(parsed({ tickRange: '-11' }), arrival)).toBe(false);
	});

	it('requires every given criterion', () => {
		const filter = parsed({
			eventTypes: 'RtgsImmediateSettlement',
			agent: 'BANK_B',
			tx: 'tx_1',
			tickRange: '10-20'
		});
		expect(matchesEvent(filter, settlement)).toBe(true);
		expect(matchesEvent(filter, release)).toBe(false);
		expect(matchesEvent({ ...filter, tickMax: 11 }, settlement)).toBe(false);
		expect(matchesEvent(NO_FILTER, algorithm)).toBe(true);
	});
});
