/**
 * Ticks of the replay page, read ahead: each answer is kept in a small cache (least recently used out
 * first), and once a tick is answered its neighbours are read — the next one in the direction of travel
 * first — so ← and → find their tick ready or already on its way. Reading ahead gives way: while a tick
 * that is not cached is asked for, a read-ahead stops at its next query (`stop()` turns true; the reader
 * throws ReadAheadStopped) and is dropped, so a jump waits for at most the query under way.
 */

/** Thrown by a read-ahead's reader when a tick asked for is waiting. */
export class ReadAheadStopped extends Error {
	constructor() {
		super('read-ahead stopped: a tick was asked for');
		this.name = 'ReadAheadStopped';
	}
}

export interface TickReadAheadOptions<T, F> {
	/** Reads one tick; a read-ahead passes a `stop` that turns true when it should give way. */
	read: (tick: number, filter: F, stop: () => boolean) => Promise<T>;
	/** The same key for filters that give the same answer. */
	keyOf: (filter: F) => string;
	/** Ticks 0 … lastTick exist. */
	lastTick: number;
	/** Answers kept, neighbours included. */
	capacity?: number;
}

interface Entry<T> {
	answer: Promise<T>;
	/** A read-ahead nobody has asked for yet: it gives way to ticks asked for. */
	ahead: boolean;
}

export class TickReadAhead<T, F> {
	private readonly entries = new Map<string, Entry<T>>();
	private readonly capacity: number;
	/** Ticks asked for and not cached, being read. */
	private waiting = 0;
	private previous: number | undefined;
	/** Counts requests: a read-ahead started for an older one does not go on to the next neighbour. */
	private requests = 0;

	constructor(private readonly options: TickReadAheadOptions<T, F>) {
		this.capacity = Math.max(3, options.capacity ?? 8);
	}

	/** Keys of the cached answers, least recently used first (for tests). */
	cachedKeys(): string[] {
		return [...this.entries.keys()];
	}

	/** Tick `tick` with `filter`: from the cache, or read now. Then its neighbours are read ahead. */
	async get(tick: number, filter: F): Promise<T> {
		const request = ++this.requests;
		const direction = this.previous === undefined || tick >= this.previous ? 1 : -1;
		this.previous = tick;
		const key = this.key(tick, filter);
		const cached = this.entries.get(key);
		let answer: T;
		if (cached !== undefined) {
			cached.ahead = false;
			this.touch(key, cached);
			try {
				answer = await cached.answer;
			} catch (error) {
				if (!(error instanceof ReadAheadStopped)) throw error;
				answer = await this.readNow(key, tick, filter);
			}
		} else {
			answer = await this.readNow(key, tick, filter);
		}
		void this.readAround(request, tick, direction, filter);
		return answer;
	}

	private async readNow(key: string, tick: number, filter: F): Promise<T> {
		this.waiting++;
		try {
			return await this.start(key, tick, filter, false).answer;
		} finally {
			this.waiting--;
		}
	}

	private async readAround(request: number, tick: number, direction: 1 | -1, filter: F): Promise<void> {
		for (const neighbour of [tick + direction, tick - direction]) {
			if (request !== this.requests || this.waiting > 0) return;
			if (neighbour < 0 || neighbour > this.options.lastTick) continue;
			const key = this.key(neighbour, filter);
			if (this.entries.has(key)) continue;
			try {
				await this.start(key, neighbour, filter, true).answer;
			} catch {
				// Stopped, or failed: the entry is gone, and a request for the tick reads it again.
				return;
			}
		}
	}

	private start(key: string, tick: number, filter: F, ahead: boolean): Entry<T> {
		// The answer is set right below; `stop` reads `ahead` when the reader next queries.
		const entry = { ahead } as Entry<T>;
		entry.answer = this.options.read(tick, filter, () => entry.ahead && this.waiting > 0);
		entry.answer.catch(() => {
			if (this.entries.get(key) === entry) this.entries.delete(key);
		});
		this.touch(key, entry);
		return entry;
	}

	private touch(key: string, entry: Entry<T>): void {
		this.entries.delete(key);
		this.entries.set(key, entry);
		while (this.entries.size > this.capacity) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	private key(tick: number, filter: F): string {
		return `${this.options.keyOf(filter)}\n${tick}`;
	}
}
