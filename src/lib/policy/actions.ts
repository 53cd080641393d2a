/**
 * Compiles action nodes into decision builders, one family per tree. Parameters are read the way the
 * original reads them: numeric (literal numbers only, or field/param/compute), string (literal strings
 * only) and literal-only options (any other form means "absent"). Builders of actions whose parameters are
 * all literals return one frozen decision object.
 */
import type { PolicyContext, TreeName } from './context';
import { FieldId } from './context';
import type {
	BankDecision,
	CollateralDecision,
	CollateralReason,
	HoldReason,
	PaymentDecision,
	RtgsPriority
} from './decisions';
import { HOLD_COLLATERAL } from './decisions';
import { evaluationErrors } from './errors';
import { compileValue, constant, failing, type CompileScope, type NumberFn } from './compile';
import { maxNum, toI64, toPriorityU8, toU64 } from './numeric';
import type { ActionNode, JsonValue, ValueExpr } from './types';

export type PaymentBuilder = (ctx: PolicyContext) => PaymentDecision;
export type BankBuilder = (ctx: PolicyContext, decisionPath: string) => BankDecision;
export type CollateralBuilder = (ctx: PolicyContext) => CollateralDecision;

const PRIORITY_FLAGS: Record<string, number> = { HIGH: 10, MEDIUM: 5, LOW: 1 };
const RTGS_PRIORITIES: readonly string[] = ['HighlyUrgent', 'Urgent', 'Normal'];
const COLLATERAL_REASONS: readonly CollateralReason[] = [
	'UrgentLiquidityNeed',
	'PreemptivePosting',
	'LiquidityRestored',
	'EndOfDayCleanup',
	'DeadlineEmergency',
	'CostOptimization'
];
const DEFAULT_HOLD_REASON: HoldReason = Object.freeze({ kind: 'Custom', text: 'Policy decision' });

/** A numeric parameter: missing or non-numeric literals fail when the action is built. */
function numericParameter(node: ActionNode, name: string, scope: CompileScope): NumberFn {
	const value = node.parameters.get(name);
	if (!value) return failing(() => evaluationErrors.missingActionParameter(name));
	if (value.kind === 'literal') {
		return typeof value.value === 'number'
			? constant(value.value)
			: failing(() => evaluationErrors.invalidActionParameter(name));
	}
	return compileValue(value, scope);
}

/** A string parameter (`key`, `reason` of the register actions): only `{"value": "<text>"}` works. */
function stringParameter(node: ActionNode, name: string): string | (() => never) {
	const value = node.parameters.get(name);
	if (!value) {
		return () => {
			throw evaluationErrors.missingActionParameter(name);
		};
	}
	if (value.kind === 'literal') {
		if (typeof value.value === 'string') return value.value;
		return () => {
			throw evaluationErrors.invalidActionParameter(name);
		};
	}
	const what =
		value.kind === 'field'
			? 'field references'
			: value.kind === 'param'
				? 'param references'
				: 'computed values';
	return () => {
		throw evaluationErrors.invalidActionParameter(`String parameter '${name}' does not support ${what}`);
	};
}

/** A literal-only option: its JSON literal, or undefined when absent or not written as {"value": …}. */
function literalOption(node: ActionNode, name: string): JsonValue | undefined {
	const value: ValueExpr | undefined = node.parameters.get(name);
	return value?.kind === 'literal' ? value.value : undefined;
}

function isConstant(node: ActionNode, names: readonly string[]): boolean {
	return names.every((name) => {
		const value = node.parameters.get(name);
		return !value || value.kind === 'literal';
	});
}

/**
 * A builder for a decision that does not depend on the context: one shared frozen object. When building
 * fails, every evaluation rebuilds and so throws a fresh error of its own.
 */
function fixed<D>(build: () => D): (ctx: PolicyContext) => D {
	let decision: D;
	try {
		decision = Object.freeze(build());
	} catch {
		return () => build();
	}
	return () => decision;
}

/** Passed to builders whose parameters are all literals: they never read it. */
const UNUSED_CONTEXT: PolicyContext = {
	field: () => {
		throw new Error('constant action parameters read no context');
	},
	register: () => {
		throw new Error('constant action parameters read no context');
	}
};

function wrongFamily(action: string, tree: TreeName, allowed: string): () => never {
	return () => {
		throw evaluationErrors.invalidActionType(`${action} cannot be used in ${tree}; it takes ${allowed}`);
	};
}

function splitCount(value: number): number {
	const count = toU64(value);
	if (count < 2) throw evaluationErrors.invalidActionParameter('num_splits must be >= 2');
	return count;
}

export function compilePaymentAction(node: ActionNode, scope: CompileScope): PaymentBuilder {
	const nodeId = node.node_id;
	switch (node.action) {
		case 'Release':
		case 'ReleaseWithCredit': {
			const action = node.action;
			const flag = literalOption(node, 'priority_flag');
			const priorityOverride = typeof flag === 'string' ? (PRIORITY_FLAGS[flag] ?? 5) : null;
			if (!node.parameters.has('timed_for_tick')) {
				return fixed(() => ({ action, nodeId, priorityOverride, timedForTick: null }));
			}
			const tick = numericParameter(node, 'timed_for_tick', scope);
			return (ctx) => ({ action, nodeId, priorityOverride, timedForTick: toU64(tick(ctx)) });
		}
		case 'Split':
		case 'PaceAndRelease': {
			const action = node.action;
			const splits = numericParameter(node, 'num_splits', scope);
			const build = (ctx: PolicyContext): PaymentDecision => ({
				action,
				nodeId,
				numSplits: splitCount(splits(ctx))
			});
			return isConstant(node, ['num_splits']) ? fixed(() => build(UNUSED_CONTEXT)) : build;
		}
		case 'StaggerSplit': {
			const splits = numericParameter(node, 'num_splits', scope);
			const firstNow = numericParameter(node, 'stagger_first_now', scope);
			const gap = numericParameter(node, 'stagger_gap_ticks', scope);
			const boost = numericParameter(node, 'priority_boost_children', scope);
			const build = (ctx: PolicyContext): PaymentDecision => {
				const numSplits = toU64(splits(ctx));
				const staggerFirstNow = toU64(firstNow(ctx));
				const staggerGapTicks = toU64(gap(ctx));
				const priorityBoostChildren = toPriorityU8(boost(ctx));
				if (numSplits < 2) throw evaluationErrors.invalidActionParameter('num_splits must be >= 2');
				if (staggerFirstNow > numSplits) {
					throw evaluationErrors.invalidActionParameter('stagger_first_now cannot exceed num_splits');
				}
				return {
					action: 'StaggerSplit',
					nodeId,
					numSplits,
					staggerFirstNow,
					staggerGapTicks,
					priorityBoostChildren
				};
			};
			const names = ['num_splits', 'stagger_first_now', 'stagger_gap_ticks', 'priority_boost_children'];
			return isConstant(node, names) ? fixed(() => build(UNUSED_CONTEXT)) : build;
		}
		case 'Hold': {
			const reason = literalOption(node, 'reason');
			if (reason === 'NearDeadline') {
				return (ctx) => ({
					action: 'Hold',
					nodeId,
					reason: {
						kind: 'NearDeadline',
						ticksRemaining: toU64(maxNum(ctx.field(FieldId.ticks_to_deadline), 0))
					}
				});
			}
			let holdReason: HoldReason = DEFAULT_HOLD_REASON;
			if (reason === 'InsufficientLiquidity' || reason === 'AwaitingInflows' || reason === 'LowPriority') {
				holdReason = { kind: reason };
			} else if (typeof reason === 'string') {
				holdReason = { kind: 'Custom', text: reason };
			}
			return fixed(() => ({ action: 'Hold', nodeId, reason: Object.freeze(holdReason) }));
		}
		case 'Drop':
			return fixed(() => ({ action: 'Drop', nodeId }));
		case 'Reprioritize': {
			const priority = numericParameter(node, 'new_priority', scope);
			const build = (ctx: PolicyContext): PaymentDecision => ({
				action: 'Reprioritize',
				nodeId,
				newPriority: toPriorityU8(priority(ctx))
			});
			return isConstant(node, ['new_priority']) ? fixed(() => build(UNUSED_CONTEXT)) : build;
		}
		case 'WithdrawFromRtgs':
			return fixed(() => ({ action: 'WithdrawFromRtgs', nodeId }));
		case 'ResubmitToRtgs':
			return fixed(() => ({ action: 'ResubmitToRtgs', nodeId, rtgsPriority: rtgsPriority(node) }));
		default:
			return wrongFamily(node.action, scope.tree, 'payment actions only');
	}
}

function rtgsPriority(node: ActionNode): RtgsPriority {
	const value = node.parameters.get('rtgs_priority');
	if (!value) throw evaluationErrors.missingActionParameter('rtgs_priority');
	if (value.kind !== 'literal')
		throw evaluationErrors.invalidActionParameter('rtgs_priority must be a direct string value');
	if (typeof value.value !== 'string')
		throw evaluationErrors.invalidActionParameter('rtgs_priority must be a string');
	if (!RTGS_PRIORITIES.includes(value.value)) {
		throw evaluationErrors.invalidActionParameter(
			`rtgs_priority must be 'HighlyUrgent', 'Urgent', or 'Normal', got '${value.value}'`
		);
	}
	return value.value as RtgsPriority;
}

function resolveString(value: string | (() => never)): string {
	return typeof value === 'string' ? value : value();
}

export function compileBankAction(node: ActionNode, scope: CompileScope): BankBuilder {
	switch (node.action) {
		case 'SetReleaseBudget': {
			const maxValue = numericParameter(node, 'max_value_to_release', scope);
			const focus = literalOption(node, 'focus_counterparties');
			const names = Array.isArray(focus)
				? focus.filter((item): item is string => typeof item === 'string')
				: [];
			const focusCounterparties = names.length > 0 ? Object.freeze(names) : null;
			const perCounterparty = node.parameters.has('max_per_counterparty')
				? numericParameter(node, 'max_per_counterparty', scope)
				: null;
			return (ctx, decisionPath) => {
				const maxValueToRelease = toI64(maxValue(ctx));
				return {
					action: 'SetReleaseBudget',
					maxValueToRelease,
					focusCounterparties,
					maxPerCounterparty: perCounterparty ? toI64(perCounterparty(ctx)) : null,
					decisionPath
				};
			};
		}
		case 'SetState':
		case 'AddState': {
			const action = node.action;
			const key = stringParameter(node, 'key');
			const value = numericParameter(node, 'value', scope);
			const reason = node.parameters.has('reason') ? stringParameter(node, 'reason') : 'policy_action';
			return (ctx, decisionPath) => {
				const registerKey = resolveString(key);
				const amount = value(ctx);
				const why = resolveString(reason);
				return action === 'SetState'
					? { action, key: registerKey, value: amount, reason: why, decisionPath }
					: { action, key: registerKey, delta: amount, reason: why, decisionPath };
			};
		}
		default:
			// NoAction, and any action of another family: the original silently treats it as NoAction.
			return (_ctx, decisionPath) => ({ action: 'NoAction', decisionPath });
	}
}

function collateralReason(node: ActionNode): CollateralReason {
	const reason = literalOption(node, 'reason');
	return COLLATERAL_REASONS.find((known) => known === reason) ?? 'UrgentLiquidityNeed';
}

export function compileCollateralAction(node: ActionNode, scope: CompileScope): CollateralBuilder {
	switch (node.action) {
		case 'PostCollateral': {
			const amount = numericParameter(node, 'amount', scope);
			const reason = collateralReason(node);
			const autoWithdraw = node.parameters.has('auto_withdraw_after_ticks')
				? numericParameter(node, 'auto_withdraw_after_ticks', scope)
				: null;
			return (ctx) => {
				const cents = toI64(amount(ctx));
				if (cents <= 0) return HOLD_COLLATERAL;
				let autoWithdrawAfterTicks: number | null = null;
				if (autoWithdraw) {
					const ticks = autoWithdraw(ctx);
					if (ticks > 0) autoWithdrawAfterTicks = toU64(ticks);
				}
				return { action: 'PostCollateral', amount: cents, reason, autoWithdrawAfterTicks };
			};
		}
		case 'WithdrawCollateral': {
			const amount = numericParameter(node, 'amount', scope);
			const reason = collateralReason(node);
			return (ctx) => {
				const cents = toI64(amount(ctx));
				return cents <= 0 ? HOLD_COLLATERAL : { action: 'WithdrawCollateral', amount: cents, reason };
			};
		}
		case 'HoldCollateral':
			return () => HOLD_COLLATERAL;
		default:
			return wrongFamily(node.action, scope.tree, 'PostCollateral, WithdrawCollateral or HoldCollateral');
	}
}
