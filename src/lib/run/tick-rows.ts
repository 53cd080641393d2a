/**
 * The per-tick rows of a full-level run, read from the engine after each tick: what the tick
 * reported (tick_results), every agent's state (tick_agent_states) and every transaction still
 * waiting, with where it waits (tick_queue_snapshots). These are what replay shows without
 * re-running the engine.
 */
import type { Engine, TickResult } from '../engine';
import { TxStatus } from '../engine/transactions';
import type { ArrowBatchBuilder, Cell } from '../store/arrow-batch';
import { columnIndexes } from '../store/table-layout';

const STATUS_NAMES: Record<number, string> = {
	[TxStatus.Pending]: 'pending',
	[TxStatus.PartiallySettled]: 'partially_settled',
	[TxStatus.Overdue]: 'overdue'
};

type RowSink = (values: Cell[]) => void;

const A = columnIndexes('tick_agent_states', [
	'simulation_id',
	'tick',
	'day',
	'agent_id',
	'balance',
	'balance_change',
	'unsecured_cap',
	'posted_collateral',
	'allowed_overdraft_limit',
	'queue1_size',
	'queue1_value',
	'rtgs_queue_size',
	'rtgs_queue_value',
	'liquidity_cost',
	'delay_cost',
	'collateral_cost',
	'penalty_cost',
	'split_friction_cost',
	'liquidity_opportunity_cost',
	'total_cost',
	'total_cost_change'
]);

export class TickRowReader {
	private readonly previousBalance: number[];
	private readonly previousCost: number[];
	/** Transactions not fully settled after the last tick, in creation order. */
	private open: number[] = [];
	private seenTransactions = 0;
	/** Tick (+1) in which a transaction was last seen in a queue, by transaction index. */
	private queuedStamp = new Int32Array(1024);

	constructor(
		private readonly engine: Engine,
		private readonly simulationId: string
	) {
		this.previousBalance = [...engine.initialBalances];
		this.previousCost = engine.agents.map(() => 0);
	}

	tickResult(result: TickResult, emit: RowSink): void {
		emit([
			this.simulationId,
			result.tick,
			this.day(result.tick),
			result.num_arrivals,
			result.num_settlements,
			result.num_lsm_releases,
			result.total_cost,
			result.num_events
		]);
	}

	/** Appends every agent's row to a tick_agent_states batch (the hot path: agents × ticks rows). */
	agentStates(tick: number, batch: ArrowBatchBuilder): void {
		const engine = this.engine;
		const txs = engine.state.txs;
		const rtgsCount = new Array<number>(engine.agents.length).fill(0);
		const rtgsValue = new Array<number>(engine.agents.length).fill(0);
		for (const ix of engine.state.queue2.ids) {
			rtgsCount[txs.sender[ix]]++;
			rtgsValue[txs.sender[ix]] += txs.remaining[ix];
		}
		const day = this.day(tick);
		const dayStart = tick % engine.config.ticks_per_day === 0;
		for (const agent of engine.agents) {
			const i = agent.index;
			const costs = engine.costs[i];
			const total = costs.total();
			// The engine's running costs restart at each day's first tick (except day 0).
			const costBefore = dayStart && tick > 0 ? 0 : this.previousCost[i];
			batch.row();
			batch.string(A.simulation_id, this.simulationId);
			batch.int64(A.tick, tick);
			batch.int64(A.day, day);
			batch.string(A.agent_id, agent.id);
			batch.int64(A.balance, agent.balance);
			batch.int64(A.balance_change, agent.balance - this.previousBalance[i]);
			batch.int64(A.unsecured_cap, agent.unsecuredCap);
			batch.int64(A.posted_collateral, agent.postedCollateral);
			batch.int64(A.allowed_overdraft_limit, agent.allowedOverdraftLimit);
			batch.int64(A.queue1_size, agent.queue1.length);
			batch.int64(A.queue1_value, agent.queue1Value);
			batch.int64(A.rtgs_queue_size, rtgsCount[i]);
			batch.int64(A.rtgs_queue_value, rtgsValue[i]);
			batch.int64(A.liquidity_cost, costs.liquidity);
			batch.int64(A.delay_cost, costs.delay);
			batch.int64(A.collateral_cost, costs.collateral);
			batch.int64(A.penalty_cost, costs.penalty);
			batch.int64(A.split_friction_cost, costs.splitFriction);
			batch.int64(A.liquidity_opportunity_cost, costs.liquidityOpportunity);
			batch.int64(A.total_cost, total);
			batch.int64(A.total_cost_change, total - costBefore);
			this.previousBalance[i] = agent.balance;
			this.previousCost[i] = total;
		}
	}

	queueSnapshots(tick: number, emit: RowSink): void {
		const engine = this.engine;
		const txs = engine.state.txs;
		if (this.queuedStamp.length < txs.count) {
			const grown = new Int32Array(Math.max(txs.count, this.queuedStamp.length * 2));
			grown.set(this.queuedStamp);
			this.queuedStamp = grown;
		}
		const stamp = tick + 1;
		const row = (agentId: string, queueType: string, position: number, ix: number) => {
			this.queuedStamp[ix] = stamp;
			const overdue = txs.status[ix] === TxStatus.Overdue;
			emit([
				this.simulationId,
				tick,
				agentId,
				queueType,
				position,
				txs.ids[ix],
				engine.agents[txs.receiver[ix]].id,
				txs.amount[ix],
				txs.remaining[ix],
				txs.priority[ix],
				txs.arrivalTick[ix],
				txs.deadlineTick[ix],
				STATUS_NAMES[txs.status[ix]],
				overdue ? txs.statusTick[ix] : null
			]);
		};
		for (const agent of engine.agents)
			agent.queue1.forEach((ix, position) => row(agent.id, 'queue1', position, ix));
		engine.state.queue2.ids.forEach((ix, position) =>
			row(engine.agents[txs.sender[ix]].id, 'rtgs', position, ix)
		);

		for (let ix = this.seenTransactions; ix < txs.count; ix++) this.open.push(ix);
		this.seenTransactions = txs.count;
		this.open = this.open.filter((ix) => txs.remaining[ix] !== 0);
		const unqueuedPosition = new Map<number, number>();
		for (const ix of this.open) {
			if (this.queuedStamp[ix] === stamp) continue;
			const sender = txs.sender[ix];
			const position = unqueuedPosition.get(sender) ?? 0;
			unqueuedPosition.set(sender, position + 1);
			row(engine.agents[sender].id, 'none', position, ix);
		}
	}

	private day(tick: number): number {
		return Math.floor(tick / this.engine.config.ticks_per_day);
	}
}
