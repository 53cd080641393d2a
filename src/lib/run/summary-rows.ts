/**
 * Rows that summarise a run: daily agent metrics as each day closes, and every transaction's final
 * state at the end of the run.
 */
import type { Engine } from '../engine';
import { rtgsPriorityName, TxStatus } from '../engine/transactions';
import type { ArrowBatchBuilder, Cell } from '../store/arrow-batch';
import { columnIndexes } from '../store/table-layout';

const STATUS_NAMES: Record<number, string> = {
	[TxStatus.Pending]: 'pending',
	[TxStatus.PartiallySettled]: 'partially_settled',
	[TxStatus.Settled]: 'settled',
	[TxStatus.Overdue]: 'overdue'
};

type RowSink = (values: Cell[]) => void;

const T = columnIndexes('transactions', [
	'simulation_id',
	'tx_id',
	'sender_id',
	'receiver_id',
	'amount',
	'amount_settled',
	'remaining_amount',
	'priority',
	'original_priority',
	'arrival_tick',
	'arrival_day',
	'deadline_tick',
	'status',
	'settlement_tick',
	'overdue_since_tick',
	'parent_tx_id',
	'rtgs_priority',
	'rtgs_submission_tick',
	'declared_rtgs_priority'
]);

/** daily_agent_metrics rows of a closed day, agents in id order. */
export function dailyMetricRows(engine: Engine, simulationId: string, day: number, emit: RowSink): void {
	for (const m of engine.metrics.day(day)) {
		const opportunity =
			m.total_cost -
			m.liquidity_cost -
			m.delay_cost -
			m.collateral_cost -
			m.split_friction_cost -
			m.deadline_penalty_cost;
		emit([
			simulationId,
			m.agent_id,
			m.day,
			m.opening_balance,
			m.closing_balance,
			m.min_balance,
			m.max_balance,
			m.unsecured_cap,
			m.peak_overdraft,
			m.opening_posted_collateral,
			m.closing_posted_collateral,
			m.peak_posted_collateral,
			m.collateral_capacity,
			m.num_collateral_posts,
			m.num_collateral_withdrawals,
			m.num_arrivals,
			m.num_sent,
			m.num_received,
			m.num_settled,
			m.num_dropped,
			m.queue1_peak_size,
			m.queue1_eod_size,
			m.liquidity_cost,
			m.delay_cost,
			m.collateral_cost,
			m.split_friction_cost,
			m.deadline_penalty_cost,
			opportunity,
			m.total_cost
		]);
	}
}

function priorityName(priority: number): string | null {
	return priority < 0 ? null : rtgsPriorityName(priority);
}

/** Appends every transaction, in creation order and its current state, to a transactions batch. */
export function appendTransactionRows(engine: Engine, simulationId: string, batch: ArrowBatchBuilder): void {
	const txs = engine.state.txs;
	const agents = engine.agents;
	const ticksPerDay = engine.config.ticks_per_day;
	for (let ix = 0; ix < txs.count; ix++) {
		const status = txs.status[ix];
		const parent = txs.parent[ix];
		batch.row();
		batch.string(T.simulation_id, simulationId);
		batch.string(T.tx_id, txs.ids[ix]);
		batch.string(T.sender_id, agents[txs.sender[ix]].id);
		batch.string(T.receiver_id, agents[txs.receiver[ix]].id);
		batch.int64(T.amount, txs.amount[ix]);
		batch.int64(T.amount_settled, txs.amount[ix] - txs.remaining[ix]);
		batch.int64(T.remaining_amount, txs.remaining[ix]);
		batch.int64(T.priority, txs.priority[ix]);
		batch.int64(T.original_priority, txs.originalPriority[ix]);
		batch.int64(T.arrival_tick, txs.arrivalTick[ix]);
		batch.int64(T.arrival_day, Math.floor(txs.arrivalTick[ix] / ticksPerDay));
		batch.int64(T.deadline_tick, txs.deadlineTick[ix]);
		batch.string(T.status, STATUS_NAMES[status]);
		batch.int64(T.settlement_tick, status === TxStatus.Settled ? txs.statusTick[ix] : null);
		batch.int64(T.overdue_since_tick, status === TxStatus.Overdue ? txs.statusTick[ix] : null);
		batch.string(T.parent_tx_id, parent >= 0 ? txs.ids[parent] : null);
		batch.string(T.rtgs_priority, priorityName(txs.rtgsPriority[ix]));
		batch.int64(T.rtgs_submission_tick, txs.rtgsSubmissionTick[ix] >= 0 ? txs.rtgsSubmissionTick[ix] : null);
		batch.string(T.declared_rtgs_priority, priorityName(txs.declaredRtgsPriority[ix]));
	}
}
