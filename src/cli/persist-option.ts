/**
 * The --db and --persist options of `payment-sim run` (with a scenario file or --engine-config):
 * --db FILE stores the run in FILE, at --persist level (default full); --persist without --db is
 * only allowed as `none`.
 */
import {
	isPersistenceLevel,
	PERSISTENCE_LEVELS,
	type PersistenceLevel,
	type StoredLevel
} from '../lib/store/persistence-level';

/** Present only when given on the command line. */
export interface PersistenceChoice {
	db?: string;
	persist?: PersistenceLevel;
}

export const PERSIST_USAGE = `  --db FILE           store the run in this DuckDB file (created if missing)
  --persist LEVEL     what to store: none, summary, events or full (default with --db: full)`;

/** The choice the options make, or the usage error's message. */
export function readPersistence(
	db: string | undefined,
	persist: string | undefined
): PersistenceChoice | string {
	if (persist !== undefined && !isPersistenceLevel(persist))
		return `--persist: expected one of ${PERSISTENCE_LEVELS.join(', ')}, got ${JSON.stringify(persist)}`;
	if (db === undefined && persist !== undefined && persist !== 'none')
		return `--persist ${persist} needs --db FILE`;
	return {
		...(db !== undefined ? { db } : {}),
		...(persist !== undefined ? { persist: persist as PersistenceLevel } : {})
	};
}

/** Whether a run command stores its run: --db given and --persist, if given, is not none. */
export function storesRun(choice: PersistenceChoice): choice is PersistenceChoice & { db: string } {
	return choice.db !== undefined && choice.persist !== 'none';
}

/** The level a storing run command asks for (full by default). */
export function storedLevel(choice: PersistenceChoice): StoredLevel {
	return choice.persist === undefined || choice.persist === 'none' ? 'full' : choice.persist;
}
