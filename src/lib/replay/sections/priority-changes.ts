/** Sections 6 and 7: automatic priority escalations and policy reprioritizations. */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, groupByAgent, shortId } from '../line-parts';

export function priorityEscalationLines(events: readonly SimulationEvent[]): string[] {
	const escalations = eventsOfType(events, 'PriorityEscalated');
	if (escalations.length === 0) return [];
	return [
		'',
		`📈 Priority Escalations (${escalations.length}):`,
		...escalations.map(
			(event) =>
				`   • TX ${shortId(event.tx_id, 8)}: ${event.original_priority} → ${event.escalated_priority} ` +
				`(+${event.boost_applied} boost, ${event.ticks_until_deadline} ticks until deadline)`
		)
	];
}

function arrow(oldPriority: number, newPriority: number): string {
	if (newPriority > oldPriority) return '↑';
	if (newPriority < oldPriority) return '↓';
	return '→';
}

export function reprioritizationLines(events: readonly SimulationEvent[]): string[] {
	const changes = eventsOfType(events, 'TransactionReprioritized');
	if (changes.length === 0) return [];
	const lines = ['', `🔄 Policy Reprioritizations (${changes.length}):`];
	for (const [agent, agentChanges] of groupByAgent(changes, (event) => event.agent_id)) {
		lines.push(`   ${agent}:`);
		for (const change of agentChanges) {
			const direction = arrow(change.old_priority, change.new_priority);
			lines.push(
				`   • TX ${shortId(change.tx_id, 8)}: ${change.old_priority} ${direction} ${change.new_priority}`
			);
		}
		lines.push('');
	}
	return lines;
}
