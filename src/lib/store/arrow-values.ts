/**
 * Arrow tables (what DuckDB-WASM returns) to the runtime-neutral QueryResult of sql-db.ts, with
 * the same value conventions as the Node adapter: 64-bit integers stay bigint, dates and times
 * become DuckDB's text form, nested values become JSON text.
 */
import { DataType, Type, util, type Field, type Table, type Vector } from 'apache-arrow';
import type { QueryResult, SqlValue } from './sql-db';

export function arrowToQueryResult(table: Table): QueryResult {
	const fields = table.schema.fields;
	const columns = fields.map((field) => ({ name: field.name, type: duckdbTypeName(field.type) }));
	const vectors = fields.map((_, i) => table.getChildAt(i) as Vector);
	const converters = fields.map(converterFor);
	const rows: SqlValue[][] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: SqlValue[] = new Array(vectors.length);
		for (let c = 0; c < vectors.length; c++) {
			const value: unknown = vectors[c].get(r);
			row[c] = value === null || value === undefined ? null : converters[c](value);
		}
		rows[r] = row;
	}
	return { columns, rows };
}

function converterFor(field: Field): (value: unknown) => SqlValue {
	const type = field.type;
	switch (type.typeId) {
		case Type.Int:
		case Type.Float:
		case Type.Bool:
		case Type.Utf8:
		case Type.LargeUtf8:
		case Type.Binary:
			return (value) => value as SqlValue;
		case Type.Decimal: {
			// HUGEINT (e.g. a SUM of BIGINT money) arrives as DECIMAL(38, 0): keep it exact.
			const scale = (type as DataType<Type.Decimal> & { scale: number }).scale;
			return scale === 0
				? // apache-arrow 21's bigNumToBigInt returns a string for decimals; go through the text.
					(value) => BigInt(util.bigNumToString(value as Parameters<typeof util.bigNumToString>[0]))
				: (value) => util.bigNumToNumber(value as Parameters<typeof util.bigNumToNumber>[0], scale);
		}
		case Type.Timestamp:
			return (value) => formatTimestamp(Number(value));
		case Type.Date:
			return (value) => formatTimestamp(Number(value)).slice(0, 10);
		default:
			return (value) => JSON.stringify(plain(value), (_, v) => (typeof v === 'bigint' ? v.toString() : v));
	}
}

function plain(value: unknown): unknown {
	if (value && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
		return value.toJSON();
	}
	return value;
}

/** Milliseconds since the epoch, UTC, as DuckDB prints a TIMESTAMP. */
function formatTimestamp(ms: number): string {
	const iso = new Date(ms).toISOString();
	const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
	return text.endsWith('.000') ? text.slice(0, -4) : text;
}

function duckdbTypeName(type: DataType): string {
	if (DataType.isInt(type)) {
		const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };
		return (type.isSigned ? '' : 'U') + names[type.bitWidth];
	}
	if (DataType.isFloat(type)) return type.precision === 2 ? 'DOUBLE' : 'FLOAT';
	if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'VARCHAR';
	if (DataType.isBool(type)) return 'BOOLEAN';
	if (DataType.isTimestamp(type)) return 'TIMESTAMP';
	if (DataType.isDate(type)) return 'DATE';
	if (DataType.isBinary(type)) return 'BLOB';
	if (DataType.isNull(type)) return 'NULL';
	if (DataType.isDecimal(type))
		return type.scale === 0 ? 'HUGEINT' : `DECIMAL(${type.precision},${type.scale})`;
	return Type[type.typeId].toUpperCase();
}
