/**
 * Column builders that turn rows into an Arrow IPC stream quickly: encoding rows is the expensive
 * part of writing a run (BROWSER-STACK §7), so every column kind avoids per-value allocations.
 * Strings are encoded straight into one byte buffer with an offsets array (about 8x faster than
 * apache-arrow's generic vectorFromArray); strings with few distinct values (event types, agent ids,
 * the run id) are dictionary-encoded, so each row costs one Int32 index; 64-bit integers are written
 * as two 32-bit halves, without BigInt. Buffers grow as needed and are reused batch after batch.
 */
import {
	Bool,
	Dictionary,
	Float64,
	Int32,
	Int64,
	makeData,
	makeVector,
	Table,
	tableToIPC,
	Utf8,
	type Data,
	type DataType,
	type Vector
} from 'apache-arrow';

/** int64 and float64 take numbers (int64 also bigint); utf8 and dict take strings. */
export type ColumnKind = 'int32' | 'int64' | 'float64' | 'utf8' | 'dict' | 'bool';

export interface ColumnSpec {
	name: string;
	kind: ColumnKind;
}

export type Cell = number | bigint | string | boolean | null;

const TWO_TO_32 = 4294967296;
const encoder = new TextEncoder();

/** Growable UTF-8 strings: one byte buffer plus offsets, the layout of an Arrow Utf8 vector. */
class StringBuffer {
	bytes = new Uint8Array(1024);
	byteLength = 0;
	offsets: Int32Array;

	constructor(capacity: number) {
		this.offsets = new Int32Array(capacity + 1);
	}

	grow(capacity: number): void {
		const offsets = new Int32Array(capacity + 1);
		offsets.set(this.offsets);
		this.offsets = offsets;
	}

	/** Sets entry `index` (entries are written in order; a null entry repeats the previous offset). */
	set(index: number, text: string | null): void {
		if (text !== null) {
			// UTF-8 needs at most three bytes per UTF-16 code unit.
			const needed = this.byteLength + text.length * 3;
			if (needed > this.bytes.length) {
				const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
				grown.set(this.bytes.subarray(0, this.byteLength));
				this.bytes = grown;
			}
			this.byteLength += encoder.encodeInto(text, this.bytes.subarray(this.byteLength)).written;
		}
		this.offsets[index + 1] = this.byteLength;
	}

	data(length: number, nullCount = 0, nullBitmap?: Uint8Array): Data<Utf8> {
		return makeData({
			type: new Utf8(),
			length,
			nullCount,
			nullBitmap,
			valueOffsets: this.offsets.subarray(0, length + 1),
			data: this.bytes.subarray(0, this.byteLength)
		});
	}

	reset(): void {
		this.byteLength = 0;
	}
}

abstract class ColumnBuilder {
	protected validity: Uint8Array;
	nullCount = 0;

	constructor(
		readonly spec: ColumnSpec,
		protected capacity: number
	) {
		this.validity = new Uint8Array(Math.ceil(capacity / 8));
	}

	abstract set(row: number, value: Cell): void;
	abstract data(length: number): Data<DataType>;
	protected abstract growValues(capacity: number): void;

	grow(capacity: number): void {
		const validity = new Uint8Array(Math.ceil(capacity / 8));
		validity.set(this.validity);
		this.validity = validity;
		this.growValues(capacity);
		this.capacity = capacity;
	}

	protected markValid(row: number): void {
		this.validity[row >> 3] |= 1 << (row & 7);
	}

	protected nullBitmap(length: number): Uint8Array | undefined {
		return this.nullCount > 0 ? this.validity.subarray(0, Math.ceil(length / 8)) : undefined;
	}

	reset(): void {
		this.nullCount = 0;
		this.validity.fill(0);
	}
}

/** 32-bit integers or doubles: values in a typed array of the Arrow type's own layout. */
class NumberColumn extends ColumnBuilder {
	private values: Int32Array | Float64Array;

	constructor(
		spec: ColumnSpec,
		capacity: number,
		private readonly arrowType: () => Int32 | Float64,
		private readonly allocate: (length: number) => Int32Array | Float64Array
	) {
		super(spec, capacity);
		this.values = allocate(capacity);
	}

	set(row: number, value: Cell): void {
		if (value === null) {
			this.nullCount++;
			return;
		}
		this.markValid(row);
		this.values[row] = value as number;
	}

	protected growValues(capacity: number): void {
		const values = this.allocate(capacity);
		values.set(this.values);
		this.values = values;
	}

	data(length: number): Data<DataType> {
		const props = {
			length,
			nullCount: this.nullCount,
			nullBitmap: this.nullBitmap(length),
			data: this.values.subarray(0, length)
		};
		const type = this.arrowType();
		// makeData's overloads pick the buffer type from the Arrow type, so each type gets its own call.
		return type instanceof Int32
			? makeData({ ...props, type, data: props.data as Int32Array })
			: makeData({ ...props, type, data: props.data as Float64Array });
	}
}

class Int64Column extends ColumnBuilder {
	/** Little-endian halves: [low, high] per value, the memory layout of a BigInt64Array. */
	private halves = new Int32Array(this.capacity * 2);

	set(row: number, value: Cell): void {
		if (value === null) {
			this.nullCount++;
			return;
		}
		this.markValid(row);
		if (typeof value === 'bigint') {
			new BigInt64Array(this.halves.buffer, row * 8, 1)[0] = value;
			return;
		}
		const n = value as number;
		if (!Number.isSafeInteger(n)) throw new RangeError(`${this.spec.name}: ${n} is not an exact integer`);
		const high = Math.floor(n / TWO_TO_32);
		this.halves[row * 2] = n - high * TWO_TO_32;
		this.halves[row * 2 + 1] = high;
	}

	protected growValues(capacity: number): void {
		const halves = new Int32Array(capacity * 2);
		halves.set(this.halves);
		this.halves = halves;
	}

	data(length: number): Data<DataType> {
		return makeData({
			type: new Int64(),
			length,
			nullCount: this.nullCount,
			nullBitmap: this.nullBitmap(length),
			data: new BigInt64Array(this.halves.buffer, 0, length)
		});
	}
}

class BoolColumn extends ColumnBuilder {
	private bits = new Uint8Array(Math.ceil(this.capacity / 8));

	set(row: number, value: Cell): void {
		if (value === null) {
			this.nullCount++;
			return;
		}
		this.markValid(row);
		if (value) this.bits[row >> 3] |= 1 << (row & 7);
	}

	protected growValues(capacity: number): void {
		const bits = new Uint8Array(Math.ceil(capacity / 8));
		bits.set(this.bits);
		this.bits = bits;
	}

	data(length: number): Data<DataType> {
		return makeData({
			type: new Bool(),
			length,
			nullCount: this.nullCount,
			nullBitmap: this.nullBitmap(length),
			data: this.bits.subarray(0, Math.ceil(length / 8))
		});
	}

	override reset(): void {
		super.reset();
		this.bits.fill(0);
	}
}

class Utf8Column extends ColumnBuilder {
	private readonly strings = new StringBuffer(this.capacity);

	set(row: number, value: Cell): void {
		if (value === null) this.nullCount++;
		else this.markValid(row);
		this.strings.set(row, value as string | null);
	}

	protected growValues(capacity: number): void {
		this.strings.grow(capacity);
	}

	data(length: number): Data<DataType> {
		return this.strings.data(length, this.nullCount, this.nullBitmap(length));
	}

	override reset(): void {
		super.reset();
		this.strings.reset();
	}
}

/** Strings as indices into a per-batch dictionary of the distinct values. */
class DictionaryColumn extends ColumnBuilder {
	private indices = new Int32Array(this.capacity);
	private readonly entries = new Map<string, number>();
	private readonly entryText = new StringBuffer(16);

	set(row: number, value: Cell): void {
		if (value === null) {
			this.nullCount++;
			return;
		}
		this.markValid(row);
		let index = this.entries.get(value as string);
		if (index === undefined) {
			index = this.entries.size;
			this.entries.set(value as string, index);
			if (index + 1 >= this.entryText.offsets.length) this.entryText.grow(this.entryText.offsets.length * 2);
			this.entryText.set(index, value as string);
		}
		this.indices[row] = index;
	}

	protected growValues(capacity: number): void {
		const indices = new Int32Array(capacity);
		indices.set(this.indices);
		this.indices = indices;
	}

	data(length: number): Data<DataType> {
		const dictionary = makeVector(this.entryText.data(this.entries.size));
		return makeData({
			type: new Dictionary(new Utf8(), new Int32()),
			length,
			nullCount: this.nullCount,
			nullBitmap: this.nullBitmap(length),
			data: this.indices.subarray(0, length),
			dictionary
		});
	}

	override reset(): void {
		super.reset();
		this.entries.clear();
		this.entryText.reset();
	}
}

function createColumn(spec: ColumnSpec, capacity: number): ColumnBuilder {
	switch (spec.kind) {
		case 'int32':
			return new NumberColumn(
				spec,
				capacity,
				() => new Int32(),
				(n) => new Int32Array(n)
			);
		case 'int64':
			return new Int64Column(spec, capacity);
		case 'float64':
			return new NumberColumn(
				spec,
				capacity,
				() => new Float64(),
				(n) => new Float64Array(n)
			);
		case 'bool':
			return new BoolColumn(spec, capacity);
		case 'utf8':
			return new Utf8Column(spec, capacity);
		case 'dict':
			return new DictionaryColumn(spec, capacity);
	}
}

/**
 * Collects rows of a fixed column layout and emits them as Arrow IPC stream bytes. Rows come either
 * as arrays (append) or, on hot paths, column by column: row(), then one typed setter per column,
 * which avoids allocating an array per row and keeps each setter's call monomorphic.
 */
export class ArrowBatchBuilder {
	private readonly columns: ColumnBuilder[];
	private rowCount = 0;
	private capacity: number;
	/** The row the typed setters write. */
	private current = -1;

	constructor(
		readonly layout: readonly ColumnSpec[],
		initialCapacity = 1024
	) {
		this.capacity = Math.max(8, initialCapacity);
		this.columns = layout.map((spec) => createColumn(spec, this.capacity));
	}

	get length(): number {
		return this.rowCount;
	}

	/** Appends one row; values in layout order. */
	append(values: readonly Cell[]): void {
		if (values.length !== this.columns.length)
			throw new Error(`ArrowBatchBuilder: ${values.length} values for ${this.columns.length} columns`);
		this.row();
		const columns = this.columns;
		for (let c = 0; c < columns.length; c++) columns[c].set(this.current, values[c]);
	}

	/** Starts a row; then set every column once with the setter of its kind. */
	row(): void {
		if (this.rowCount === this.capacity) {
			this.capacity *= 2;
			for (const column of this.columns) column.grow(this.capacity);
		}
		this.current = this.rowCount++;
	}

	/** Sets an int64 column of the current row. */
	int64(column: number, value: number | bigint | null): void {
		(this.columns[column] as Int64Column).set(this.current, value);
	}

	/** Sets a float64 column of the current row. */
	float64(column: number, value: number | null): void {
		(this.columns[column] as NumberColumn).set(this.current, value);
	}

	/** Sets a utf8 or dict column of the current row. */
	string(column: number, value: string | null): void {
		(this.columns[column] as Utf8Column | DictionaryColumn).set(this.current, value);
	}

	/** Sets a bool column of the current row. */
	bool(column: number, value: boolean | null): void {
		(this.columns[column] as BoolColumn).set(this.current, value);
	}

	/**
	 * Returns the collected rows as an Arrow IPC stream and starts a new batch. The vectors are views
	 * of the builders' buffers: the IPC writer copies them before the buffers are reused.
	 */
	finish(): Uint8Array {
		const length = this.rowCount;
		const vectors: Record<string, Vector> = {};
		for (const column of this.columns) vectors[column.spec.name] = makeVector(column.data(length));
		const ipc = tableToIPC(new Table(vectors), 'stream');
		for (const column of this.columns) column.reset();
		this.rowCount = 0;
		return ipc;
	}
}
