/**
 * Arrival generation (§6): per agent, Poisson counts and the amount, receiver, deadline and priority
 * draws in exactly the original's order. Only this module consumes random numbers.
 */
import type {
	AmountDistribution,
	ArrivalBandConfig,
	ArrivalBandsConfig,
	ArrivalConfig,
	PriorityDistribution
} from './config';
import { EngineAbortError } from './errors';
import { checkMoney, rustRound } from './money';
import { ReceiverChoice } from './receivers';
import type { Xorshift64Star } from './rng';

const MIN_POSITIVE_F64 = 2.2250738585072014e-308;
/** i64::MAX as an f64 (2^63). */
const I64_MAX_AS_F64 = 2 ** 63;

/** Mutable per-agent legacy configuration (scenario events change rate, weights and deadlines). */
interface LegacyArrivals {
	rate: number;
	/** Rate that global multipliers apply to (changed only by per-agent rate events). */
	baseRate: number;
	amount: AmountDistribution;
	weights: Map<string, number>;
	/** Receiver choice for the current weights; rebuilt when a scenario event changes a weight. */
	receivers: ReceiverChoice;
	deadlineMin: number;
	deadlineMax: number;
	priority: PriorityDistribution;
}

/** What scenario events can change in an agent's legacy configuration (§6.9). */
export interface LegacyArrivalState {
	rate: number;
	baseRate: number;
	weights: ReadonlyMap<string, number>;
	deadlineRange: readonly [number, number];
}

/** Receives each generated transaction, in generation order. */
export type ArrivalConsumer = (
	sender: number,
	receiver: number,
	amount: number,
	deadline: number,
	priority: number
) => void;

export class ArrivalGenerator {
	private readonly legacy: (LegacyArrivals | null)[];
	private readonly bands: (ArrivalBandsConfig | null)[];
	/** Receiver choice per agent of its urgent, normal and low bands (null where the band is absent). */
	private readonly bandReceivers: (ReceiverChoice | null)[][];

	/**
	 * @param configOrder agent indices in configuration order (the candidate order for receivers)
	 * @param agentIds agent ids by index
	 */
	constructor(
		legacyConfigs: (ArrivalConfig | null)[],
		bandConfigs: (ArrivalBandsConfig | null)[],
		private readonly configOrder: number[],
		private readonly agentIds: string[],
		private readonly episodeEndTick: number,
		private readonly ticksPerDay: number,
		private readonly deadlineCapAtEod: boolean,
		private readonly consume: ArrivalConsumer
	) {
		this.legacy = legacyConfigs.map((c, agent) => {
			if (c === null) return null;
			const weights = new Map(c.counterparty_weights);
			return {
				rate: c.rate_per_tick,
				baseRate: c.rate_per_tick,
				amount: c.amount_distribution,
				weights,
				receivers: this.receiverChoice(agent, weights),
				deadlineMin: c.deadline_range[0],
				deadlineMax: c.deadline_range[1],
				priority: c.priority_distribution
			};
		});
		this.bands = bandConfigs;
		this.bandReceivers = bandConfigs.map((bands, agent) =>
			bands === null
				? []
				: [bands.urgent, bands.normal, bands.low].map((band) =>
						band === null ? null : this.receiverChoice(agent, band.counterparty_weights)
					)
		);
	}

	private receiverChoice(sender: number, weights: ReadonlyMap<string, number>): ReceiverChoice {
		return new ReceiverChoice(sender, this.configOrder, this.agentIds, weights);
	}

	/** Generates the arrivals of one agent for one tick; returns how many. */
	generateForAgent(agent: number, tick: number, rng: Xorshift64Star): number {
		const bands = this.bands[agent];
		if (bands !== null) {
			let count = 0;
			const receivers = this.bandReceivers[agent];
			if (bands.urgent !== null)
				count += this.generateBand(agent, tick, bands.urgent, receivers[0] as ReceiverChoice, 8, 10, rng);
			if (bands.normal !== null)
				count += this.generateBand(agent, tick, bands.normal, receivers[1] as ReceiverChoice, 4, 7, rng);
			if (bands.low !== null)
				count += this.generateBand(agent, tick, bands.low, receivers[2] as ReceiverChoice, 0, 3, rng);
			return count;
		}
		const config = this.legacy[agent];
		if (config === null) return 0;
		const n = rng.poisson(config.rate);
		for (let i = 0; i < n; i++) {
			const amount = this.sampleAmount(config.amount, rng);
			const receiver = config.receivers.draw(rng);
			const deadline = this.generateDeadline(tick, config.deadlineMin, config.deadlineMax, rng);
			const sampled = this.samplePriority(config.priority, rng);
			// [QUIRK] a sampled priority of 0 skips the priority setter, leaving the default 5.
			this.consume(agent, receiver, amount, deadline, sampled > 0 ? sampled : 5);
		}
		return n;
	}

	private generateBand(
		agent: number,
		tick: number,
		band: ArrivalBandConfig,
		receivers: ReceiverChoice,
		minPriority: number,
		maxPriority: number,
		rng: Xorshift64Star
	): number {
		const n = rng.poisson(band.rate_per_tick);
		for (let i = 0; i < n; i++) {
			const amount = this.sampleAmount(band.amount_distribution, rng);
			const receiver = receivers.draw(rng);
			const deadline = this.generateDeadline(tick, band.deadline_offset_min, band.deadline_offset_max, rng);
			const priority = rangeOrAbort(rng, minPriority, minPriority + (maxPriority - minPriority + 1));
			this.consume(agent, receiver, amount, deadline, priority);
		}
		return n;
	}

	private sampleAmount(distribution: AmountDistribution, rng: Xorshift64Star): number {
		if ('Uniform' in distribution) {
			const { min, max } = distribution.Uniform;
			return rangeOrAbort(rng, min, max + 1);
		}
		if ('Normal' in distribution) {
			const { mean, std_dev } = distribution.Normal;
			const z = rng.standardNormal();
			const raw = mean + std_dev * z;
			const amount = Number.isFinite(raw) && raw > 0 ? clampedRound(raw) : 1;
			return Math.max(amount, 1);
		}
		if ('LogNormal' in distribution) {
			const m = distribution.LogNormal.mean;
			const s = distribution.LogNormal.std_dev;
			// [QUIRK] invalid parameters return 1 without consuming randomness.
			if (m <= 0 || s < 0) return 1;
			const sigmaSquared = Math.log(1.0 + (s * s) / (m * m));
			const sigma = Math.sqrt(sigmaSquared);
			const mu = Math.log(m) - sigmaSquared / 2.0;
			const z = rng.standardNormal();
			const raw = Math.exp(mu + sigma * z);
			const amount = Number.isFinite(raw) && raw > 0 ? clampedRound(raw) : rustRound(m);
			return Math.max(amount, 1);
		}
		const rate = distribution.Exponential.rate;
		const u = Math.max(rng.nextF64(), MIN_POSITIVE_F64);
		const raw = -Math.log(u) / rate;
		const amount = Number.isFinite(raw) && raw > 0 ? clampedRound(raw) : 1;
		return Math.max(amount, 1);
	}

	/** Deadline of a generated arrival: capped at the episode end and, optionally, the next day's first tick. */
	private generateDeadline(tick: number, minOffset: number, maxOffset: number, rng: Xorshift64Star): number {
		const offset = rangeOrAbort(rng, minOffset, maxOffset + 1);
		let deadline = Math.min(tick + offset, this.episodeEndTick);
		if (this.deadlineCapAtEod) {
			deadline = Math.min(deadline, (Math.floor(tick / this.ticksPerDay) + 1) * this.ticksPerDay);
		}
		return Math.max(deadline, tick + 1);
	}

	private samplePriority(distribution: PriorityDistribution, rng: Xorshift64Star): number {
		if ('Fixed' in distribution) return distribution.Fixed.value;
		if ('Uniform' in distribution) {
			const { min, max } = distribution.Uniform;
			return Math.min(10, rangeOrAbort(rng, min, min + (max - min + 1)));
		}
		const { values, weights } = distribution.Categorical;
		if (values.length === 0) return 5;
		let total = 0;
		for (const w of weights) total += w;
		if (total <= 0) return values[0];
		let target = rng.nextF64() * total;
		for (let i = 0; i < weights.length; i++) {
			target -= weights[i];
			if (target <= 0.0) {
				if (i >= values.length) throw new EngineAbortError('Categorical priority weights outnumber values');
				return Math.min(values[i], 10);
			}
		}
		return Math.min(values[values.length - 1], 10);
	}

	// Runtime changes made by scenario events (§6.9); band configurations are never touched.

	/** The runtime state of an agent's legacy configuration, or null when it has none. */
	legacyState(agent: number): LegacyArrivalState | null {
		const config = this.legacy[agent];
		if (config === null) return null;
		return {
			rate: config.rate,
			baseRate: config.baseRate,
			weights: config.weights,
			deadlineRange: [config.deadlineMin, config.deadlineMax]
		};
	}

	/** Restores what {@link legacyState} returned (the agent must have a legacy configuration). */
	restoreLegacyState(agent: number, state: LegacyArrivalState): void {
		const config = this.legacy[agent];
		if (config === null) throw new Error(`agent ${agent} has no legacy arrival configuration`);
		config.rate = state.rate;
		config.baseRate = state.baseRate;
		config.weights = new Map(state.weights);
		config.receivers = this.receiverChoice(agent, config.weights);
		config.deadlineMin = state.deadlineRange[0];
		config.deadlineMax = state.deadlineRange[1];
	}

	hasLegacy(agent: number): boolean {
		return this.legacy[agent] !== null;
	}

	rate(agent: number): number | null {
		return this.legacy[agent]?.rate ?? null;
	}

	/** Sets both the current and the base rate. */
	setRate(agent: number, rate: number): void {
		const config = this.legacy[agent];
		if (config === null) return;
		config.rate = rate;
		config.baseRate = rate;
	}

	/** rate = base × multiplier for every legacy configuration (not compounding). */
	multiplyAllRates(multiplier: number): void {
		for (const config of this.legacy) if (config !== null) config.rate = config.baseRate * multiplier;
	}

	setCounterpartyWeight(agent: number, counterparty: string, weight: number): void {
		const config = this.legacy[agent];
		if (config === null) return;
		config.weights.set(counterparty, weight);
		config.receivers = this.receiverChoice(agent, config.weights);
	}

	deadlineRange(agent: number): [number, number] | null {
		const config = this.legacy[agent];
		return config === null ? null : [config.deadlineMin, config.deadlineMax];
	}

	setDeadlineRange(agent: number, min: number, max: number): void {
		const config = this.legacy[agent];
		if (config === null) return;
		config.deadlineMin = min;
		config.deadlineMax = max;
	}
}

/** `round(raw).min(i64::MAX as f64) as i64`, then the safe-integer guard. */
function clampedRound(raw: number): number {
	return checkMoney(Math.min(rustRound(raw), I64_MAX_AS_F64), 'sampled amount');
}

/** `rng.range`, turning the original's panic on an empty range into an abort with its message. */
function rangeOrAbort(rng: Xorshift64Star, min: number, max: number): number {
	if (!(min < max)) throw new EngineAbortError(`min must be less than max (range ${min}..${max})`);
	return rng.range(min, max);
}
