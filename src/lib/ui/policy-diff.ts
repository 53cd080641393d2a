/**
 * What changed between two policy documents: the named parameters (old → new, either side possibly
 * absent) and the decision-tree nodes, matched by `node_id` within each tree and compared on their own
 * fields (a child node counts as its id, so a change deep in a tree marks only the node that changed).
 */
import { TREE_NAMES, sortedJson, type JsonValue, type PolicyDocument } from '../experiments/policy-document';

export interface ParameterChange {
	name: string;
	before: JsonValue | undefined;
	after: JsonValue | undefined;
}

export interface NodeChange {
	tree: string;
	nodeId: string;
	change: 'added' | 'removed' | 'changed';
}

export interface PolicyDiff {
	parameters: ParameterChange[];
	nodes: NodeChange[];
}

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNode(value: JsonValue): value is JsonObject {
	return isObject(value) && typeof value.node_id === 'string';
}

/** The value with every nested node replaced by a reference to its id. */
function withChildRefs(value: JsonValue): JsonValue {
	if (Array.isArray(value))
		return value.map((item) => (isNode(item) ? { node_ref: item.node_id } : withChildRefs(item)));
	if (!isObject(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [
			key,
			isNode(item) ? { node_ref: item.node_id } : withChildRefs(item)
		])
	);
}

/** Every node of a tree by id, as the sorted JSON of its own fields. */
function treeNodes(tree: JsonValue | undefined, into = new Map<string, string>()): Map<string, string> {
	if (tree === undefined || tree === null || typeof tree !== 'object') return into;
	if (isNode(tree)) into.set(String(tree.node_id), sortedJson(withChildRefs(tree)));
	for (const child of Array.isArray(tree) ? tree : Object.values(tree)) treeNodes(child, into);
	return into;
}

function parametersOf(policy: PolicyDocument): JsonObject {
	return isObject(policy.parameters) ? policy.parameters : {};
}

export function policyDiff(before: PolicyDocument, after: PolicyDocument): PolicyDiff {
	const oldParameters = parametersOf(before);
	const newParameters = parametersOf(after);
	const names = [...new Set([...Object.keys(oldParameters), ...Object.keys(newParameters)])].sort();
	const parameters = names
		.filter(
			(name) =>
				!(name in oldParameters) ||
				!(name in newParameters) ||
				sortedJson(oldParameters[name]) !== sortedJson(newParameters[name])
		)
		.map((name) => ({ name, before: oldParameters[name], after: newParameters[name] }));

	const nodes: NodeChange[] = [];
	for (const tree of TREE_NAMES) {
		const oldNodes = treeNodes(before[tree]);
		const newNodes = treeNodes(after[tree]);
		for (const nodeId of [...new Set([...oldNodes.keys(), ...newNodes.keys()])].sort()) {
			const was = oldNodes.get(nodeId);
			const is = newNodes.get(nodeId);
			if (was === is) continue;
			nodes.push({
				tree,
				nodeId,
				change: was === undefined ? 'added' : is === undefined ? 'removed' : 'changed'
			});
		}
	}
	return { parameters, nodes };
}
