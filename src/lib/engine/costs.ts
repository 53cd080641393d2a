/**
 * The cost model (§10): exact integer formulas with round-half-up division, the per-agent accumulator,
 * and the priority bands used by delay multipliers.
 */
import type { CostRates } from './config';
import { bigResultToMoney, checkMoney, floorDivExact, mulDivRoundHalfUp, scaledRate } from './money';

const OVERDRAFT_RATE_SCALE = 1000;
const OVERDRAFT_DIVISOR = 10_000 * OVERDRAFT_RATE_SCALE;
const MICRO_BPS_SCALE = 1_000_000;
const MICRO_BPS_DIVISOR = 10_000 * MICRO_BPS_SCALE;
const MULT_SCALE = 1000;
const DELAY_RATE_SCALE = 1_000_000;
const DELAY_DIVISOR = MULT_SCALE * DELAY_RATE_SCALE;

export const enum PriorityBand {
	Urgent = 0,
	Normal = 1,
	Low = 2
}

/** 8–10 urgent, 4–7 normal, anything else low (§3.6). */
export function priorityBand(priority: number): PriorityBand {
	if (priority >= 8 && priority <= 10) return PriorityBand.Urgent;
	if (priority >= 4 && priority <= 7) return PriorityBand.Normal;
	return PriorityBand.Low;
}

/** Overdraft cost of one tick (§10.2): (−balance × round(bps × 1000) + 5·10^6) div 10^7. */
export function overdraftCost(balance: number, bpsPerTick: number): number {
	if (balance >= 0) return 0;
	const rate = scaledRate(bpsPerTick, OVERDRAFT_RATE_SCALE, 0);
	if (rate === 0) return 0;
	return mulDivRoundHalfUp(-balance, rate, OVERDRAFT_DIVISOR, 'overdraft cost');
}

/** Collateral opportunity cost of one tick (§10.4), rate in micro-bps. */
export function collateralCost(posted: number, bpsPerTick: number): number {
	if (posted <= 0) return 0;
	const rate = scaledRate(bpsPerTick, MICRO_BPS_SCALE, 0);
	if (rate === 0) return 0;
	return mulDivRoundHalfUp(posted, rate, MICRO_BPS_DIVISOR, 'collateral cost');
}

/** Liquidity opportunity cost of one tick on the allocated pool liquidity (§10.5). */
export function liquidityOpportunityCost(allocated: number, bpsPerTick: number): number {
	return collateralCost(allocated, bpsPerTick);
}

/**
 * Delay cost of one agent for one tick (§10.3). Feed every queued transaction with `add`, then read
 * `cost()`. The weighted sum W is kept as a number while it is a safe integer and as a BigInt beyond.
 */
export class DelayCostCalculator {
	private readonly rate: number;
	/** Combined multiplier (scaled by 1000) per [overdue ? 1 : 0][band]. */
	private readonly combined: Float64Array;
	private weighted = 0;
	private weightedBig: bigint | null = null;

	constructor(rates: CostRates) {
		this.rate = scaledRate(rates.delay_cost_per_tick_per_cent, DELAY_RATE_SCALE, 0);
		const overdue = scaledRate(rates.overdue_delay_multiplier, MULT_SCALE, MULT_SCALE);
		const m = rates.priority_delay_multipliers;
		const bandMultipliers = m
			? [
					scaledRate(m.urgent_multiplier, MULT_SCALE, MULT_SCALE),
					scaledRate(m.normal_multiplier, MULT_SCALE, MULT_SCALE),
					scaledRate(m.low_multiplier, MULT_SCALE, MULT_SCALE)
				]
			: [MULT_SCALE, MULT_SCALE, MULT_SCALE];
		this.combined = new Float64Array(6);
		for (let band = 0; band < 3; band++) {
			this.combined[band] = floorDivExact(MULT_SCALE * bandMultipliers[band], MULT_SCALE);
			this.combined[3 + band] = floorDivExact(overdue * bandMultipliers[band], MULT_SCALE);
		}
	}

	/** True when the delay rate rounds to zero: every delay cost is then 0. */
	get isZero(): boolean {
		return this.rate === 0;
	}

	reset(): void {
		this.weighted = 0;
		this.weightedBig = null;
	}

	add(remaining: number, overdue: boolean, priority: number): void {
		if (remaining <= 0) return;
		const multiplier = this.combined[(overdue ? 3 : 0) + priorityBand(priority)];
		const term = remaining * multiplier;
		if (this.weightedBig === null) {
			const sum = this.weighted + term;
			if (term <= Number.MAX_SAFE_INTEGER && sum <= Number.MAX_SAFE_INTEGER) {
				this.weighted = sum;
				return;
			}
			this.weightedBig = BigInt(this.weighted);
		}
		this.weightedBig += BigInt(remaining) * BigInt(multiplier);
	}

	/** (W × R + 5·10^8) div 10^9, clamped to i64::MAX. */
	cost(): number {
		if (this.rate === 0) return 0;
		if (this.weightedBig === null) {
			const product = this.weighted * this.rate;
			if (product <= 2 ** 52) return floorDivExact(product + DELAY_DIVISOR / 2, DELAY_DIVISOR);
			return bigResultToMoney(
				(BigInt(this.weighted) * BigInt(this.rate) + BigInt(DELAY_DIVISOR / 2)) / BigInt(DELAY_DIVISOR),
				'delay cost'
			);
		}
		return bigResultToMoney(
			(this.weightedBig * BigInt(this.rate) + BigInt(DELAY_DIVISOR / 2)) / BigInt(DELAY_DIVISOR),
			'delay cost'
		);
	}
}

/** Per-agent running costs (§10.1); reset at the start of every day except day 0. */
export class CostAccumulator {
	liquidity = 0;
	delay = 0;
	collateral = 0;
	penalty = 0;
	splitFriction = 0;
	liquidityOpportunity = 0;
	/** Most negative end-of-accrual balance seen (≤ 0). */
	peakNetDebit = 0;

	reset(): void {
		this.liquidity = 0;
		this.delay = 0;
		this.collateral = 0;
		this.penalty = 0;
		this.splitFriction = 0;
		this.liquidityOpportunity = 0;
		this.peakNetDebit = 0;
	}

	/** Adds one tick's accrual (§10.9); split friction and end-of-day penalties are added where they arise. */
	addTick(
		liquidity: number,
		delay: number,
		collateral: number,
		penalty: number,
		liquidityOpportunity: number
	): void {
		this.liquidity = checkMoney(this.liquidity + liquidity, 'liquidity cost total');
		this.delay = checkMoney(this.delay + delay, 'delay cost total');
		this.collateral = checkMoney(this.collateral + collateral, 'collateral cost total');
		this.penalty = checkMoney(this.penalty + penalty, 'penalty cost total');
		this.liquidityOpportunity = checkMoney(
			this.liquidityOpportunity + liquidityOpportunity,
			'liquidity opportunity total'
		);
	}

	updatePeakDebit(balance: number): void {
		if (balance < 0 && balance < this.peakNetDebit) this.peakNetDebit = balance;
	}

	total(): number {
		return (
			this.liquidity +
			this.delay +
			this.collateral +
			this.penalty +
			this.splitFriction +
			this.liquidityOpportunity
		);
	}
}
