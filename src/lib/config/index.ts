/**
 * Scenario files: SimCash scenario YAML (or JSON) in, the engine configuration out, or every problem of the
 * file with its line, column, key path, the value found and what is allowed.
 *
 *   const result = await loadScenario(text, { fileName: 'examples/configs/x.yaml', resolveFile });
 *   if (result.ok) createEngine(result.config); else show(result.errors);
 *
 * The same loader runs in the browser (resolveFile fetches, see fetch-resolver.ts) and in Node (the CLI
 * reads files). Spec: scenario-config.md; deliberate differences: docs/divergences.md, "Scenario files".
 */
import { crossCheck } from './cross-checks';
import { isMapping, readMappingDocument } from './document';
import { DiagnosticList, valueAt, type Diagnostic } from './diagnostics';
import type { EngineConfigJson, EnginePolicyJson } from './engine-json';
import type { FeatureToggles } from './feature-toggles';
import { checkForwardedKeys, dropForCompatibility } from './forwarded-keys';
import { formatPath, type Path } from './path';
import { resolvePolicies, type PolicyRequest, type ResolveFile } from './resolve-policies';
import {
	policy as policySchema,
	policyFeatureToggles,
	scenario as scenarioSchema,
	type Scenario
} from './schema';
import { issueToDiagnostic } from './schema-issues';
import { toEngineConfig } from './to-engine-config';
import { reportUnknownKeys } from './unknown-keys';
import { resolveVariants } from './variants';
import type { ScenarioFormat } from './yaml';

export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics';
export { formatDiagnostic, formatDiagnostics } from './diagnostics';
export type * from './engine-json';
export { FORWARDED_KEYS, findForwardedKeys, type ForwardedKey } from './forwarded-keys';
export type { ResolveFile } from './resolve-policies';
export { policyFileCandidates } from './policy-paths';
export type { Scenario } from './schema';
export { scenarioJsonSchema } from './json-schema';
export { createFetchResolver } from './fetch-resolver';

// The toolkit other configuration files (experiment files) are read with, so that their diagnostics
// look and are placed exactly like a scenario's.
export { boolean, float, integer, text } from './coerce';
export { DiagnosticList, describeValue } from './diagnostics';
export { isMapping, readMappingDocument, type MappingDocument } from './document';
export type { Path } from './path';
export { dirname, joinPath } from './policy-paths';
export { issueToDiagnostic } from './schema-issues';
export { editDistance, suggestName } from './suggest';
export { reportUnknownKeys } from './unknown-keys';
export type { ScenarioFormat, ScenarioText } from './yaml';

export interface LoadScenarioOptions {
	/** Name shown in diagnostics; its suffix selects the format (.yaml, .yml or .json) and policy paths start from its folder. */
	fileName: string;
	/** Reads the policy files the scenario refers to. */
	resolveFile: ResolveFile;
	/** Replaces `simulation.rng_seed`, as SimCash's `run --seed`. */
	seed?: number | bigint;
	/** Unknown keys are errors instead of warnings. */
	strict?: boolean;
	/** Drop the keys SimCash 5534eff7 drops, to reproduce its engine configuration exactly. */
	simcashCompat?: boolean;
}

export interface PolicyFile {
	agentId: string;
	file: string;
}

export type LoadScenarioResult =
	| {
			ok: true;
			config: EngineConfigJson;
			scenario: Scenario;
			warnings: Diagnostic[];
			/** The file each FromJson policy was read from. */
			policyFiles: PolicyFile[];
	  }
	| { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

function formatOf(fileName: string): ScenarioFormat | null {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
	if (lower.endsWith('.json')) return 'json';
	return null;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
	return a.line - b.line || a.column - b.column;
}

function finish(diagnostics: DiagnosticList): { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] } {
	return {
		ok: false,
		errors: diagnostics.errors.sort(byPosition),
		warnings: diagnostics.warnings.sort(byPosition)
	};
}

function isUnder(path: Path, prefixes: ReadonlySet<string>): string | null {
	for (let n = path.length; n >= 0; n--) {
		const key = JSON.stringify(path.slice(0, n));
		if (prefixes.has(key)) return key;
	}
	return null;
}

/** Schema validation; errors inside a union whose `type` was reported already are left out. */
function validate(
	root: Record<string, unknown>,
	diagnostics: DiagnosticList,
	unknownType: ReadonlySet<string>,
	inferredInvalid: ReadonlySet<string>
): Scenario | null {
	const parsed = scenarioSchema.safeParse(root);
	if (parsed.success) return parsed.data;
	for (const issue of parsed.error.issues) {
		const { code, path, details } = issueToDiagnostic(issue, root, scenarioSchema);
		if (isUnder(path, unknownType) !== null) continue;
		const inferred = isUnder(path, inferredInvalid);
		if (inferred !== null) {
			const unionPath = JSON.parse(inferred) as Path;
			const chosen = valueAt(root, [...unionPath, 'type']);
			details.message += ` (${formatPath(unionPath)} has no type; it is read as ${String(chosen)}, the closest form)`;
		}
		diagnostics.error(code, path, details);
	}
	return null;
}

/** Policies to resolve even when the rest of the file is invalid, so that their errors are reported too. */
function policyRequests(root: Record<string, unknown>, scenario: Scenario | null): PolicyRequest[] {
	if (scenario !== null) {
		return scenario.agents.map((agent, agentIndex) => ({
			agentIndex,
			agentId: agent.id,
			policy: agent.policy
		}));
	}
	if (!Array.isArray(root.agents)) return [];
	return root.agents.flatMap((agent, agentIndex) => {
		if (!isMapping(agent) || !isMapping(agent.policy)) return [];
		const parsed = policySchema.safeParse(agent.policy);
		if (!parsed.success) return [];
		const agentId = typeof agent.id === 'string' ? agent.id : `agents[${agentIndex}]`;
		return [{ agentIndex, agentId, policy: parsed.data }];
	});
}

function featureToggles(root: Record<string, unknown>, scenario: Scenario | null): FeatureToggles | null {
	if (scenario !== null) return scenario.policy_feature_toggles ?? null;
	const parsed = policyFeatureToggles.nullish().safeParse(root.policy_feature_toggles);
	return parsed.success ? (parsed.data ?? null) : null;
}

/** The file's format from its name, or null after reporting an unsupported name. */
function formatFor(fileName: string, diagnostics: DiagnosticList): ScenarioFormat | null {
	const format = formatOf(fileName);
	if (format === null) {
		const suffix = /\.[^./\\]*$/.exec(fileName)?.[0] ?? '(none)';
		diagnostics.at('error', 'file-format', { line: 1, column: 1 }, [], {
			message: `Unsupported file format: ${suffix}`,
			found: suffix,
			allowed: '.yaml, .yml or .json'
		});
	}
	return format;
}

/** Loads a scenario: parse, validate, resolve policies, build the engine configuration. Never throws for bad input. */
export async function loadScenario(text: string, options: LoadScenarioOptions): Promise<LoadScenarioResult> {
	const simcashCompat = options.simcashCompat === true;
	const strict = options.strict === true;
	const early = new DiagnosticList(options.fileName, null);
	const format = formatFor(options.fileName, early);
	if (format === null) return finish(early);
	const document = readMappingDocument(
		text,
		options.fileName,
		format,
		'a mapping with simulation and agents'
	);
	if (!document.ok) return finish(document.diagnostics);
	const { source, root, diagnostics } = document;
	if (options.seed !== undefined && isMapping(root.simulation)) root.simulation.rng_seed = options.seed;

	if (simcashCompat) dropForCompatibility(root, diagnostics);
	const variants = resolveVariants(root, source, diagnostics);
	reportUnknownKeys(scenarioSchema, root, source.nonStringKeys, diagnostics, strict);
	const scenario = validate(root, diagnostics, variants.unknownType, variants.inferredInvalid);
	crossCheck(root, diagnostics);
	if (scenario !== null && !simcashCompat) checkForwardedKeys(scenario, diagnostics);

	const resolved = await resolvePolicies(policyRequests(root, scenario), {
		scenarioFile: options.fileName,
		resolveFile: options.resolveFile,
		simcashCompat,
		featureToggles: featureToggles(root, scenario),
		scalarKind: (path) => source.scalarKind(path),
		diagnostics
	});
	if (scenario === null || diagnostics.errors.length > 0) return finish(diagnostics);

	const policies: EnginePolicyJson[] = scenario.agents.map(() => 'Fifo');
	const policyFiles: PolicyFile[] = [];
	for (const entry of resolved) {
		policies[entry.agentIndex] = entry.policy;
		if (entry.file !== undefined)
			policyFiles.push({ agentId: scenario.agents[entry.agentIndex].id, file: entry.file });
	}
	return {
		ok: true,
		config: toEngineConfig(scenario, policies, simcashCompat),
		scenario,
		warnings: diagnostics.warnings.sort(byPosition),
		policyFiles
	};
}
