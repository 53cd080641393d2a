/**
 * The final summary of a run, with the keys of the golden `final.json`: per-agent balances and costs
 * (all days and the last day's accumulator), daily cost snapshots, transaction counts, the original's
 * system metrics, event counts and the tick error of an aborted run.
 */
import type { CostAccumulator } from './costs';
import type { Engine } from './engine';
import { EngineAbortError, SimulationError } from './errors';
import type { SimulationEvent } from './events';
import { TxStatus } from './transactions';

export interface CostTotals {
	collateral_cost: number;
	delay_cost: number;
	liquidity_cost: number;
	liquidity_opportunity_cost: number;
	penalty_cost: number;
	split_friction_cost: number;
	total: number;
}

export interface AccumulatorSnapshot extends CostTotals {
	peak_net_debit: number;
}

export interface AgentSummary {
	allowed_overdraft_limit: number;
	costs_accumulator_at_end: AccumulatorSnapshot;
	costs_total_all_days: CostTotals;
	final_balance: number;
	id: string;
	initial_balance: number;
	posted_collateral: number;
	queue1_size: number;
	unsecured_cap: number;
}

export interface DailyCostsEntry {
	agents: Record<string, AccumulatorSnapshot>;
	day: number;
	end_tick: number | null;
	partial?: true;
}

export interface TickError {
	error: string;
	events_emitted_during_failed_tick: number;
	message: string;
	tick_call_index: number;
}

export interface SystemMetrics {
	agents_in_overdraft: number;
	avg_delay_ticks: number;
	max_delay_ticks: number;
	peak_overdraft: number;
	queue1_total_size: number;
	queue2_total_size: number;
	settlement_rate: number;
	total_arrivals: number;
	total_settlements: number;
}

export interface TransactionCounts {
	by_status: Record<string, number>;
	original: number;
	original_by_status: Record<string, number>;
	settled: number;
	split_children: number;
	total: number;
	unsettled: number;
	unsettled_remaining_value: number;
}

export interface FinalSummary {
	agents: AgentSummary[];
	balance_sum_final: number;
	balance_sum_initial: number;
	cost_totals_all_days: CostTotals;
	current_day: number;
	current_tick: number;
	daily_costs: DailyCostsEntry[];
	distinct_tx_ids_in_events: number;
	event_count: number;
	event_counts: Record<string, number>;
	system_metrics: SystemMetrics;
	tick_error: TickError | null;
	ticks_completed: number;
	ticks_configured: number;
	ticks_requested: number;
	transactions: TransactionCounts;
}

const STATUS_NAMES = ['pending', 'partially_settled', 'settled', 'overdue'];
const TX_ID = /^tx_\d+$/;
/** Event fields holding one transaction id, and fields holding a list of them. */
const TX_ID_KEYS = ['tx_id', 'incoming_tx_id', 'queued_tx_id'];
const TX_ID_LIST_KEYS = ['tx_ids', 'child_ids', 'source_transactions'];

function snapshot(c: CostAccumulator): AccumulatorSnapshot {
	return {
		collateral_cost: c.collateral,
		delay_cost: c.delay,
		liquidity_cost: c.liquidity,
		liquidity_opportunity_cost: c.liquidityOpportunity,
		peak_net_debit: c.peakNetDebit,
		penalty_cost: c.penalty,
		split_friction_cost: c.splitFriction,
		total: c.total()
	};
}

function zeroTotals(): CostTotals {
	return {
		collateral_cost: 0,
		delay_cost: 0,
		liquidity_cost: 0,
		liquidity_opportunity_cost: 0,
		penalty_cost: 0,
		split_friction_cost: 0,
		total: 0
	};
}

function addTotals(into: CostTotals, from: CostTotals): void {
	into.collateral_cost += from.collateral_cost;
	into.delay_cost += from.delay_cost;
	into.liquidity_cost += from.liquidity_cost;
	into.liquidity_opportunity_cost += from.liquidity_opportunity_cost;
	into.penalty_cost += from.penalty_cost;
	into.split_friction_cost += from.split_friction_cost;
	into.total += from.total;
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const key of [...counts.keys()].sort()) out[key] = counts.get(key) as number;
	return out;
}

/** Collects what the summary needs while a run goes on: event counts, tx ids, daily cost snapshots. */
export class RunRecorder {
	private readonly eventCounts = new Map<string, number>();
	private readonly txIds = new Set<string>();
	private eventCount = 0;
	private readonly dailyCosts: DailyCostsEntry[] = [];
	private ticksCompleted = 0;
	private tickError: TickError | null = null;

	constructor(
		private readonly engine: Engine,
		private readonly ticksRequested: number
	) {}

	/** Event sink; pass it (or call it from yours) for every emitted event. */
	readonly observe = (event: SimulationEvent): void => {
		this.eventCount++;
		this.eventCounts.set(event.event_type, (this.eventCounts.get(event.event_type) ?? 0) + 1);
		const record = event as unknown as Record<string, unknown>;
		for (const key of TX_ID_KEYS) this.noteId(record[key]);
		for (const key of TX_ID_LIST_KEYS) {
			const list = record[key];
			if (Array.isArray(list)) for (const id of list) this.noteId(id);
		}
		if (event.event_type === 'ScenarioEventExecuted') this.noteId(event.details.tx_id);
	};

	private noteId(value: unknown): void {
		if (typeof value === 'string' && TX_ID.test(value)) this.txIds.add(value);
	}

	/** Call after every completed tick. */
	tickCompleted(tick: number): void {
		this.ticksCompleted++;
		const tpd = this.engine.config.ticks_per_day;
		if (tick % tpd === tpd - 1) {
			this.dailyCosts.push({ agents: this.costSnapshot(), day: Math.floor(tick / tpd), end_tick: tick });
		}
	}

	/** Call when a tick fails; the run stops there. */
	tickFailed(error: unknown): void {
		const engine = this.engine;
		let debugForm: string;
		let message: string;
		if (error instanceof SimulationError) {
			debugForm = error.debugForm;
			message = error.message;
		} else if (error instanceof EngineAbortError || error instanceof Error) {
			debugForm = `Panic(${JSON.stringify(error.message)})`;
			message = error.message;
		} else {
			debugForm = String(error);
			message = String(error);
		}
		this.tickError = {
			error: debugForm,
			events_emitted_during_failed_tick: engine.eventsInCurrentTick,
			message,
			tick_call_index: this.ticksCompleted
		};
	}

	private costSnapshot(): Record<string, AccumulatorSnapshot> {
		const out: Record<string, AccumulatorSnapshot> = {};
		for (const agent of this.engine.agents) out[agent.id] = snapshot(this.engine.costs[agent.index]);
		return out;
	}

	finish(): FinalSummary {
		const engine = this.engine;
		const config = engine.config;
		const tpd = config.ticks_per_day;
		const dailyCosts = [...this.dailyCosts];
		if (this.tickError !== null || engine.currentTick % tpd !== 0) {
			dailyCosts.push({ agents: this.costSnapshot(), day: engine.currentDay, end_tick: null, partial: true });
		}
		const totalsByAgent = new Map<string, CostTotals>();
		const allTotals = zeroTotals();
		for (const agent of engine.agents) totalsByAgent.set(agent.id, zeroTotals());
		for (const entry of dailyCosts) {
			for (const [id, costs] of Object.entries(entry.agents)) {
				addTotals(totalsByAgent.get(id) as CostTotals, costs);
				addTotals(allTotals, costs);
			}
		}
		const agents: AgentSummary[] = engine.agents.map((a) => ({
			allowed_overdraft_limit: a.allowedOverdraftLimit,
			costs_accumulator_at_end: snapshot(engine.costs[a.index]),
			costs_total_all_days: totalsByAgent.get(a.id) as CostTotals,
			final_balance: a.balance,
			id: a.id,
			initial_balance: engine.initialBalances[a.index],
			posted_collateral: a.postedCollateral,
			queue1_size: a.queue1.length,
			unsecured_cap: a.unsecuredCap
		}));
		let balanceInitial = 0;
		for (const b of engine.initialBalances) balanceInitial += b;
		return {
			agents,
			balance_sum_final: engine.state.balanceSum(),
			balance_sum_initial: balanceInitial,
			cost_totals_all_days: allTotals,
			current_day: engine.currentDay,
			current_tick: engine.currentTick,
			daily_costs: dailyCosts,
			distinct_tx_ids_in_events: this.txIds.size,
			event_count: this.eventCount,
			event_counts: sortedRecord(this.eventCounts),
			system_metrics: systemMetrics(engine),
			tick_error: this.tickError,
			ticks_completed: this.ticksCompleted,
			ticks_configured: config.num_days * tpd,
			ticks_requested: this.ticksRequested,
			transactions: transactionCounts(engine)
		};
	}
}

function transactionCounts(engine: Engine): TransactionCounts {
	const txs = engine.state.txs;
	const byStatus = new Map<string, number>();
	const originalByStatus = new Map<string, number>();
	let original = 0;
	let settled = 0;
	let unsettledValue = 0;
	for (let ix = 0; ix < txs.count; ix++) {
		const status = STATUS_NAMES[txs.status[ix]];
		byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
		if (txs.parent[ix] < 0) {
			original++;
			originalByStatus.set(status, (originalByStatus.get(status) ?? 0) + 1);
		}
		if (txs.status[ix] === TxStatus.Settled) settled++;
		else unsettledValue += txs.remaining[ix];
	}
	return {
		by_status: sortedRecord(byStatus),
		original,
		original_by_status: sortedRecord(originalByStatus),
		settled,
		split_children: txs.count - original,
		total: txs.count,
		unsettled: txs.count - settled,
		unsettled_remaining_value: unsettledValue
	};
}

/** The original's `calculate_system_metrics` (§12.5). */
export function systemMetrics(engine: Engine): SystemMetrics {
	const txs = engine.state.txs;
	const children: number[][] = [];
	for (let ix = 0; ix < txs.count; ix++) {
		const parent = txs.parent[ix];
		if (parent >= 0) (children[parent] ??= []).push(ix);
	}
	const effectivelySettled = (ix: number): boolean => {
		const kids = children[ix];
		if (kids !== undefined) return kids.every(effectivelySettled);
		return txs.remaining[ix] === 0;
	};
	let arrivals = 0;
	let settlements = 0;
	let delaySum = 0;
	let maxDelay = 0;
	const now = engine.currentTick;
	for (let ix = 0; ix < txs.count; ix++) {
		if (txs.parent[ix] >= 0) continue;
		arrivals++;
		if (!effectivelySettled(ix)) continue;
		settlements++;
		const delay = Math.max(0, now - txs.arrivalTick[ix]);
		delaySum += delay;
		if (delay > maxDelay) maxDelay = delay;
	}
	let queue1 = 0;
	let peakOverdraft = 0;
	let inOverdraft = 0;
	for (const agent of engine.agents) {
		queue1 += agent.queue1.length;
		if (agent.balance < 0) {
			inOverdraft++;
			if (-agent.balance > peakOverdraft) peakOverdraft = -agent.balance;
		}
	}
	return {
		agents_in_overdraft: inOverdraft,
		avg_delay_ticks: settlements > 0 ? delaySum / settlements : 0,
		max_delay_ticks: maxDelay,
		peak_overdraft: peakOverdraft,
		queue1_total_size: queue1,
		queue2_total_size: engine.state.queue2.size,
		settlement_rate: arrivals > 0 ? settlements / arrivals : 0,
		total_arrivals: arrivals,
		total_settlements: settlements
	};
}
