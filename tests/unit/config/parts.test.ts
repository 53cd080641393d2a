/** The small pieces of the loader: Python json.dumps, policy-file search order, did-you-mean, feature toggles. */
import { describe, expect, it } from 'vitest';
import { forbiddenCategoriesMessage, policyCategories } from '../../../src/lib/config/feature-toggles';
import { dirname, joinPath, policyFileCandidates } from '../../../src/lib/config/policy-paths';
import { pythonFloatRepr, pythonJsonDumps } from '../../../src/lib/config/python-json';
import { editDistance, suggestName } from '../../../src/lib/config/suggest';
import { loadOk } from './helpers';

describe("Python's json.dumps (Inline policies)", () => {
	it('prints floats as repr does', () => {
		expect(pythonFloatRepr(1)).toBe('1.0');
		expect(pythonFloatRepr(0.1)).toBe('0.1');
		expect(pythonFloatRepr(1e-5)).toBe('1e-05');
		expect(pythonFloatRepr(0.0001)).toBe('0.0001');
		expect(pythonFloatRepr(1e16)).toBe('1e+16');
		expect(pythonFloatRepr(123456789012345.6)).toBe('123456789012345.6');
		expect(pythonFloatRepr(-2.5e-7)).toBe('-2.5e-07');
		expect(pythonFloatRepr(1.5e300)).toBe('1.5e+300');
		expect(pythonFloatRepr(-0)).toBe('-0.0');
	});

	it('uses ", " and ": ", escapes non-ASCII and keeps YAML floats as floats', () => {
		const kinds: Record<string, 'int' | 'float'> = { '["a"]': 'int', '["b",0]': 'float' };
		const text = pythonJsonDumps(
			{ a: 5, b: [5, 'é"\n'], c: { d: null, e: true } },
			[],
			(path) => kinds[JSON.stringify(path)]
		);
		expect(text).toBe('{"a": 5, "b": [5.0, "\\u00e9\\"\\n"], "c": {"d": null, "e": true}}');
	});

	it('serialises an Inline policy mapping that way', async () => {
		const text = `simulation: {ticks_per_day: 2, num_days: 1, rng_seed: 1}
agents:
  - id: A
    opening_balance: 0
    policy:
      type: Inline
      decision_trees: {version: "1.0", policy_id: p, parameters: {x: 2.0}, payment_tree: {type: action, node_id: r, action: Release}}
`;
		const { config } = await loadOk(text);
		expect(config.agent_configs[0].policy).toEqual({
			FromJson: {
				json: '{"version": "1.0", "policy_id": "p", "parameters": {"x": 2.0}, "payment_tree": {"type": "action", "node_id": "r", "action": "Release"}}'
			}
		});
	});
});

describe('policy file search order', () => {
	it('looks next to the scenario, then in each folder above, then from the base', () => {
		expect(policyFileCandidates('simulator/policies/x.json', 'examples/configs/s.yaml')).toEqual([
			'examples/configs/simulator/policies/x.json',
			'examples/simulator/policies/x.json',
			'simulator/policies/x.json'
		]);
		expect(policyFileCandidates('p.json', '/data/run/s.yaml')).toEqual([
			'/data/run/p.json',
			'/data/p.json',
			'/p.json',
			'p.json'
		]);
		expect(policyFileCandidates('../shared/p.json', 'a/b/s.yaml')).toEqual([
			'a/shared/p.json',
			'shared/p.json',
			'../shared/p.json'
		]);
		expect(policyFileCandidates('/abs/p.json', 'a/s.yaml')).toEqual(['/abs/p.json']);
	});

	it('joins and normalises paths', () => {
		expect(joinPath('a/b', './c/../d.json')).toBe('a/b/d.json');
		expect(joinPath('', '../x')).toBe('../x');
		expect(joinPath('/a', '../../x')).toBe('/x');
		expect(dirname('s.yaml')).toBe('');
		expect(dirname('/s.yaml')).toBe('/');
	});

	it('reads each file once and names the file a policy came from', async () => {
		const reads: string[] = [];
		const files: Record<string, string> = {
			'simulator/policies/p.json':
				'{"version": "1.0", "policy_id": "p", "payment_tree": {"type": "action", "node_id": "r", "action": "Release"}}'
		};
		const { loadScenario } = await import('../../../src/lib/config');
		const policy = '{type: FromJson, json_path: simulator/policies/p.json}';
		const result = await loadScenario(
			`simulation: {ticks_per_day: 2, num_days: 1, rng_seed: 1}\nagents:\n  - {id: A, opening_balance: 0, policy: ${policy}}\n  - {id: B, opening_balance: 0, policy: ${policy}}\n`,
			{
				fileName: 'examples/configs/s.yaml',
				resolveFile: (path) => {
					reads.push(path);
					return files[path] ?? null;
				}
			}
		);
		expect(reads).toEqual([
			'examples/configs/simulator/policies/p.json',
			'examples/simulator/policies/p.json',
			'simulator/policies/p.json'
		]);
		expect(result.ok && result.policyFiles).toEqual([
			{ agentId: 'A', file: 'simulator/policies/p.json' },
			{ agentId: 'B', file: 'simulator/policies/p.json' }
		]);
	});
});

describe('did you mean', () => {
	it('measures edits, counting a swap of neighbours as one', () => {
		expect(editDistance('rate_per_tick', 'rate_per_tikc')).toBe(1);
		expect(editDistance('abc', 'abc')).toBe(0);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('suggests close names and known renames only', () => {
		expect(suggestName('unsecure_cap', ['unsecured_cap', 'opening_balance'])).toBe('unsecured_cap');
		expect(suggestName('OPENING_BALANCE', ['opening_balance'])).toBe('opening_balance');
		expect(suggestName('threshold_ticks', ['enabled', 'start_escalating_at_ticks'])).toBe(
			'start_escalating_at_ticks'
		);
		expect(suggestName('cost_model', ['simulation', 'agents'])).toBe('cost_rates');
		expect(suggestName('colour', ['simulation', 'agents'])).toBeUndefined();
	});
});

describe('policy feature toggles', () => {
	const condition = (op: string, left: unknown, right: unknown) => ({ op, left, right });
	const document = {
		payment_tree: {
			type: 'condition',
			condition: {
				op: 'and',
				conditions: [
					condition(
						'>=',
						{ field: 'balance' },
						{ compute: { op: '*', left: { field: 'amount' }, right: { value: 2 } } }
					),
					{ op: 'not', condition: condition('<', { field: 'ticks_to_deadline' }, { value: 1 }) }
				]
			},
			on_true: { type: 'action', action: 'Release', parameters: { priority_flag: { value: 'HIGH' } } },
			on_false: {
				type: 'action',
				action: 'Hold',
				parameters: { x: { compute: { op: 'ceil', value: { field: 'posted_collateral' } } } }
			}
		},
		bank_tree: { type: 'action', action: 'NoAction' }
	};

	it('finds categories as SimCash does, missing the operand of not and of ceil', () => {
		expect([...policyCategories(document)].sort()).toEqual([
			'AgentField',
			'BinaryArithmetic',
			'ComparisonOperator',
			'LogicalOperator',
			'PaymentAction',
			'TransactionField',
			'UnaryMath'
		]);
	});

	it('words include and exclude failures as SimCash does', () => {
		const used = new Set(['PaymentAction', 'AgentField']);
		expect(forbiddenCategoriesMessage(used, { include: ['PaymentAction', 'TimeField'] })).toBe(
			'Policy uses forbidden categories: AgentField. Allowed categories: PaymentAction, TimeField.'
		);
		expect(forbiddenCategoriesMessage(used, { exclude: ['PaymentAction'] })).toBe(
			'Policy uses forbidden categories: PaymentAction. Excluded categories: PaymentAction.'
		);
		expect(forbiddenCategoriesMessage(used, {})).toBeNull();
	});

	it('does not check InlineJson policies or built-ins', async () => {
		const json =
			'{"version": "1.0", "policy_id": "p", "payment_tree": {"type": "action", "node_id": "r", "action": "Release"}}';
		await loadOk(
			`simulation: {ticks_per_day: 2, num_days: 1, rng_seed: 1}
agents:
  - {id: A, opening_balance: 0, policy: {type: InlineJson, json_string: '${json}'}}
  - {id: B, opening_balance: 0, policy: {type: Deadline, urgency_threshold: 2}}
policy_feature_toggles: {include: [TimeField]}
`
		);
	});
});
