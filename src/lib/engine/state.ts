/**
 * The simulation state shared by the settlement, LSM, cost and policy-context modules: agents,
 * transactions, both queues and the running per-sender sums that policy contexts read.
 */
import { Agent } from './agents';
import { Queue2, Queue2Index } from './queue2';
import { TransactionTable } from './transactions';

export class SimulationState {
	readonly txs = new TransactionTable();
	readonly queue2 = new Queue2();
	readonly queue2Index: Queue2Index;
	/** Σ amount of every transaction created with this sender (parents and split children alike). */
	readonly sentAmount: Float64Array;
	/** Σ (amount − remaining) over the same transactions, updated on every settlement. */
	readonly sentSettled: Float64Array;
	readonly agentIndexById: Map<string, number>;
	/** Transactions settled by the latest Queue 2 pass, in order (reused by every pass). */
	readonly queue2PassSettled: number[] = [];
	/** Set when a Queue 2 pass marks a transaction overdue during the current tick (step 6 looks for them). */
	queue2OverdueMarked = false;

	constructor(readonly agents: Agent[]) {
		this.queue2Index = new Queue2Index(agents.length);
		this.sentAmount = new Float64Array(agents.length);
		this.sentSettled = new Float64Array(agents.length);
		this.agentIndexById = new Map(agents.map((a) => [a.id, a.index]));
	}

	get agentCount(): number {
		return this.agents.length;
	}

	agentIndex(id: string): number {
		return this.agentIndexById.get(id) ?? -1;
	}

	createTransaction(
		sender: number,
		receiver: number,
		amount: number,
		arrivalTick: number,
		deadlineTick: number,
		priority: number,
		parent: number
	): number {
		const ix = this.txs.create(sender, receiver, amount, arrivalTick, deadlineTick, priority, parent);
		this.sentAmount[sender] += amount;
		return ix;
	}

	/** Settles a transaction's full remaining amount (status, remaining, throughput sums). */
	markSettled(ix: number, tick: number): void {
		this.sentSettled[this.txs.sender[ix]] += this.txs.remaining[ix];
		this.txs.settle(ix, tick);
	}

	/** Parent bookkeeping after a child settled on an RTGS path; false when the amount does not fit. */
	reduceParent(parent: number, amount: number, tick: number): boolean {
		if (!this.txs.reduceRemainingForChild(parent, amount, tick)) return false;
		this.sentSettled[this.txs.sender[parent]] += amount;
		return true;
	}

	/** Recomputes the per-sender sums from the transactions (after restoring a checkpoint). */
	recomputeSenderTotals(): void {
		const txs = this.txs;
		this.sentAmount.fill(0);
		this.sentSettled.fill(0);
		for (let ix = 0; ix < txs.count; ix++) {
			this.sentAmount[txs.sender[ix]] += txs.amount[ix];
			this.sentSettled[txs.sender[ix]] += txs.amount[ix] - txs.remaining[ix];
		}
	}

	/** Appends a transaction to its sender's Queue 1. */
	enqueue(ix: number): void {
		this.agents[this.txs.sender[ix]].enqueue(ix, this.txs.remaining[ix]);
	}

	/** Sum of all balances (conservation checks). */
	balanceSum(): number {
		let sum = 0;
		for (const agent of this.agents) sum += agent.balance;
		return sum;
	}
}
