/** Section 3: the policies' submit, hold, drop and split decisions, grouped by agent. */
import type { SimulationEvent } from '../../engine/events';
import { groupByAgent, shortId, type EventOf } from '../line-parts';

type PolicyEvent = EventOf<'PolicySubmit' | 'PolicyHold' | 'PolicyDrop' | 'PolicySplit'>;

function isPolicyEvent(event: SimulationEvent): event is PolicyEvent {
	switch (event.event_type) {
		case 'PolicySubmit':
		case 'PolicyHold':
		case 'PolicyDrop':
		case 'PolicySplit':
			return true;
		default:
			return false;
	}
}

function decisionLine(event: PolicyEvent): string {
	const tx = shortId(event.tx_id, 8);
	switch (event.event_type) {
		case 'PolicySubmit':
			return `   • SUBMIT: TX ${tx}`;
		case 'PolicyHold':
			return `   • HOLD: TX ${tx} - ${event.reason}`;
		case 'PolicyDrop':
			return `   • DROP: TX ${tx} - ${event.reason}`;
		case 'PolicySplit':
			return `   • SPLIT: TX ${tx} → ${event.num_splits} children`;
	}
}

export function policyDecisionLines(events: readonly SimulationEvent[]): string[] {
	const decisions = events.filter(isPolicyEvent);
	if (decisions.length === 0) return [];
	const lines = ['', `🎯 Policy Decisions (${decisions.length}):`];
	for (const [agent, agentDecisions] of groupByAgent(decisions, (event) => event.agent_id)) {
		lines.push(`   ${agent}:`, ...agentDecisions.map(decisionLine), '');
	}
	return lines;
}
