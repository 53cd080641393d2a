/**
 * Opening a database for a reading command: never written, and only read when it is a store of the
 * current schema (an empty file, a foreign DuckDB file or an older store would answer with SQL errors
 * about missing tables or columns instead of a clear message).
 */
import { inspectSchema, type SchemaState } from '../store/open-store';
import { SCHEMA_VERSION } from '../store/schema';
import type { CommandEnvironment, OpenedDatabase } from './environment';
import { CommandFailure } from './failure';

function refusal(state: SchemaState, name: string): string | null {
	switch (state.kind) {
		case 'current':
			return null;
		case 'empty':
			return `${name} is an empty database (no SimCash Notebook tables)`;
		case 'unversioned':
			return `${name} was not written by SimCash Notebook (no schema_version table)`;
		case 'older':
		case 'newer':
			return `${name} has schema version ${state.version}; this version of SimCash Notebook reads version ${SCHEMA_VERSION}`;
	}
}

/** Runs `read` on the database `path` names, then closes it (also when `read` throws). */
export async function withReadableStore<T>(
	env: CommandEnvironment,
	path: string | null,
	read: (database: OpenedDatabase) => Promise<T>,
	options: { anySchema?: boolean } = {}
): Promise<T> {
	const database = await env.openDatabase(path, { write: false });
	try {
		if (!options.anySchema) {
			const problem = refusal(await inspectSchema(database.db), database.name);
			if (problem !== null) throw new CommandFailure(problem);
		}
		return await read(database);
	} finally {
		await database.close();
	}
}
