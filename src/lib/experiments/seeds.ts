/**
 * Derived seeds (spec §6): every seed of an experiment comes from the master seed through SHA-256, so a run
 * is reproducible from its file alone. All seeds are below 2^31, safe for 32-bit engine seeds.
 */
import { sha256Bytes } from '../engine/sha256';

const SEED_MODULUS = 2n ** 31n;

function leadingBytes(text: string, count: number): bigint {
	const digest = sha256Bytes(new TextEncoder().encode(text));
	let value = 0n;
	for (let i = 0; i < count; i++) value = (value << 8n) | BigInt(digest[i]);
	return value;
}

/** Seed of agent `agentId`'s paired comparison in iteration `iteration` (0-based). */
export function iterationSeed(masterSeed: number, iteration: number, agentId: string): number {
	return Number(leadingBytes(`${masterSeed}:iter:${iteration}:agent:${agentId}`, 4) % SEED_MODULUS);
}

/** Per-sample seed below an iteration seed (computed by SimCash's seed matrix, unused by its loop). */
export function bootstrapSeed(iterationSeedValue: number, sample: number): number {
	return Number(leadingBytes(`${iterationSeedValue}:bootstrap:${sample}`, 4) % SEED_MODULUS);
}

/** Seed of bootstrap sample `sample`: the resampling stream and the Monte-Carlo evaluation run. */
export function sampleSeed(masterSeed: number, sample: number): number {
	return Number(leadingBytes(`${masterSeed}:sample:${sample}`, 8) % SEED_MODULUS);
}
