/**
 * Bootstrap samples (spec §5.2, step 2): for each agent, N resampled days drawn once from its history of
 * the initial simulation. Sample k draws, with replacement and with the xorshift64* stream seeded by sample
 * seed k, as many outgoing payments as the history holds, each at a uniformly drawn arrival tick, then the
 * same for the incoming payments that settled; deadlines and settlements keep their offsets, capped at the
 * end of the evaluated day.
 */
import { Xorshift64Star } from '../engine/rng';
import type { AgentHistory, TransactionRecord } from './bootstrap-history';
import { sampleSeed } from './seeds';

export interface SampledTransaction {
	txId: string;
	amount: number;
	priority: number;
	arrivalTick: number;
	deadlineTick: number;
	/** Null for outgoing payments that never settled. */
	settlementTick: number | null;
}

export interface BootstrapSample {
	agentId: string;
	index: number;
	seed: number;
	ticks: number;
	outgoing: SampledTransaction[];
	/** Settled incoming payments: liquidity that arrives at their settlement tick. */
	incoming: SampledTransaction[];
}

/** `next_int(n)` of SimCash's sampler: the raw output modulo n. */
function nextInt(rng: Xorshift64Star, n: number): number {
	if (n <= 0) return 0;
	return Number(rng.next() % BigInt(n));
}

function resample(
	records: readonly TransactionRecord[],
	rng: Xorshift64Star,
	ticks: number,
	direction: 'out' | 'in'
): SampledTransaction[] {
	const sampled: SampledTransaction[] = [];
	for (let j = 0; j < records.length; j++) {
		const record = records[nextInt(rng, records.length)];
		const arrivalTick = nextInt(rng, ticks);
		sampled.push({
			txId: `${record.txId}:${direction}:${j}`,
			amount: record.amount,
			priority: record.priority,
			arrivalTick,
			deadlineTick: Math.min(arrivalTick + record.deadlineOffset, ticks),
			settlementTick:
				record.settlementOffset === null ? null : Math.min(arrivalTick + record.settlementOffset, ticks)
		});
	}
	return sampled;
}

export interface SamplingSettings {
	masterSeed: number;
	samples: number;
	ticks: number;
}

/** The agent's samples 0 … N−1; sample k uses sample seed k, the same for every agent. */
export function buildSamples(
	agentId: string,
	history: AgentHistory,
	settings: SamplingSettings
): BootstrapSample[] {
	const samples: BootstrapSample[] = [];
	const settledIncoming = history.incoming.filter((record) => record.settlementOffset !== null);
	for (let index = 0; index < settings.samples; index++) {
		const seed = sampleSeed(settings.masterSeed, index);
		const rng = new Xorshift64Star(BigInt(seed));
		const outgoing = resample(history.outgoing, rng, settings.ticks, 'out');
		const incoming = resample(settledIncoming, rng, settings.ticks, 'in');
		samples.push({ agentId, index, seed, ticks: settings.ticks, outgoing, incoming });
	}
	return samples;
}
