/**
 * Acceptance 1, second half: every key SimCash drops but this loader forwards changes the run. Each test
 * runs a small scenario briefly with the key and without it (and, where SimCash would see the same file,
 * in compatibility mode) and checks the difference the engine specification predicts.
 */
import { describe, expect, it } from 'vitest';
import { FORWARDED_KEYS } from '../../../src/lib/config';
import { loadOk, runBriefly } from './helpers';

const TICKS = 10;

interface ScenarioParts {
	top?: string;
	bankA?: string;
	policyA?: string;
	balanceA?: number;
	events: string;
}

/** Two banks, ten ticks in one day, no random arrivals; BANK_A's settings and the events vary. */
function scenario(parts: ScenarioParts): string {
	return `simulation: {ticks_per_day: ${TICKS}, num_days: 1, rng_seed: 7}
${parts.top ?? ''}
agents:
  - id: BANK_A
    opening_balance: ${parts.balanceA ?? 0}
    unsecured_cap: 0
    policy: ${parts.policyA ?? '{type: Fifo}'}
${parts.bankA ?? ''}
  - id: BANK_B
    opening_balance: 0
    policy: {type: Fifo}
scenario_events:
${parts.events}
`;
}

function payment(from: string, to: string, amount: number, tick: number, extra = ''): string {
	return `  - {type: CustomTransactionArrival, from_agent: ${from}, to_agent: ${to}, amount: ${amount}, deadline: 9${extra}, schedule: {type: OneTime, tick: ${tick}}}\n`;
}

async function run(text: string, simcashCompat = false, files: Record<string, string> = {}) {
	const { config } = await loadOk(text, { simcashCompat }, files);
	return runBriefly(config, TICKS);
}

const tested = new Set<string>();
function forwarded(key: string, body: () => Promise<void>): void {
	tested.add(key);
	it(key, body);
}

describe('forwarded keys change the outcome', () => {
	forwarded('algorithm_sequencing', async () => {
		const parts = { events: payment('BANK_A', 'BANK_B', 100, 0) };
		const withKey = await run(scenario({ ...parts, top: 'algorithm_sequencing: true' }));
		const without = await run(scenario(parts));
		const compat = await run(scenario({ ...parts, top: 'algorithm_sequencing: true' }), true);
		// One record per algorithm (FIFO queue pass, bilateral, cycles) per tick.
		expect(withKey.count('AlgorithmExecution')).toBe(3 * TICKS);
		expect(without.count('AlgorithmExecution')).toBe(0);
		expect(compat.count('AlgorithmExecution')).toBe(0);
	});

	forwarded('entry_disposition_offsetting', async () => {
		// Neither payment is affordable alone; the bilateral offset nets them (A pays 50 000 net of 100 000).
		const parts = {
			balanceA: 100000,
			events: payment('BANK_A', 'BANK_B', 300000, 0) + payment('BANK_B', 'BANK_A', 250000, 0)
		};
		const withKey = await run(scenario({ ...parts, top: 'entry_disposition_offsetting: true' }));
		const without = await run(scenario(parts));
		expect(withKey.count('EntryDispositionOffset')).toBeGreaterThan(0);
		expect(withKey.count('LsmBilateralOffset')).toBe(0);
		expect(without.count('EntryDispositionOffset')).toBe(0);
		expect(without.count('LsmBilateralOffset')).toBeGreaterThan(0);
	});

	forwarded('priority_escalation', async () => {
		// BANK_A cannot pay, so the payment waits with its deadline approaching.
		const parts = { events: payment('BANK_A', 'BANK_B', 100, 0, ', priority: 3') };
		const top = 'priority_escalation: {enabled: true, start_escalating_at_ticks: 9, max_boost: 5}';
		const withKey = await run(scenario({ ...parts, top }));
		const without = await run(scenario(parts));
		expect(withKey.count('PriorityEscalated')).toBeGreaterThan(0);
		expect(without.count('PriorityEscalated')).toBe(0);
	});

	forwarded('queue1_ordering', async () => {
		// 70 available: FIFO release order settles the first payment (60); priority order the urgent one (70).
		const parts = {
			balanceA: 70,
			events:
				payment('BANK_A', 'BANK_B', 60, 0, ', priority: 1') +
				payment('BANK_A', 'BANK_B', 70, 0, ', priority: 9')
		};
		const withKey = await run(scenario({ ...parts, top: 'queue1_ordering: priority_deadline' }));
		const without = await run(scenario(parts));
		expect(withKey.first('RtgsImmediateSettlement')?.amount).toBe(70);
		expect(without.first('RtgsImmediateSettlement')?.amount).toBe(60);
	});

	forwarded('priority_mode', async () => {
		// Both payments wait in Queue 2 (no money). At tick 1 the policy resubmits the priority-9 one as
		// HighlyUrgent; it re-enters Queue 2 behind the other at tick 2. At tick 3 BANK_A receives 70: in
		// queue order the 60 settles first; with priority_mode the HighlyUrgent 70 goes first.
		const policy = JSON.stringify({
			version: '1.0',
			policy_id: 'resubmit_urgent_at_tick_1',
			payment_tree: {
				type: 'condition',
				node_id: 'in_queue2',
				condition: { op: '==', left: { field: 'is_in_queue2' }, right: { value: 1 } },
				on_true: {
					type: 'condition',
					node_id: 'urgent_at_tick_1',
					condition: {
						op: 'and',
						conditions: [
							{ op: '==', left: { field: 'current_tick' }, right: { value: 1 } },
							{ op: '>=', left: { field: 'priority' }, right: { value: 8 } }
						]
					},
					on_true: {
						type: 'action',
						node_id: 'resubmit',
						action: 'ResubmitToRtgs',
						parameters: { rtgs_priority: { value: 'HighlyUrgent' } }
					},
					on_false: { type: 'action', node_id: 'wait', action: 'Hold' }
				},
				on_false: { type: 'action', node_id: 'release', action: 'Release' }
			}
		});
		const parts = {
			policyA: `{type: InlineJson, json_string: '${policy}'}`,
			events:
				payment('BANK_A', 'BANK_B', 60, 0, ', priority: 1') +
				payment('BANK_A', 'BANK_B', 70, 0, ', priority: 9') +
				'  - {type: DirectTransfer, from_agent: BANK_B, to_agent: BANK_A, amount: 70, schedule: {type: OneTime, tick: 3}}\n'
		};
		const withKey = await run(scenario({ ...parts, top: 'priority_mode: true' }));
		const without = await run(scenario(parts));
		expect(withKey.first('Queue2LiquidityRelease')).toMatchObject({ tick: 3, amount: 70 });
		expect(without.first('Queue2LiquidityRelease')).toMatchObject({ tick: 3, amount: 60 });
	});

	forwarded('eod_rush_threshold', async () => {
		// The policy releases only in the end-of-day rush: from tick 8 of 10 by default, from tick 3 at 0.3.
		const policy = JSON.stringify({
			version: '1.0',
			policy_id: 'eod_only',
			payment_tree: {
				type: 'condition',
				node_id: 'rush',
				condition: { op: '==', left: { field: 'is_eod_rush' }, right: { value: 1 } },
				on_true: { type: 'action', node_id: 'release', action: 'Release' },
				on_false: { type: 'action', node_id: 'hold', action: 'Hold' }
			}
		});
		const parts = {
			balanceA: 1000,
			policyA: `{type: InlineJson, json_string: '${policy}'}`,
			events: payment('BANK_A', 'BANK_B', 100, 0)
		};
		const withKey = await run(scenario({ ...parts, top: 'eod_rush_threshold: 0.3' }));
		const without = await run(scenario(parts));
		expect(withKey.first('RtgsImmediateSettlement')?.tick).toBe(3);
		expect(without.first('RtgsImmediateSettlement')?.tick).toBe(8);
	});

	forwarded('posted_collateral', async () => {
		// Collateral of 100 000 at the default haircut 0.02 backs 98 000 of credit: the 50 000 payment settles.
		const parts = { events: payment('BANK_A', 'BANK_B', 50000, 0) };
		const bankA = '    posted_collateral: 100000\n    max_collateral_capacity: 1000000';
		const withKey = await run(scenario({ ...parts, bankA }));
		const without = await run(scenario(parts));
		const compat = await run(scenario({ ...parts, bankA }), true);
		expect(withKey.count('RtgsImmediateSettlement')).toBe(1);
		expect(without.count('RtgsImmediateSettlement')).toBe(0);
		expect(compat.count('RtgsImmediateSettlement')).toBe(0);
	});

	forwarded('collateral_haircut', async () => {
		// 100 000 posted: credit 98 000 at the default haircut covers 60 000; at 0.5 only 50 000 is backed.
		const parts = { events: payment('BANK_A', 'BANK_B', 60000, 0) };
		const collateral = '    posted_collateral: 100000\n    max_collateral_capacity: 1000000';
		const withKey = await run(scenario({ ...parts, bankA: `${collateral}\n    collateral_haircut: 0.5` }));
		const without = await run(scenario({ ...parts, bankA: collateral }));
		expect(withKey.count('RtgsImmediateSettlement')).toBe(0);
		expect(without.count('RtgsImmediateSettlement')).toBe(1);
	});

	const limitCase = (bankA: string, event: string) => async () => {
		const parts = { balanceA: 1000000, events: payment('BANK_A', 'BANK_B', 60000, 0) };
		const withKey = await run(scenario({ ...parts, bankA }));
		const without = await run(scenario(parts));
		const compat = await run(scenario({ ...parts, bankA }), true);
		expect(withKey.count(event)).toBeGreaterThan(0);
		expect(withKey.count('RtgsImmediateSettlement')).toBe(0);
		expect(without.count(event)).toBe(0);
		expect(without.count('RtgsImmediateSettlement')).toBe(1);
		expect(compat.count('RtgsImmediateSettlement')).toBe(1);
	};

	forwarded('limits', limitCase('    limits: {bilateral_limits: {BANK_B: 50000}}', 'BilateralLimitExceeded'));
	forwarded('bilateral_limits', limitCase('    bilateral_limits: {BANK_B: 50000}', 'BilateralLimitExceeded'));
	forwarded('multilateral_limit', limitCase('    multilateral_limit: 50000', 'MultilateralLimitExceeded'));

	forwarded('params', async () => {
		// The policy file releases payments up to its parameter max_amount (10); params raise it to 10 000.
		const file = JSON.stringify({
			version: '1.0',
			policy_id: 'small_payments_only',
			parameters: { max_amount: 10 },
			payment_tree: {
				type: 'condition',
				node_id: 'small',
				condition: { op: '<=', left: { field: 'amount' }, right: { param: 'max_amount' } },
				on_true: { type: 'action', node_id: 'release', action: 'Release' },
				on_false: { type: 'action', node_id: 'hold', action: 'Hold' }
			}
		});
		const files = { 'policies/small.json': file };
		const parts = { balanceA: 100000, events: payment('BANK_A', 'BANK_B', 5000, 0) };
		const withParams = `{type: FromJson, json_path: policies/small.json, params: {max_amount: 10000}}`;
		const withKey = await run(scenario({ ...parts, policyA: withParams }), false, files);
		const without = await run(
			scenario({ ...parts, policyA: '{type: FromJson, json_path: policies/small.json}' }),
			false,
			files
		);
		const compat = await run(scenario({ ...parts, policyA: withParams }), true, files);
		expect(withKey.first('RtgsImmediateSettlement')?.tick).toBe(0);
		expect(without.count('RtgsImmediateSettlement')).toBe(0);
		expect(compat.count('RtgsImmediateSettlement')).toBe(0);
	});

	it('has a test for every forwarded key', () => {
		expect([...tested].sort()).toEqual(FORWARDED_KEYS.map((key) => key.key).sort());
	});
});
