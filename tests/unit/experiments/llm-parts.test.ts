/**
 * The parts of the `llm` proposer: reading policies out of replies (spec §11.1), checking them against the
 * constraints (§11.2), agent-isolated traces and the structure of the prompts (§10).
 */
import { describe, expect, it } from 'vitest';
import type { SimulationEvent } from '../../../src/lib/engine';
import { defaultPolicy, type PolicyConstraints } from '../../../src/lib/experiments';
import { validateCandidate } from '../../../src/lib/experiments/proposers/candidate-validation';
import { agentTrace, formatEvent, isVisibleTo } from '../../../src/lib/experiments/proposers/event-trace';
import { buildSystemPrompt, buildUserPrompt } from '../../../src/lib/experiments/proposers/prompts';
import type { ProposalRequest } from '../../../src/lib/experiments/proposers/proposer';
import { parseReply, policyText } from '../../../src/lib/experiments/proposers/response-parsing';
import { CASTRO, load } from './helpers';

describe('reading a policy from a reply', () => {
	it('takes the first fenced block, or the whole text, or drops a lone opening fence', () => {
		expect(policyText('intro\n```json\n{"a": 1}\n```\n```json\n{"b": 2}\n```')).toBe('{"a": 1}');
		expect(policyText('```\n{"a": 1}\n```')).toBe('{"a": 1}');
		expect(policyText('  {"a": 1}  ')).toBe('{"a": 1}');
		expect(policyText('```json\n{"a": 1}\nthe end')).toBe('{"a": 1}');
	});

	it('adds a version, a policy id derived from the text, and node ids counted across trees', () => {
		const reply = JSON.stringify({
			parameters: {},
			bank_tree: { type: 'action', action: 'NoAction' },
			payment_tree: {
				type: 'condition',
				condition: { op: '>', left: { field: 'balance' }, right: { value: 0 } },
				on_true: { type: 'action', action: 'Release' },
				on_false: { type: 'action', node_id: 'keep', action: 'Hold' }
			}
		});
		const first = parseReply(reply);
		expect(first.ok && first.policy).toMatchObject({
			version: '2.0',
			policy_id: expect.stringMatching(/^llm_policy_[0-9a-f]{8}$/),
			payment_tree: {
				node_id: 'payment_node_0',
				on_true: { node_id: 'payment_node_1' },
				on_false: { node_id: 'keep' }
			},
			bank_tree: { node_id: 'bank_node_2' }
		});
		expect(parseReply(reply)).toEqual(first);
		expect(parseReply('{"version": "1.0", "policy_id": "mine"}')).toEqual({
			ok: true,
			policy: { version: '1.0', policy_id: 'mine' }
		});
		expect(parseReply('nope')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^Failed to parse policy JSON: /)
		});
	});
});

describe('validating a candidate', () => {
	const constraints: PolicyConstraints = {
		parameters: [
			{ name: 'f', type: 'float', min: 0, max: 1, description: null },
			{ name: 'n', type: 'int', min: 1, max: 5, description: null },
			{ name: 'mode', type: 'enum', values: [1, 2], description: null }
		],
		allowedFields: ['balance'],
		allowedActions: { payment_tree: ['Release', 'Hold'] }
	};
	const base = {
		version: '2.0',
		policy_id: 'p',
		payment_tree: { type: 'action', node_id: 'a', action: 'Release' }
	};

	it('accepts a policy within the constraints', () => {
		expect(validateCandidate({ ...base, parameters: { f: 0.5, n: 2, mode: 2 } }, constraints)).toEqual([]);
	});

	it('reports unknown parameters, bounds, integers and enum values', () => {
		expect(
			validateCandidate({ ...base, parameters: { g: 1, f: -0.1, n: 2.5, mode: 3 } }, constraints)
		).toEqual([
			'Unknown parameter: g. Allowed: [f, n, mode]',
			"Parameter 'f' value -0.1 below min 0",
			"Parameter 'n' must be int, got 2.5",
			"Parameter 'mode' value 3 not in [1, 2]"
		]);
	});

	it('reports disallowed actions and fields, and the policy language’s own errors', () => {
		const policy = {
			...base,
			payment_tree: {
				type: 'condition',
				node_id: 'a',
				condition: { op: '<', left: { field: 'amount' }, right: { param: 'missing' } },
				on_true: { type: 'action', node_id: 'a', action: 'Drop' },
				on_false: { type: 'action', node_id: 'c', action: 'Hold' }
			}
		};
		const errors = validateCandidate(policy, constraints);
		expect(errors.slice(0, 2)).toEqual([
			"Invalid action 'Drop' for payment_tree. Allowed: [Release, Hold]",
			'Unknown field: amount. Allowed: [balance]'
		]);
		expect(errors[2]).toMatch(/invalid policy[\s\S]*DuplicateNodeId[\s\S]*InvalidParameterReference/);
	});
});

describe('traces', () => {
	const events = [
		{
			event_type: 'Arrival',
			tick: 0,
			tx_id: 't1',
			sender_id: 'A',
			receiver_id: 'B',
			amount: 150000,
			deadline: 2,
			priority: 5,
			is_divisible: false
		},
		{
			event_type: 'Arrival',
			tick: 0,
			tx_id: 't2',
			sender_id: 'B',
			receiver_id: 'C',
			amount: 1,
			deadline: 2,
			priority: 5,
			is_divisible: false
		},
		{
			event_type: 'RtgsImmediateSettlement',
			tick: 1,
			tx_id: 't1',
			sender: 'A',
			receiver: 'B',
			amount: 150000,
			sender_balance_before: 200000,
			sender_balance_after: 50000
		},
		{ event_type: 'TransactionWentOverdue', tick: 2, tx_id: 't3', sender_id: 'C', receiver_id: 'A' },
		{ event_type: 'CostAccrual', tick: 1, agent_id: 'B', costs: {} },
		{ event_type: 'LsmCycleSettlement', tick: 1, agents: ['A', 'C'], tx_ids: [] },
		{ event_type: 'EndOfDay', tick: 1, day: 0, unsettled_count: 0, total_penalties: 0 }
	] as unknown as SimulationEvent[];

	it('show an agent only what concerns it', () => {
		expect(events.map((event) => isVisibleTo(event, 'A'))).toEqual([
			true,
			false,
			true,
			false,
			false,
			true,
			true
		]);
		expect(events.map((event) => isVisibleTo(event, 'B'))).toEqual([
			true,
			true,
			true,
			false,
			true,
			false,
			true
		]);
	});

	it('print amounts in dollars, settlements with the balance change', () => {
		expect(formatEvent(events[2])).toBe(
			'[tick 1] RtgsImmediateSettlement: tx_id=t1, sender=A, receiver=B, amount=$1,500.00, sender_balance_before=$2,000.00, sender_balance_after=$500.00\n  Balance: $2,000.00 → $500.00'
		);
		expect(agentTrace(events, 'A').split('\n')[0]).toBe(
			'[tick 0] Arrival: tx_id=t1, sender_id=A, receiver_id=B, amount=$1,500.00, deadline=2, priority=5, is_divisible=false'
		);
		expect(agentTrace([], 'A')).toBe('(no events involving this bank)');
	});
});

describe('prompts', () => {
	it('follow the sections of SimCash’s prompts', async () => {
		const loaded = await load(CASTRO.exp1);
		const constraints = loaded.experiment.constraints as PolicyConstraints;
		const system = buildSystemPrompt(constraints, loaded.scenario.config.cost_rates, 'Be brief.');
		const order = [
			'optimization agent',
			'EXPERIMENT NOTES',
			'## How the system works',
			'## Costs and objective',
			'## Policy structure',
			'## Allowed parameters',
			'## Allowed fields',
			'## Allowed actions per tree',
			'## Cost rates of this scenario',
			'## What you receive'
		];
		const positions = order.map((marker) => system.indexOf(marker));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);

		const breakdown = {
			collateral_cost: 0,
			delay_cost: 0,
			liquidity_cost: 0,
			liquidity_opportunity_cost: 5000,
			penalty_cost: 0,
			split_friction_cost: 0,
			total: 5000
		};
		const policy = defaultPolicy('BANK_A');
		const request = {
			experiment: loaded.experiment,
			agentId: 'BANK_A',
			iteration: 1,
			currentPolicy: policy,
			constraints,
			costRates: loaded.scenario.config.cost_rates,
			evaluation: {
				mode: 'deterministic',
				cost: 5000,
				statistics: null,
				breakdown,
				best: { seed: 42, cost: 5000 },
				worst: { seed: 42, cost: 5000 },
				settlementRate: 1
			},
			iterations: [
				{ iteration: 0, agentCosts: { BANK_A: 6000 }, policies: { BANK_A: policy } },
				{ iteration: 1, agentCosts: { BANK_A: 5000 }, policies: { BANK_A: policy } }
			],
			history: []
		} as unknown as ProposalRequest;
		const user = buildUserPrompt(request, { best: 'BEST TRACE', worst: 'WORST TRACE' }, ['broken']);
		const sections = [
			'POLICY OPTIMIZATION CONTEXT - BANK_A - ITERATION 2',
			'## 1. Current state',
			'## 2. Cost analysis',
			'## 3. Guidance',
			'<best_seed_output>\nBEST TRACE',
			'<worst_seed_output>\nWORST TRACE',
			'## 5. Your history',
			'## 6. Parameter trajectories',
			'## 7. Instructions',
			'CURRENT POLICY FOR BANK_A',
			'## VALIDATION ERROR - PLEASE FIX',
			'Output only the complete JSON policy document.'
		];
		const at = sections.map((marker) => user.indexOf(marker));
		expect(at.every((position) => position >= 0)).toBe(true);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
		expect(user).toContain('| your cost (one run) | $50.00 (-$10.00 vs previous iteration) |');
		expect(user).toContain('| liquidity (pool allocation) | $50.00 | 100.0 % | HIGH |');
		expect(user).toContain('- initial_liquidity_fraction: 0.500 → 0.500 (0.0 % overall)');
	});
});
