/**
 * Bootstrap evaluation (spec §5.2): histories from the initial simulation's events, samples drawn with the
 * seeded xorshift64* stream, and the three-agent sandbox each sample runs in.
 */
import { describe, expect, it } from 'vitest';
import type { SimulationEvent } from '../../../src/lib/engine';
import { defaultPolicy, sampleSeed } from '../../../src/lib/experiments';
import { collectHistories, type AgentHistory } from '../../../src/lib/experiments/bootstrap-history';
import { buildSamples } from '../../../src/lib/experiments/bootstrap-samples';
import { sandboxConfig } from '../../../src/lib/experiments/sandbox';
import { simulate } from '../../../src/lib/experiments/simulation';
import { CASTRO, load } from './helpers';

function arrival(
	tick: number,
	tx: string,
	sender: string,
	receiver: string,
	amount: number,
	deadline: number
) {
	return {
		event_type: 'Arrival',
		tick,
		tx_id: tx,
		sender_id: sender,
		receiver_id: receiver,
		amount,
		deadline,
		priority: 5,
		is_divisible: false
	} as SimulationEvent;
}

/** The spec's generator, written out with BigInt: xorshift64*, next_int(n) = output mod n. */
function referenceStream(seed: number) {
	let state = BigInt(seed === 0 ? 1 : seed);
	const mask = (1n << 64n) - 1n;
	return (n: number) => {
		let x = state;
		x ^= x >> 12n;
		x ^= (x << 25n) & mask;
		x ^= x >> 27n;
		state = x;
		return Number(((x * 0x2545f4914f6cdd1dn) & mask) % BigInt(n));
	};
}

describe('transaction histories', () => {
	it('record arrivals for sender and receiver, with deadline and settlement offsets', () => {
		const events = [
			arrival(1, 't1', 'A', 'B', 100, 4),
			arrival(2, 't2', 'B', 'A', 200, 9),
			arrival(2, 't3', 'A', 'C', 300, 5),
			{ event_type: 'RtgsImmediateSettlement', tick: 3, tx_id: 't1' },
			{ event_type: 'LsmBilateralOffset', tick: 6, tx_ids: ['t2'] }
		] as SimulationEvent[];
		const histories = collectHistories(events, ['A', 'B']);
		const a = histories.get('A') as AgentHistory;
		expect(a.outgoing.map((r) => [r.txId, r.deadlineOffset, r.settlementOffset])).toEqual([
			['t1', 3, 2],
			['t3', 3, null]
		]);
		expect(a.incoming.map((r) => [r.txId, r.amount, r.settlementOffset])).toEqual([['t2', 200, 4]]);
		expect(histories.get('B')?.incoming.map((r) => r.txId)).toEqual(['t1']);
		expect(histories.has('C')).toBe(false);
	});
});

describe('bootstrap samples', () => {
	const history: AgentHistory = {
		outgoing: [
			{
				txId: 'o1',
				sender: 'A',
				receiver: 'B',
				amount: 10,
				priority: 5,
				arrivalTick: 0,
				deadlineOffset: 3,
				settlementOffset: 1
			},
			{
				txId: 'o2',
				sender: 'A',
				receiver: 'B',
				amount: 20,
				priority: 7,
				arrivalTick: 4,
				deadlineOffset: 8,
				settlementOffset: null
			}
		],
		incoming: [
			{
				txId: 'i1',
				sender: 'B',
				receiver: 'A',
				amount: 30,
				priority: 5,
				arrivalTick: 2,
				deadlineOffset: 2,
				settlementOffset: 2
			},
			{
				txId: 'i2',
				sender: 'B',
				receiver: 'A',
				amount: 40,
				priority: 5,
				arrivalTick: 2,
				deadlineOffset: 2,
				settlementOffset: null
			}
		]
	};

	it('draw records and arrival ticks from the seeded stream, outgoing first, then settled incoming', () => {
		const ticks = 12;
		const samples = buildSamples('A', history, { masterSeed: 42, samples: 3, ticks });
		for (const sample of samples) {
			expect(sample.seed).toBe(sampleSeed(42, sample.index));
			const next = referenceStream(sample.seed);
			for (const [j, tx] of sample.outgoing.entries()) {
				const record = history.outgoing[next(2)];
				const arrivalTick = next(ticks);
				expect(tx).toEqual({
					txId: `${record.txId}:out:${j}`,
					amount: record.amount,
					priority: record.priority,
					arrivalTick,
					deadlineTick: Math.min(arrivalTick + record.deadlineOffset, ticks),
					settlementTick:
						record.settlementOffset === null ? null : Math.min(arrivalTick + record.settlementOffset, ticks)
				});
			}
			// Only the settled incoming record (i1) is resampled.
			expect(sample.incoming).toHaveLength(1);
			const record = history.incoming[next(1)];
			const arrivalTick = next(ticks);
			expect(sample.incoming[0]).toMatchObject({
				txId: `${record.txId}:in:0`,
				arrivalTick,
				settlementTick: Math.min(arrivalTick + 2, ticks)
			});
		}
		expect(buildSamples('A', history, { masterSeed: 42, samples: 3, ticks })).toEqual(samples);
	});
});

describe('the sandbox', () => {
	it('puts the agent between SOURCE and SINK with the scenario’s switches and its pool', async () => {
		const loaded = await load(CASTRO.exp2);
		const scenario = loaded.scenario.config;
		const [sample] = buildSamples(
			'BANK_A',
			{
				outgoing: [
					{
						txId: 'o',
						sender: 'BANK_A',
						receiver: 'BANK_B',
						amount: 50_000,
						priority: 5,
						arrivalTick: 0,
						deadlineOffset: 4,
						settlementOffset: 0
					}
				],
				incoming: [
					{
						txId: 'i',
						sender: 'BANK_B',
						receiver: 'BANK_A',
						amount: 70_000,
						priority: 5,
						arrivalTick: 0,
						deadlineOffset: 4,
						settlementOffset: 1
					}
				]
			},
			{ masterSeed: 42, samples: 1, ticks: 12 }
		);
		const policy = { ...defaultPolicy('BANK_A'), parameters: { initial_liquidity_fraction: 0.1 } };
		const config = sandboxConfig(scenario, sample, policy);
		expect(config.agent_configs.map((a) => [a.id, a.opening_balance, a.unsecured_cap])).toEqual([
			['SOURCE', 10_000_000_000, 0],
			['BANK_A', 0, 0],
			['SINK', 0, 10_000_000_000]
		]);
		expect(config.agent_configs[1]).toMatchObject({
			liquidity_pool: 1_000_000,
			liquidity_allocation_fraction: 0.1,
			arrival_config: null
		});
		expect(config).toMatchObject({
			ticks_per_day: 12,
			num_days: 1,
			rng_seed: sample.seed,
			deferred_crediting: true,
			deadline_cap_at_eod: true
		});
		expect(config.scenario_events?.map((e) => [e.event.type, e.schedule])).toEqual([
			['custom_transaction_arrival', { tick: sample.outgoing[0].arrivalTick }],
			['scheduled_settlement', { tick: sample.incoming[0].settlementTick }]
		]);
		// The sandbox runs in the engine: the agent pays for 0.1 × 1,000,000 over 12 ticks at 83 bps.
		const outcome = simulate(config, 12);
		expect(outcome.breakdowns.BANK_A.liquidity_opportunity_cost).toBe(9960);
		expect(outcome.costs.BANK_A).toBeGreaterThanOrEqual(9960);
	});
});
