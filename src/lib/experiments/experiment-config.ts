/**
 * The experiment file (spec §2): SimCash's keys, defaults and meanings, plus our `optimizer` block. The
 * zod schema validates the YAML as read; `toExperimentConfig` gives the settings the loop uses.
 *
 * Differences from SimCash (docs/divergences.md, "Experiments"): the `llm` block is needed only for the
 * `llm` optimizer; `convergence.criterion` selects the policy-stability criterion; `optimizer` chooses
 * and configures the proposer; API keys are never read from the file.
 */
import { z } from 'zod';
import { boolean, float, integer, text } from '../config';
import type { ConvergenceCriterion } from './convergence';
import type { TreeName } from './policy-document';

export const EVALUATION_MODES = ['bootstrap', 'deterministic'] as const;
export type EvaluationMode = (typeof EVALUATION_MODES)[number];

export const OPTIMIZER_KINDS = ['search', 'llm'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;

const PARAMETER_TYPES = ['int', 'float', 'enum'] as const;

/** The largest master seed whose derived texts stay exact as JavaScript numbers. */
const MAX_SEED = Number.MAX_SAFE_INTEGER;

const parameterSpec = z.object({
	name: text('Parameter name as used in the policy document').min(1),
	param_type: z.enum(PARAMETER_TYPES).describe('int, float or enum'),
	min_value: float().nullish().describe('Smallest allowed value (int and float)'),
	max_value: float().nullish().describe('Largest allowed value (int and float)'),
	allowed_values: z.array(z.unknown()).nullish().describe('The allowed values (enum)'),
	description: text('What the parameter means').nullish()
});

const policyConstraints = z.object({
	allowed_parameters: z.array(parameterSpec).nullish(),
	allowed_fields: z.array(text()).nullish(),
	allowed_actions: z.record(z.string(), z.array(text())).nullish()
});

const llmBlock = z.object({
	model: text('provider:model, e.g. openai:gpt-5.2'),
	temperature: float({}).default(0),
	max_retries: integer({ ge: 1 }).default(3),
	timeout_seconds: float({ gt: 0 }).default(120),
	thinking_budget: integer({ ge: 0 }).nullish(),
	reasoning_effort: z.enum(REASONING_EFFORTS).nullish(),
	system_prompt: text().nullish(),
	system_prompt_file: text().nullish()
});

const searchOptimizer = z.object({
	kind: z.literal('search'),
	steps: z
		.array(float({ gt: 0, le: 1 }))
		.min(1)
		.nullish()
		.describe('Grid steps, coarse to fine, as fractions of each parameter range'),
	passes: integer({ ge: 1, le: 10 }).nullish().describe('Coordinate passes over the parameters')
});

const llmOptimizer = z.object({
	kind: z.literal('llm'),
	base_url: text('Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8080/v1').nullish(),
	model: text('Model name sent to the API').nullish(),
	api_key_env: text('Environment variable holding the API key (command line)').nullish(),
	temperature: float({}).nullish(),
	max_tokens: integer({ ge: 1 }).nullish(),
	timeout_seconds: float({ gt: 0 }).nullish(),
	max_retries: integer({ ge: 1 }).nullish(),
	reasoning_effort: z.enum(REASONING_EFFORTS).nullish()
});

export const OPTIMIZER_SCHEMAS = { search: searchOptimizer, llm: llmOptimizer } as const;

/** The file's schema with the optimizer block of the given kind. */
export function experimentFileSchema(optimizerKind: OptimizerKind) {
	return z.object({
		name: text('Experiment name, the prefix of its run ids').min(1),
		description: text().nullish(),
		scenario: text('Scenario file, relative to this file'),
		evaluation: z.object({
			mode: z.enum(EVALUATION_MODES).default('bootstrap'),
			num_samples: integer({ ge: 0 }).nullish(),
			ticks: integer({ ge: 1 }, 'Ticks simulated per evaluation run')
		}),
		convergence: z
			.object({
				max_iterations: integer({ ge: 1 }).default(50),
				stability_threshold: float({ ge: 0 }).default(0.05),
				stability_window: integer({ ge: 1 }).default(5),
				improvement_threshold: float({}).default(0.01),
				criterion: z.enum(['total_cost', 'policy_stability']).default('total_cost')
			})
			.nullable()
			.describe('May be empty, but must be present'),
		llm: llmBlock.nullish(),
		optimized_agents: z.array(text()).min(1),
		constraints: text().nullish(),
		policy_constraints: policyConstraints.nullish(),
		prompt_customization: z.record(z.string(), z.unknown()).nullish(),
		output: z
			.object({
				directory: text().default('results'),
				database: text().default('experiments.db'),
				verbose: boolean().default(true)
			})
			.nullish(),
		master_seed: integer({ ge: 0, le: MAX_SEED }).default(42),
		optimizer: OPTIMIZER_SCHEMAS[optimizerKind].nullish()
	});
}

export type ExperimentFile = z.infer<ReturnType<typeof experimentFileSchema>>;

export type ParameterSpec =
	| {
			name: string;
			type: 'float' | 'int';
			min: number | null;
			max: number | null;
			description: string | null;
	  }
	| { name: string; type: 'enum'; values: (string | number | boolean)[]; description: string | null };

export interface PolicyConstraints {
	parameters: ParameterSpec[];
	allowedFields: string[];
	/** Actions allowed per tree; a tree without an entry is unrestricted. */
	allowedActions: Partial<Record<TreeName | 'collateral_tree', string[]>>;
}

export interface PromptCustomization {
	/** Text for every agent. */
	all: string | null;
	/** Extra text per agent id. */
	agents: Record<string, string>;
}

export interface LlmSettings {
	/** `provider:model` as written. */
	model: string;
	temperature: number;
	maxRetries: number;
	timeoutSeconds: number;
	thinkingBudget: number | null;
	reasoningEffort: (typeof REASONING_EFFORTS)[number] | null;
}

export type OptimizerSettings =
	| { kind: 'search'; steps: number[]; passes: number }
	| {
			kind: 'llm';
			baseUrl: string;
			model: string;
			apiKeyEnv: string;
			temperature: number;
			maxTokens: number;
			timeoutSeconds: number;
			maxRetries: number;
			reasoningEffort: (typeof REASONING_EFFORTS)[number] | null;
	  };

export interface ExperimentConfig {
	name: string;
	description: string;
	/** The scenario path as written in the file. */
	scenario: string;
	/** The scenario path resolved against the experiment file's folder. */
	scenarioFile: string;
	evaluation: { mode: EvaluationMode; numSamples: number; ticks: number };
	convergence: {
		criterion: ConvergenceCriterion;
		maxIterations: number;
		stabilityThreshold: number;
		stabilityWindow: number;
		/** Read and kept, not used (as in SimCash). */
		improvementThreshold: number;
	};
	llm: LlmSettings | null;
	optimizedAgents: string[];
	/** Null: nothing is optimized, iterations only evaluate (SimCash's behaviour without constraints). */
	constraints: PolicyConstraints | null;
	promptCustomization: PromptCustomization;
	output: { directory: string; database: string; verbose: boolean } | null;
	masterSeed: number;
	optimizer: OptimizerSettings;
}

export const DEFAULT_SEARCH_STEPS = [0.05, 0.01, 0.001];
const DEFAULT_SEARCH_PASSES = 2;
const DEFAULT_MAX_TOKENS = 35_000;
const DEFAULT_API_KEY_ENV = 'OPENAI_API_KEY';

/** OpenAI-compatible endpoints of the providers SimCash's model strings name. */
const PROVIDER_BASE_URLS: Readonly<Record<string, { url: string; keyEnv: string }>> = {
	openai: { url: 'https://api.openai.com/v1', keyEnv: 'OPENAI_API_KEY' },
	anthropic: { url: 'https://api.anthropic.com/v1', keyEnv: 'ANTHROPIC_API_KEY' },
	google: { url: 'https://generativelanguage.googleapis.com/v1beta/openai', keyEnv: 'GOOGLE_API_KEY' }
};

/** `provider:model` split; a string without a provider is a bare model name. */
export function splitModel(model: string): { provider: string | null; name: string } {
	const colon = model.indexOf(':');
	if (colon <= 0) return { provider: null, name: model };
	return { provider: model.slice(0, colon), name: model.slice(colon + 1) };
}

function parameterSpecOf(spec: z.infer<typeof parameterSpec>): ParameterSpec {
	const description = spec.description ?? null;
	if (spec.param_type === 'enum') {
		const values = (spec.allowed_values ?? []).filter(
			(value): value is string | number | boolean =>
				typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		);
		return { name: spec.name, type: 'enum', values, description };
	}
	return {
		name: spec.name,
		type: spec.param_type,
		min: spec.min_value ?? null,
		max: spec.max_value ?? null,
		description
	};
}

function constraintsOf(file: ExperimentFile): PolicyConstraints | null {
	const block = file.policy_constraints;
	if (block == null) return null;
	return {
		parameters: (block.allowed_parameters ?? []).map(parameterSpecOf),
		allowedFields: [...(block.allowed_fields ?? [])],
		allowedActions: { ...(block.allowed_actions ?? {}) }
	};
}

/**
 * Customization (spec §2.1): with a `prompt_customization` block (even an empty one), its `all` text and each
 * agent's own text; without one, a legacy system prompt becomes the `all` text. Texts are stripped; blank
 * ones are dropped; values that are not strings are ignored.
 */
function customizationOf(file: ExperimentFile, legacyPrompt: string | null): PromptCustomization {
	const block = file.prompt_customization;
	const nonBlank = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
	if (block == null) return { all: nonBlank(legacyPrompt), agents: {} };
	const agents: Record<string, string> = {};
	for (const agent of file.optimized_agents) {
		const own = nonBlank(block[agent]);
		if (own !== null) agents[agent] = own;
	}
	return { all: nonBlank(block.all), agents };
}

/** The customization text for one agent: the shared and the agent's own text, or null. */
export function customizationFor(config: ExperimentConfig, agentId: string): string | null {
	const parts = [config.promptCustomization.all, config.promptCustomization.agents[agentId] ?? null];
	const present = parts.filter((part): part is string => part !== null);
	return present.length === 0 ? null : present.join('\n\n');
}

function llmOf(file: ExperimentFile): LlmSettings | null {
	const block = file.llm;
	if (block == null) return null;
	return {
		model: block.model,
		temperature: block.temperature,
		maxRetries: block.max_retries,
		timeoutSeconds: block.timeout_seconds,
		thinkingBudget: block.thinking_budget ?? null,
		reasoningEffort: block.reasoning_effort ?? null
	};
}

function optimizerOf(file: ExperimentFile, kind: OptimizerKind, llm: LlmSettings | null): OptimizerSettings {
	const block = file.optimizer;
	if (kind === 'search') {
		const search = block?.kind === 'search' ? block : null;
		return {
			kind: 'search',
			steps: [...(search?.steps ?? DEFAULT_SEARCH_STEPS)],
			passes: search?.passes ?? DEFAULT_SEARCH_PASSES
		};
	}
	const own = block?.kind === 'llm' ? block : null;
	const model = splitModel(own?.model ?? llm?.model ?? '');
	const provider = model.provider === null ? undefined : PROVIDER_BASE_URLS[model.provider];
	return {
		kind: 'llm',
		baseUrl: own?.base_url ?? provider?.url ?? '',
		model: own?.model ?? model.name,
		apiKeyEnv: own?.api_key_env ?? provider?.keyEnv ?? DEFAULT_API_KEY_ENV,
		temperature: own?.temperature ?? llm?.temperature ?? 0,
		maxTokens: own?.max_tokens ?? DEFAULT_MAX_TOKENS,
		timeoutSeconds: own?.timeout_seconds ?? llm?.timeoutSeconds ?? 120,
		maxRetries: own?.max_retries ?? llm?.maxRetries ?? 3,
		reasoningEffort: own?.reasoning_effort ?? llm?.reasoningEffort ?? null
	};
}

export interface ConfigInputs {
	file: ExperimentFile;
	optimizerKind: OptimizerKind;
	scenarioFile: string;
	/** Text of `llm.system_prompt`, or of `llm.system_prompt_file`, if any. */
	legacyPrompt: string | null;
}

/** The validated file as loop settings. */
export function toExperimentConfig({
	file,
	optimizerKind,
	scenarioFile,
	legacyPrompt
}: ConfigInputs): ExperimentConfig {
	const convergence = file.convergence;
	const llm = llmOf(file);
	return {
		name: file.name,
		description: file.description ?? '',
		scenario: file.scenario,
		scenarioFile,
		evaluation: {
			mode: file.evaluation.mode,
			numSamples: file.evaluation.num_samples ?? 1,
			ticks: file.evaluation.ticks
		},
		convergence: {
			criterion: convergence?.criterion ?? 'total_cost',
			maxIterations: convergence?.max_iterations ?? 50,
			stabilityThreshold: convergence?.stability_threshold ?? 0.05,
			stabilityWindow: convergence?.stability_window ?? 5,
			improvementThreshold: convergence?.improvement_threshold ?? 0.01
		},
		llm,
		optimizedAgents: [...file.optimized_agents],
		constraints: constraintsOf(file),
		promptCustomization: customizationOf(file, legacyPrompt),
		output: file.output == null ? null : { ...file.output },
		masterSeed: file.master_seed,
		optimizer: optimizerOf(file, optimizerKind, llm)
	};
}

/** Deterministic mode, or bootstrap with at most one sample (which SimCash evaluates deterministically). */
export function isDeterministic(config: ExperimentConfig): boolean {
	return config.evaluation.mode === 'deterministic' || config.evaluation.numSamples <= 1;
}
