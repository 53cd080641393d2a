/**
 * SqlDb on @duckdb/node-api, for the CLI and Node tests. Pinned to the DuckDB version inside
 * DuckDB-WASM (v1.4.3) so that both runtimes speak the same dialect and storage format.
 */
import {
	BIGINT,
	BOOLEAN,
	DOUBLE,
	DuckDBBlobValue,
	DuckDBDataChunk,
	DuckDBDecimalValue,
	DuckDBInstance,
	INTEGER,
	VARCHAR,
	type DuckDBConnection,
	type DuckDBType,
	type DuckDBValue
} from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';
import { tableFromIPC, Type, type Data, type DataType, type Vector } from 'apache-arrow';
import { DUCKDB_SESSION_SETTINGS } from './settings';
import { type QueryResult, type SqlDb, type SqlValue } from './sql-db';

export interface NodeOpenOptions {
	readOnly?: boolean;
}

export class NodeSqlDb implements SqlDb {
	private constructor(
		private readonly instance: DuckDBInstance,
		private readonly connection: DuckDBConnection
	) {}

	/** Opens a database file (created when missing), or an in-memory database for ':memory:'. */
	static async open(path: string, options: NodeOpenOptions = {}): Promise<NodeSqlDb> {
		const settings: Record<string, string> = {};
		if (options.readOnly) settings.access_mode = 'READ_ONLY';
		const instance = await DuckDBInstance.create(path, settings);
		const connection = await instance.connect();
		const db = new NodeSqlDb(instance, connection);
		for (const statement of DUCKDB_SESSION_SETTINGS) await connection.run(statement);
		return db;
	}

	async exec(sql: string): Promise<void> {
		await this.connection.run(sql);
	}

	async query(sql: string): Promise<QueryResult> {
		const reader = await this.connection.runAndReadAll(sql);
		const names = reader.columnNames();
		const types = reader.columnTypes();
		return {
			columns: names.map((name, i) => ({ name, type: types[i].toString() })),
			rows: reader.getRows().map((row) => row.map(toSqlValue))
		};
	}

	async insertArrowIpc(table: string, ipc: Uint8Array): Promise<void> {
		const arrow = tableFromIPC(ipc);
		if (arrow.numRows === 0) return;
		const appender = await this.connection.createAppender(table);
		try {
			for (const batch of arrow.batches) appendBatch(appender, batch.data.children);
			appender.closeSync();
		} catch (error) {
			// Closing flushes, which fails again once the transaction is aborted: report the first error.
			try {
				appender.closeSync();
			} catch {
				// already reported
			}
			throw error;
		}
	}

	async checkpoint(): Promise<void> {
		await this.connection.run('CHECKPOINT');
	}

	async version(): Promise<string> {
		const result = await this.query('SELECT version() AS v');
		return String(result.rows[0][0]);
	}

	async close(): Promise<void> {
		this.connection.closeSync();
		this.instance.closeSync();
	}
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

/** Rows per DuckDB data chunk (STANDARD_VECTOR_SIZE). */
const CHUNK_ROWS = bindings.vector_size();

/**
 * Appends Arrow columns through DuckDB data chunks: numbers and validity masks are copied buffer to
 * buffer, strings go in as their UTF-8 bytes, so no value ever becomes a JavaScript object. (Arrow's
 * row-by-row accessors and the appender's per-value calls are several times slower.)
 */
function appendBatch(appender: Appender, columns: readonly Data<DataType>[]): void {
	const writers = columns.map(columnWriter);
	const chunk = DuckDBDataChunk.create(columns.map((column) => duckdbType(column.type)));
	const length = columns[0]?.length ?? 0;
	for (let start = 0; start < length; start += CHUNK_ROWS) {
		const rows = Math.min(CHUNK_ROWS, length - start);
		bindings.data_chunk_reset(chunk.chunk);
		bindings.data_chunk_set_size(chunk.chunk, rows);
		for (let c = 0; c < writers.length; c++) {
			const vector = bindings.data_chunk_get_vector(chunk.chunk, c);
			writers[c](vector, start, rows);
			copyValidity(vector, columns[c], start, rows);
		}
		appender.appendDataChunk(chunk);
	}
}

type ColumnWriter = (vector: bindings.Vector, start: number, rows: number) => void;

function duckdbType(type: DataType): DuckDBType {
	switch (type.typeId) {
		case Type.Int:
			return (type as DataType & { bitWidth: number }).bitWidth === 64 ? BIGINT : INTEGER;
		case Type.Float:
			return DOUBLE;
		case Type.Bool:
			return BOOLEAN;
		case Type.Utf8:
		case Type.Dictionary:
			return VARCHAR;
		default:
			throw new Error(`insertArrowIpc: Arrow type ${Type[type.typeId]} is not supported by the Node adapter`);
	}
}

function columnWriter(column: Data<DataType>): ColumnWriter {
	const typeId = column.type.typeId;
	if (typeId === Type.Int || typeId === Type.Float) {
		const values = column.values as Int32Array | BigInt64Array | Float64Array;
		const width = values.BYTES_PER_ELEMENT;
		return (vector, start, rows) =>
			bindings.copy_data_to_vector(
				vector,
				0,
				values.buffer as ArrayBuffer,
				values.byteOffset + (column.offset + start) * width,
				rows * width
			);
	}
	if (typeId === Type.Bool) {
		const bits = column.values as Uint8Array;
		const bytes = new Uint8Array(CHUNK_ROWS);
		return (vector, start, rows) => {
			for (let i = 0; i < rows; i++) {
				const bit = column.offset + start + i;
				bytes[i] = (bits[bit >> 3] >> (bit & 7)) & 1;
			}
			bindings.copy_data_to_vector(vector, 0, bytes.buffer, 0, rows);
		};
	}
	if (typeId === Type.Utf8) return utf8Writer(column);
	if (typeId === Type.Dictionary) return dictionaryWriter(column);
	throw new Error(`insertArrowIpc: Arrow type ${Type[typeId]} is not supported by the Node adapter`);
}

/**
 * VARCHAR vectors hold one 16-byte duckdb_string_t per row (duckdb.h): the length (uint32), then
 * either up to 12 bytes inline, zero-padded, or a 4-byte prefix and a pointer into the vector's
 * string heap. Inline strings are laid out here and copied in one call per chunk; only longer strings
 * need DuckDB to copy them into its heap, one call each.
 */
const STRING_T_BYTES = 16;
const INLINE_BYTES = 12;

class StringEntries {
	readonly bytes = new Uint8Array(CHUNK_ROWS * STRING_T_BYTES);
	private readonly view = new DataView(this.bytes.buffer);

	clear(rows: number): void {
		this.bytes.fill(0, 0, rows * STRING_T_BYTES);
	}

	/** Lays out a string of at most 12 bytes, taken from `source` at `from`, inline at `row`. */
	inline(row: number, source: Uint8Array, from: number, length: number): void {
		const at = row * STRING_T_BYTES;
		this.view.setUint32(at, length, true);
		for (let k = 0; k < length; k++) this.bytes[at + 4 + k] = source[from + k];
	}

	copyInto(vector: bindings.Vector, rows: number): void {
		bindings.copy_data_to_vector(vector, 0, this.bytes.buffer, 0, rows * STRING_T_BYTES);
	}
}

function utf8Writer(column: Data<DataType>): ColumnWriter {
	const offsets = column.valueOffsets as Int32Array;
	const text = column.values as Uint8Array;
	const entries = new StringEntries();
	const long: number[] = [];
	return (vector, start, rows) => {
		entries.clear(rows);
		long.length = 0;
		for (let i = 0; i < rows; i++) {
			if (!column.getValid(start + i)) continue;
			const row = column.offset + start + i;
			const length = offsets[row + 1] - offsets[row];
			if (length <= INLINE_BYTES) entries.inline(i, text, offsets[row], length);
			else long.push(i);
		}
		entries.copyInto(vector, rows);
		for (const i of long) {
			const row = column.offset + start + i;
			bindings.vector_assign_string_element_len(vector, i, text.subarray(offsets[row], offsets[row + 1]));
		}
	};
}

/**
 * Dictionary strings: each distinct long value is copied into DuckDB's heap once per chunk, and its
 * 16-byte entry, pointer included, is then repeated for the other rows with that value.
 */
function dictionaryWriter(column: Data<DataType>): ColumnWriter {
	const dictionary = (column.dictionary as Vector).data[0];
	const offsets = dictionary.valueOffsets as Int32Array;
	const text = dictionary.values as Uint8Array;
	const indices = column.values as Int32Array;
	const entries = new StringEntries();
	const firstRow = new Int32Array(dictionary.length);
	return (vector, start, rows) => {
		entries.clear(rows);
		firstRow.fill(-1);
		const longRows: number[] = [];
		for (let i = 0; i < rows; i++) {
			if (!column.getValid(start + i)) continue;
			const index = indices[column.offset + start + i];
			const length = offsets[index + 1] - offsets[index];
			if (length <= INLINE_BYTES) {
				entries.inline(i, text, offsets[index], length);
			} else {
				if (firstRow[index] < 0) firstRow[index] = i;
				longRows.push(i);
			}
		}
		entries.copyInto(vector, rows);
		if (longRows.length === 0) return;
		for (let index = 0; index < firstRow.length; index++) {
			const row = firstRow[index];
			if (row < 0) continue;
			bindings.vector_assign_string_element_len(
				vector,
				row,
				text.subarray(offsets[index], offsets[index + 1])
			);
		}
		const readBack = bindings.vector_get_data(vector, rows * STRING_T_BYTES);
		for (const i of longRows) {
			const source = firstRow[indices[column.offset + start + i]] * STRING_T_BYTES;
			entries.bytes.set(readBack.subarray(source, source + STRING_T_BYTES), i * STRING_T_BYTES);
		}
		entries.copyInto(vector, rows);
	};
}

/** Arrow's validity bitmap and DuckDB's validity mask have the same bit order. */
function copyValidity(vector: bindings.Vector, column: Data<DataType>, start: number, rows: number): void {
	if (column.nullCount === 0 || !column.nullBitmap) return;
	const first = column.offset + start;
	const mask = new Uint8Array(Math.ceil(CHUNK_ROWS / 8));
	if (first % 8 === 0) mask.set(column.nullBitmap.subarray(first >> 3, (first + rows + 7) >> 3));
	else for (let i = 0; i < rows; i++) if (column.getValid(start + i)) mask[i >> 3] |= 1 << (i & 7);
	bindings.vector_ensure_validity_writable(vector);
	bindings.copy_data_to_vector_validity(vector, 0, mask.buffer, 0, mask.byteLength);
}

function toSqlValue(value: DuckDBValue): SqlValue {
	if (value === null || typeof value !== 'object') return value as SqlValue;
	if (value instanceof DuckDBBlobValue) return value.bytes;
	if (value instanceof DuckDBDecimalValue) return Number(value.toString());
	return value.toString();
}
