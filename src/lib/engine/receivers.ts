/**
 * Receiver (counterparty) choice of generated arrivals (§6.6), precomputed per sender and weight map:
 * the candidates (every agent in configuration order except the sender) with their weights, and the
 * weight total. The original rebuilds both with one map look-up per candidate on every draw; summing
 * the same weights in the same order once gives the identical double, so draws are unchanged.
 */
import { EngineAbortError } from './errors';
import type { Xorshift64Star } from './rng';

/** Weight of a candidate missing from a non-empty weight map. */
const DEFAULT_WEIGHT = 1.0;

export class ReceiverChoice {
	/** Agent indices in configuration order, without the sender. */
	private readonly candidates: Int32Array;
	/** Weight per candidate, or null for the uniform draw (empty weight map). */
	private readonly weights: Float64Array | null;
	private readonly total: number;

	constructor(
		sender: number,
		configOrder: readonly number[],
		agentIds: readonly string[],
		weightsById: ReadonlyMap<string, number>
	) {
		this.candidates = Int32Array.from(configOrder.filter((agent) => agent !== sender));
		if (weightsById.size === 0) {
			this.weights = null;
			this.total = 0;
			return;
		}
		// [QUIRK] a non-empty map takes the weighted path even if it names none of the candidates.
		this.weights = new Float64Array(this.candidates.length);
		let total = 0;
		for (let i = 0; i < this.candidates.length; i++) {
			const weight = weightsById.get(agentIds[this.candidates[i]]) ?? DEFAULT_WEIGHT;
			this.weights[i] = weight;
			total += weight;
		}
		this.total = total;
	}

	/** One receiver: `range(0, n)` when uniform, else one `next_f64` walked down the weights. */
	draw(rng: Xorshift64Star): number {
		const candidates = this.candidates;
		const n = candidates.length;
		if (n === 0) throw new EngineAbortError('Cannot generate transaction: no valid receivers');
		const weights = this.weights;
		if (weights === null) return candidates[rng.range(0, n)];
		let target = rng.nextF64() * this.total;
		for (let i = 0; i < n; i++) {
			target -= weights[i];
			if (target <= 0.0) return candidates[i];
		}
		return candidates[n - 1];
	}
}
