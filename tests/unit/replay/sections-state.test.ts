/**
 * Sections read from the tick's state (§4.2 items 2, 15–17, 19, 20), the end-of-day block (§4.3) and
 * the lines around the ticks (§4.4). Expected lines follow the spec's templates, values by hand.
 */
import { describe, expect, it } from 'vitest';
import { indexTick } from '../../../src/lib/replay/tick-index';
import { agentStateLines } from '../../../src/lib/replay/sections/agent-states';
import { costBreakdownLines } from '../../../src/lib/replay/sections/costs';
import { financialStatsLines } from '../../../src/lib/replay/sections/financial-stats';
import { nearDeadlineLines } from '../../../src/lib/replay/sections/near-deadline';
import { overdueSummaryLines } from '../../../src/lib/replay/sections/overdue';
import { tickSummaryLines } from '../../../src/lib/replay/sections/tick-summary';
import { formatEndOfDay } from '../../../src/lib/replay/verbose';
import {
	dayPersistedLines,
	eventsPersistedLines,
	filterEnabledLines,
	loadingConfigurationLines,
	creatingSimulationLines,
	logLines,
	metadataPersistedLines,
	replayCompleteLines,
	simulationCompleteLines,
	simulationCreatedLines
} from '../../../src/lib/replay/session-lines';
import { agentState, NO_COSTS, openTransaction, tickView } from './helpers';

describe('2 near-deadline warnings', () => {
	// Tick 10 just ran: the engine's current tick is 11, the window is deadlines 11..13.
	const view = tickView({
		tick: 10,
		openTransactions: [
			openTransaction('tx_12', { senderId: 'A', receiverId: 'B', deadlineTick: 13, remainingAmount: 5000 }),
			openTransaction('tx_3', {
				senderId: 'B',
				receiverId: 'A',
				deadlineTick: 12,
				remainingAmount: 700,
				location: 'rtgs'
			}),
			openTransaction('tx_9', { senderId: 'A', receiverId: 'C', deadlineTick: 11, location: 'none' }),
			openTransaction('tx_10', { senderId: 'A', receiverId: 'C', deadlineTick: 11, position: 1 }),
			openTransaction('tx_10', { senderId: 'A', receiverId: 'C', deadlineTick: 11, position: 2 }),
			openTransaction('tx_4', { senderId: 'A', receiverId: 'B', deadlineTick: 10 }),
			openTransaction('tx_5', { senderId: 'A', receiverId: 'B', deadlineTick: 14 }),
			openTransaction('tx_6', { senderId: 'A', receiverId: 'B', deadlineTick: 12, overdueSinceTick: 9 })
		]
	});

	it('lists open, not overdue transactions due from the next tick to two ticks after it, by deadline', () => {
		expect(nearDeadlineLines(indexTick(view))).toEqual([
			'',
			'⚠️  Transactions Near Deadline (within 2 ticks):',
			'  🔴 NEXT TICK! TX tx_9... | A → C | $100.00 | Deadline: Tick 11 (0 ticks away)',
			'  🔴 NEXT TICK! TX tx_10... | A → C | $100.00 | Deadline: Tick 11 (0 ticks away)',
			'  🔴 NEXT TICK! TX tx_3... | B → A | $7.00 | Deadline: Tick 12 (1 tick away)',
			'  ⚠️ TX tx_12... | A → B | $50.00 | Deadline: Tick 13 (2 ticks away)'
		]);
	});

	it('prints nothing when no transaction is near its deadline', () => {
		expect(nearDeadlineLines(indexTick(tickView()))).toEqual([]);
	});
});

describe('15 overdue summary', () => {
	it('lists overdue transactions, most overdue first, with the estimated delay cost', () => {
		// Tick 20 just ran (current tick 21). Delay rate 0.0001 per cent per tick, overdue multiplier 5.
		const view = tickView({
			tick: 20,
			overdueCostRates: {
				deadlinePenalty: 40000,
				delayCostPerTickPerCent: 0.0001,
				overdueDelayMultiplier: 5
			},
			openTransactions: [
				// 1 tick overdue: 136153 × 0.0001 × 5 × 1 = 68.0765 → 68
				openTransaction('tx_8', {
					senderId: 'L',
					receiverId: 'B',
					remainingAmount: 136153,
					overdueSinceTick: 20
				}),
				// 31 ticks overdue: 71935 × 0.0001 × 5 × 31 = 1114.9925 → 1115
				openTransaction('tx_3', {
					senderId: 'M',
					receiverId: 'S',
					remainingAmount: 71935,
					overdueSinceTick: -10,
					location: 'none'
				}),
				openTransaction('tx_2', {
					senderId: 'M',
					receiverId: 'S',
					remainingAmount: 100,
					overdueSinceTick: 20
				}),
				openTransaction('tx_7', { senderId: 'M', receiverId: 'S' })
			]
		});
		expect(overdueSummaryLines(indexTick(view))).toEqual([
			'',
			'🔥 Overdue Transactions:',
			'  🔥 TX tx_3... | M → S | $719.35 | Overdue: 31 ticks',
			'     💸 Costs: Penalty $400.00 + Delay $11.15 = $411.15',
			'  🔥 TX tx_2... | M → S | $1.00 | Overdue: 1 tick',
			'     💸 Costs: Penalty $400.00 + Delay $0.00 = $400.00',
			'  🔥 TX tx_8... | L → B | $1,361.53 | Overdue: 1 tick',
			'     💸 Costs: Penalty $400.00 + Delay $0.68 = $400.68',
			'',
			'  Total Overdue Cost: $1,211.83'
		]);
	});

	it('leaves out the total when the overdue transactions cost nothing', () => {
		const view = tickView({
			openTransactions: [openTransaction('tx_1', { senderId: 'A', receiverId: 'B', overdueSinceTick: 2 })]
		});
		expect(overdueSummaryLines(indexTick(view))).toEqual([
			'',
			'🔥 Overdue Transactions:',
			'  🔥 TX tx_1... | A → B | $100.00 | Overdue: 2 ticks',
			'     💸 Costs: Penalty $0.00 + Delay $0.00 = $0.00'
		]);
	});
});

describe('16 agent financial stats', () => {
	it('prints every agent in id order, optional lines only when they apply', () => {
		const view = tickView({
			agents: [
				agentState('BANK_B', {
					balance: -250000,
					unsecuredCap: 500000,
					postedCollateral: 100000,
					costs: {
						...NO_COSTS,
						liquidityCost: 1200,
						collateralCost: 300,
						delayCost: 450,
						splitFrictionCost: 50,
						penaltyCost: 40000,
						liquidityOpportunityCost: 7
					}
				}),
				agentState('BANK_A', { balance: 79875 }),
				agentState('BANK_C', { balance: -100 })
			],
			openTransactions: [
				openTransaction('tx_1', { senderId: 'BANK_B', receiverId: 'BANK_A', remainingAmount: 100000 }),
				openTransaction('tx_2', {
					senderId: 'BANK_B',
					receiverId: 'BANK_A',
					remainingAmount: 2550,
					position: 1
				}),
				openTransaction('tx_3', { senderId: 'BANK_B', receiverId: 'BANK_A', location: 'rtgs' })
			]
		});
		expect(financialStatsLines(indexTick(view))).toEqual([
			'',
			'💰 Agent Financial Stats',
			'',
			'BANK_A',
			'  Balance:            $798.75',
			'  Credit Limit:       None',
			'  Available Liquidity: $798.75',
			'  Headroom:           100.0%',
			'',
			'BANK_B',
			'  Balance:            $-2,500.00 (overdraft)',
			'  Credit Limit:       $5,000.00',
			'  Credit Used:        $2,500.00',
			// −250000 + 500000 + 100000 = 350000; 350000 / 600000 = 58.33…%
			'  Available Liquidity: $3,500.00',
			'  Headroom:           58.3%',
			'  Posted Collateral:  $1,000.00',
			'  Queue 1:            2 txs, $1,025.50 total',
			'  Total Costs:        $420.07',
			'    • Liquidity:      $12.00',
			'    • Collateral:     $3.00',
			'    • Delay:          $4.50',
			'    • Split Friction: $0.50',
			'    • Deadline Miss:  $400.00',
			'',
			'BANK_C',
			'  Balance:            $-1.00 (overdraft)',
			'  Credit Limit:       None',
			'  Credit Used:        $1.00',
			'  Available Liquidity: $-1.00',
			'  Headroom:           0.0%',
			''
		]);
	});
});

describe('17 agent states', () => {
	it('shows agents with a balance change or queued payments, with both queues in queue order', () => {
		const view = tickView({
			agents: [
				agentState('BANK_A', { balance: 79875, balanceChange: 41936 }),
				agentState('BANK_B', { balance: -35005, balanceChange: -35005, unsecuredCap: 200000 }),
				agentState('BANK_C', { balance: 500, postedCollateral: 100000 }),
				agentState('BANK_D', { balance: 900, unsecuredCap: 1000 }),
				agentState('BANK_E', { balance: 0, unsecuredCap: 300 })
			],
			openTransactions: [
				openTransaction('tx_21', {
					senderId: 'BANK_C',
					receiverId: 'BANK_A',
					position: 1,
					remainingAmount: 5000,
					priority: 3,
					deadlineTick: 40
				}),
				openTransaction('tx_20', {
					senderId: 'BANK_C',
					receiverId: 'BANK_B',
					position: 0,
					remainingAmount: 25000,
					priority: 8,
					deadlineTick: 35
				}),
				openTransaction('tx_30', {
					senderId: 'BANK_C',
					receiverId: 'BANK_A',
					location: 'rtgs',
					position: 4,
					remainingAmount: 100
				}),
				openTransaction('tx_31', {
					senderId: 'BANK_D',
					receiverId: 'BANK_A',
					location: 'rtgs',
					position: 2,
					remainingAmount: 200
				}),
				openTransaction('tx_32', {
					senderId: 'BANK_C',
					receiverId: 'BANK_D',
					location: 'rtgs',
					position: 3,
					remainingAmount: 300
				}),
				openTransaction('tx_33', { senderId: 'BANK_E', receiverId: 'BANK_A', location: 'none' })
			]
		});
		expect(agentStateLines(indexTick(view))).toEqual([
			'  BANK_A: $798.75 (+$419.36)',
			// credit: 35005 / 200000 = 17.5025 % → 18
			'  BANK_B: $-350.05 (overdraft) ($-350.05) | Credit: 18% used',
			'  BANK_C: $5.00',
			'     Queue 1 (2 transactions, $300.00 total):',
			'     • TX tx_20 → BANK_B: $250.00 | P:8 | ⏰ Tick 35',
			'     • TX tx_21 → BANK_A: $50.00 | P:3 | ⏰ Tick 40',
			'',
			'     Queue 2 - RTGS (2 transactions, $4.00):',
			'     • TX tx_32 → BANK_D: $3.00 | P:5 | ⏰ Tick 50',
			'     • TX tx_30 → BANK_A: $1.00 | P:5 | ⏰ Tick 50',
			'',
			'     Collateral Posted: $1,000.00',
			'',
			'  BANK_D: $9.00 | Credit: 0% used',
			'     Queue 2 - RTGS (1 transactions, $2.00):',
			'     • TX tx_31 → BANK_A: $2.00 | P:5 | ⏰ Tick 50',
			''
		]);
	});

	it('rounds the credit utilisation half to even', () => {
		// 125 / 1000 = 12.5 % → 12; 135 / 1000 = 13.5 % → 14
		const lines = agentStateLines(
			indexTick(
				tickView({
					agents: [
						agentState('A', { balance: -125, balanceChange: 1, unsecuredCap: 1000 }),
						agentState('B', { balance: -135, balanceChange: 1, unsecuredCap: 1000 })
					]
				})
			)
		);
		expect(lines).toEqual([
			'  A: $-1.25 (overdraft) (+$0.01) | Credit: 12% used',
			'  B: $-1.35 (overdraft) (+$0.01) | Credit: 14% used'
		]);
	});
});

describe('19 cost breakdown', () => {
	it('adds up liquidity, delay, collateral and split friction per agent (running totals)', () => {
		const view = tickView({
			counts: { arrivals: 0, settlements: 0, lsmReleases: 0, totalCost: 22 },
			agents: [
				agentState('BANK_B', { costs: { ...NO_COSTS, delayCost: 5000 } }),
				agentState('BANK_A', {
					costs: {
						...NO_COSTS,
						liquidityCost: 5000,
						delayCost: 2500,
						splitFrictionCost: 25,
						penaltyCost: 99999,
						liquidityOpportunityCost: 7
					}
				}),
				agentState('BANK_C', { costs: { ...NO_COSTS, penaltyCost: 40000, liquidityOpportunityCost: 30 } })
			]
		});
		expect(costBreakdownLines(indexTick(view))).toEqual([
			'',
			'💰 Costs Accrued This Tick: $125.25',
			'',
			'   BANK_A: $75.25',
			'   • Liquidity: $50.00',
			'   • Delay: $25.00',
			'   • Split: $0.25',
			'',
			'   BANK_B: $50.00',
			'   • Delay: $50.00',
			''
		]);
	});

	it('prints nothing when those components are all zero', () => {
		const view = tickView({ agents: [agentState('A', { costs: { ...NO_COSTS, penaltyCost: 100 } })] });
		expect(costBreakdownLines(indexTick(view))).toEqual([]);
	});
});

describe('20 tick summary', () => {
	it('prints LSM releases and the Queue 1 total only when non-zero', () => {
		const quiet = tickView({ counts: { arrivals: 3, settlements: 6, lsmReleases: 0, totalCost: 0 } });
		expect(tickSummaryLines(indexTick(quiet))).toEqual(['', '  Summary: 3 in | 6 settled']);
		const busy = tickView({
			counts: { arrivals: 0, settlements: 6, lsmReleases: 1, totalCost: 0 },
			agents: [agentState('A'), agentState('B')],
			openTransactions: [
				openTransaction('tx_1', { senderId: 'A', receiverId: 'B' }),
				openTransaction('tx_2', { senderId: 'B', receiverId: 'A' }),
				openTransaction('tx_3', { senderId: 'B', receiverId: 'A', location: 'rtgs' })
			]
		});
		expect(tickSummaryLines(indexTick(busy))).toEqual(['', '  Summary: 0 in | 6 settled | 1 LSM | 2 queued']);
	});
});

describe('end-of-day statistics block (§4.3)', () => {
	it('prints the system metrics, the day cost and every agent', () => {
		const lastTick = tickView({
			tick: 99,
			agents: [
				agentState('BANK_B', {
					balance: -459515,
					allowedOverdraftLimit: 600000,
					costs: {
						...NO_COSTS,
						liquidityCost: 100000,
						delayCost: 69726,
						penaltyCost: 0,
						liquidityOpportunityCost: 555
					}
				}),
				agentState('BANK_A', { balance: 3164368, allowedOverdraftLimit: 0 })
			],
			openTransactions: [
				openTransaction('tx_1', { senderId: 'BANK_B', receiverId: 'BANK_A' }),
				openTransaction('tx_2', { senderId: 'BANK_B', receiverId: 'BANK_A', position: 1 }),
				openTransaction('tx_3', { senderId: 'BANK_B', receiverId: 'BANK_A', location: 'rtgs' }),
				openTransaction('tx_4', { senderId: 'BANK_A', receiverId: 'BANK_B', location: 'none' })
			]
		});
		const rule = '═'.repeat(64);
		expect(
			formatEndOfDay(
				{ day: 0, arrivals: 10000, settlements: 9500, lsmSettled: 1200, totalCost: 1250000 },
				lastTick
			)
		).toEqual([
			'',
			rule,
			`${' '.repeat(22)}END OF DAY 0 SUMMARY${' '.repeat(22)}`,
			rule,
			'',
			'📊 SYSTEM-WIDE METRICS:',
			'• Total Transactions: 10,000',
			'• Settled: 9,500 (95.0%)',
			'• Unsettled: 500 (5.0%)',
			// 1200 / 9500 = 12.63…%
			'• LSM Settled: 1,200 (12.6% of settlements)',
			'• Settlement Rate: 95.0%',
			'',
			'💰 COSTS:',
			'• Total: $12,500.00',
			'',
			'👥 AGENT PERFORMANCE:',
			'',
			'BANK_A:',
			'• Final Balance: $31,643.68',
			'• Credit Utilization: 0%',
			'• Queue 1: 0 transactions',
			'• Queue 2: 0 transactions',
			'• Total Costs: $0.00',
			'',
			'BANK_B:',
			'• Final Balance: $-4,595.15',
			// 459515 / 600000 = 76.59…%
			'• Credit Utilization: 77%',
			'• Queue 1: 2 transactions',
			'• Queue 2: 1 transactions',
			// without the liquidity opportunity cost
			'• Total Costs: $1,697.26',
			'',
			rule,
			''
		]);
	});

	it('prints 0.0 percentages for a day without arrivals or settlements', () => {
		const lines = formatEndOfDay(
			{ day: 3, arrivals: 0, settlements: 0, lsmSettled: 0, totalCost: 0 },
			tickView({ agents: [] })
		);
		expect(lines.slice(2, 11)).toEqual([
			`${' '.repeat(22)}END OF DAY 3 SUMMARY${' '.repeat(22)}`,
			'═'.repeat(64),
			'',
			'📊 SYSTEM-WIDE METRICS:',
			'• Total Transactions: 0',
			'• Settled: 0 (0.0%)',
			'• Unsettled: 0 (0.0%)',
			'• LSM Settled: 0 (0.0% of settlements)',
			'• Settlement Rate: 0.0%'
		]);
	});
});

describe('lines around the ticks (§4.4)', () => {
	it('prefixes info, success, warning and error messages', () => {
		expect(logLines('info', 'x')).toEqual(['ℹ x']);
		expect(logLines('success', 'x')).toEqual(['✓ x']);
		expect(logLines('warning', 'x')).toEqual(['⚠ x']);
		expect(logLines('error', 'x')).toEqual(['✗ x']);
	});

	it('prints the set-up lines', () => {
		expect([
			...loadingConfigurationLines('scenarios/a.yaml'),
			...creatingSimulationLines(42),
			...simulationCreatedLines(0.0125),
			...filterEnabledLines({ eventTypes: 'Arrival', agent: 'BANK_A' }),
			...filterEnabledLines({})
		]).toEqual([
			'ℹ Loading configuration from scenarios/a.yaml',
			'ℹ Creating simulation (seed: 42)',
			'✓ Simulation created in 0.013s',
			'ℹ Event filtering enabled: types=Arrival, agent=BANK_A'
		]);
	});

	it('prints the persistence lines, leaving out empty counts', () => {
		expect(dayPersistedLines({ day: 2, transactions: 97, agentMetrics: 6, queueSnapshots: 0 })).toEqual([
			'ℹ   Persisted 97 transactions for day 2',
			'ℹ   Persisted 6 agent metrics for day 2'
		]);
		expect(eventsPersistedLines(1234)).toEqual(['ℹ   Persisted 1234 simulation events']);
		expect(metadataPersistedLines('sim-1a2b3c4d')).toEqual([
			'✓ Simulation metadata persisted (ID: sim-1a2b3c4d)'
		]);
	});

	it('recomputes the completed tick count from duration × rate, as the original does', () => {
		// 100 ticks in 2.5 s → 40 ticks/s; 2.5 × 39.99 = 99.975 → 99
		expect(simulationCompleteLines(2.5, 39.99)).toEqual([
			'✓ ',
			'Simulation complete: 99 ticks in 2.50s (40.0 ticks/s)'
		]);
		expect(simulationCompleteLines(0, 0)).toEqual([
			'✓ ',
			'Simulation complete: 0 ticks in 0.00s (0.0 ticks/s)'
		]);
		expect(replayCompleteLines(20)).toEqual([
			'✓ ',
			'Replay complete: 20 ticks',
			'ℹ Replayed from database (not re-executed)'
		]);
	});
});
