/**
 * An LSM cycle's agents as events list them: the first agent again at the end (`A, B, C, A`). The
 * original's display code read a key the events do not have, so these helpers give the agents the way
 * its templates intend them.
 */

/** The agents once each, in cycle order (`A, B, C`). */
export function openCycle(agents: readonly string[]): string[] {
	const closed = agents.length > 1 && agents[agents.length - 1] === agents[0];
	return closed ? agents.slice(0, -1) : [...agents];
}

/** The cycle back to its first agent (`A → B → C → A`). */
export function closedCycleText(agents: readonly string[]): string {
	const open = openCycle(agents);
	return open.length === 0 ? '' : [...open, open[0]].join(' → ');
}
