/**
 * The replay page's read-ahead of ticks (in the db worker): a tick asked for is read once and kept,
 * its neighbours are read next (the direction of travel first), the cache stays bounded, and a
 * read-ahead gives way to a tick asked for while it runs.
 */
import { describe, expect, it } from 'vitest';
import { ReadAheadStopped, TickReadAhead } from '../../../src/lib/replay/tick-read-ahead';

/** Lets pending promise callbacks (the read-ahead's next steps) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A source of ticks that records each read; `gate` holds reads of a tick until released. */
function source(lastTick = 9) {
	const reads: number[] = [];
	const gates = new Map<number, () => void>();
	const held = new Set<number>();
	const ticks = new TickReadAhead<string, string>({
		lastTick,
		capacity: 4,
		keyOf: (filter) => filter,
		read: async (tick, filter, stop) => {
			reads.push(tick);
			if (held.has(tick)) await new Promise<void>((resolve) => gates.set(tick, resolve));
			// A reader checks before each of its queries; this one has a second query here.
			if (stop()) throw new ReadAheadStopped();
			return `${filter}:${tick}`;
		}
	});
	return { ticks, reads, held, release: (tick: number) => gates.get(tick)?.() };
}

describe('reading ticks ahead', () => {
	it('reads a tick once, then its neighbours, the direction of travel first', async () => {
		const { ticks, reads } = source();
		expect(await ticks.get(5, 'all')).toBe('all:5');
		await settle();
		expect(reads).toEqual([5, 6, 4]);
		expect(await ticks.get(6, 'all')).toBe('all:6');
		await settle();
		expect(reads).toEqual([5, 6, 4, 7]);
		expect(await ticks.get(5, 'all')).toBe('all:5');
		await settle();
		// Going back: 4 and 6 are cached, so nothing is read.
		expect(reads).toEqual([5, 6, 4, 7]);
		expect(await ticks.get(4, 'all')).toBe('all:4');
		await settle();
		expect(reads).toEqual([5, 6, 4, 7, 3]);
	});

	it('keeps a bounded number of answers and reads within the run', async () => {
		const { ticks, reads } = source(9);
		for (const tick of [0, 9, 3, 7]) {
			await ticks.get(tick, 'all');
			await settle();
		}
		// 3 came after 9, so 2 is read before 4; 0, 1, 9, then 3, 2 and 8 fell out of the cache.
		expect(reads).toEqual([0, 1, 9, 8, 3, 2, 4, 7, 8, 6]);
		expect(ticks.cachedKeys()).toEqual(['all\n4', 'all\n7', 'all\n8', 'all\n6']);
	});

	it('keys answers by filter', async () => {
		const { ticks, reads } = source();
		expect(await ticks.get(2, 'all')).toBe('all:2');
		expect(await ticks.get(2, 'BANK_A')).toBe('BANK_A:2');
		await settle();
		expect(reads.filter((tick) => tick === 2)).toHaveLength(2);
	});

	it('stops a read-ahead when another tick is asked for, and reads it again when it is asked for', async () => {
		const { ticks, reads, held, release } = source();
		held.add(3);
		await ticks.get(2, 'all');
		await settle();
		// Tick 3 is being read ahead and held; tick 8 is asked for meanwhile.
		expect(reads).toEqual([2, 3]);
		held.add(8);
		const eight = ticks.get(8, 'all');
		release(3);
		await settle();
		release(8);
		expect(await eight).toBe('all:8');
		expect(ticks.cachedKeys()).not.toContain('all\n3');
		held.delete(3);
		expect(await ticks.get(3, 'all')).toBe('all:3');
		expect(reads.filter((tick) => tick === 3)).toHaveLength(2);
	});

	it('does not stop a read-ahead of the tick asked for: the answer under way is used', async () => {
		const { ticks, reads, held, release } = source();
		held.add(3);
		await ticks.get(2, 'all');
		await settle();
		const three = ticks.get(3, 'all');
		release(3);
		expect(await three).toBe('all:3');
		expect(reads.filter((tick) => tick === 3)).toHaveLength(1);
	});

	it('does not keep a failed read', async () => {
		let fail = true;
		const ticks = new TickReadAhead<number, string>({
			lastTick: 0,
			keyOf: (filter) => filter,
			read: async (tick) => {
				if (fail) throw new Error('no such tick');
				return tick;
			}
		});
		await expect(ticks.get(0, 'all')).rejects.toThrow('no such tick');
		expect(ticks.cachedKeys()).toEqual([]);
		fail = false;
		expect(await ticks.get(0, 'all')).toBe(0);
	});
});
