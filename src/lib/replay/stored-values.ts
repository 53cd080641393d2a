/**
 * Cells of stored rows as the replay reads them: BIGINT columns arrive as bigint (money, counts and
 * ticks are safe integers, so they become numbers), text as string. A cell of another type means the
 * file does not hold what the schema promises, which is reported rather than guessed around.
 */
import type { SqlValue } from '../store/sql-db';

export function cellNumber(value: SqlValue, column: string): number {
	if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
	throw new TypeError(`${column}: expected a number, found ${describeCell(value)}`);
}

export function cellNumberOrNull(value: SqlValue, column: string): number | null {
	return value === null ? null : cellNumber(value, column);
}

export function cellText(value: SqlValue, column: string): string {
	if (typeof value === 'string') return value;
	throw new TypeError(`${column}: expected text, found ${describeCell(value)}`);
}

export function cellTextOrNull(value: SqlValue, column: string): string | null {
	return value === null ? null : cellText(value, column);
}

function describeCell(value: SqlValue): string {
	if (value === null) return 'NULL';
	if (value instanceof Uint8Array) return 'a blob';
	return `${typeof value} ${String(value)}`;
}
