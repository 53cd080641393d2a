/**
 * The compiled policy: per tree, a graph of compiled nodes walked by a loop. Evaluation allocates nothing
 * except the decision objects of actions whose parameters depend on the context (and, for the bank tree,
 * the decision-path text).
 */
import { compileBankAction, compileCollateralAction, compilePaymentAction } from './actions';
import type { BankBuilder, CollateralBuilder, PaymentBuilder } from './actions';
import { compileExpression, type BooleanFn, type CompileScope } from './compile';
import type { PolicyContext, TreeName } from './context';
import {
	HOLD_COLLATERAL,
	NO_ACTION,
	type BankDecision,
	type CollateralDecision,
	type PaymentDecision
} from './decisions';
import { evaluationErrors, type PolicyWarning } from './errors';
import { MAX_TREE_DEPTH } from './rules';
import type { ActionNode, PolicyDocument, TreeNode } from './types';

interface CompiledCondition<B> {
	readonly isAction: false;
	readonly nodeId: string;
	readonly test: BooleanFn;
	readonly onTrue: CompiledNode<B>;
	readonly onFalse: CompiledNode<B>;
}

interface CompiledAction<B> {
	readonly isAction: true;
	readonly nodeId: string;
	readonly build: B;
}

type CompiledNode<B> = CompiledCondition<B> | CompiledAction<B>;

function compileNode<B>(
	node: TreeNode,
	scope: CompileScope,
	compileAction: (node: ActionNode, scope: CompileScope) => B
): CompiledNode<B> {
	if (node.type === 'action')
		return { isAction: true, nodeId: node.node_id, build: compileAction(node, scope) };
	return {
		isAction: false,
		nodeId: node.node_id,
		test: compileExpression(node.condition, scope),
		onTrue: compileNode(node.on_true, scope, compileAction),
		onFalse: compileNode(node.on_false, scope, compileAction)
	};
}

/** Walks from the root to an action; a path deeper than 100 condition levels fails, as in the original. */
function reachAction<B>(root: CompiledNode<B>, ctx: PolicyContext): CompiledAction<B> {
	let node = root;
	for (let depth = 0; ; depth++) {
		if (depth > MAX_TREE_DEPTH) throw evaluationErrors.maxDepthExceeded();
		if (node.isAction) return node;
		node = node.test(ctx) ? node.onTrue : node.onFalse;
	}
}

/** Like {@link reachAction}, also rendering the path as `B1(true) → B2(false) → A3`. */
function reachActionWithPath<B>(
	root: CompiledNode<B>,
	ctx: PolicyContext
): { action: CompiledAction<B>; path: string } {
	let node = root;
	let path = '';
	for (let depth = 0; ; depth++) {
		if (depth > MAX_TREE_DEPTH) throw evaluationErrors.maxDepthExceeded();
		if (node.isAction) return { action: node, path: path + node.nodeId };
		const outcome = node.test(ctx);
		path += `${node.nodeId}(${outcome}) → `;
		node = outcome ? node.onTrue : node.onFalse;
	}
}

/** A validated, compiled policy document. Immutable; share it freely, one per agent when parameters differ. */
export class CompiledPolicy {
	readonly document: PolicyDocument;
	readonly warnings: readonly PolicyWarning[];
	private readonly paymentRoot: CompiledNode<PaymentBuilder> | null;
	private readonly bankRoot: CompiledNode<BankBuilder> | null;
	private readonly strategicRoot: CompiledNode<CollateralBuilder> | null;
	private readonly endOfTickRoot: CompiledNode<CollateralBuilder> | null;

	constructor(document: PolicyDocument, warnings: readonly PolicyWarning[] = []) {
		this.document = document;
		this.warnings = warnings;
		const scope = (tree: TreeName): CompileScope => ({ tree, parameters: document.parameters });
		const compileTree = <B>(tree: TreeName, compileAction: (node: ActionNode, scope: CompileScope) => B) => {
			const root = document[tree];
			return root ? compileNode(root, scope(tree), compileAction) : null;
		};
		this.paymentRoot = compileTree('payment_tree', compilePaymentAction);
		this.bankRoot = compileTree('bank_tree', compileBankAction);
		this.strategicRoot = compileTree('strategic_collateral_tree', compileCollateralAction);
		this.endOfTickRoot = compileTree('end_of_tick_collateral_tree', compileCollateralAction);
	}

	get policyId(): string {
		return this.document.policy_id;
	}

	get version(): string {
		return this.document.version;
	}

	get description(): string | null {
		return this.document.description;
	}

	get parameters(): ReadonlyMap<string, number> {
		return this.document.parameters;
	}

	hasTree(tree: TreeName): boolean {
		return this.document[tree] !== null;
	}

	/**
	 * Payment tree for one transaction. Throws PolicyEvaluationError on evaluation errors, including
	 * "Invalid tree: payment_tree is not defined" when the document has no payment tree.
	 */
	evaluatePayment(ctx: PolicyContext): PaymentDecision {
		if (!this.paymentRoot) throw evaluationErrors.invalidTree('payment_tree');
		return reachAction(this.paymentRoot, ctx).build(ctx);
	}

	/** Bank tree; NoAction (path null) when absent. Throws PolicyEvaluationError on evaluation errors. */
	evaluateBank(ctx: PolicyContext): BankDecision {
		if (!this.bankRoot) return NO_ACTION;
		const { action, path } = reachActionWithPath(this.bankRoot, ctx);
		return action.build(ctx, path);
	}

	/** Strategic collateral tree; HoldCollateral when absent. Throws PolicyEvaluationError on errors. */
	evaluateStrategicCollateral(ctx: PolicyContext): CollateralDecision {
		if (!this.strategicRoot) return HOLD_COLLATERAL;
		return reachAction(this.strategicRoot, ctx).build(ctx);
	}

	/** End-of-tick collateral tree; HoldCollateral when absent. Throws PolicyEvaluationError on errors. */
	evaluateEndOfTickCollateral(ctx: PolicyContext): CollateralDecision {
		if (!this.endOfTickRoot) return HOLD_COLLATERAL;
		return reachAction(this.endOfTickRoot, ctx).build(ctx);
	}

	/**
	 * The same policy with some parameters replaced or added (built-in parameter injection, per-agent
	 * overrides). Parameters are compiled in as constants, so this recompiles.
	 */
	withParameters(overrides: Readonly<Record<string, number>> | ReadonlyMap<string, number>): CompiledPolicy {
		const parameters = new Map(this.document.parameters);
		const entries = overrides instanceof Map ? overrides.entries() : Object.entries(overrides);
		for (const [name, value] of entries) parameters.set(name, value);
		return new CompiledPolicy({ ...this.document, parameters }, this.warnings);
	}
}
