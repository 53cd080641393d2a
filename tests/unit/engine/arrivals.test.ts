import { describe, expect, it } from 'vitest';
import { ArrivalGenerator } from '../../../src/lib/engine/arrivals';
import type { AmountDistribution, ArrivalConfig, PriorityDistribution } from '../../../src/lib/engine/config';
import { Xorshift64Star } from '../../../src/lib/engine/rng';
import { makeEngine, ofType, runTicks } from './helpers';

type Generated = [receiver: string, amount: number, deadline: number, priority: number];

function arrivalConfig(
	amount: AmountDistribution,
	priority: PriorityDistribution,
	rate: number,
	deadline: [number, number],
	weights: Record<string, number> = {}
): ArrivalConfig {
	return {
		rate_per_tick: rate,
		amount_distribution: amount,
		counterparty_weights: new Map(Object.entries(weights)),
		deadline_range: deadline,
		priority_distribution: priority,
		divisible: false
	};
}

/** Runs the generator for sender index 0 at the given ticks with a fresh RNG. */
function generate(
	ids: string[],
	config: ArrivalConfig,
	seed: bigint,
	ticks: number[],
	episodeEnd = 100,
	ticksPerDay = 100,
	capAtEod = false
): { perTick: Generated[][]; rng: Xorshift64Star } {
	const rng = new Xorshift64Star(seed);
	let current: Generated[] = [];
	const generator = new ArrivalGenerator(
		ids.map((_, i) => (i === 0 ? config : null)),
		ids.map(() => null),
		ids.map((_, i) => i),
		ids,
		episodeEnd,
		ticksPerDay,
		capAtEod,
		(_sender, receiver, amount, deadline, priority) =>
			current.push([ids[receiver], amount, deadline, priority])
	);
	const perTick = ticks.map((tick) => {
		current = [];
		generator.generateForAgent(0, tick, rng);
		return current;
	});
	return { perTick, rng };
}

const ABC = ['BANK_A', 'BANK_B', 'BANK_C'];

describe('amount distributions and draw order (§14.11 reference runs, seed 7)', () => {
	it('Normal{100000, 20000} with priority Fixed{0} (→ 5)', () => {
		const { perTick, rng } = generate(
			ABC,
			arrivalConfig({ Normal: { mean: 100_000, std_dev: 20_000 } }, { Fixed: { value: 0 } }, 3.0, [5, 15]),
			7n,
			[0, 1]
		);
		expect(perTick).toEqual([
			[
				['BANK_C', 76595, 14, 5],
				['BANK_B', 107071, 11, 5],
				['BANK_B', 115170, 14, 5]
			],
			[
				['BANK_C', 76187, 15, 5],
				['BANK_C', 122044, 11, 5],
				['BANK_B', 117950, 15, 5],
				['BANK_C', 106257, 8, 5],
				['BANK_C', 105353, 8, 5]
			]
		]);
		expect(rng.state).toBe(8201383073878967998n);
	});

	it('LogNormal{mean 100000, std_dev 50000} (moment parameters) with priority Uniform{0,10}', () => {
		const { perTick, rng } = generate(
			ABC,
			arrivalConfig(
				{ LogNormal: { mean: 100_000, std_dev: 50_000 } },
				{ Uniform: { min: 0, max: 10 } },
				3.0,
				[5, 15]
			),
			7n,
			[0, 1]
		);
		expect(perTick).toEqual([
			[
				['BANK_C', 51459, 14, 5],
				['BANK_C', 77794, 8, 7],
				['BANK_B', 55316, 5, 7]
			],
			[
				['BANK_B', 70980, 16, 3],
				['BANK_B', 60859, 15, 5],
				['BANK_B', 105711, 12, 2]
			]
		]);
		expect(rng.state).toBe(9290946790444728517n);
	});

	it('Exponential{rate 0.00001} with priority Categorical{[1,5,9], [0.2,0.5,0.3]}', () => {
		const { perTick, rng } = generate(
			ABC,
			arrivalConfig(
				{ Exponential: { rate: 0.00001 } },
				{ Categorical: { values: [1, 5, 9], weights: [0.2, 0.5, 0.3] } },
				3.0,
				[5, 15]
			),
			7n,
			[0, 1]
		);
		expect(perTick).toEqual([
			[
				['BANK_B', 98207, 11, 1],
				['BANK_B', 100612, 14, 9],
				['BANK_B', 43043, 5, 5]
			],
			[
				['BANK_B', 82017, 10, 1],
				['BANK_C', 69600, 16, 5],
				['BANK_B', 170687, 6, 1],
				['BANK_B', 26923, 12, 9],
				['BANK_B', 6386, 15, 9]
			]
		]);
		expect(rng.state).toBe(8201383073878967998n);
	});

	it('weighted receivers: missing candidates weigh 1.0 (seed 99, tick 3)', () => {
		const { perTick } = generate(
			['BANK_A', 'BANK_B', 'BANK_C', 'BANK_D'],
			arrivalConfig({ Uniform: { min: 1, max: 100 } }, { Fixed: { value: 7 } }, 4.0, [2, 4], {
				BANK_C: 3.0,
				BANK_B: 0.5
			}),
			99n,
			[3]
		);
		expect(perTick[0]).toEqual([
			['BANK_C', 12, 6, 7],
			['BANK_C', 52, 6, 7],
			['BANK_D', 64, 7, 7],
			['BANK_C', 52, 6, 7],
			['BANK_C', 54, 5, 7],
			['BANK_D', 91, 6, 7]
		]);
	});

	it('[QUIRK] LogNormal with invalid parameters returns 1 without drawing', () => {
		const { perTick } = generate(
			ABC,
			arrivalConfig({ LogNormal: { mean: 0, std_dev: 1 } }, { Fixed: { value: 5 } }, 3.0, [5, 15]),
			7n,
			[0]
		);
		expect(perTick[0].map((g) => g[1]).every((amount) => amount === 1)).toBe(true);
	});
});

describe('generated deadlines (§6.7)', () => {
	it('with the end-of-day cap, an arrival on the last tick of a day gets the next day’s first tick', () => {
		const { perTick } = generate(
			ABC,
			arrivalConfig({ Uniform: { min: 10, max: 20 } }, { Fixed: { value: 5 } }, 5.0, [1, 5]),
			3n,
			[11],
			1_000,
			12,
			true
		);
		expect(perTick[0].length).toBeGreaterThan(0);
		expect(perTick[0].every((g) => g[2] === 12)).toBe(true);
	});

	it('arrivals at or after the episode end get arrival + 1', () => {
		const { perTick } = generate(
			ABC,
			arrivalConfig({ Uniform: { min: 10, max: 20 } }, { Fixed: { value: 5 } }, 5.0, [5, 9]),
			3n,
			[100],
			100
		);
		expect(perTick[0].every((g) => g[2] === 101)).toBe(true);
	});
});

describe('arrivals in the tick loop (§14.10 reference run, seed 42)', () => {
	it('generates, settles and queues exactly as the original', () => {
		const arrival = {
			rate_per_tick: 1.5,
			amount_distribution: { Uniform: { min: 10_000, max: 50_000 } },
			counterparty_weights: {},
			deadline_range: [5, 15],
			priority_distribution: { Fixed: { value: 5 } }
		};
		const engine = makeEngine(
			['BANK_A', 'BANK_B', 'BANK_C'].map((id) => ({ id, balance: 100_000, arrival_config: arrival })),
			{ rng_seed: 42 }
		);
		const { events, results } = runTicks(engine, 3);
		const arrivals = ofType(events, 'Arrival').map((e) => [
			e.tick,
			e.sender_id,
			e.receiver_id,
			e.amount,
			e.deadline
		]);
		expect(arrivals.slice(0, 6)).toEqual([
			[0, 'BANK_A', 'BANK_B', 41149, 7],
			[0, 'BANK_A', 'BANK_C', 23800, 8],
			[0, 'BANK_B', 'BANK_C', 39617, 10],
			[0, 'BANK_B', 'BANK_A', 18501, 10],
			[0, 'BANK_C', 'BANK_A', 27428, 10],
			[0, 'BANK_C', 'BANK_B', 43410, 10]
		]);
		expect(arrivals.slice(6).map((a) => a[3])).toEqual([
			26443, 16685, 39728, 16439, 20216, 35575, 18039, 47492, 28312, 15478
		]);
		const queued = ofType(events, 'QueuedRtgs');
		expect(queued.map((e) => [e.tick, e.sender_id])).toEqual([[1, 'BANK_A']]);
		expect(
			ofType(events, 'Queue2LiquidityRelease').map((e) => [e.tick, e.amount, e.queue_wait_ticks])
		).toEqual([[1, 39728, 0]]);
		expect(results.map((r) => [r.num_arrivals, r.num_settlements])).toEqual([
			[6, 6],
			[9, 9],
			[1, 1]
		]);
		expect(engine.agents.map((a) => a.balance)).toEqual([33_818, 187_782, 78_400]);
	});
});
