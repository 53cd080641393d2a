/**
 * The original's deterministic generator: xorshift64* with a single u64 of state (§2 of the engine spec).
 *
 * The 64-bit state is kept as two unsigned 32-bit halves so that the hot path (arrival generation)
 * never allocates BigInts; `next()` returns a BigInt only for tests and checkpoints.
 */

const TWO_POW_21 = 2097152;
const TWO_POW_MINUS_53 = 2 ** -53;
/** Low and high 32-bit halves of the xorshift64* multiplier 0x2545F4914F6CDD1D. */
const MULT_LO = 0x4f6cdd1d;
const MULT_HI = 0x2545f491;
const U64_MASK = (1n << 64n) - 1n;

/** High 32 bits of the unsigned 64-bit product of two unsigned 32-bit integers. */
function mulHigh32(a: number, b: number): number {
	const a0 = a & 0xffff;
	const a1 = a >>> 16;
	const b0 = b & 0xffff;
	const b1 = b >>> 16;
	const p00 = a0 * b0;
	const p01 = a0 * b1;
	const p10 = a1 * b0;
	const p11 = a1 * b1;
	const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
	return (p11 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(mid / 65536)) >>> 0;
}

export class Xorshift64Star {
	private stateHi = 0;
	private stateLo = 1;
	/** Halves of the last returned value. */
	private outHi = 0;
	private outLo = 0;

	/** Seeds with the u64 `seed` verbatim; a seed of 0 becomes 1. */
	constructor(seed: bigint) {
		this.setState(seed === 0n ? 1n : seed);
	}

	/** Current internal state (what a checkpoint stores as `rng_seed`). */
	get state(): bigint {
		return (BigInt(this.stateHi) << 32n) | BigInt(this.stateLo);
	}

	setState(value: bigint): void {
		const v = value & U64_MASK;
		this.stateHi = Number(v >> 32n);
		this.stateLo = Number(v & 0xffffffffn);
	}

	/** Advances once; the result is left in outHi/outLo. */
	private step(): void {
		let hi = this.stateHi;
		let lo = this.stateLo;
		// x ^= x >> 12
		lo = (lo ^ ((lo >>> 12) | (hi << 20))) >>> 0;
		hi = (hi ^ (hi >>> 12)) >>> 0;
		// x ^= x << 25
		hi = (hi ^ ((hi << 25) | (lo >>> 7))) >>> 0;
		lo = (lo ^ (lo << 25)) >>> 0;
		// x ^= x >> 27
		lo = (lo ^ ((lo >>> 27) | (hi << 5))) >>> 0;
		hi = (hi ^ (hi >>> 27)) >>> 0;
		this.stateHi = hi;
		this.stateLo = lo;
		this.outLo = Math.imul(lo, MULT_LO) >>> 0;
		this.outHi = (mulHigh32(lo, MULT_LO) + Math.imul(hi, MULT_LO) + Math.imul(lo, MULT_HI)) >>> 0;
	}

	/** `next()`: the raw u64 output. */
	next(): bigint {
		this.step();
		return (BigInt(this.outHi) << 32n) | BigInt(this.outLo);
	}

	/** `next_f64()`: (v >> 11) × 2^-53, uniform in [0, 1). */
	nextF64(): number {
		this.step();
		return (this.outHi * TWO_POW_21 + (this.outLo >>> 11)) * TWO_POW_MINUS_53;
	}

	/**
	 * `range(min, max)`: min + (v mod (max − min)), integer in [min, max). `min < max` is required (the
	 * original panics otherwise).
	 */
	range(min: number, max: number): number {
		if (!(min < max)) throw new Error('min must be less than max');
		this.step();
		const size = max - min;
		let remainder: number;
		if (size <= 2 ** 37) {
			remainder = this.outHi % size;
			remainder = (remainder * 65536 + (this.outLo >>> 16)) % size;
			remainder = (remainder * 65536 + (this.outLo & 0xffff)) % size;
		} else {
			const v = (BigInt(this.outHi) << 32n) | BigInt(this.outLo);
			remainder = Number(v % BigInt(size));
		}
		return min + remainder;
	}

	/** Knuth's multiplication method; `lambda <= 0` returns 0 without drawing. */
	poisson(lambda: number): number {
		if (lambda <= 0) return 0;
		const limit = Math.exp(-lambda);
		let k = 0;
		let p = 1.0;
		do {
			k += 1;
			p *= this.nextF64();
		} while (!(p <= limit));
		return k - 1;
	}

	/** Standard normal by Box–Muller, cosine branch only (two draws, u1 then u2). */
	standardNormal(): number {
		const u1 = this.nextF64();
		const u2 = this.nextF64();
		return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
	}
}
