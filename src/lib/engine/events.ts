/**
 * The 32 event types of the original (§11), as plain objects whose keys are already in the canonical
 * order of the golden `events.jsonl` (`event_type`, `tick`, then the variant's fields). Floats are the
 * fields typed `number` and listed in `FLOAT_FIELDS` of serialize.ts.
 */

export interface ArrivalEvent {
	event_type: 'Arrival';
	tick: number;
	tx_id: string;
	sender_id: string;
	receiver_id: string;
	amount: number;
	deadline: number;
	priority: number;
	is_divisible: boolean;
}

export interface PolicySubmitEvent {
	event_type: 'PolicySubmit';
	tick: number;
	agent_id: string;
	tx_id: string;
}

export interface PolicyHoldEvent {
	event_type: 'PolicyHold';
	tick: number;
	agent_id: string;
	tx_id: string;
	reason: string;
}

export interface PolicyDropEvent {
	event_type: 'PolicyDrop';
	tick: number;
	agent_id: string;
	tx_id: string;
	reason: string;
}

export interface PolicySplitEvent {
	event_type: 'PolicySplit';
	tick: number;
	agent_id: string;
	tx_id: string;
	num_splits: number;
	child_ids: string[];
}

export interface TransactionReprioritizedEvent {
	event_type: 'TransactionReprioritized';
	tick: number;
	agent_id: string;
	tx_id: string;
	old_priority: number;
	new_priority: number;
}

export interface PriorityEscalatedEvent {
	event_type: 'PriorityEscalated';
	tick: number;
	tx_id: string;
	sender_id: string;
	original_priority: number;
	escalated_priority: number;
	ticks_until_deadline: number;
	boost_applied: number;
}

export interface CollateralPostEvent {
	event_type: 'CollateralPost';
	tick: number;
	agent_id: string;
	amount: number;
	reason: string;
	new_total: number;
}

export interface CollateralWithdrawEvent {
	event_type: 'CollateralWithdraw';
	tick: number;
	agent_id: string;
	amount: number;
	reason: string;
	new_total: number;
}

export interface CollateralTimerWithdrawnEvent {
	event_type: 'CollateralTimerWithdrawn';
	tick: number;
	agent_id: string;
	amount: number;
	original_reason: string;
	posted_at_tick: number;
	new_total: number;
}

export interface CollateralTimerBlockedEvent {
	event_type: 'CollateralTimerBlocked';
	tick: number;
	agent_id: string;
	requested_amount: number;
	reason: string;
	original_reason: string;
	posted_at_tick: number;
}

export interface StateRegisterSetEvent {
	event_type: 'StateRegisterSet';
	tick: number;
	agent_id: string;
	register_key: string;
	/** f64 */
	old_value: number;
	/** f64 */
	new_value: number;
	reason: string;
	decision_path: string | null;
}

export interface BankBudgetSetEvent {
	event_type: 'BankBudgetSet';
	tick: number;
	agent_id: string;
	max_value: number;
	focus_counterparties: string[] | null;
	max_per_counterparty: number | null;
}

export interface RtgsImmediateSettlementEvent {
	event_type: 'RtgsImmediateSettlement';
	tick: number;
	tx_id: string;
	sender: string;
	receiver: string;
	amount: number;
	sender_balance_before: number;
	sender_balance_after: number;
}

export interface QueuedRtgsEvent {
	event_type: 'QueuedRtgs';
	tick: number;
	tx_id: string;
	sender_id: string;
}

export interface RtgsSubmissionEvent {
	event_type: 'RtgsSubmission';
	tick: number;
	tx_id: string;
	sender: string;
	receiver: string;
	amount: number;
	internal_priority: number;
	rtgs_priority: string;
}

export interface RtgsWithdrawalEvent {
	event_type: 'RtgsWithdrawal';
	tick: number;
	tx_id: string;
	sender: string;
	original_rtgs_priority: string;
}

export interface RtgsResubmissionEvent {
	event_type: 'RtgsResubmission';
	tick: number;
	tx_id: string;
	sender: string;
	old_rtgs_priority: string;
	new_rtgs_priority: string;
}

export interface LsmBilateralOffsetEvent {
	event_type: 'LsmBilateralOffset';
	tick: number;
	agent_a: string;
	agent_b: string;
	tx_ids: string[];
	amount_a: number;
	amount_b: number;
	/** Back-compat extra of the serialised form: amount_a + amount_b. */
	amount: number;
}

export interface LsmCycleSettlementEvent {
	event_type: 'LsmCycleSettlement';
	tick: number;
	agents: string[];
	tx_amounts: number[];
	total_value: number;
	net_positions: number[];
	max_net_outflow: number;
	max_net_outflow_agent: string;
	tx_ids: string[];
	/** Back-compat extra of the serialised form: equals total_value. */
	cycle_value: number;
}

export interface EntryDispositionOffsetEvent {
	event_type: 'EntryDispositionOffset';
	tick: number;
	incoming_tx_id: string;
	queued_tx_id: string;
	agent_a: string;
	agent_b: string;
	offset_amount: number;
	incoming_amount: number;
	queued_amount: number;
}

/** Cost components of one accrual, keys sorted, `total` = sum of all six components. */
export interface CostBreakdown {
	collateral_cost: number;
	delay_cost: number;
	liquidity_cost: number;
	liquidity_opportunity_cost: number;
	penalty_cost: number;
	split_friction_cost: number;
	total: number;
}

export interface CostAccrualEvent {
	event_type: 'CostAccrual';
	tick: number;
	agent_id: string;
	costs: CostBreakdown;
}

export interface EndOfDayEvent {
	event_type: 'EndOfDay';
	tick: number;
	day: number;
	unsettled_count: number;
	total_penalties: number;
}

export interface TransactionWentOverdueEvent {
	event_type: 'TransactionWentOverdue';
	tick: number;
	tx_id: string;
	sender_id: string;
	receiver_id: string;
	amount: number;
	remaining_amount: number;
	deadline_tick: number;
	ticks_overdue: number;
	deadline_penalty_cost: number;
}

export interface OverdueTransactionSettledEvent {
	event_type: 'OverdueTransactionSettled';
	tick: number;
	tx_id: string;
	sender_id: string;
	receiver_id: string;
	amount: number;
	settled_amount: number;
	deadline_tick: number;
	overdue_since_tick: number;
	total_ticks_overdue: number;
	deadline_penalty_cost: number;
	estimated_delay_cost: number;
}

/** Details of an executed scenario event: keys in alphabetical order, as the original renders them. */
export type ScenarioEventDetails = Record<string, string | number | boolean | null>;

export interface ScenarioEventExecutedEvent {
	event_type: 'ScenarioEventExecuted';
	tick: number;
	scenario_event_type: string;
	details: ScenarioEventDetails;
}

export interface Queue2LiquidityReleaseEvent {
	event_type: 'Queue2LiquidityRelease';
	tick: number;
	tx_id: string;
	sender: string;
	receiver: string;
	amount: number;
	queue_wait_ticks: number;
	release_reason: string;
}

export interface BilateralLimitExceededEvent {
	event_type: 'BilateralLimitExceeded';
	tick: number;
	sender: string;
	receiver: string;
	tx_id: string;
	amount: number;
	current_bilateral_outflow: number;
	bilateral_limit: number;
}

export interface MultilateralLimitExceededEvent {
	event_type: 'MultilateralLimitExceeded';
	tick: number;
	sender: string;
	tx_id: string;
	amount: number;
	current_total_outflow: number;
	multilateral_limit: number;
}

export interface AlgorithmExecutionEvent {
	event_type: 'AlgorithmExecution';
	tick: number;
	algorithm: number;
	result: string;
	settlements: number;
	settled_value: number;
}

export interface DeferredCreditAppliedEvent {
	event_type: 'DeferredCreditApplied';
	tick: number;
	agent_id: string;
	amount: number;
	source_transactions: string[];
}

/** Deprecated in the original and never emitted; part of the catalogue for completeness. */
export interface RtgsQueue2SettleEvent {
	event_type: 'RtgsQueue2Settle';
	tick: number;
	tx_id: string;
	sender: string;
	receiver: string;
	amount: number;
	reason: string;
}

export type SimulationEvent =
	| ArrivalEvent
	| PolicySubmitEvent
	| PolicyHoldEvent
	| PolicyDropEvent
	| PolicySplitEvent
	| TransactionReprioritizedEvent
	| PriorityEscalatedEvent
	| CollateralPostEvent
	| CollateralWithdrawEvent
	| CollateralTimerWithdrawnEvent
	| CollateralTimerBlockedEvent
	| StateRegisterSetEvent
	| BankBudgetSetEvent
	| RtgsImmediateSettlementEvent
	| QueuedRtgsEvent
	| RtgsSubmissionEvent
	| RtgsWithdrawalEvent
	| RtgsResubmissionEvent
	| LsmBilateralOffsetEvent
	| LsmCycleSettlementEvent
	| EntryDispositionOffsetEvent
	| CostAccrualEvent
	| EndOfDayEvent
	| TransactionWentOverdueEvent
	| OverdueTransactionSettledEvent
	| ScenarioEventExecutedEvent
	| Queue2LiquidityReleaseEvent
	| BilateralLimitExceededEvent
	| MultilateralLimitExceededEvent
	| AlgorithmExecutionEvent
	| DeferredCreditAppliedEvent
	| RtgsQueue2SettleEvent;

export type EventType = SimulationEvent['event_type'];

/** All 32 event type names. */
export const EVENT_TYPES: readonly EventType[] = [
	'Arrival',
	'PolicySubmit',
	'PolicyHold',
	'PolicyDrop',
	'PolicySplit',
	'TransactionReprioritized',
	'PriorityEscalated',
	'CollateralPost',
	'CollateralWithdraw',
	'CollateralTimerWithdrawn',
	'CollateralTimerBlocked',
	'StateRegisterSet',
	'BankBudgetSet',
	'RtgsImmediateSettlement',
	'QueuedRtgs',
	'RtgsSubmission',
	'RtgsWithdrawal',
	'RtgsResubmission',
	'LsmBilateralOffset',
	'LsmCycleSettlement',
	'EntryDispositionOffset',
	'CostAccrual',
	'EndOfDay',
	'TransactionWentOverdue',
	'OverdueTransactionSettled',
	'ScenarioEventExecuted',
	'Queue2LiquidityRelease',
	'BilateralLimitExceeded',
	'MultilateralLimitExceeded',
	'AlgorithmExecution',
	'DeferredCreditApplied',
	'RtgsQueue2Settle'
];

/** Receives every event in emission order. */
export type EventSink = (event: SimulationEvent) => void;

export function costBreakdown(parts: {
	liquidity?: number;
	delay?: number;
	collateral?: number;
	penalty?: number;
	splitFriction?: number;
	liquidityOpportunity?: number;
}): CostBreakdown {
	const collateral = parts.collateral ?? 0;
	const delay = parts.delay ?? 0;
	const liquidity = parts.liquidity ?? 0;
	const opportunity = parts.liquidityOpportunity ?? 0;
	const penalty = parts.penalty ?? 0;
	const friction = parts.splitFriction ?? 0;
	return {
		collateral_cost: collateral,
		delay_cost: delay,
		liquidity_cost: liquidity,
		liquidity_opportunity_cost: opportunity,
		penalty_cost: penalty,
		split_friction_cost: friction,
		total: liquidity + delay + collateral + penalty + friction + opportunity
	};
}
