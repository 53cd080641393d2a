/**
 * Checks across the scenario (scenario-config.md §4): unique agent ids, counterparties that exist, scenario
 * events that name existing agents. They run on the data as read, so their errors are reported together
 * with schema errors elsewhere in the file.
 */
import { describeValue, type DiagnosticList } from './diagnostics';
import type { Path } from './path';
import { suggestName } from './suggest';
import { isMapping } from './schema-walk';

/** Agent ids in file order (non-string ids are left to the schema). */
export function agentIds(root: unknown): string[] {
	if (!isMapping(root) || !Array.isArray(root.agents)) return [];
	return root.agents.flatMap((agent) => (isMapping(agent) && typeof agent.id === 'string' ? [agent.id] : []));
}

function allowedIds(ids: readonly string[]): string {
	return ids.length === 0 ? 'an agent id (no agents are defined)' : `one of the agent ids ${ids.join(', ')}`;
}

function checkDuplicateIds(
	root: Record<string, unknown>,
	ids: readonly string[],
	diagnostics: DiagnosticList
): void {
	if (!Array.isArray(root.agents)) return;
	const duplicates = ids.filter((id) => ids.indexOf(id) !== ids.lastIndexOf(id));
	if (duplicates.length === 0) return;
	const listed = `[${duplicates.map((id) => `'${id}'`).join(', ')}]`;
	const firstIndex = new Map<string, number>();
	root.agents.forEach((agent, index) => {
		if (!isMapping(agent) || typeof agent.id !== 'string') return;
		const earlier = firstIndex.get(agent.id);
		if (earlier === undefined) {
			firstIndex.set(agent.id, index);
			return;
		}
		diagnostics.error('duplicate-id', ['agents', index, 'id'], {
			message: `Duplicate agent IDs found: ${listed}`,
			found: describeValue(agent.id),
			allowed: `an id no other agent uses (agents[${earlier}] already has it)`
		});
	});
}

function checkReference(
	value: unknown,
	path: Path,
	ids: readonly string[],
	message: string,
	diagnostics: DiagnosticList,
	atKey = false
): void {
	if (typeof value !== 'string' || ids.includes(value)) return;
	const suggestion = suggestName(value, ids);
	diagnostics.error('unknown-reference', path, {
		message,
		found: describeValue(value),
		allowed: allowedIds(ids),
		atKey,
		...(suggestion !== undefined ? { suggestion } : {})
	});
}

function checkCounterparties(
	root: Record<string, unknown>,
	ids: readonly string[],
	diagnostics: DiagnosticList
): void {
	if (!Array.isArray(root.agents)) return;
	root.agents.forEach((agent, index) => {
		if (!isMapping(agent)) return;
		const name = typeof agent.id === 'string' ? agent.id : `agents[${index}]`;
		const arrivals = agent.arrival_config;
		if (isMapping(arrivals) && isMapping(arrivals.counterparty_weights)) {
			for (const key of Object.keys(arrivals.counterparty_weights)) {
				const path = ['agents', index, 'arrival_config', 'counterparty_weights', key];
				checkReference(
					key,
					path,
					ids,
					`Agent ${name} references unknown counterparty: ${key}`,
					diagnostics,
					true
				);
			}
		}
		const bands = agent.arrival_bands;
		if (!isMapping(bands)) return;
		for (const band of ['urgent', 'normal', 'low']) {
			const config = bands[band];
			if (!isMapping(config) || !isMapping(config.counterparty_weights)) continue;
			for (const key of Object.keys(config.counterparty_weights)) {
				if (ids.includes(key)) continue;
				const suggestion = suggestName(key, ids);
				diagnostics.warning(
					'unknown-reference',
					['agents', index, 'arrival_bands', band, 'counterparty_weights', key],
					{
						message: `not an agent id; the engine ignores this weight (SimCash does not check band weights)`,
						found: describeValue(key),
						allowed: allowedIds(ids),
						atKey: true,
						...(suggestion !== undefined ? { suggestion } : {})
					}
				);
			}
		}
	});
}

const TRANSFER_EVENTS = new Set(['DirectTransfer', 'CustomTransactionArrival', 'ScheduledSettlement']);
const AGENT_EVENTS = new Set(['CollateralAdjustment', 'AgentArrivalRateChange', 'CounterpartyWeightChange']);

function checkEvents(
	root: Record<string, unknown>,
	ids: readonly string[],
	diagnostics: DiagnosticList
): void {
	if (!Array.isArray(root.scenario_events)) return;
	root.scenario_events.forEach((event, i) => {
		if (!isMapping(event) || typeof event.type !== 'string') return;
		const path = ['scenario_events', i];
		if (TRANSFER_EVENTS.has(event.type)) {
			const from = `Scenario event ${i} references unknown from_agent: ${String(event.from_agent)}`;
			const to = `Scenario event ${i} references unknown to_agent: ${String(event.to_agent)}`;
			checkReference(event.from_agent, [...path, 'from_agent'], ids, from, diagnostics);
			checkReference(event.to_agent, [...path, 'to_agent'], ids, to, diagnostics);
		} else if (AGENT_EVENTS.has(event.type)) {
			const message = `Scenario event ${i} references unknown agent: ${String(event.agent)}`;
			checkReference(event.agent, [...path, 'agent'], ids, message, diagnostics);
			if (event.type === 'CounterpartyWeightChange') {
				const counterparty = `Scenario event ${i} references unknown counterparty: ${String(event.counterparty)}`;
				checkReference(event.counterparty, [...path, 'counterparty'], ids, counterparty, diagnostics);
			}
		}
	});
}

/** Runs every cross-check on the scenario data (after variants are resolved). */
export function crossCheck(root: unknown, diagnostics: DiagnosticList): void {
	if (!isMapping(root)) return;
	const ids = agentIds(root);
	checkDuplicateIds(root, ids, diagnostics);
	checkCounterparties(root, ids, diagnostics);
	checkEvents(root, ids, diagnostics);
}
