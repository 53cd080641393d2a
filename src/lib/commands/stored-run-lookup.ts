/** Finding a stored run by id for the commands, with the one-line error when there is none. */
import { findStoredRun, type StoredRun } from '../replay/stored-run';
import type { OpenedDatabase } from './environment';
import { CommandFailure } from './failure';

export async function requireStoredRun(database: OpenedDatabase, simulationId: string): Promise<StoredRun> {
	const run = await findStoredRun(database.db, simulationId);
	if (run === null) throw new CommandFailure(`no simulation ${simulationId} in ${database.name}`);
	return run;
}

/** Per-tick tables exist only for runs stored at level full. */
export function requireFullLevel(run: StoredRun, what: string): void {
	if (run.level !== 'full')
		throw new CommandFailure(
			`${what} needs the per-tick rows of level full; ${run.simulationId} was stored at level ${run.level}`
		);
}
