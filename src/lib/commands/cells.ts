/**
 * Stored values as the commands show them: money in dollars (`$1,234.56`) in tables and integer cents
 * in JSON, absent values as `-` in tables and null in JSON, timestamps as UTC text.
 */
import { formatMoney } from '../replay/money';
import type { SqlValue } from '../store/sql-db';

/** A BIGINT or number cell as a JavaScript number, null stays null. */
export function numberOrNull(value: SqlValue): number | null {
	if (value === null) return null;
	if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
	throw new TypeError(`expected a number, found ${String(value)}`);
}

export function textOrNull(value: SqlValue): string | null {
	if (value === null) return null;
	if (typeof value === 'string') return value;
	throw new TypeError(`expected text, found ${String(value)}`);
}

/** A u64 seed for JSON: a number while exact, else its decimal text. */
export function seedValue(decimal: string): number | string {
	const n = Number(decimal);
	return Number.isSafeInteger(n) ? n : decimal;
}

export function moneyCell(cents: number | null): string {
	return cents === null ? '-' : formatMoney(cents);
}

export function plainCell(value: string | number | null): string {
	return value === null ? '-' : String(value);
}

export function yesNo(value: boolean): string {
	return value ? '✓ Yes' : '✗ No';
}

/** SQL that renders a TIMESTAMP column as ISO 8601 UTC text (`2025-12-16T12:00:00Z`). */
export function isoTimestampSql(column: string): string {
	return `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;
}

/** An ISO timestamp as tables show it: `2025-12-16 12:00`. */
export function minuteCell(iso: string | null): string {
	return iso === null ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `n` rows of a listing: `limit` when given, else all for JSON and 20 for a table. */
export function listingLimit(limit: number | null, json: boolean): number | null {
	return limit ?? (json ? null : 20);
}
