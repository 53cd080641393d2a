/** Derived seeds (spec §6) and the statistics of bootstrap comparisons (spec §7.2). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	bootstrapSeed,
	costStatistics,
	iterationSeed,
	sampleSeed,
	tCritical
} from '../../../src/lib/experiments';
import { isAccepted } from '../../../src/lib/experiments/comparison';

describe('seeds', () => {
	it('match the check values of the specification for master seed 42', () => {
		expect(iterationSeed(42, 0, 'BANK_A')).toBe(1088125515);
		expect(iterationSeed(42, 0, 'BANK_B')).toBe(747645807);
		expect(sampleSeed(42, 0)).toBe(914360478);
		expect(sampleSeed(42, 10)).toBe(5900496);
	});

	it('are the leading bytes of SHA-256 of their texts, below 2^31', () => {
		const leading = (text: string, bytes: number) =>
			BigInt(
				`0x${createHash('sha256')
					.update(text)
					.digest('hex')
					.slice(0, bytes * 2)}`
			) %
			2n ** 31n;
		for (const master of [0, 42, 123456789]) {
			for (const i of [0, 1, 24]) {
				expect(BigInt(iterationSeed(master, i, 'X'))).toBe(leading(`${master}:iter:${i}:agent:X`, 4));
				expect(BigInt(sampleSeed(master, i))).toBe(leading(`${master}:sample:${i}`, 8));
				expect(BigInt(bootstrapSeed(master, i))).toBe(leading(`${master}:bootstrap:${i}`, 4));
			}
		}
	});
});

describe('statistics', () => {
	it('reads t from the table, falling back to the largest listed df below', () => {
		expect(tCritical(1)).toBe(12.706);
		expect(tCritical(9)).toBe(2.262);
		expect(tCritical(49)).toBe(2.021);
		expect(tCritical(50)).toBe(2.009);
		expect(tCritical(100)).toBe(1.984);
		expect(tCritical(101)).toBe(1.96);
	});

	it('truncates the mean, the sample standard deviation and the interval bounds', () => {
		// Mean 5500, sample std 500, t(2) = 4.303: 5500 ± 4.303 × 500 / √3 = 5500 ± 1242.17.
		expect(costStatistics([5000, 6000, 5500])).toEqual({
			mean: 5500,
			stdDev: 500,
			ci95Lower: 4257,
			ci95Upper: 6742,
			cv: 500 / 5500,
			samples: 3
		});
		expect(costStatistics([7])).toEqual({
			mean: 7,
			stdDev: null,
			ci95Lower: null,
			ci95Upper: null,
			cv: null,
			samples: 1
		});
		expect(costStatistics([1, 2]).mean).toBe(1);
	});

	it('accepts only a strictly positive delta sum: ties are rejected', () => {
		expect(isAccepted(1)).toBe(true);
		expect(isAccepted(0)).toBe(false);
		expect(isAccepted(-5)).toBe(false);
	});
});
