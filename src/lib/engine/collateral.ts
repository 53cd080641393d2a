/**
 * Collateral: applying the decisions of the strategic and end-of-tick collateral trees (§8 steps 1.5
 * and 5.6), the auto-withdrawal timers (step 1.8) and the collateral history records (§11.4).
 */
import type { CollateralDecision } from '../policy';
import type { Agent } from './agents';
import type { Engine } from './engine';
import { SimulationError } from './errors';

/** Minimum holding period and safety buffer of timer withdrawals. */
const TIMER_MIN_HOLDING_TICKS = 5;
const TIMER_SAFETY_BUFFER = 100;

export type CollateralLayer = 'strategic' | 'end_of_tick';

/** The original's `CollateralEvent` record of a policy-driven post or withdrawal. */
export interface CollateralRecord {
	agent_id: string;
	tick: number;
	day: number;
	action: 'post' | 'withdraw';
	amount: number;
	reason: string;
	layer: CollateralLayer;
	balance_before: number;
	/** [QUIRK] captured after the change: this is the new total. */
	posted_collateral_before: number;
	/** [QUIRK] the new total ± amount once more. */
	posted_collateral_after: number;
	available_capacity_after: number;
}

function record(
	engine: Engine,
	agent: Agent,
	t: number,
	action: 'post' | 'withdraw',
	amount: number,
	reason: string,
	layer: CollateralLayer
): void {
	const before = agent.postedCollateral;
	const after = action === 'post' ? before + amount : before - amount;
	engine.collateralRecords.push({
		agent_id: agent.id,
		tick: t,
		day: Math.floor(t / engine.config.ticks_per_day),
		action,
		amount,
		reason,
		layer,
		balance_before: agent.balance,
		posted_collateral_before: before,
		posted_collateral_after: after,
		available_capacity_after: agent.maxCollateralCapacity - after
	});
}

/** Applies one collateral-tree decision immediately (before the next agent is evaluated). */
export function applyCollateralDecision(
	engine: Engine,
	agent: Agent,
	t: number,
	decision: CollateralDecision,
	layer: CollateralLayer
): void {
	if (decision.action === 'HoldCollateral') return;
	const amount = decision.amount;
	if (decision.action === 'PostCollateral') {
		if (amount <= 0) {
			throw new SimulationError('InvalidConfig', `Collateral post amount must be positive, got ${amount}`);
		}
		const remaining = agent.remainingCollateralCapacity;
		if (amount > remaining) {
			throw new SimulationError(
				'InvalidConfig',
				`Agent ${agent.id} tried to post ${amount} collateral but only has ${remaining} capacity remaining`
			);
		}
		agent.setPostedCollateral(agent.postedCollateral + amount);
		if (decision.autoWithdrawAfterTicks !== null) {
			agent.scheduleCollateralWithdrawal(t + decision.autoWithdrawAfterTicks, {
				amount,
				reason: decision.reason,
				postedAtTick: t
			});
		}
		record(engine, agent, t, 'post', amount, decision.reason, layer);
		engine.emit({
			event_type: 'CollateralPost',
			tick: t,
			agent_id: agent.id,
			amount,
			reason: decision.reason,
			new_total: agent.postedCollateral
		});
		return;
	}
	if (amount <= 0) {
		throw new SimulationError('InvalidConfig', `Collateral withdraw amount must be positive, got ${amount}`);
	}
	const actual = Math.min(amount, agent.postedCollateral);
	if (actual <= 0) return;
	agent.setPostedCollateral(agent.postedCollateral - actual);
	record(engine, agent, t, 'withdraw', actual, decision.reason, layer);
	engine.emit({
		event_type: 'CollateralWithdraw',
		tick: t,
		agent_id: agent.id,
		amount: actual,
		reason: decision.reason,
		new_total: agent.postedCollateral
	});
}

/**
 * Step 1.8: the timers keyed to this tick, in insertion order, through the guarded withdrawal. Timers
 * keyed to an earlier tick are never processed [QUIRK].
 */
export function processCollateralTimers(engine: Engine, agent: Agent, t: number): void {
	const timers = agent.collateralTimers.get(t);
	if (timers === undefined) return;
	for (const timer of timers) {
		const outcome = agent.tryWithdrawCollateralGuarded(
			timer.amount,
			t,
			TIMER_MIN_HOLDING_TICKS,
			TIMER_SAFETY_BUFFER
		);
		if (outcome.ok && outcome.amount > 0) {
			engine.emit({
				event_type: 'CollateralTimerWithdrawn',
				tick: t,
				agent_id: agent.id,
				amount: outcome.amount,
				original_reason: timer.reason,
				posted_at_tick: timer.postedAtTick,
				new_total: agent.postedCollateral
			});
		} else {
			engine.emit({
				event_type: 'CollateralTimerBlocked',
				tick: t,
				agent_id: agent.id,
				requested_amount: timer.amount,
				reason: outcome.ok ? 'NoHeadroom' : outcome.error,
				original_reason: timer.reason,
				posted_at_tick: timer.postedAtTick
			});
		}
	}
	agent.collateralTimers.delete(t);
}

/** Outcome of an external collateral command, as the original's FFI reports it. */
export interface CollateralCommandResult {
	success: boolean;
	message: string;
}

/** Minimum holding period of external withdrawals; they keep no safety buffer. */
const MANUAL_MIN_HOLDING_TICKS = 5;

/**
 * External `post_collateral` between ticks (§12.7): no capacity check; sets the posted-at tick that
 * guards external and timer withdrawals; logs a `CollateralPost` with reason `ManualPost` (no record).
 */
export function postCollateralManually(
	engine: Engine,
	agentId: string,
	amount: number
): CollateralCommandResult {
	if (amount <= 0) return { success: false, message: 'Collateral amount must be positive' };
	const index = engine.state.agentIndex(agentId);
	if (index < 0) return { success: false, message: `Agent '${agentId}' not found` };
	const agent = engine.agents[index];
	const t = engine.currentTick;
	agent.setPostedCollateral(agent.postedCollateral + amount);
	agent.collateralPostedAtTick = t;
	engine.emit({
		event_type: 'CollateralPost',
		tick: t,
		agent_id: agentId,
		amount,
		reason: 'ManualPost',
		new_total: agent.postedCollateral
	});
	return { success: true, message: `Posted ${amount} cents collateral at tick ${t}` };
}

/**
 * External `withdraw_collateral` between ticks (§12.7): holding period, then the headroom guard with no
 * buffer and no partial withdrawal; logs a `CollateralWithdraw` with reason `ManualWithdraw`.
 */
export function withdrawCollateralManually(
	engine: Engine,
	agentId: string,
	amount: number
): CollateralCommandResult {
	if (amount <= 0) return { success: false, message: 'Withdrawal amount must be positive' };
	const index = engine.state.agentIndex(agentId);
	if (index < 0) return { success: false, message: `Agent '${agentId}' not found` };
	const agent = engine.agents[index];
	const t = engine.currentTick;
	const postedAt = agent.collateralPostedAtTick;
	if (postedAt >= 0 && t < postedAt + MANUAL_MIN_HOLDING_TICKS) {
		const remaining = postedAt + MANUAL_MIN_HOLDING_TICKS - t;
		return { success: false, message: `Minimum holding period not met. ${remaining} tick(s) remaining` };
	}
	const maxWithdrawable = agent.maxWithdrawableCollateral(0);
	if (amount > maxWithdrawable) {
		return {
			success: false,
			message:
				`Withdrawal would breach collateralized headroom. Max withdrawable: ${maxWithdrawable}, requested: ${amount}. ` +
				`Current state: credit_used=${agent.creditUsed}, allowed_limit=${agent.allowedOverdraftLimit}, headroom=${agent.headroom}. ` +
				'Ensure balance is restored or post more collateral before withdrawing.'
		};
	}
	agent.setPostedCollateral(agent.postedCollateral - amount);
	// [QUIRK] emptying the collateral this way sets the posted-at tick to 0 instead of clearing it.
	if (agent.postedCollateral === 0) agent.collateralPostedAtTick = 0;
	engine.emit({
		event_type: 'CollateralWithdraw',
		tick: t,
		agent_id: agentId,
		amount,
		reason: 'ManualWithdraw',
		new_total: agent.postedCollateral
	});
	return { success: true, message: `Withdrew ${amount} cents collateral` };
}
