/**
 * Canonical JSON of events: the exact text of the golden `events.jsonl` lines (one event per line,
 * `event_type` and `tick` first, nested objects with sorted keys, f64 values printed the way serde_json
 * prints them: shortest round-trip digits, `.0` on integral values, exponent form outside [1e-5, 1e16)).
 */
import type { ScenarioEventDetails, SimulationEvent } from './events';

/** serde_json / ryu rendering of a finite f64; non-finite values become `null` as in serde_json. */
export function formatF64(x: number): string {
	if (!Number.isFinite(x)) return 'null';
	if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
	const [mantissa, exponentText] = x.toExponential().split('e');
	const exponent = Number(exponentText);
	const negative = mantissa.startsWith('-');
	const digits = mantissa.replace('-', '').replace('.', '');
	const sign = negative ? '-' : '';
	if (exponent < -5 || exponent >= 16) {
		const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
		return `${sign}${digits[0]}${fraction}e${exponent}`;
	}
	if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
	if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
	return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** Keys of scenario-event details that are f64 in the original. */
const FLOAT_DETAIL_KEYS = new Set([
	'multiplier',
	'old_rate',
	'new_rate',
	'new_weight',
	'min_ticks_multiplier',
	'max_ticks_multiplier'
]);

function serializeDetails(details: ScenarioEventDetails): string {
	let out = '{';
	let first = true;
	for (const key of Object.keys(details).sort()) {
		const value = details[key];
		if (!first) out += ',';
		first = false;
		out += JSON.stringify(key) + ':';
		out += typeof value === 'number' && FLOAT_DETAIL_KEYS.has(key) ? formatF64(value) : JSON.stringify(value);
	}
	return out + '}';
}

const quote = JSON.stringify;

/**
 * One canonical JSON line (without the newline). Every payment emits an Arrival, a PolicySubmit, an
 * RtgsSubmission and a settlement, so these four make up nearly all of a run's events: their lines are
 * written from templates in the events' own key order, about twice as fast as JSON.stringify of the
 * object (the golden parity tests compare every line).
 */
export function serializeEvent(event: SimulationEvent): string {
	switch (event.event_type) {
		case 'Arrival':
			return (
				`{"event_type":"Arrival","tick":${event.tick},"tx_id":${quote(event.tx_id)},` +
				`"sender_id":${quote(event.sender_id)},"receiver_id":${quote(event.receiver_id)},` +
				`"amount":${event.amount},"deadline":${event.deadline},"priority":${event.priority},` +
				`"is_divisible":${event.is_divisible}}`
			);
		case 'PolicySubmit':
			return (
				`{"event_type":"PolicySubmit","tick":${event.tick},"agent_id":${quote(event.agent_id)},` +
				`"tx_id":${quote(event.tx_id)}}`
			);
		case 'RtgsSubmission':
			return (
				`{"event_type":"RtgsSubmission","tick":${event.tick},"tx_id":${quote(event.tx_id)},` +
				`"sender":${quote(event.sender)},"receiver":${quote(event.receiver)},"amount":${event.amount},` +
				`"internal_priority":${event.internal_priority},"rtgs_priority":${quote(event.rtgs_priority)}}`
			);
		case 'RtgsImmediateSettlement':
			return (
				`{"event_type":"RtgsImmediateSettlement","tick":${event.tick},"tx_id":${quote(event.tx_id)},` +
				`"sender":${quote(event.sender)},"receiver":${quote(event.receiver)},"amount":${event.amount},` +
				`"sender_balance_before":${event.sender_balance_before},` +
				`"sender_balance_after":${event.sender_balance_after}}`
			);
		case 'StateRegisterSet':
			return (
				`{"event_type":"StateRegisterSet","tick":${event.tick},"agent_id":${JSON.stringify(event.agent_id)},` +
				`"register_key":${JSON.stringify(event.register_key)},"old_value":${formatF64(event.old_value)},` +
				`"new_value":${formatF64(event.new_value)},"reason":${JSON.stringify(event.reason)},` +
				`"decision_path":${JSON.stringify(event.decision_path)}}`
			);
		case 'ScenarioEventExecuted':
			return (
				`{"event_type":"ScenarioEventExecuted","tick":${event.tick},` +
				`"scenario_event_type":${JSON.stringify(event.scenario_event_type)},"details":${serializeDetails(event.details)}}`
			);
		default:
			return JSON.stringify(event);
	}
}
