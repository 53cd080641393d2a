import type { SqlValue } from '../store/sql-db';

/** How a cell is shown in a result grid. */
export function formatCell(value: SqlValue): string {
	if (value === null) return 'NULL';
	if (value instanceof Uint8Array) return `<${value.length} bytes>`;
	return String(value);
}

/** Numbers are right-aligned in result grids. */
export function isNumeric(value: SqlValue): boolean {
	return typeof value === 'number' || typeof value === 'bigint';
}

export function formatDuration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
