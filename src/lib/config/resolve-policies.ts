/**
 * Agent policies to engine form (scenario-config.md §7): built-in names stay names, `FromJson` reads the
 * file, `Inline` serialises the mapping as Python's json.dumps does, `InlineJson` passes its text. Every
 * JSON policy is validated here with the policy language's own checks, so that a broken policy is reported
 * with the scenario file, the agent and the place in the policy before anything runs. Outside SimCash
 * compatibility, `params` overwrite the document's `parameters`.
 */
import { parsePolicy, type PolicyError } from '../policy';
import { describeValue, type DiagnosticList } from './diagnostics';
import type { EnginePolicyJson } from './engine-json';
import { forbiddenCategoriesMessage, policyCategories, type FeatureToggles } from './feature-toggles';
import type { Path } from './path';
import { policyFileCandidates } from './policy-paths';
import { NotSerializableError, pythonJsonDumps } from './python-json';
import type { ScenarioPolicy } from './schema';
import { suggestName } from './suggest';
import type { ScalarKind } from './yaml-scalars';

/**
 * Reads a file the scenario refers to: its text, or null when there is no such file. Paths use `/` and are
 * relative to the caller's base (or absolute). May throw for other read failures.
 */
export type ResolveFile = (path: string) => Promise<string | null> | string | null;

export interface PolicyRequest {
	agentIndex: number;
	agentId: string;
	policy: ScenarioPolicy;
}

export interface ResolvedPolicy {
	agentIndex: number;
	policy: EnginePolicyJson;
	/** The file a FromJson policy was read from. */
	file?: string;
}

export interface PolicyResolutionOptions {
	scenarioFile: string;
	resolveFile: ResolveFile;
	simcashCompat: boolean;
	featureToggles: FeatureToggles | null;
	/** Scalar kinds of the scenario YAML, for serialising Inline policies exactly. */
	scalarKind: (path: Path) => ScalarKind | undefined;
	diagnostics: DiagnosticList;
}

type JsonSource = { ok: true; text: string; file?: string; origin: Path } | { ok: false };

/** File reads are shared between agents that use the same file. */
class FileCache {
	private readonly reads = new Map<string, Promise<string | null>>();

	constructor(private readonly resolveFile: ResolveFile) {}

	read(path: string): Promise<string | null> {
		let pending = this.reads.get(path);
		if (!pending) {
			pending = Promise.resolve().then(() => this.resolveFile(path));
			this.reads.set(path, pending);
		}
		return pending;
	}
}

function normaliseNewlines(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

async function readPolicyFile(
	request: PolicyRequest,
	jsonPath: string,
	options: PolicyResolutionOptions,
	files: FileCache
): Promise<JsonSource> {
	const path: Path = ['agents', request.agentIndex, 'policy', 'json_path'];
	const candidates = policyFileCandidates(jsonPath, options.scenarioFile);
	for (const candidate of candidates) {
		let text: string | null;
		try {
			text = await files.read(candidate);
		} catch (error) {
			options.diagnostics.error('policy-file', path, {
				message: `cannot read policy file ${candidate}: ${(error as Error).message}`,
				found: describeValue(jsonPath),
				allowed: 'a readable JSON policy file'
			});
			return { ok: false };
		}
		// Python reads the file in text mode, which turns Windows line ends into \n.
		if (text !== null) return { ok: true, text: normaliseNewlines(text), file: candidate, origin: path };
	}
	options.diagnostics.error('policy-file', path, {
		message: `Policy JSON file not found for agent ${request.agentId} (looked for ${candidates.join(', ')})`,
		found: describeValue(jsonPath),
		allowed: 'a path to a JSON policy file, relative to the scenario file or to a folder above it'
	});
	return { ok: false };
}

function inlineSource(
	request: PolicyRequest,
	trees: Record<string, unknown>,
	options: PolicyResolutionOptions
): JsonSource {
	const origin: Path = ['agents', request.agentIndex, 'policy', 'decision_trees'];
	try {
		return { ok: true, text: pythonJsonDumps(trees, origin, options.scalarKind), origin };
	} catch (error) {
		if (!(error instanceof NotSerializableError)) throw error;
		options.diagnostics.error('invalid-policy', error.path, {
			message: error.message,
			found: error.what,
			allowed: 'JSON values (strings, numbers, booleans, null, lists, mappings)'
		});
		return { ok: false };
	}
}

function reportPolicyErrors(
	errors: readonly PolicyError[],
	source: Extract<JsonSource, { ok: true }>,
	request: PolicyRequest,
	options: PolicyResolutionOptions
): void {
	const where = source.file !== undefined ? `policy file ${source.file}` : 'policy';
	for (const error of errors) {
		// The policy message repeats what was found and what is allowed; those have their own fields here.
		const summary = error.message.split('; found ')[0];
		const hint = / \(did you mean (.+)\?\)$/;
		const suggestion = hint.exec(error.allowed)?.[1] ?? hint.exec(error.message)?.[1];
		options.diagnostics.error('invalid-policy', source.origin, {
			message: `${where} of agent ${request.agentId}: ${summary}`,
			found: error.found,
			allowed: error.allowed.replace(hint, ''),
			...(suggestion !== undefined ? { suggestion } : {})
		});
	}
}

/** Writes `params` over the document's `parameters`; warns about names the policy does not define. */
function applyParams(
	text: string,
	params: Record<string, number>,
	request: PolicyRequest,
	options: PolicyResolutionOptions
): string {
	const document = JSON.parse(text) as Record<string, unknown>;
	const existing =
		document.parameters !== null && typeof document.parameters === 'object'
			? (document.parameters as Record<string, number>)
			: {};
	const defined = Object.keys(existing);
	for (const name of Object.keys(params)) {
		if (defined.includes(name)) continue;
		const suggestion = suggestName(name, defined);
		options.diagnostics.warning('forwarded-key', ['agents', request.agentIndex, 'policy', 'params', name], {
			message:
				'the policy does not define this parameter; it is added, but only trees that refer to it use it',
			found: JSON.stringify(name),
			allowed:
				defined.length > 0 ? `one of ${defined.join(', ')}` : 'no parameters are defined by the policy',
			atKey: true,
			...(suggestion !== undefined ? { suggestion } : {})
		});
	}
	document.parameters = { ...existing, ...params };
	return JSON.stringify(document, null, 2);
}

async function jsonPolicy(
	request: PolicyRequest,
	options: PolicyResolutionOptions,
	files: FileCache
): Promise<ResolvedPolicy | null> {
	const policy = request.policy;
	let source: JsonSource;
	let params: Record<string, number> | null | undefined;
	switch (policy.type) {
		case 'FromJson':
			source = await readPolicyFile(request, policy.json_path, options, files);
			params = policy.params;
			break;
		case 'Inline':
			source = inlineSource(request, policy.decision_trees, options);
			params = policy.params;
			break;
		case 'InlineJson':
			source = {
				ok: true,
				text: policy.json_string,
				origin: ['agents', request.agentIndex, 'policy', 'json_string']
			};
			params = policy.params;
			break;
		default:
			return null;
	}
	if (!source.ok) return null;
	const parsed = parsePolicy(source.text);
	if (!parsed.ok) {
		reportPolicyErrors(parsed.errors, source, request, options);
		return null;
	}
	for (const warning of parsed.warnings) {
		options.diagnostics.warning('policy-warning', source.origin, {
			message: `${source.file !== undefined ? `policy file ${source.file}` : 'policy'} of agent ${request.agentId}: ${warning.message}`
		});
	}
	const toggles = options.featureToggles;
	if (toggles !== null && policy.type !== 'InlineJson') {
		const message = forbiddenCategoriesMessage(policyCategories(JSON.parse(source.text)), toggles);
		if (message !== null) {
			options.diagnostics.error('feature-toggle', ['agents', request.agentIndex, 'policy'], {
				message: `Agent ${request.agentId}: ${message}`,
				found: 'a policy using forbidden categories',
				allowed: 'a policy within policy_feature_toggles'
			});
			return null;
		}
	}
	let text = source.text;
	if (!options.simcashCompat && params != null && Object.keys(params).length > 0) {
		text = applyParams(text, params, request, options);
	}
	const resolved: ResolvedPolicy = { agentIndex: request.agentIndex, policy: { FromJson: { json: text } } };
	if (source.file !== undefined) resolved.file = source.file;
	return resolved;
}

function builtinPolicy(policy: ScenarioPolicy): EnginePolicyJson | null {
	switch (policy.type) {
		case 'Fifo':
			return 'Fifo';
		case 'Deadline':
			return { Deadline: { urgency_threshold: policy.urgency_threshold } };
		case 'LiquidityAware':
			return {
				LiquidityAware: { target_buffer: policy.target_buffer, urgency_threshold: policy.urgency_threshold }
			};
		case 'LiquiditySplitting':
			return {
				LiquiditySplitting: { max_splits: policy.max_splits, min_split_amount: policy.min_split_amount }
			};
		case 'MockSplitting':
			return { MockSplitting: { num_splits: policy.num_splits } };
		default:
			return null;
	}
}

/**
 * Resolves every requested policy. Returns one entry per request that succeeded; failures are reported in
 * `options.diagnostics`.
 */
export async function resolvePolicies(
	requests: readonly PolicyRequest[],
	options: PolicyResolutionOptions
): Promise<ResolvedPolicy[]> {
	const files = new FileCache(options.resolveFile);
	const results = await Promise.all(
		requests.map(async (request) => {
			const builtin = builtinPolicy(request.policy);
			if (builtin !== null) return { agentIndex: request.agentIndex, policy: builtin };
			return jsonPolicy(request, options, files);
		})
	);
	return results.filter((result): result is ResolvedPolicy => result !== null);
}
