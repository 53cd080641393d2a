import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Xorshift64Star } from '../../../src/lib/engine/rng';

const MASK = (1n << 64n) - 1n;

/** Straightforward BigInt xorshift64* (§2.2), the reference for the 32-bit-halves implementation. */
function referenceNext(seed: bigint): () => bigint {
	let s = seed === 0n ? 1n : seed;
	return () => {
		let x = s;
		x ^= x >> 12n;
		x ^= (x << 25n) & MASK;
		x ^= x >> 27n;
		s = x;
		return (x * 0x2545f4914f6cdd1dn) & MASK;
	};
}

describe('xorshift64* reference vectors (engine spec §2.9)', () => {
	it('seed 12345, next() ×5 and the state afterwards', () => {
		const rng = new Xorshift64Star(12345n);
		expect([1, 2, 3, 4, 5].map(() => rng.next())).toEqual([
			10977518812293740004n,
			13893246733018840292n,
			1412386850724336324n,
			13578198927181985541n,
			2204759546661399375n
		]);
		expect(rng.state).toBe(13437934951602944603n);
	});

	it('seed 12345, next_f64() ×3', () => {
		const rng = new Xorshift64Star(12345n);
		expect([rng.nextF64(), rng.nextF64(), rng.nextF64()]).toEqual([
			0.5950924872394683, 0.7531544145408081, 0.07656564459726423
		]);
	});

	it('seed 42, poisson(2.5) ×10 and the state afterwards', () => {
		const rng = new Xorshift64Star(42n);
		expect(Array.from({ length: 10 }, () => rng.poisson(2.5))).toEqual([6, 3, 2, 0, 2, 4, 2, 4, 3, 5]);
		expect(rng.state).toBe(16518247870839709096n);
	});

	it('seed 42, range(10000, 20001) ×5', () => {
		const rng = new Xorshift64Star(42n);
		expect(Array.from({ length: 5 }, () => rng.range(10000, 20001))).toEqual([
			19080, 16985, 19399, 10613, 11583
		]);
	});

	it('seed 1 first output; seed 0 behaves as seed 1', () => {
		expect(new Xorshift64Star(1n).next()).toBe(5180492295206395165n);
		const zero = new Xorshift64Star(0n);
		expect(zero.state).toBe(1n);
		expect(zero.next()).toBe(5180492295206395165n);
	});

	it('poisson with lambda <= 0 returns 0 without drawing', () => {
		const rng = new Xorshift64Star(9n);
		expect(rng.poisson(0)).toBe(0);
		expect(rng.poisson(-1)).toBe(0);
		expect(rng.state).toBe(9n);
	});

	it('range rejects an empty range', () => {
		expect(() => new Xorshift64Star(1n).range(5, 5)).toThrow('min must be less than max');
	});
});

describe('xorshift64* against a BigInt reference', () => {
	it('next() matches for arbitrary seeds', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: MASK }), (seed) => {
				const rng = new Xorshift64Star(seed);
				const ref = referenceNext(seed);
				for (let i = 0; i < 50; i++) if (rng.next() !== ref()) return false;
				return true;
			})
		);
	});

	it('next_f64() is (v >> 11) × 2^-53 and range() is min + v mod size', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 1n, max: MASK }),
				fc.integer({ min: -1_000_000, max: 1_000_000 }),
				fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER - 2_000_000 }),
				(seed, min, size) => {
					const a = new Xorshift64Star(seed);
					const b = new Xorshift64Star(seed);
					const ref = referenceNext(seed);
					const v1 = ref();
					const v2 = ref();
					return (
						a.nextF64() === Number(v1 >> 11n) * 2 ** -53 &&
						(b.nextF64(), b.range(min, min + size)) === min + Number(v2 % BigInt(size))
					);
				}
			)
		);
	});
});
