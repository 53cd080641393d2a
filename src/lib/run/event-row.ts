/**
 * One event as a row of simulation_events: the typed columns queries filter on, copied from the
 * event's own fields, next to its canonical JSON (the text the engine's serializer prints).
 */
import { serializeEvent, type SimulationEvent } from '../engine';
import type { ArrowBatchBuilder } from '../store/arrow-batch';
import { columnIndexes } from '../store/table-layout';

/** The union of the event fields the typed columns read (every event has a subset). */
interface EventFields {
	agent_id?: string;
	sender_id?: string;
	sender?: string;
	agent_a?: string;
	receiver_id?: string;
	receiver?: string;
	agent_b?: string;
	tx_id?: string;
	incoming_tx_id?: string;
	amount?: number;
	settled_amount?: number;
	offset_amount?: number;
	requested_amount?: number;
	total_value?: number;
	costs?: { total: number };
}

const C = columnIndexes('simulation_events', [
	'simulation_id',
	'seq',
	'tick',
	'day',
	'event_type',
	'agent_id',
	'counterparty_id',
	'tx_id',
	'amount',
	'event_json'
]);

/** Appends the event's row to a simulation_events batch. */
export function appendEventRow(
	batch: ArrowBatchBuilder,
	simulationId: string,
	seq: number,
	ticksPerDay: number,
	event: SimulationEvent
): void {
	const e = event as EventFields;
	batch.row();
	batch.string(C.simulation_id, simulationId);
	batch.int64(C.seq, seq);
	batch.int64(C.tick, event.tick);
	batch.int64(C.day, Math.floor(event.tick / ticksPerDay));
	batch.string(C.event_type, event.event_type);
	batch.string(C.agent_id, e.agent_id ?? e.sender_id ?? e.sender ?? e.agent_a ?? null);
	batch.string(C.counterparty_id, e.receiver_id ?? e.receiver ?? e.agent_b ?? null);
	batch.string(C.tx_id, e.tx_id ?? e.incoming_tx_id ?? null);
	batch.int64(
		C.amount,
		e.amount ??
			e.settled_amount ??
			e.offset_amount ??
			e.requested_amount ??
			e.total_value ??
			e.costs?.total ??
			null
	);
	batch.string(C.event_json, serializeEvent(event));
}
