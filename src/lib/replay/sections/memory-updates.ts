/** Section 4: state-register writes that changed a value, grouped by agent. */
import type { SimulationEvent } from '../../engine/events';
import { eventsOfType, groupByAgent } from '../line-parts';
import { formatFloatRepr } from '../python-format';

export function memoryUpdateLines(events: readonly SimulationEvent[]): string[] {
	const updates = eventsOfType(events, 'StateRegisterSet').filter(
		(event) => event.old_value !== event.new_value
	);
	if (updates.length === 0) return [];
	const lines = ['', `🧠 Agent Memory Updates (${updates.length}):`];
	for (const [agent, agentUpdates] of groupByAgent(updates, (event) => event.agent_id)) {
		lines.push(`   ${agent}:`);
		for (const update of agentUpdates) {
			// The original drops the prefix wherever it occurs in the key, not only at the start.
			const key = update.register_key.replaceAll('bank_state_', '');
			const change = `${key}: ${formatFloatRepr(update.old_value)} → ${formatFloatRepr(update.new_value)}`;
			const why = update.reason === 'eod_reset' ? 'EOD reset' : update.reason;
			lines.push(`   • ${change} (${why})`);
			if (update.decision_path) lines.push(`     Path: ${update.decision_path}`);
		}
		lines.push('');
	}
	return lines;
}
