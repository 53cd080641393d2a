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
