/**
 * Numeric semantics of the language: every quantity is an IEEE double; conversions to integers follow
 * Rust's saturating `as` casts of the original.
 */

/** Absolute tolerance of ==, !=, <= and >=. */
export const COMPARISON_TOLERANCE = 1e-9;

/** A `/` divisor below this magnitude (double machine epsilon) is a division by zero. */
export const DIVISION_EPSILON = 2.220446049250313e-16;

/** A `div0` denominator below this magnitude yields the default. */
export const DIV0_EPSILON = 1e-9;

// The integer bounds as doubles: i64::MAX and u64::MAX round up to the next power of two.
const I64_MIN = -(2 ** 63);
const I64_MAX = 2 ** 63;
const U64_MAX = 2 ** 64;

export function approxEqual(left: number, right: number): boolean {
	return Math.abs(left - right) < COMPARISON_TOLERANCE;
}

export function lessOrEqual(left: number, right: number): boolean {
	return left <= right || Math.abs(left - right) < COMPARISON_TOLERANCE;
}

export function greaterOrEqual(left: number, right: number): boolean {
	return left >= right || Math.abs(left - right) < COMPARISON_TOLERANCE;
}

/** Nearest integer with ties away from zero (Math.round rounds -2.5 to -2). */
export function roundHalfAwayFromZero(x: number): number {
	return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** IEEE maxNum: a number wins over NaN (Rust `f64::max`). */
export function maxNum(a: number, b: number): number {
	if (Number.isNaN(a)) return b;
	if (Number.isNaN(b)) return a;
	return a > b ? a : b;
}

/** IEEE minNum: a number wins over NaN (Rust `f64::min`). */
export function minNum(a: number, b: number): number {
	if (Number.isNaN(a)) return b;
	if (Number.isNaN(b)) return a;
	return a < b ? a : b;
}

/** `clamp`: minNum(maxNum(value, min), max); with min > max the result is max. */
export function clamp(value: number, min: number, max: number): number {
	return minNum(maxNum(value, min), max);
}

/** Rust `x as i64`: truncation toward zero, NaN -> 0, saturating at the i64 range. */
export function toI64(x: number): number {
	if (Number.isNaN(x)) return 0;
	if (x <= I64_MIN) return I64_MIN;
	if (x >= I64_MAX) return I64_MAX;
	return Math.trunc(x) + 0;
}

/** Rust `x as u64` / `as usize`: truncation toward zero, NaN and negatives -> 0, saturating at 2^64 - 1. */
export function toU64(x: number): number {
	if (Number.isNaN(x) || x <= 0) return 0;
	if (x >= U64_MAX) return U64_MAX;
	return Math.trunc(x);
}

/** Priority conversion: clamp to [0, 255] by comparisons (NaN passes both), then `as u8` (NaN -> 0). */
export function toPriorityU8(x: number): number {
	if (x < 0) return 0;
	if (x > 255) return 255;
	return Number.isNaN(x) ? 0 : Math.trunc(x);
}
