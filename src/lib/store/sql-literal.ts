/**
 * SQL literals for the few rows written with statements (run rows, experiment rows). DuckDB-WASM's
 * prepared statements pass parameters through JSON.stringify, which rejects bigint, so the store
 * writes literals instead; bulk rows go through Arrow batches.
 */
import { quoteString } from './sql-db';

export type LiteralValue = null | boolean | number | bigint | string | Date;

/** `TIMESTAMP 'yyyy-mm-dd hh:mm:ss.mmm'` in UTC. */
export function timestampLiteral(date: Date): string {
	const iso = date.toISOString();
	return `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`;
}

export function sqlLiteral(value: LiteralValue): string {
	if (value === null) return 'NULL';
	if (value instanceof Date) return timestampLiteral(value);
	switch (typeof value) {
		case 'boolean':
			return value ? 'TRUE' : 'FALSE';
		case 'bigint':
			return value.toString();
		case 'number':
			if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
			return String(value);
		default:
			return quoteString(value);
	}
}

/** `INSERT INTO table (columns) VALUES (…)` for one row given as an object. */
export function insertSql(table: string, row: Record<string, LiteralValue>): string {
	const columns = Object.keys(row);
	return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => sqlLiteral(row[c])).join(', ')})`;
}

/** `UPDATE table SET … WHERE key = value`. */
export function updateSql(
	table: string,
	changes: Record<string, LiteralValue>,
	key: Record<string, LiteralValue>
): string {
	const set = Object.entries(changes).map(([column, value]) => `${column} = ${sqlLiteral(value)}`);
	const where = Object.entries(key).map(([column, value]) => `${column} = ${sqlLiteral(value)}`);
	return `UPDATE ${table} SET ${set.join(', ')} WHERE ${where.join(' AND ')}`;
}

/** One `INSERT INTO table (columns) VALUES (…), (…)` for rows of the same columns. */
export function insertRowsSql(table: string, rows: readonly Record<string, LiteralValue>[]): string {
	if (rows.length === 0) throw new Error(`insertRowsSql: no rows for ${table}`);
	const columns = Object.keys(rows[0]);
	const tuples = rows.map((row) => `(${columns.map((c) => sqlLiteral(row[c])).join(', ')})`);
	return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`;
}
