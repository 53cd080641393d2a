/**
 * Transactions (§5), stored column-wise: one typed array per field, indexed by the transaction index.
 *
 * Ids come from a counter: transaction index i has id `tx_<i+1>`. Creation order equals the order in
 * which the original's events first mention a transaction, so our ids coincide with the golden traces'
 * renumbered ids.
 */
import { EngineAbortError } from './errors';
import { checkMoney } from './money';

export const enum TxStatus {
	Pending = 0,
	PartiallySettled = 1,
	Settled = 2,
	Overdue = 3
}

/** RTGS priority (dual priority, TARGET2 style); NONE means not set. */
export const enum RtgsPriority {
	HighlyUrgent = 0,
	Urgent = 1,
	Normal = 2,
	None = -1
}

export const RTGS_PRIORITY_NAMES = ['HighlyUrgent', 'Urgent', 'Normal'] as const;

export function rtgsPriorityName(priority: number): string {
	return priority < 0 ? 'None' : RTGS_PRIORITY_NAMES[priority];
}

export function parseRtgsPriority(text: string): RtgsPriority | null {
	switch (text) {
		case 'HighlyUrgent':
			return RtgsPriority.HighlyUrgent;
		case 'Urgent':
			return RtgsPriority.Urgent;
		case 'Normal':
			return RtgsPriority.Normal;
		default:
			return null;
	}
}

/** Every column of one transaction (checkpoints copy transactions field by field). */
export interface TransactionRecord {
	sender: number;
	receiver: number;
	amount: number;
	remaining: number;
	arrivalTick: number;
	deadlineTick: number;
	priority: number;
	originalPriority: number;
	status: TxStatus;
	statusTick: number;
	parent: number;
	rtgsPriority: RtgsPriority;
	/** -1 when not submitted. */
	rtgsSubmissionTick: number;
	declaredRtgsPriority: RtgsPriority;
}

/** Id of the transaction created `index`-th (from 0). */
export function transactionId(index: number): string {
	return `tx_${index + 1}`;
}

const INITIAL_CAPACITY = 1024;

function grow<T extends Float64Array | Int32Array | Uint8Array | Int8Array>(array: T, capacity: number): T {
	const bigger = new (array.constructor as new (n: number) => T)(capacity);
	bigger.set(array);
	return bigger;
}

export class TransactionTable {
	count = 0;
	private capacity = INITIAL_CAPACITY;
	sender = new Int32Array(INITIAL_CAPACITY);
	receiver = new Int32Array(INITIAL_CAPACITY);
	amount = new Float64Array(INITIAL_CAPACITY);
	remaining = new Float64Array(INITIAL_CAPACITY);
	arrivalTick = new Float64Array(INITIAL_CAPACITY);
	deadlineTick = new Float64Array(INITIAL_CAPACITY);
	priority = new Uint8Array(INITIAL_CAPACITY);
	originalPriority = new Uint8Array(INITIAL_CAPACITY);
	status = new Uint8Array(INITIAL_CAPACITY);
	/** Settled tick when Settled, missed-deadline tick when Overdue. */
	statusTick = new Float64Array(INITIAL_CAPACITY);
	/** Parent transaction index of a split child, -1 otherwise. */
	parent = new Int32Array(INITIAL_CAPACITY);
	rtgsPriority = new Int8Array(INITIAL_CAPACITY);
	rtgsSubmissionTick = new Float64Array(INITIAL_CAPACITY);
	declaredRtgsPriority = new Int8Array(INITIAL_CAPACITY);
	readonly ids: string[] = [];

	private ensureCapacity(): void {
		if (this.count < this.capacity) return;
		const capacity = this.capacity * 2;
		this.sender = grow(this.sender, capacity);
		this.receiver = grow(this.receiver, capacity);
		this.amount = grow(this.amount, capacity);
		this.remaining = grow(this.remaining, capacity);
		this.arrivalTick = grow(this.arrivalTick, capacity);
		this.deadlineTick = grow(this.deadlineTick, capacity);
		this.priority = grow(this.priority, capacity);
		this.originalPriority = grow(this.originalPriority, capacity);
		this.status = grow(this.status, capacity);
		this.statusTick = grow(this.statusTick, capacity);
		this.parent = grow(this.parent, capacity);
		this.rtgsPriority = grow(this.rtgsPriority, capacity);
		this.rtgsSubmissionTick = grow(this.rtgsSubmissionTick, capacity);
		this.declaredRtgsPriority = grow(this.declaredRtgsPriority, capacity);
		this.capacity = capacity;
	}

	/**
	 * Creates a transaction. `priority` goes through the creation-time setter (capped at 10, also sets
	 * the original priority); the engine passes 5 where the original leaves the default.
	 */
	create(
		sender: number,
		receiver: number,
		amount: number,
		arrivalTick: number,
		deadlineTick: number,
		priority: number,
		parent: number
	): number {
		checkMoney(amount, 'transaction amount');
		if (!(amount > 0)) throw new EngineAbortError(`amount must be positive, got ${amount}`);
		this.ensureCapacity();
		const ix = this.count++;
		const capped = priority > 10 ? 10 : priority;
		this.sender[ix] = sender;
		this.receiver[ix] = receiver;
		this.amount[ix] = amount;
		this.remaining[ix] = amount;
		this.arrivalTick[ix] = arrivalTick;
		this.deadlineTick[ix] = deadlineTick;
		this.priority[ix] = capped;
		this.originalPriority[ix] = capped;
		this.status[ix] = TxStatus.Pending;
		this.statusTick[ix] = 0;
		this.parent[ix] = parent;
		this.rtgsPriority[ix] = RtgsPriority.None;
		this.rtgsSubmissionTick[ix] = -1;
		this.declaredRtgsPriority[ix] = RtgsPriority.None;
		this.ids.push(transactionId(ix));
		return ix;
	}

	row(ix: number): TransactionRecord {
		return {
			sender: this.sender[ix],
			receiver: this.receiver[ix],
			amount: this.amount[ix],
			remaining: this.remaining[ix],
			arrivalTick: this.arrivalTick[ix],
			deadlineTick: this.deadlineTick[ix],
			priority: this.priority[ix],
			originalPriority: this.originalPriority[ix],
			status: this.status[ix],
			statusTick: this.statusTick[ix],
			parent: this.parent[ix],
			rtgsPriority: this.rtgsPriority[ix],
			rtgsSubmissionTick: this.rtgsSubmissionTick[ix],
			declaredRtgsPriority: this.declaredRtgsPriority[ix]
		};
	}

	/** Appends a transaction with every column given (restoring a checkpoint); returns its index. */
	append(record: TransactionRecord): number {
		const ix = this.create(
			record.sender,
			record.receiver,
			record.amount,
			record.arrivalTick,
			record.deadlineTick,
			record.originalPriority,
			record.parent
		);
		this.remaining[ix] = checkMoney(record.remaining, 'remaining amount');
		this.priority[ix] = record.priority;
		this.status[ix] = record.status;
		this.statusTick[ix] = record.statusTick;
		this.rtgsPriority[ix] = record.rtgsPriority;
		this.rtgsSubmissionTick[ix] = record.rtgsSubmissionTick;
		this.declaredRtgsPriority[ix] = record.declaredRtgsPriority;
		return ix;
	}

	setPriority(ix: number, priority: number): void {
		this.priority[ix] = priority > 10 ? 10 : priority;
	}

	isOverdue(ix: number): boolean {
		return this.status[ix] === TxStatus.Overdue;
	}

	isFullySettled(ix: number): boolean {
		return this.remaining[ix] === 0;
	}

	/** Pending/PartiallySettled → Overdue{tick}; idempotent when already overdue; ignored when settled. */
	markOverdue(ix: number, tick: number): void {
		const status = this.status[ix];
		if (status === TxStatus.Pending || status === TxStatus.PartiallySettled) {
			this.status[ix] = TxStatus.Overdue;
			this.statusTick[ix] = tick;
		}
	}

	/** Settles the full remaining amount at `tick`. */
	settle(ix: number, tick: number): void {
		this.remaining[ix] = 0;
		this.status[ix] = TxStatus.Settled;
		this.statusTick[ix] = tick;
	}

	/** Records a child's settlement on its parent; returns false when the amount exceeds what remains. */
	reduceRemainingForChild(parent: number, amount: number, tick: number): boolean {
		if (!(amount > 0) || amount > this.remaining[parent]) return false;
		this.remaining[parent] -= amount;
		if (this.remaining[parent] === 0 && this.status[parent] !== TxStatus.Settled) {
			this.status[parent] = TxStatus.Settled;
			this.statusTick[parent] = tick;
		}
		return true;
	}

	setRtgsPriority(ix: number, priority: RtgsPriority, tick: number): void {
		this.rtgsPriority[ix] = priority;
		this.rtgsSubmissionTick[ix] = tick;
	}

	clearRtgsPriority(ix: number): void {
		this.rtgsPriority[ix] = RtgsPriority.None;
		this.rtgsSubmissionTick[ix] = -1;
	}
}
