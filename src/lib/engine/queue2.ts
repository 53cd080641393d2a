/**
 * Queue 2: the central RTGS queue of released payments waiting for liquidity (§9.2, §9.3), and the
 * per-sender index of it that the original rebuilds once per tick (step 5.5) for policy contexts, the
 * delay cost and step 2b.
 */
import { RtgsPriority, type TransactionTable } from './transactions';

export class Queue2 {
	/** Transaction indices in queue order. */
	ids: number[] = [];
	/** Σ remaining amounts over the entries, kept in step with every change (a live policy field). */
	value = 0;

	get size(): number {
		return this.ids.length;
	}

	push(txIndex: number, remaining: number): void {
		this.ids.push(txIndex);
		this.value += remaining;
	}

	/** Keeps the entries whose transaction is not yet fully settled (one pass, order preserved). */
	removeSettled(txs: TransactionTable): void {
		const kept: number[] = [];
		for (const ix of this.ids) if (txs.remaining[ix] !== 0) kept.push(ix);
		this.ids = kept;
	}

	/** Removes every occurrence of a transaction; returns how many were removed. */
	removeAll(txIndex: number, remaining: number): number {
		let removed = 0;
		const kept: number[] = [];
		for (const ix of this.ids) {
			if (ix === txIndex) removed++;
			else kept.push(ix);
		}
		if (removed > 0) {
			this.ids = kept;
			this.value -= remaining * removed;
		}
		return removed;
	}

	/**
	 * Priority mode (§9.3): stable sort by declared RTGS priority (none counts as Normal), then by
	 * submission tick (none last). The internal 0–10 priority plays no part.
	 */
	sortByRtgsPriority(txs: TransactionTable): void {
		if (this.ids.length <= 1) return;
		const rank = (ix: number) => {
			const p = txs.rtgsPriority[ix];
			return p === RtgsPriority.None ? RtgsPriority.Normal : p;
		};
		const submitted = (ix: number) => {
			const t = txs.rtgsSubmissionTick[ix];
			return t < 0 ? Infinity : t;
		};
		this.ids.sort((a, b) => rank(a) - rank(b) || submitted(a) - submitted(b));
	}
}

/** Per-sender view of Queue 2 as of its last rebuild. */
export class Queue2Index {
	readonly lists: number[][];
	readonly nearestDeadline: Float64Array;

	constructor(agentCount: number) {
		this.lists = Array.from({ length: agentCount }, () => []);
		this.nearestDeadline = new Float64Array(agentCount).fill(Infinity);
	}

	rebuild(queue: Queue2, txs: TransactionTable): void {
		for (const list of this.lists) list.length = 0;
		this.nearestDeadline.fill(Infinity);
		for (const ix of queue.ids) {
			const sender = txs.sender[ix];
			this.lists[sender].push(ix);
			const deadline = txs.deadlineTick[ix];
			if (deadline < this.nearestDeadline[sender]) this.nearestDeadline[sender] = deadline;
		}
	}

	count(agent: number): number {
		return this.lists[agent].length;
	}
}
