/** Small text pieces that several sections of the verbose output share. */
import type { EventType, SimulationEvent } from '../engine/events';
import { formatInteger } from './python-format';

/** The first `length` characters of an id (the original prints 8 or 12). */
export function shortId(id: string, length: number): string {
	return [...id].slice(0, length).join('');
}

/** `s` unless the count is exactly 1. */
export function plural(count: number): string {
	return count === 1 ? '' : 's';
}

/** `P:8 HIGH`, `P:5 MED`, `P:2 LOW`. */
export function priorityLabel(priority: number): string {
	const band = priority >= 7 ? 'HIGH' : priority >= 4 ? 'MED' : 'LOW';
	return `P:${formatInteger(priority)} ${band}`;
}

/** Between the groups of sections: an empty line, a rule, an empty line. */
export const SECTION_SEPARATOR: readonly string[] = ['', '─'.repeat(70), ''];

export type EventOf<K extends EventType> = Extract<SimulationEvent, { event_type: K }>;

/** The events of one type, in emission order. */
export function eventsOfType<K extends EventType>(events: readonly SimulationEvent[], type: K): EventOf<K>[] {
	return events.filter((event): event is EventOf<K> => event.event_type === type);
}

/** Groups items by agent in order of first appearance (the original builds a dict as it goes). */
export function groupByAgent<T>(items: readonly T[], agentOf: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const agent = agentOf(item);
		const group = groups.get(agent);
		if (group === undefined) groups.set(agent, [item]);
		else group.push(item);
	}
	return groups;
}
