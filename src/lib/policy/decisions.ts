/**
 * Decisions returned by the evaluator, one union per tree family. Objects returned for actions whose
 * parameters are all literals are shared frozen constants: the engine must treat every decision as
 * read-only. Integer-valued fields are already converted the way the original converts them (truncation
 * toward zero with saturation, see numeric.ts).
 */

/** Why a payment is held; rendered in `PolicyHold` events by {@link renderHoldReason}. */
export type HoldReason =
	| { kind: 'InsufficientLiquidity' }
	| { kind: 'AwaitingInflows' }
	| { kind: 'LowPriority' }
	| { kind: 'NearDeadline'; ticksRemaining: number }
	| { kind: 'Custom'; text: string };

export type RtgsPriority = 'HighlyUrgent' | 'Urgent' | 'Normal';

export type CollateralReason =
	| 'UrgentLiquidityNeed'
	| 'PreemptivePosting'
	| 'LiquidityRestored'
	| 'EndOfDayCleanup'
	| 'DeadlineEmergency'
	| 'CostOptimization';

/** Decision of the payment tree for one transaction (Queue 1 in step 2, Queue 2 in step 2b). */
export type PaymentDecision =
	| {
			/** Release (ReleaseWithCredit behaves identically). */
			readonly action: 'Release' | 'ReleaseWithCredit';
			readonly nodeId: string;
			/** New priority from `priority_flag` (HIGH 10, MEDIUM 5, LOW 1, other strings 5), or null. */
			readonly priorityOverride: number | null;
			/** Truncated `timed_for_tick`, or null; a target after the current tick keeps it in Queue 1. */
			readonly timedForTick: number | null;
	  }
	| {
			/** Split into `numSplits` children released at once (PaceAndRelease is identical). */
			readonly action: 'Split' | 'PaceAndRelease';
			readonly nodeId: string;
			/** Integer >= 2. */
			readonly numSplits: number;
	  }
	| {
			readonly action: 'StaggerSplit';
			readonly nodeId: string;
			/** Integer >= 2. */
			readonly numSplits: number;
			/** Integer in [0, numSplits]: children released now; the rest go back to Queue 1. */
			readonly staggerFirstNow: number;
			/** Integer; has no effect in the original's engine. */
			readonly staggerGapTicks: number;
			/** Integer in [0, 255] added to the parent's priority for the children (capped at 10 by the engine). */
			readonly priorityBoostChildren: number;
	  }
	| { readonly action: 'Hold'; readonly nodeId: string; readonly reason: HoldReason }
	| { readonly action: 'Drop'; readonly nodeId: string }
	| {
			readonly action: 'Reprioritize';
			readonly nodeId: string;
			/** Integer in [0, 255]; the engine applies min(newPriority, 10) and logs the uncapped value. */
			readonly newPriority: number;
	  }
	| { readonly action: 'WithdrawFromRtgs'; readonly nodeId: string }
	| { readonly action: 'ResubmitToRtgs'; readonly nodeId: string; readonly rtgsPriority: RtgsPriority };

/** Decision of the bank tree (once per agent per tick, step 1.75). */
export type BankDecision =
	| {
			readonly action: 'SetReleaseBudget';
			/** Truncated to a signed integer (cents); negative blocks every release. */
			readonly maxValueToRelease: number;
			/** Allowed receivers, or null for no focus list. */
			readonly focusCounterparties: readonly string[] | null;
			/** Per-receiver cap (cents, truncated), or null. */
			readonly maxPerCounterparty: number | null;
			readonly decisionPath: string | null;
	  }
	| {
			readonly action: 'SetState';
			readonly key: string;
			readonly value: number;
			readonly reason: string;
			readonly decisionPath: string | null;
	  }
	| {
			readonly action: 'AddState';
			readonly key: string;
			/** Added to the current value (0 when unset); the JSON parameter is named `value`. */
			readonly delta: number;
			readonly reason: string;
			readonly decisionPath: string | null;
	  }
	| {
			/** Clears the release budget. Also returned for an absent bank tree or a non-bank action. */
			readonly action: 'NoAction';
			readonly decisionPath: string | null;
	  };

/** Decision of a collateral tree (strategic at step 1.5, end-of-tick at step 5.5). */
export type CollateralDecision =
	| {
			readonly action: 'PostCollateral';
			/** Positive integer (cents); the engine fails the tick if it exceeds remaining capacity. */
			readonly amount: number;
			readonly reason: CollateralReason;
			/** Truncated tick count when the parameter was > 0, else null. */
			readonly autoWithdrawAfterTicks: number | null;
	  }
	| {
			readonly action: 'WithdrawCollateral';
			/** Positive integer (cents); the engine withdraws min(amount, posted). */
			readonly amount: number;
			readonly reason: CollateralReason;
	  }
	| { readonly action: 'HoldCollateral' };

export const HOLD_COLLATERAL: CollateralDecision = Object.freeze({ action: 'HoldCollateral' });
export const NO_ACTION: BankDecision = Object.freeze({ action: 'NoAction', decisionPath: null });

/** Rust `Debug`-style rendering of a hold reason, as carried by `PolicyHold` events. */
export function renderHoldReason(reason: HoldReason): string {
	switch (reason.kind) {
		case 'NearDeadline':
			return `NearDeadline { ticks_remaining: ${reason.ticksRemaining} }`;
		case 'Custom':
			return `Custom(${debugString(reason.text)})`;
		default:
			return reason.kind;
	}
}

/** A string quoted and escaped the way Rust's `Debug` for `str` does it. */
export function debugString(text: string): string {
	let out = '"';
	for (const char of text) {
		const code = char.codePointAt(0) as number;
		if (char === '"') out += '\\"';
		else if (char === '\\') out += '\\\\';
		else if (char === '\n') out += '\\n';
		else if (char === '\r') out += '\\r';
		else if (char === '\t') out += '\\t';
		else if (char === '\0') out += '\\0';
		else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
		else out += char;
	}
	return out + '"';
}
