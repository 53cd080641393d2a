import { describe, expect, it } from 'vitest';
import { costBreakdown, EVENT_TYPES } from '../../../src/lib/engine/events';
import { formatF64, serializeEvent } from '../../../src/lib/engine/serialize';
import { pythonFloat } from '../../../src/lib/engine/summary-json';

describe('f64 rendering (serde_json / ryu)', () => {
	it('integral values keep .0; shortest digits; exponent form outside [1e-5, 1e16)', () => {
		expect([0, 1, 2, 0.72, 0.864, 100000, 1e-7, 0.00001, 1e16, 1.5e16, -3.5, 1e21].map(formatF64)).toEqual([
			'0.0',
			'1.0',
			'2.0',
			'0.72',
			'0.864',
			'100000.0',
			'1e-7',
			'0.00001',
			'1e16',
			'1.5e16',
			'-3.5',
			'1e21'
		]);
	});

	it('Python float repr for the summary figures', () => {
		expect([1, 0, 0.7983407785577536, 1e-5, 1.5e16, 2.25].map(pythonFloat)).toEqual([
			'1.0',
			'0.0',
			'0.7983407785577536',
			'1e-05',
			'1.5e+16',
			'2.25'
		]);
	});
});

describe('canonical event lines', () => {
	it('there are 32 event types', () => {
		expect(new Set(EVENT_TYPES).size).toBe(32);
	});

	it('CostAccrual carries sorted cost keys including liquidity_opportunity_cost and the total', () => {
		expect(
			serializeEvent({
				event_type: 'CostAccrual',
				tick: 0,
				agent_id: 'BANK_A',
				costs: costBreakdown({ liquidityOpportunity: 5000 })
			})
		).toBe(
			'{"event_type":"CostAccrual","tick":0,"agent_id":"BANK_A","costs":{"collateral_cost":0,"delay_cost":0,"liquidity_cost":0,"liquidity_opportunity_cost":5000,"penalty_cost":0,"split_friction_cost":0,"total":5000}}'
		);
	});

	it('StateRegisterSet prints its values as floats', () => {
		expect(
			serializeEvent({
				event_type: 'StateRegisterSet',
				tick: 59,
				agent_id: 'CR_MEM',
				register_key: 'bank_state_mode',
				old_value: 1,
				new_value: 0,
				reason: 'eod_reset',
				decision_path: null
			})
		).toBe(
			'{"event_type":"StateRegisterSet","tick":59,"agent_id":"CR_MEM","register_key":"bank_state_mode","old_value":1.0,"new_value":0.0,"reason":"eod_reset","decision_path":null}'
		);
	});

	it('scenario details: alphabetical keys, floats as floats, integers as integers', () => {
		expect(
			serializeEvent({
				event_type: 'ScenarioEventExecuted',
				tick: 40,
				scenario_event_type: 'agent_arrival_rate_change',
				details: { agent: 'EV_ALPHA', multiplier: 1.2, old_rate: 0.6, new_rate: 0.72 }
			})
		).toBe(
			'{"event_type":"ScenarioEventExecuted","tick":40,"scenario_event_type":"agent_arrival_rate_change","details":{"agent":"EV_ALPHA","multiplier":1.2,"new_rate":0.72,"old_rate":0.6}}'
		);
		expect(
			serializeEvent({
				event_type: 'ScenarioEventExecuted',
				tick: 25,
				scenario_event_type: 'global_arrival_rate_change',
				details: { multiplier: 2 }
			})
		).toBe(
			'{"event_type":"ScenarioEventExecuted","tick":25,"scenario_event_type":"global_arrival_rate_change","details":{"multiplier":2.0}}'
		);
	});

	it('the four templated payment events: ids that need escaping are escaped as JSON.stringify does', () => {
		const odd = 'BANK "Ä"\\\n';
		expect(
			serializeEvent({
				event_type: 'Arrival',
				tick: 3,
				tx_id: 'tx_7',
				sender_id: odd,
				receiver_id: 'B',
				amount: 123456,
				deadline: 9,
				priority: 5,
				is_divisible: false
			})
		).toBe(
			'{"event_type":"Arrival","tick":3,"tx_id":"tx_7","sender_id":"BANK \\"Ä\\"\\\\\\n","receiver_id":"B","amount":123456,"deadline":9,"priority":5,"is_divisible":false}'
		);
		expect(serializeEvent({ event_type: 'PolicySubmit', tick: 0, agent_id: odd, tx_id: 'tx_1' })).toBe(
			'{"event_type":"PolicySubmit","tick":0,"agent_id":"BANK \\"Ä\\"\\\\\\n","tx_id":"tx_1"}'
		);
		const line = serializeEvent({
			event_type: 'RtgsSubmission',
			tick: 1,
			tx_id: 'tx_2',
			sender: 'A',
			receiver: odd,
			amount: 10,
			internal_priority: 8,
			rtgs_priority: 'Urgent'
		});
		expect(JSON.parse(line)).toEqual({
			event_type: 'RtgsSubmission',
			tick: 1,
			tx_id: 'tx_2',
			sender: 'A',
			receiver: odd,
			amount: 10,
			internal_priority: 8,
			rtgs_priority: 'Urgent'
		});
		expect(
			serializeEvent({
				event_type: 'RtgsImmediateSettlement',
				tick: 2,
				tx_id: 'tx_3',
				sender: odd,
				receiver: 'C',
				amount: 500,
				sender_balance_before: -100,
				sender_balance_after: -600
			})
		).toBe(
			'{"event_type":"RtgsImmediateSettlement","tick":2,"tx_id":"tx_3","sender":"BANK \\"Ä\\"\\\\\\n","receiver":"C","amount":500,"sender_balance_before":-100,"sender_balance_after":-600}'
		);
	});
});
