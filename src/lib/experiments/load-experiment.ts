/**
 * Loading an experiment file: the YAML read with the scenario loader's reader (PyYAML semantics, positions
 * kept), validated with zod, checked against its scenario, which is loaded with `loadScenario`. Every
 * problem becomes a diagnostic naming file, line, column and key path. Never throws for bad input.
 */
import {
	describeValue,
	DiagnosticList,
	dirname,
	issueToDiagnostic,
	isMapping,
	joinPath,
	loadScenario,
	readMappingDocument,
	reportUnknownKeys,
	suggestName,
	type Diagnostic,
	type EngineConfigJson,
	type LoadScenarioResult,
	type Path,
	type ResolveFile,
	type ScenarioFormat,
	type ScenarioText
} from '../config';
import { ACTION_NAMES, isFieldName } from '../policy';
import {
	experimentFileSchema,
	OPTIMIZER_KINDS,
	toExperimentConfig,
	type ExperimentConfig,
	type ExperimentFile,
	type OptimizerKind
} from './experiment-config';
import { TREE_NAMES } from './policy-document';

export interface LoadExperimentOptions {
	/** Shown in diagnostics; the scenario path is resolved against its folder. */
	fileName: string;
	/** Reads the scenario, policy and prompt files the experiment refers to. */
	resolveFile: ResolveFile;
	/** Replaces `master_seed` (`experiment run --seed`). */
	seed?: number;
	/** Replaces the file's optimizer kind (`--optimizer`). */
	optimizer?: OptimizerKind;
	/** Replaces `convergence.max_iterations` (`--max-iterations`). */
	maxIterations?: number;
	/** Unknown keys are errors instead of warnings. */
	strict?: boolean;
}

export interface LoadedScenario {
	fileName: string;
	text: string;
	/** The engine configuration with the scenario's own policies. */
	config: EngineConfigJson;
}

export type LoadExperimentResult =
	| {
			ok: true;
			experiment: ExperimentConfig;
			scenario: LoadedScenario;
			/** The experiment file's text, stored with the run. */
			text: string;
			warnings: Diagnostic[];
	  }
	| { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

type Root = Record<string, unknown>;

function formatOf(fileName: string): ScenarioFormat {
	return fileName.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
	return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

function failure(diagnostics: DiagnosticList, extra: readonly Diagnostic[] = []): LoadExperimentResult {
	const all = [...diagnostics.items, ...extra];
	return {
		ok: false,
		errors: all.filter((d) => d.severity === 'error').sort(byPosition),
		warnings: all.filter((d) => d.severity === 'warning').sort(byPosition)
	};
}

/** The optimizer kind: the caller's override, the file's `optimizer.kind`, else the offline search. */
function optimizerKind(root: Root, override: OptimizerKind | undefined, diagnostics: DiagnosticList) {
	if (override !== undefined) return override;
	const block = root.optimizer;
	if (block == null) return 'search';
	const kind = isMapping(block) ? block.kind : undefined;
	if ((OPTIMIZER_KINDS as readonly unknown[]).includes(kind)) return kind as OptimizerKind;
	diagnostics.error(kind === undefined ? 'missing-key' : 'invalid-value', ['optimizer', 'kind'], {
		message: kind === undefined ? 'the optimizer block needs a kind' : 'unknown optimizer kind',
		found: describeValue(kind),
		allowed: OPTIMIZER_KINDS.join(' or '),
		...(typeof kind === 'string' ? { suggestion: suggestName(kind, OPTIMIZER_KINDS) } : {})
	});
	return null;
}

/** Keys must never hold secrets: experiment files are stored with every run. */
function rejectApiKeys(root: Root, diagnostics: DiagnosticList): void {
	for (const block of ['optimizer', 'llm']) {
		const value = root[block];
		if (isMapping(value) && Object.hasOwn(value, 'api_key')) {
			diagnostics.error('invalid-value', [block, 'api_key'], {
				message: 'API keys are never read from experiment files (the file is stored with the run)',
				found: 'a key',
				allowed: 'optimizer.api_key_env naming an environment variable, or the key in the app settings',
				atKey: true
			});
		}
	}
}

function validate(
	root: Root,
	kind: OptimizerKind,
	source: ScenarioText,
	diagnostics: DiagnosticList,
	strict: boolean
) {
	const schema = experimentFileSchema(kind);
	reportUnknownKeys(schema, root, source.nonStringKeys, diagnostics, strict);
	const parsed = schema.safeParse(root);
	if (parsed.success) return parsed.data;
	for (const issue of parsed.error.issues) {
		const { code, path, details } = issueToDiagnostic(issue, root, schema);
		diagnostics.error(code, path, details);
	}
	return null;
}

function checkParameters(file: ExperimentFile, diagnostics: DiagnosticList): void {
	const specs = file.policy_constraints?.allowed_parameters ?? [];
	const seen = new Set<string>();
	specs.forEach((spec, index) => {
		const path: Path = ['policy_constraints', 'allowed_parameters', index];
		if (seen.has(spec.name)) {
			diagnostics.error('duplicate-id', [...path, 'name'], {
				message: 'parameter listed twice',
				found: JSON.stringify(spec.name),
				allowed: 'each parameter once'
			});
		}
		seen.add(spec.name);
		if (spec.param_type === 'enum') {
			if ((spec.allowed_values ?? []).length === 0) {
				diagnostics.error('missing-key', [...path, 'allowed_values'], {
					message: 'an enum parameter needs its allowed values',
					found: describeValue(spec.allowed_values),
					allowed: 'a non-empty list'
				});
			}
			return;
		}
		const min = spec.min_value;
		const max = spec.max_value;
		if (min != null && max != null && min > max) {
			diagnostics.error('out-of-range', [...path, 'max_value'], {
				message: 'max_value is below min_value',
				found: String(max),
				allowed: `a number ≥ min_value (${min})`
			});
		}
	});
}

function checkActionsAndFields(file: ExperimentFile, diagnostics: DiagnosticList): void {
	const actions = file.policy_constraints?.allowed_actions ?? {};
	const trees: readonly string[] = [...TREE_NAMES, 'collateral_tree'];
	for (const [tree, names] of Object.entries(actions)) {
		const path: Path = ['policy_constraints', 'allowed_actions', tree];
		if (!trees.includes(tree)) {
			diagnostics.error('unknown-key', path, {
				message: 'not a policy tree',
				found: JSON.stringify(tree),
				allowed: `one of ${trees.join(', ')}`,
				atKey: true,
				...(suggestName(tree, trees) !== undefined ? { suggestion: suggestName(tree, trees) } : {})
			});
		}
		names.forEach((name, index) => {
			if ((ACTION_NAMES as readonly string[]).includes(name)) return;
			const suggestion = suggestName(name, ACTION_NAMES);
			diagnostics.error('invalid-value', [...path, index], {
				message: 'not an action of the policy language',
				found: JSON.stringify(name),
				allowed: `one of ${ACTION_NAMES.join(', ')}`,
				...(suggestion !== undefined ? { suggestion } : {})
			});
		});
	}
	(file.policy_constraints?.allowed_fields ?? []).forEach((field, index) => {
		if (isFieldName(field)) return;
		diagnostics.warning('invalid-value', ['policy_constraints', 'allowed_fields', index], {
			message: 'not a context field of the policy language; policies cannot use it',
			found: JSON.stringify(field),
			allowed: 'a field name such as balance, amount or ticks_to_deadline'
		});
	});
}

function checkOptimizer(file: ExperimentFile, kind: OptimizerKind, diagnostics: DiagnosticList): void {
	if (kind !== 'llm') return;
	const own = file.optimizer?.kind === 'llm' ? file.optimizer : null;
	if (own?.model == null && file.llm == null) {
		diagnostics.error('missing-key', ['llm'], {
			message: 'the llm optimizer needs a model: llm.model or optimizer.model',
			found: 'nothing (no such key)',
			allowed: 'llm: {model: "openai:gpt-5.2"} or optimizer: {kind: llm, base_url: …, model: …}'
		});
		return;
	}
	const provider = (own?.model ?? file.llm?.model ?? '').split(':')[0];
	const known = ['openai', 'anthropic', 'google'];
	if (own?.base_url == null && !known.includes(provider)) {
		diagnostics.error('missing-key', ['optimizer', 'base_url'], {
			message: 'no API address: the model names no known provider',
			found: describeValue(own?.model ?? file.llm?.model),
			allowed: `optimizer.base_url, or a model string starting with ${known.map((p) => `${p}:`).join(', ')}`
		});
	}
}

function checkConstraintsPresent(file: ExperimentFile, diagnostics: DiagnosticList): void {
	if (file.policy_constraints != null) return;
	const legacy = file.constraints != null && file.constraints !== '';
	diagnostics.warning(legacy ? 'invalid-value' : 'missing-key', legacy ? ['constraints'] : [], {
		message: legacy
			? 'Python constraint modules cannot be loaded here; without policy_constraints nothing is optimized'
			: 'no policy_constraints: iterations only evaluate, nothing is optimized',
		found: legacy ? describeValue(file.constraints) : 'no policy_constraints',
		allowed: 'a policy_constraints block with allowed_parameters'
	});
}

async function readLegacyPrompt(
	file: ExperimentFile,
	fileName: string,
	resolveFile: ResolveFile,
	diagnostics: DiagnosticList
): Promise<string | null> {
	if (file.llm?.system_prompt != null) return file.llm.system_prompt;
	const promptFile = file.llm?.system_prompt_file;
	if (promptFile == null) return null;
	const path = joinPath(dirname(fileName), promptFile);
	const text = await resolveFile(path);
	if (text === null) {
		diagnostics.error('policy-file', ['llm', 'system_prompt_file'], {
			message: 'system prompt file not found',
			found: JSON.stringify(path),
			allowed: 'a readable text file, relative to the experiment file'
		});
	}
	return text;
}

async function readScenario(
	file: ExperimentFile,
	scenarioFile: string,
	resolveFile: ResolveFile,
	diagnostics: DiagnosticList
): Promise<{ text: string; result: LoadScenarioResult } | null> {
	const text = await resolveFile(scenarioFile);
	if (text === null) {
		diagnostics.error('unknown-reference', ['scenario'], {
			message: 'scenario file not found',
			found: JSON.stringify(scenarioFile),
			allowed: 'a scenario file, relative to the experiment file'
		});
		return null;
	}
	return { text, result: await loadScenario(text, { fileName: scenarioFile, resolveFile }) };
}

function checkAgents(file: ExperimentFile, config: EngineConfigJson, diagnostics: DiagnosticList): void {
	const ids = config.agent_configs.map((agent) => agent.id);
	const seen = new Set<string>();
	file.optimized_agents.forEach((agent, index) => {
		if (seen.has(agent)) {
			diagnostics.error('duplicate-id', ['optimized_agents', index], {
				message: 'agent listed twice',
				found: JSON.stringify(agent),
				allowed: 'each agent once'
			});
		}
		seen.add(agent);
		if (ids.includes(agent)) return;
		const suggestion = suggestName(agent, ids);
		diagnostics.error('unknown-reference', ['optimized_agents', index], {
			message: 'no such agent in the scenario',
			found: JSON.stringify(agent),
			allowed: `one of ${ids.join(', ')}`,
			...(suggestion !== undefined ? { suggestion } : {})
		});
	});
}

function applyOverrides(config: ExperimentConfig, options: LoadExperimentOptions): ExperimentConfig {
	const overridden = { ...config, convergence: { ...config.convergence } };
	if (options.seed !== undefined) overridden.masterSeed = options.seed;
	if (options.maxIterations !== undefined) overridden.convergence.maxIterations = options.maxIterations;
	return overridden;
}

/** Loads an experiment file and its scenario. */
export async function loadExperiment(
	text: string,
	options: LoadExperimentOptions
): Promise<LoadExperimentResult> {
	const { fileName, resolveFile } = options;
	const document = readMappingDocument(
		text,
		fileName,
		formatOf(fileName),
		'a mapping with name, scenario, evaluation, convergence and optimized_agents'
	);
	if (!document.ok) return failure(document.diagnostics);
	const { source, root, diagnostics } = document;
	rejectApiKeys(root, diagnostics);
	const kind = optimizerKind(root, options.optimizer, diagnostics);
	if (kind === null) return failure(diagnostics);
	const file = validate(root, kind, source, diagnostics, options.strict === true);
	if (file === null) return failure(diagnostics);
	checkParameters(file, diagnostics);
	checkActionsAndFields(file, diagnostics);
	checkOptimizer(file, kind, diagnostics);
	checkConstraintsPresent(file, diagnostics);

	const scenarioFile = joinPath(dirname(fileName), file.scenario);
	const legacyPrompt = await readLegacyPrompt(file, fileName, resolveFile, diagnostics);
	const scenario = await readScenario(file, scenarioFile, resolveFile, diagnostics);
	if (scenario === null) return failure(diagnostics);
	if (!scenario.result.ok) {
		return failure(diagnostics, [...scenario.result.errors, ...scenario.result.warnings]);
	}
	checkAgents(file, scenario.result.config, diagnostics);
	if (diagnostics.errors.length > 0) return failure(diagnostics, scenario.result.warnings);

	const config = toExperimentConfig({ file, optimizerKind: kind, scenarioFile, legacyPrompt });
	return {
		ok: true,
		experiment: applyOverrides(config, options),
		scenario: { fileName: scenarioFile, text: scenario.text, config: scenario.result.config },
		text,
		warnings: [...diagnostics.warnings, ...scenario.result.warnings].sort(byPosition)
	};
}
