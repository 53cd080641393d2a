/**
 * One compiled decision-tree policy per agent from its `policy` configuration (§3.9): the built-ins
 * with their injected parameters, an inlined JSON document, or the synthesised stagger-split policy.
 */
import { builtinPolicy } from '../policy/builtins';
import type { CompiledPolicy } from '../policy/evaluate';
import { parsePolicy } from '../policy/parse';
import type { PolicyConfig } from './config';
import { SimulationError } from './errors';

function failure(agentId: string, reason: string): SimulationError {
	return new SimulationError('InvalidConfig', `Failed to create JSON policy for agent ${agentId}: ${reason}`);
}

function fromDocument(agentId: string, source: unknown): CompiledPolicy {
	const result = parsePolicy(source);
	if (!result.ok) throw failure(agentId, result.errors.map((e) => e.message).join('; '));
	return result.policy;
}

export function createAgentPolicy(agentId: string, config: PolicyConfig): CompiledPolicy {
	if (config === 'Fifo') return builtinPolicy('Fifo');
	if ('Deadline' in config) return builtinPolicy('Deadline', config.Deadline);
	if ('LiquidityAware' in config) return builtinPolicy('LiquidityAware', config.LiquidityAware);
	if ('LiquiditySplitting' in config) return builtinPolicy('LiquiditySplitting', config.LiquiditySplitting);
	if ('MockSplitting' in config) return builtinPolicy('MockSplitting', config.MockSplitting);
	if ('MockStaggerSplit' in config) {
		const p = config.MockStaggerSplit;
		return fromDocument(agentId, {
			version: '1.0',
			policy_id: 'mock_stagger_split',
			payment_tree: {
				type: 'action',
				node_id: 'stagger',
				action: 'StaggerSplit',
				parameters: {
					num_splits: { value: p.num_splits },
					stagger_first_now: { value: p.stagger_first_now },
					stagger_gap_ticks: { value: p.stagger_gap_ticks },
					priority_boost_children: { value: p.priority_boost_children }
				}
			},
			strategic_collateral_tree: null,
			end_of_tick_collateral_tree: null,
			parameters: {}
		});
	}
	return fromDocument(agentId, config.FromJson.json);
}
