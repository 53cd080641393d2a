/** One event in a line for the replay page's lists: its fields other than type and tick, compactly. */
import type { SimulationEvent } from '$lib/engine/events';

const SHOWN_LENGTH = 160;

export function eventDetails(event: SimulationEvent): string {
	const rest = Object.entries(event).filter(
		([key]) => key !== 'event_type' && key !== 'tick' && key !== 'tx_id'
	);
	const text = rest
		.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
		.join(' ');
	return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

/** The transaction an event is about, when it names one. */
export function eventTransaction(event: SimulationEvent): string | null {
	const txId = (event as { tx_id?: unknown }).tx_id;
	return typeof txId === 'string' && txId !== '' ? txId : null;
}
