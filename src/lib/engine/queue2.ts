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

	/** Keeps the entries whose transaction is not yet fully settled (one pass, in place, order preserved). */
	removeSettled(txs: TransactionTable): void {
		const ids = this.ids;
		let kept = 0;
		for (let i = 0; i < ids.length; i++) if (txs.remaining[ids[i]] !== 0) ids[kept++] = ids[i];
		ids.length = kept;
	}

	/** Removes every occurrence of a transaction; returns how many were removed. */
	removeAll(txIndex: number, remaining: number): number {
		const ids = this.ids;
		let kept = 0;
		for (let i = 0; i < ids.length; i++) if (ids[i] !== txIndex) ids[kept++] = ids[i];
		const removed = ids.length - kept;
		ids.length = kept;
		this.value -= remaining * removed;
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
		for (const list of this.lists) if (list.length !== 0) list.length = 0;
		this.nearestDeadline.fill(Infinity);
		for (const ix of queue.ids) {
			const sender = txs.sender[ix];
			this.lists[sender].push(ix);
			const deadline = txs.deadlineTick[ix];
			if (deadline < this.nearestDeadline[sender]) this.nearestDeadline[sender] = deadline;
		}
	}

	/** Sets every sender's list as given (restoring a checkpoint), with the deadlines a rebuild computes. */
	restore(listsByAgent: readonly (readonly number[])[], txs: TransactionTable): void {
		this.nearestDeadline.fill(Infinity);
		for (let agent = 0; agent < this.lists.length; agent++) {
			const list = this.lists[agent];
			list.length = 0;
			for (const ix of listsByAgent[agent]) {
				list.push(ix);
				const deadline = txs.deadlineTick[ix];
				if (deadline < this.nearestDeadline[agent]) this.nearestDeadline[agent] = deadline;
			}
		}
	}

	count(agent: number): number {
		return this.lists[agent].length;
	}
}
