/**
 * Section 13: executed scenario events. The original has dedicated lines for a handful of type names,
 * but the engine's type names are snake_case and only `custom_transaction_arrival` matches one; every
 * other event prints its details as a Python dict, live and in replay alike. We print the same.
 */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, type EventOf } from '../line-parts';
import { formatMoney } from '../money';
import { formatDictRepr, formatScalarStr } from '../python-format';

/** Detail keys that are floats in the original (JSON text does not tell `2.0` from `2`). */
const FLOAT_DETAIL_KEYS: ReadonlySet<string> = new Set([
	'multiplier',
	'old_rate',
	'new_rate',
	'new_weight',
	'min_ticks_multiplier',
	'max_ticks_multiplier'
]);

function isFloatKey(key: string): boolean {
	return FLOAT_DETAIL_KEYS.has(key);
}

function detail(event: EventOf<'ScenarioEventExecuted'>, key: string, fallback: string): string {
	const value = event.details[key];
	return value === undefined ? fallback : formatScalarStr(value, isFloatKey(key));
}

function scenarioLines(event: EventOf<'ScenarioEventExecuted'>): string[] {
	if (event.scenario_event_type !== 'custom_transaction_arrival') {
		return [`   • ${event.scenario_event_type}: ${formatDictRepr(event.details, isFloatKey)}`];
	}
	const amount = event.details.amount;
	return [
		`   • CustomTransactionArrival: ${detail(event, 'from_agent', '?')} → ${detail(event, 'to_agent', '?')} ` +
			`(${formatMoney(typeof amount === 'number' ? amount : 0)})`,
		`     Priority: ${detail(event, 'priority', '5')}, TX: ${detail(event, 'tx_id', '?')}`
	];
}

export function scenarioEventLines(events: readonly SimulationEvent[]): string[] {
	const executed = eventsOfType(events, 'ScenarioEventExecuted');
	if (executed.length === 0) return [];
	return ['', `🎬 Scenario Events (${executed.length}):`, ...executed.flatMap(scenarioLines), ''];
}
