/**
 * Integer money arithmetic.
 *
 * The original keeps money in i64 and computes cost formulas in u128. We keep money in JavaScript
 * numbers restricted to safe integers (|x| < 2^53) and raise `EngineOverflowError` when a value would
 * leave that range; products that can pass 2^53 (rate × amount) are computed exactly, switching to
 * BigInt only when the number path could be inexact.
 */
import { EngineOverflowError } from './errors';

export const I64_MAX = 9223372036854775807n;
const EXACT_PRODUCT_LIMIT = 2 ** 52;

/** Returns `value` if it is a safe integer, else throws naming `what`. */
export function checkMoney(value: number, what: string): number {
	if (!Number.isSafeInteger(value)) throw new EngineOverflowError(what, value);
	return value;
}

/** Rust `f64::round`: half away from zero. */
export function rustRound(x: number): number {
	return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Rust `x as i64` / `x as usize` without saturation beyond the safe range: truncation, NaN → 0. */
export function truncToInteger(x: number): number {
	if (Number.isNaN(x)) return 0;
	return Math.trunc(x);
}

/** floor(a / b) for non-negative safe integers a and positive b, exact. */
export function floorDivExact(a: number, b: number): number {
	let q = Math.floor(a / b);
	const r = a - q * b;
	if (r < 0) q -= 1;
	else if (r >= b) q += 1;
	return q;
}

/**
 * A per-tick rate scaled to an integer the way the original does: `round(rate × scale) as u128`, with a
 * NaN, infinite or negative rate giving `fallback` (0 for cost rates, the scale itself for multipliers).
 */
export function scaledRate(rate: number, scale: number, fallback: number): number {
	if (!Number.isFinite(rate) || rate < 0) return fallback;
	return rustRound(rate * scale);
}

/**
 * `(amount × scaledRate + divisor / 2) div divisor`, clamped to i64::MAX, exactly: u128 in the original.
 * `amount` and `divisor` are non-negative safe integers, `rate` a non-negative integer-valued double.
 */
export function mulDivRoundHalfUp(amount: number, rate: number, divisor: number, what: string): number {
	const product = amount * rate;
	if (product <= EXACT_PRODUCT_LIMIT && Number.isSafeInteger(rate)) {
		return floorDivExact(product + divisor / 2, divisor);
	}
	return bigResultToMoney((BigInt(amount) * BigInt(rate) + BigInt(divisor / 2)) / BigInt(divisor), what);
}

/** Clamps a non-negative BigInt result to i64::MAX and converts it to a safe-integer number. */
export function bigResultToMoney(value: bigint, what: string): number {
	const clamped = value > I64_MAX ? I64_MAX : value;
	if (clamped > BigInt(Number.MAX_SAFE_INTEGER)) throw new EngineOverflowError(what, clamped);
	return Number(clamped);
}

/** i64 saturating add, then the safe-integer guard. */
export function addMoney(a: number, b: number, what: string): number {
	return checkMoney(a + b, what);
}
