/**
 * The event filter of `run` and `replay` (--filter-event-type, --filter-agent, --filter-tx,
 * --filter-tick-range): parsing from the command-line text and matching an event. Every given criterion
 * must hold. One parser for the CLI and the notebook.
 */
import { editDistance } from '../config';
import { EVENT_TYPES, type EventType, type SimulationEvent } from '../engine/events';

export interface EventFilter {
	/** Event types to keep, or null for all. */
	eventTypes: readonly EventType[] | null;
	/** Agent the event must involve (§8.2), or null. */
	agentId: string | null;
	/** Transaction id the event's `tx_id` must equal, or null. */
	txId: string | null;
	/** Inclusive tick bounds, or null for open. */
	tickMin: number | null;
	tickMax: number | null;
}

export const NO_FILTER: EventFilter = {
	eventTypes: null,
	agentId: null,
	txId: null,
	tickMin: null,
	tickMax: null
};

/** The four options as typed; absent or empty text means "not given", as in the original. */
export interface EventFilterOptions {
	eventTypes?: string;
	agent?: string;
	tx?: string;
	tickRange?: string;
}

export type EventFilterParse = { ok: true; filter: EventFilter } | { ok: false; error: string };

/** Settlement events also involve their receiver (the agent that gains liquidity). */
const SETTLEMENT_TYPES: ReadonlySet<string> = new Set([
	'RtgsImmediateSettlement',
	'Queue2LiquidityRelease',
	'LsmBilateralOffset',
	'LsmCycleSettlement',
	'OverdueTransactionSettled'
]);

const ACTOR_FIELDS = ['agent_id', 'sender_id', 'sender', 'agent_a', 'agent_b'] as const;
const ACTOR_LIST_FIELDS = ['agents', 'agent_ids'] as const;

/** Python's int(): optional sign, digits with single underscores between them, surrounding blanks. */
const WHOLE_NUMBER = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

function given(text: string | undefined): text is string {
	return text !== undefined && text !== '';
}

function closestEventType(name: string): EventType | null {
	let best: EventType | null = null;
	let bestDistance = Infinity;
	for (const type of EVENT_TYPES) {
		const distance = editDistance(name.toLowerCase(), type.toLowerCase());
		if (distance < bestDistance) {
			best = type;
			bestDistance = distance;
		}
	}
	return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function parseEventTypes(text: string): { ok: true; types: EventType[] } | { ok: false; error: string } {
	const names = text
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (names.length === 0) return { ok: false, error: `--filter-event-type '${text}' names no event type` };
	const known: ReadonlySet<string> = new Set(EVENT_TYPES);
	const types: EventType[] = [];
	for (const name of names) {
		if (!known.has(name)) {
			const suggestion = closestEventType(name);
			const hint = suggestion === null ? '' : ` (did you mean ${suggestion}?)`;
			return { ok: false, error: `--filter-event-type: unknown event type '${name}'${hint}` };
		}
		types.push(name as EventType);
	}
	return { ok: true, types };
}

function parseTickRange(
	text: string
): { ok: true; min: number | null; max: number | null } | { ok: false; error: string } {
	const invalid = {
		ok: false as const,
		error: `--filter-tick-range '${text}' is not a tick range: write MIN-MAX, MIN- or -MAX (whole numbers)`
	};
	const dash = text.indexOf('-');
	if (dash < 0) return invalid;
	const bound = (part: string): number | null | undefined => {
		if (part === '') return null;
		if (!WHOLE_NUMBER.test(part)) return undefined;
		return Number(part.replace(/[\s_+]/g, ''));
	};
	const min = bound(text.slice(0, dash));
	const max = bound(text.slice(dash + 1));
	if (min === undefined || max === undefined) return invalid;
	return { ok: true, min, max };
}

/** Parses the command-line options into a filter, or says what is wrong with them. */
export function parseEventFilter(options: EventFilterOptions): EventFilterParse {
	let eventTypes: EventType[] | null = null;
	if (given(options.eventTypes)) {
		const parsed = parseEventTypes(options.eventTypes);
		if (!parsed.ok) return parsed;
		eventTypes = parsed.types;
	}
	let tickMin: number | null = null;
	let tickMax: number | null = null;
	if (given(options.tickRange)) {
		const parsed = parseTickRange(options.tickRange);
		if (!parsed.ok) return parsed;
		tickMin = parsed.min;
		tickMax = parsed.max;
	}
	return {
		ok: true,
		filter: {
			eventTypes,
			agentId: given(options.agent) ? options.agent : null,
			txId: given(options.tx) ? options.tx : null,
			tickMin,
			tickMax
		}
	};
}

/** True when no criterion is set. */
export function isEmptyFilter(filter: EventFilter): boolean {
	return (
		filter.eventTypes === null &&
		filter.agentId === null &&
		filter.txId === null &&
		filter.tickMin === null &&
		filter.tickMax === null
	);
}

/** The info line that announces a filter, with the options as typed (only the given ones). */
export function describeEventFilter(options: EventFilterOptions): string | null {
	const parts: string[] = [];
	if (given(options.eventTypes)) parts.push(`types=${options.eventTypes}`);
	if (given(options.agent)) parts.push(`agent=${options.agent}`);
	if (given(options.tx)) parts.push(`tx=${options.tx}`);
	if (given(options.tickRange)) parts.push(`ticks=${options.tickRange}`);
	return parts.length === 0 ? null : `Event filtering enabled: ${parts.join(', ')}`;
}

/** An event's fields by name: the agent fields differ between event types. */
function field(event: SimulationEvent, name: string): unknown {
	return (event as unknown as Readonly<Record<string, unknown>>)[name];
}

/** Whether the agent is an actor of the event (sender, policy owner, LSM party), per §8.2. */
function involvesAsActor(event: SimulationEvent, agentId: string): boolean {
	for (const name of ACTOR_FIELDS) if (field(event, name) === agentId) return true;
	for (const name of ACTOR_LIST_FIELDS) {
		const list = field(event, name);
		if (Array.isArray(list) && list.includes(agentId)) return true;
	}
	return false;
}

function receiverOf(event: SimulationEvent): unknown {
	const receiver = field(event, 'receiver');
	return typeof receiver === 'string' && receiver !== '' ? receiver : field(event, 'receiver_id');
}

/** Whether the event involves the agent: as actor, or as receiver of a settlement. */
export function involvesAgent(event: SimulationEvent, agentId: string): boolean {
	if (involvesAsActor(event, agentId)) return true;
	return SETTLEMENT_TYPES.has(event.event_type) && receiverOf(event) === agentId;
}

export function matchesEvent(filter: EventFilter, event: SimulationEvent): boolean {
	if (filter.eventTypes !== null && !filter.eventTypes.includes(event.event_type)) return false;
	if (filter.agentId !== null && !involvesAgent(event, filter.agentId)) return false;
	if (filter.txId !== null && field(event, 'tx_id') !== filter.txId) return false;
	if (filter.tickMin !== null && event.tick < filter.tickMin) return false;
	if (filter.tickMax !== null && event.tick > filter.tickMax) return false;
	return true;
}
