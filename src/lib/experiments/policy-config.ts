/**
 * From a policy set to an engine configuration (spec §5): each optimized agent runs its policy document,
 * and an agent with a liquidity pool allocates the document's `initial_liquidity_fraction` of it at the
 * start. The same function serves every path (evaluation, paired comparison, sandbox), so a policy is
 * always interpreted the same way.
 */
import type { EngineAgentJson, EngineConfigJson } from '../config';
import { liquidityFraction, type PolicyDocument } from './policy-document';

/** One agent's configuration running `policy`. */
export function agentWithPolicy(agent: EngineAgentJson, policy: PolicyDocument): EngineAgentJson {
	return {
		...agent,
		policy: { FromJson: { json: JSON.stringify(policy) } },
		liquidity_allocation_fraction:
			agent.liquidity_pool === null ? agent.liquidity_allocation_fraction : liquidityFraction(policy)
	};
}

/** The scenario's configuration with `policies` in force and the engine seeded with `seed`. */
export function configWithPolicies(
	scenario: EngineConfigJson,
	policies: Readonly<Record<string, PolicyDocument>>,
	seed: number
): EngineConfigJson {
	return {
		...scenario,
		rng_seed: seed,
		agent_configs: scenario.agent_configs.map((agent) =>
			Object.hasOwn(policies, agent.id) ? agentWithPolicy(agent, policies[agent.id]) : agent
		)
	};
}
