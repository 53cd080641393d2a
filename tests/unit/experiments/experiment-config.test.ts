/**
 * Experiment files (spec §2): the three Castro files load unchanged, defaults and overrides apply, the
 * `optimizer` block selects and configures the proposer, and every problem is reported with its file, line
 * and key path.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/config';
import { customizationFor, loadExperiment, type LoadExperimentOptions } from '../../../src/lib/experiments';
import { CASTRO, fixtureResolver, fixtureText, load } from './helpers';

const MINIMAL = `name: tiny
scenario: ../configs/exp1_2period.yaml
evaluation:
  ticks: 2
convergence:
optimized_agents: [BANK_A]
`;

async function problems(text: string, options: Partial<LoadExperimentOptions> = {}, files = {}) {
	const result = await loadExperiment(text, {
		fileName: 'castro/experiments/test.yaml',
		resolveFile: fixtureResolver(files),
		...options
	});
	if (result.ok) throw new Error('expected the file to be rejected');
	return result.errors;
}

function only(errors: Diagnostic[]): Diagnostic {
	expect(errors).toHaveLength(1);
	return errors[0];
}

describe('the Castro experiment files', () => {
	it.each(Object.entries(CASTRO))('%s loads without errors or warnings', async (name, path) => {
		const result = await loadExperiment(fixtureText(path), {
			fileName: path,
			resolveFile: fixtureResolver()
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings).toEqual([]);
		const { experiment } = result;
		expect(experiment.name).toBe(name);
		expect(experiment.optimizedAgents).toEqual(['BANK_A', 'BANK_B']);
		expect(experiment.masterSeed).toBe(42);
		expect(experiment.convergence).toEqual({
			criterion: 'total_cost',
			maxIterations: 25,
			stabilityThreshold: 0.05,
			stabilityWindow: 5,
			improvementThreshold: 0.01
		});
		expect(experiment.llm).toEqual({
			model: 'openai:gpt-5.2',
			temperature: 0.5,
			maxRetries: 3,
			timeoutSeconds: 900,
			thinkingBudget: null,
			reasoningEffort: 'high'
		});
		expect(experiment.constraints?.parameters).toEqual([
			{
				name: 'initial_liquidity_fraction',
				type: 'float',
				min: 0,
				max: 1,
				description: 'Fraction of liquidity_pool to allocate at simulation start. Value between 0.0 and 1.0.'
			}
		]);
		expect(experiment.constraints?.allowedActions).toEqual({
			payment_tree: ['Release', 'Hold'],
			bank_tree: ['NoAction']
		});
		expect(experiment.output).toEqual({ directory: 'results', database: `${name}.db`, verbose: true });
		expect(result.scenario.fileName).toBe(
			`castro/configs/${path.endsWith('exp1.yaml') ? 'exp1_2period' : path.endsWith('exp2.yaml') ? 'exp2_12period' : 'exp3_joint'}.yaml`
		);
		expect(result.scenario.config.agent_configs.map((agent) => agent.liquidity_pool)).toHaveLength(2);
		// Without an optimizer block the offline search is used.
		expect(experiment.optimizer).toEqual({ kind: 'search', steps: [0.05, 0.01, 0.001], passes: 2 });
		expect(customizationFor(experiment, 'BANK_A')).toMatch(/^This scenario tests a fundamental tradeoff/);
	});

	it('reads each evaluation block as written (exp3 is deterministic at 5534eff7)', async () => {
		expect((await load(CASTRO.exp1)).experiment.evaluation).toEqual({
			mode: 'deterministic',
			numSamples: 50,
			ticks: 2
		});
		expect((await load(CASTRO.exp2)).experiment.evaluation).toEqual({
			mode: 'bootstrap',
			numSamples: 50,
			ticks: 12
		});
		expect((await load(CASTRO.exp3)).experiment.evaluation).toEqual({
			mode: 'deterministic',
			numSamples: 50,
			ticks: 3
		});
		expect((await load(CASTRO.exp2)).experiment.constraints?.allowedFields).toEqual([
			'system_tick_in_day',
			'balance',
			'amount',
			'remaining_amount',
			'ticks_to_deadline'
		]);
	});

	it('takes the command line’s seed, optimizer and iteration cap', async () => {
		const { experiment } = await load(CASTRO.exp1, { seed: 7, optimizer: 'llm', maxIterations: 4 });
		expect(experiment.masterSeed).toBe(7);
		expect(experiment.convergence.maxIterations).toBe(4);
		// The llm optimizer falls back to the llm block and the provider's OpenAI-compatible endpoint.
		expect(experiment.optimizer).toEqual({
			kind: 'llm',
			baseUrl: 'https://api.openai.com/v1',
			model: 'gpt-5.2',
			apiKeyEnv: 'OPENAI_API_KEY',
			temperature: 0.5,
			maxTokens: 35000,
			timeoutSeconds: 900,
			maxRetries: 3,
			reasoningEffort: 'high'
		});
	});
});

describe('defaults and our optimizer block', () => {
	it('fills SimCash’s defaults', async () => {
		const { experiment } = await load('castro/experiments/minimal.yaml', { text: MINIMAL });
		expect(experiment.evaluation).toEqual({ mode: 'bootstrap', numSamples: 1, ticks: 2 });
		expect(experiment.convergence).toEqual({
			criterion: 'total_cost',
			maxIterations: 50,
			stabilityThreshold: 0.05,
			stabilityWindow: 5,
			improvementThreshold: 0.01
		});
		expect(experiment.masterSeed).toBe(42);
		expect(experiment.llm).toBeNull();
		expect(experiment.constraints).toBeNull();
		expect(experiment.output).toBeNull();
		expect(experiment.description).toBe('');
	});

	it('warns that nothing is optimized without policy_constraints', async () => {
		const result = await loadExperiment(MINIMAL, {
			fileName: 'castro/experiments/m.yaml',
			resolveFile: fixtureResolver()
		});
		expect(result.ok && result.warnings.map((w) => w.message)).toEqual([
			'no policy_constraints: iterations only evaluate, nothing is optimized'
		]);
	});

	it('configures the search and an llm endpoint of our own', async () => {
		const search = await load('castro/experiments/s.yaml', {
			text: `${MINIMAL}optimizer:\n  kind: search\n  steps: [0.1, 0.01]\n  passes: 1\n`
		});
		expect(search.experiment.optimizer).toEqual({ kind: 'search', steps: [0.1, 0.01], passes: 1 });
		const llm = await load('castro/experiments/l.yaml', {
			text: `${MINIMAL}optimizer:\n  kind: llm\n  base_url: http://127.0.0.1:8080/v1\n  model: qwen2.5-7b\n  api_key_env: LOCAL_KEY\n  timeout_seconds: 0.5\n  max_retries: 2\n`
		});
		expect(llm.experiment.optimizer).toEqual({
			kind: 'llm',
			baseUrl: 'http://127.0.0.1:8080/v1',
			model: 'qwen2.5-7b',
			apiKeyEnv: 'LOCAL_KEY',
			temperature: 0,
			maxTokens: 35000,
			timeoutSeconds: 0.5,
			maxRetries: 2,
			reasoningEffort: null
		});
	});

	it('resolves prompt customization as SimCash does', async () => {
		const both = await load('castro/experiments/c.yaml', {
			text: `${MINIMAL}prompt_customization:\n  all: "  shared  "\n  BANK_A: own text\n  BANK_B: 5\n`
		});
		expect(customizationFor(both.experiment, 'BANK_A')).toBe('shared\n\nown text');
		expect(customizationFor(both.experiment, 'BANK_B')).toBe('shared');
		const legacy = await load('castro/experiments/c.yaml', {
			text: `${MINIMAL}llm:\n  model: openai:x\n  system_prompt_file: prompt.txt\n`,
			files: { 'castro/experiments/prompt.txt': 'legacy prompt\n' }
		});
		expect(customizationFor(legacy.experiment, 'BANK_A')).toBe('legacy prompt');
		// An empty block wins over a legacy prompt: no customization at all.
		const empty = await load('castro/experiments/c.yaml', {
			text: `${MINIMAL}llm:\n  model: openai:x\n  system_prompt: legacy\nprompt_customization: {}\n`
		});
		expect(customizationFor(empty.experiment, 'BANK_A')).toBeNull();
	});
});

describe('errors name the file, line and key path', () => {
	it('an evaluation mode that does not exist', async () => {
		const error = only(await problems(MINIMAL.replace('  ticks: 2', '  ticks: 2\n  mode: montecarlo')));
		expect(error).toMatchObject({
			file: 'castro/experiments/test.yaml',
			line: 5,
			path: 'evaluation.mode',
			code: 'invalid-value',
			allowed: 'one of bootstrap, deterministic'
		});
	});

	it('a missing required key', async () => {
		const error = only(await problems(MINIMAL.replace('  ticks: 2\n', '  mode: deterministic\n')));
		expect(error).toMatchObject({ line: 4, path: 'evaluation.ticks', code: 'missing-key' });
		const convergence = only(await problems(MINIMAL.replace('convergence:\n', '')));
		expect(convergence).toMatchObject({ path: 'convergence', code: 'missing-key' });
	});

	it('an agent the scenario does not have, with the closest name', async () => {
		const error = only(await problems(MINIMAL.replace('[BANK_A]', '[BANK_A, BANK_Z]')));
		expect(error).toMatchObject({
			line: 6,
			path: 'optimized_agents[1]',
			code: 'unknown-reference',
			allowed: 'one of BANK_A, BANK_B'
		});
	});

	it('an API key written into the file', async () => {
		const errors = await problems(
			`${MINIMAL}optimizer:\n  kind: llm\n  base_url: http://x/v1\n  model: m\n  api_key: sk-secret\n`
		);
		expect(errors.map((e) => [e.path, e.line])).toContainEqual(['optimizer.api_key', 11]);
		expect(JSON.stringify(errors)).not.toContain('sk-secret');
	});

	it('an unknown optimizer kind, with a suggestion', async () => {
		const error = only(await problems(`${MINIMAL}optimizer:\n  kind: serch\n`));
		expect(error).toMatchObject({ line: 8, path: 'optimizer.kind', suggestion: 'search' });
	});

	it('an llm optimizer without a model or address', async () => {
		expect(only(await problems(`${MINIMAL}optimizer:\n  kind: llm\n`))).toMatchObject({ path: 'llm' });
		expect(only(await problems(`${MINIMAL}optimizer:\n  kind: llm\n  model: local-model\n`))).toMatchObject({
			path: 'optimizer.base_url'
		});
	});

	it('constraints that contradict themselves or name unknown actions', async () => {
		const errors = await problems(
			`${MINIMAL}policy_constraints:\n  allowed_parameters:\n    - name: f\n      param_type: float\n      min_value: 1\n      max_value: 0\n  allowed_actions:\n    payment_tree: [Release, Relase]\n    paymnt_tree: [Hold]\n`
		);
		expect(errors.map((e) => [e.path, e.line])).toEqual([
			['policy_constraints.allowed_parameters[0].max_value', 12],
			['policy_constraints.allowed_actions.payment_tree[1]', 14],
			['policy_constraints.allowed_actions.paymnt_tree', 15]
		]);
		expect(errors[1].suggestion).toBe('Release');
	});

	it('a scenario file that is missing, and one with errors of its own', async () => {
		expect(only(await problems(MINIMAL.replace('exp1_2period', 'nope')))).toMatchObject({
			line: 2,
			path: 'scenario',
			message: 'scenario file not found',
			found: '"castro/configs/nope.yaml"'
		});
		const broken = fixtureText('castro/configs/exp1_2period.yaml').replace(
			'ticks_per_day: 2',
			'ticks_per_day: two'
		);
		const error = only(await problems(MINIMAL, {}, { 'castro/configs/exp1_2period.yaml': broken }));
		expect(error).toMatchObject({
			file: 'castro/configs/exp1_2period.yaml',
			path: 'simulation.ticks_per_day'
		});
	});

	it('YAML that cannot be read', async () => {
		expect(only(await problems('name: [unclosed\n'))).toMatchObject({ code: 'yaml-syntax', line: 2 });
	});

	it('unknown keys are warnings, or errors when strict', async () => {
		const text = MINIMAL.replace('  ticks: 2', '  ticks: 2\n  tiks: 3');
		const lenient = await loadExperiment(text, {
			fileName: 'castro/experiments/t.yaml',
			resolveFile: fixtureResolver()
		});
		expect(lenient.ok && lenient.warnings.find((w) => w.code === 'unknown-key')).toMatchObject({
			path: 'evaluation.tiks',
			line: 5,
			suggestion: 'ticks'
		});
		expect(only(await problems(text, { strict: true }))).toMatchObject({
			code: 'unknown-key',
			path: 'evaluation.tiks'
		});
	});
});
