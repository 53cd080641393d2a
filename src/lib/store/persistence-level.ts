/**
 * How much of a simulation run is stored (the seed design's levels):
 *   none     nothing;
 *   summary  the run row, its policies, the daily agent metrics and the final summary with its costs;
 *   events   + every event, the final state of every transaction, the state registers;
 *   full     + per-tick results, agent states and queue contents (what replay reads).
 * Each table of schema.ts names the level that first writes it.
 */
import { TABLES, type TableName } from './schema';
import type { TableLevel } from './schema-model';

export const PERSISTENCE_LEVELS = ['none', 'summary', 'events', 'full'] as const;

export type PersistenceLevel = (typeof PERSISTENCE_LEVELS)[number];

/** A level that stores something. */
export type StoredLevel = Exclude<PersistenceLevel, 'none'>;

export function isPersistenceLevel(value: string): value is PersistenceLevel {
	return (PERSISTENCE_LEVELS as readonly string[]).includes(value);
}

/** Whether a run stored at `level` writes what `needed` promises. */
export function includesLevel(level: PersistenceLevel, needed: StoredLevel): boolean {
	return PERSISTENCE_LEVELS.indexOf(level) >= PERSISTENCE_LEVELS.indexOf(needed);
}

/** The simulation tables a run stored at `level` writes. */
export function tablesWritten(level: PersistenceLevel): TableName[] {
	return TABLES.filter((table) => isRunLevel(table.level) && includesLevel(level, table.level)).map(
		(table) => table.name as TableName
	);
}

function isRunLevel(level: TableLevel): level is StoredLevel {
	return level !== 'always';
}
