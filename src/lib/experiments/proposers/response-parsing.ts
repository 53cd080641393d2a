/**
 * Reading a policy out of a model's reply (spec §11.1): the JSON object, inside a Markdown code fence or
 * not, completed with what models tend to leave out (a version, a policy id, node ids).
 */
import { sha256Hex } from '../../engine/sha256';
import { TREE_NAMES, type JsonValue, type PolicyDocument } from '../policy-document';

export type ParsedReply = { ok: true; policy: PolicyDocument } | { ok: false; error: string };

const FENCE = /```[a-zA-Z0-9_-]*[ \t]*\r?\n([\s\S]*?)```/;

/** The JSON text of a reply: the first fenced block if there is one. */
export function policyText(reply: string): string {
	const trimmed = reply.trim();
	const fenced = FENCE.exec(trimmed);
	if (fenced) return fenced[1].trim();
	if (trimmed.startsWith('```')) {
		const lines = trimmed.split(/\r?\n/);
		const withoutOpening = lines.slice(1);
		if (withoutOpening.at(-1)?.trim().startsWith('```') || withoutOpening.length > 1) withoutOpening.pop();
		return withoutOpening.join('\n').trim();
	}
	return trimmed;
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Gives every node without a `node_id` one, `<tree>_node_<k>`, k counting across all trees. */
function addNodeIds(policy: PolicyDocument): void {
	let counter = 0;
	const visit = (node: JsonValue, prefix: string) => {
		if (!isObject(node)) return;
		if ('type' in node && !('node_id' in node)) node.node_id = `${prefix}_node_${counter++}`;
		visit(node.on_true, prefix);
		visit(node.on_false, prefix);
	};
	for (const tree of [...TREE_NAMES, 'collateral_tree']) {
		if (tree in policy) visit(policy[tree], tree.replace(/_tree$/, ''));
	}
}

export function parseReply(reply: string): ParsedReply {
	const text = policyText(reply);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {
			ok: false,
			error: `Failed to parse policy JSON: ${error instanceof Error ? error.message : String(error)}`
		};
	}
	if (!isObject(value))
		return { ok: false, error: 'Failed to parse policy JSON: the reply is not a JSON object' };
	const policy: PolicyDocument = value;
	if (!('version' in policy)) policy.version = '2.0';
	// Derived from the reply rather than random, so that a replayed reply gives the same document.
	if (!('policy_id' in policy)) policy.policy_id = `llm_policy_${sha256Hex(text).slice(0, 8)}`;
	addNodeIds(policy);
	return { ok: true, policy };
}
