/**
 * RTGS settlement (§9.1), the Queue 2 pass (§9.2) and deferred crediting (§9.5).
 */
import type { Agent } from './agents';
import type { SimulationState } from './state';
import { SimulationError } from './errors';
import { TxStatus } from './transactions';

/** Credits held back until the end of the tick, per receiver, with their source transactions. */
export class DeferredCredits {
	private readonly amounts: Float64Array;
	private readonly sources: (number[] | null)[];
	private pending = 0;

	constructor(agentCount: number) {
		this.amounts = new Float64Array(agentCount);
		this.sources = new Array(agentCount).fill(null);
	}

	get isEmpty(): boolean {
		return this.pending === 0;
	}

	accumulate(receiver: number, amount: number, txIndex: number): void {
		const list = this.sources[receiver];
		if (list === null) {
			this.sources[receiver] = [txIndex];
			this.pending++;
		} else list.push(txIndex);
		this.amounts[receiver] += amount;
	}

	/** Drops everything pending: the original starts every tick with an empty accumulator. */
	clear(): void {
		if (this.pending === 0) return;
		this.amounts.fill(0);
		this.sources.fill(null);
		this.pending = 0;
	}

	/** Source transactions accumulated for a receiver, or null when it has nothing pending. */
	sourcesOf(receiver: number): number[] | null {
		return this.sources[receiver];
	}

	/** Returns the receiver's accumulated amount and clears its entry. */
	take(receiver: number): number {
		const amount = this.amounts[receiver];
		this.amounts[receiver] = 0;
		if (this.sources[receiver] !== null) {
			this.sources[receiver] = null;
			this.pending--;
		}
		return amount;
	}
}

/** Moves `amount` from sender to receiver for a settling transaction, deferring the credit if asked. */
function transfer(
	state: SimulationState,
	txIndex: number,
	sender: Agent,
	receiverIndex: number,
	amount: number,
	deferred: DeferredCredits | null
): void {
	sender.debit(amount);
	sender.recordOutflow(receiverIndex, amount);
	if (deferred !== null) deferred.accumulate(receiverIndex, amount, txIndex);
	else state.agents[receiverIndex].credit(amount);
}

/**
 * Step 3: one attempt to settle a released transaction (liquidity and both limits). Returns true when it
 * settled; otherwise it is appended to Queue 2. Limit events are the caller's.
 */
export function settleReleased(
	state: SimulationState,
	txIndex: number,
	tick: number,
	deferred: DeferredCredits | null
): boolean {
	const txs = state.txs;
	const amount = txs.remaining[txIndex];
	const sender = state.agents[txs.sender[txIndex]];
	const receiverIndex = txs.receiver[txIndex];
	if (sender.canPay(amount) && sender.bilateralOk(receiverIndex, amount) && sender.multilateralOk(amount)) {
		if (!(amount > 0)) {
			throw new SimulationError('SettlementError', 'Settle failed: Settlement amount must be positive');
		}
		transfer(state, txIndex, sender, receiverIndex, amount, deferred);
		state.markSettled(txIndex, tick);
		const parent = txs.parent[txIndex];
		if (parent >= 0 && !state.reduceParent(parent, amount, tick)) {
			throw new SimulationError(
				'SettlementError',
				`Parent update failed: Amount ${amount} exceeds remaining ${txs.remaining[parent]}`
			);
		}
		return true;
	}
	state.queue2.push(txIndex, amount);
	return false;
}

/**
 * One pass over Queue 2 (§9.2): each entry is tried once in order; transactions past their deadline are
 * marked overdue first. Returns the settled transaction indices in settlement order, in a list the next
 * pass reuses.
 */
export function processQueue2(
	state: SimulationState,
	tick: number,
	deferred: DeferredCredits | null
): readonly number[] {
	const txs = state.txs;
	const queue = state.queue2;
	const settled = state.queue2PassSettled;
	settled.length = 0;
	const entries = queue.ids;
	let kept = 0;
	for (let i = 0; i < entries.length; i++) {
		const ix = entries[i];
		if (txs.remaining[ix] === 0) continue;
		if (tick > txs.deadlineTick[ix] && txs.status[ix] !== TxStatus.Overdue) {
			txs.markOverdue(ix, tick);
			state.queue2OverdueMarked = true;
		}
		const amount = txs.remaining[ix];
		const sender = state.agents[txs.sender[ix]];
		const receiverIndex = txs.receiver[ix];
		if (sender.canPay(amount) && sender.bilateralOk(receiverIndex, amount) && sender.multilateralOk(amount)) {
			transfer(state, ix, sender, receiverIndex, amount, deferred);
			state.markSettled(ix, tick);
			queue.value -= amount;
			const parent = txs.parent[ix];
			if (parent >= 0) state.reduceParent(parent, amount, tick);
			settled.push(ix);
		} else {
			entries[kept++] = ix;
		}
	}
	entries.length = kept;
	return settled;
}
