/**
 * The inputs of the verbose output besides the events: one tick's state as plain data (numbers, strings,
 * arrays, `null`), so that a run can persist it as rows and a replay can read it back without the engine.
 * The live run builds a TickView from the engine (live-view.ts); the replay builds the same object from
 * stored rows. Both hand it to formatTick with the tick's events, so their lines cannot differ.
 *
 * Money is in integer cents (safe integers). The formatter reads every field below except `day`; the
 * store keeps all of them. Row order does not matter: the formatter orders agents by id, queue entries
 * by position and the deadline lists by their own rule, so rows may come back in any order.
 *
 * Events: the formatter takes `SimulationEvent` objects. The canonical JSON text of an event
 * (`serializeEvent`) parsed with `JSON.parse` is such an object (float fields come back as plain numbers,
 * which the formatter prints as floats where the original does), so the store keeps the events as their
 * canonical text and hands `JSON.parse(text)` back, in emission order (`seq`).
 */

/** What the engine reported for the tick. Store: one row per tick (tick_results). */
export interface TickCounts {
	/** `TickResult.num_arrivals`. */
	arrivals: number;
	/** `TickResult.num_settlements` (RTGS, Queue 2 and LSM; the settlements header prints it). */
	settlements: number;
	/** `TickResult.num_lsm_releases`. */
	lsmReleases: number;
	/** `TickResult.total_cost`, cents: costs accrued in the tick, all agents (> 0 shows the cost breakdown). */
	totalCost: number;
}

/**
 * An agent's running costs as the engine holds them at the end of the tick (they restart at each day's
 * first tick except on day 0), cents. Store: columns of tick_agent_states.
 */
export interface AgentCosts {
	liquidityCost: number;
	delayCost: number;
	collateralCost: number;
	/** Deadline penalties and end-of-day penalties. */
	penaltyCost: number;
	splitFrictionCost: number;
	liquidityOpportunityCost: number;
}

/** One agent at the end of the tick. Store: one row per agent and tick (tick_agent_states). */
export interface AgentTickState {
	agentId: string;
	/** Balance, cents. */
	balance: number;
	/**
	 * Balance minus the balance at the end of the previous tick (for tick 0: minus the balance at
	 * creation, which includes the liquidity-pool allocation), cents.
	 */
	balanceChange: number;
	/** Unsecured overdraft cap, cents. */
	unsecuredCap: number;
	/** Posted collateral, cents. */
	postedCollateral: number;
	/** Collateral value after the agent's haircut + unsecured cap, cents (end-of-day credit utilisation). */
	allowedOverdraftLimit: number;
	costs: AgentCosts;
}

/** Where a transaction that is not fully settled waits. */
export type QueueLocation = 'queue1' | 'rtgs' | 'none';

/**
 * A transaction waiting at the end of the tick: every Queue 1 and RTGS queue entry as the engine holds
 * it (an id listed twice in a Queue 1 gives two entries), then every other transaction not fully settled
 * (`none`: a split parent, a dropped transaction). Store: one row per entry (tick_queue_snapshots).
 */
export interface OpenTransaction {
	txId: string;
	/** The sender, who owns the Queue 1 entry or is charged with the RTGS entry. */
	senderId: string;
	receiverId: string;
	location: QueueLocation;
	/** Order within the location: the sender's Queue 1, the central RTGS queue, or the sender's others. */
	position: number;
	/** Remaining (unsettled) amount, cents. */
	remainingAmount: number;
	/** Priority 0–10 at the end of the tick. */
	priority: number;
	deadlineTick: number;
	/** Tick the deadline was missed when the transaction is overdue, else `null`. */
	overdueSinceTick: number | null;
}

/**
 * Priority and deadline, at the end of the tick, of a transaction named by one of the tick's `Arrival`,
 * `RtgsImmediateSettlement` or `Queue2LiquidityRelease` events. The original looks these up in the engine
 * after the tick (a priority may have been escalated or overridden since the event); a transaction settled
 * in the tick is no longer open, hence this list. Store: one row per (tick, tx_id).
 */
export interface EventTransaction {
	txId: string;
	priority: number;
	deadlineTick: number;
}

/** The configured rates the overdue summary estimates delay costs with; constant for a simulation. */
export interface OverdueCostRates {
	/** `cost_rates.deadline_penalty`, cents. */
	deadlinePenalty: number;
	/** `cost_rates.delay_cost_per_tick_per_cent` (a float). */
	delayCostPerTickPerCent: number;
	/** `cost_rates.overdue_delay_multiplier` (a float). */
	overdueDelayMultiplier: number;
}

export interface TickView {
	tick: number;
	/** `floor(tick / ticks_per_day)`; not printed per tick, kept for readers of the rows. */
	day: number;
	counts: TickCounts;
	/** Every agent (any order; printed in byte-wise id order). */
	agents: readonly AgentTickState[];
	openTransactions: readonly OpenTransaction[];
	eventTransactions: readonly EventTransaction[];
	/** Store: once per simulation (from the configuration), set on every view. */
	overdueCostRates: OverdueCostRates;
}

/**
 * The figures of a day's end-of-day block that are not in the day's last TickView. Store: one row per
 * day. The per-agent part of the block comes from the TickView of the day's last tick.
 */
export interface DayStatistics {
	day: number;
	/** Transactions (split parents once) that arrived during the day. */
	arrivals: number;
	/** Transactions (split parents once) that became fully settled during the day. */
	settlements: number;
	/** Transactions (split parents once) first involved in an LSM settlement during the day. */
	lsmSettled: number;
	/** Sum of the day's tick costs (`TickCounts.totalCost`), cents. */
	totalCost: number;
}
