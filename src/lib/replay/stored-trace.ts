/**
 * A payment's whole life in a stored run: every event that names the transaction — its own events,
 * the LSM settlements listing it, the split that made or unmade it — in emission order.
 */
import type { SimulationEvent } from '../engine/events';
import { sqlLiteral } from '../store/sql-literal';
import type { SqlReader } from './sql-reader';
import { cellNumber, cellText } from './stored-values';

export interface TracedEvent {
	seq: number;
	event: SimulationEvent;
}

/** At most this many events (a transaction waiting in a queue for a long run can collect many). */
const MAX_EVENTS = 2000;

export async function readTransactionTrace(
	db: SqlReader,
	simulationId: string,
	txId: string
): Promise<TracedEvent[]> {
	// The id in quotes matches it as a whole JSON string, in a list too (tx_1 does not match tx_10).
	const quoted = sqlLiteral(JSON.stringify(txId));
	const result = await db.query(
		`SELECT seq, event_json FROM simulation_events WHERE simulation_id = ${sqlLiteral(simulationId)} ` +
			`AND (tx_id = ${sqlLiteral(txId)} OR contains(event_json, ${quoted})) ORDER BY seq LIMIT ${MAX_EVENTS}`
	);
	return result.rows.map((row) => ({
		seq: cellNumber(row[0], 'seq'),
		event: JSON.parse(cellText(row[1], 'event_json')) as SimulationEvent
	}));
}
