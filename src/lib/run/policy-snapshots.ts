/**
 * The policy_snapshots rows of a run: each agent's policy at tick 0, as canonical JSON of its
 * engine-configuration form, with its SHA-256.
 */
import { canonicalJson, sha256Hex } from '../store/canonical-json';
import { insertRowsSql, type LiteralValue } from '../store/sql-literal';

interface AgentPolicy {
	id: string;
	policy: unknown;
}

function agentPolicies(config: unknown): AgentPolicy[] {
	const agents = (config as { agent_configs?: unknown }).agent_configs;
	if (!Array.isArray(agents)) throw new Error('the configuration has no agent_configs list');
	return agents.map((agent: { id?: unknown; policy?: unknown }) => ({
		id: String(agent.id),
		policy: agent.policy
	}));
}

export async function policySnapshotsSql(simulationId: string, config: unknown): Promise<string> {
	const rows: Record<string, LiteralValue>[] = [];
	for (const agent of agentPolicies(config)) {
		const policyJson = canonicalJson(agent.policy);
		rows.push({
			simulation_id: simulationId,
			agent_id: agent.id,
			snapshot_tick: 0,
			snapshot_day: 0,
			policy_json: policyJson,
			policy_hash: await sha256Hex(policyJson)
		});
	}
	return insertRowsSql('policy_snapshots', rows);
}
