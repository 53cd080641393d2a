/**
 * The liquidity-saving mechanism (§9.4): bilateral offsetting, multilateral cycle settlement and the
 * internal Queue 2 re-passes, iterated up to three times per tick.
 *
 * Every settlement here is all-or-nothing at full remaining values, judged on net positions. Agents
 * are handled by index; index order is byte-wise id order, which is every ordering rule the original
 * states in terms of agent ids.
 */
import type { LsmConfig } from './config';
import type { EntryDispositionOffsetEvent, LsmBilateralOffsetEvent, LsmCycleSettlementEvent } from './events';
import { detectCycles, type Cycle } from './cycle-detection';
import { processQueue2, type DeferredCredits } from './settlement';
import type { SimulationState } from './state';

const MAX_ITERATIONS = 3;

export type LsmReplayEvent = LsmBilateralOffsetEvent | EntryDispositionOffsetEvent | LsmCycleSettlementEvent;

/** The original's `LsmCycleEvent` record, kept outside the event log (§11.4). */
export interface LsmCycleRecord {
	tick: number;
	day: number;
	cycle_type: 'bilateral' | 'multilateral';
	cycle_length: number;
	agents: string[];
	transactions: string[];
	settled_value: number;
	total_value: number;
	tx_amounts: number[];
	/** Net position per agent id, ids in sorted order. */
	net_positions: Record<string, number>;
	max_net_outflow: number;
	max_net_outflow_agent: string;
	/** Transaction indices of `transactions`, used for our deterministic tie-break. */
	transactionIndices: number[];
}

/** An LSM cycle record as the original's queries return it. */
export type LsmCycle = Omit<LsmCycleRecord, 'transactionIndices'>;

export interface LsmPassResult {
	readonly bilateralOffsets: number;
	readonly cyclesSettled: number;
	readonly events: readonly LsmReplayEvent[];
	readonly records: readonly LsmCycleRecord[];
}

/** Settles one transaction at its full remaining amount with LSM semantics (no liquidity test). */
function settleInLsm(
	state: SimulationState,
	ix: number,
	tick: number,
	deferred: DeferredCredits | null
): number {
	const txs = state.txs;
	const amount = txs.remaining[ix];
	const sender = state.agents[txs.sender[ix]];
	const receiver = txs.receiver[ix];
	sender.adjustBalance(-amount);
	sender.recordOutflow(receiver, amount);
	if (deferred !== null) deferred.accumulate(receiver, amount, ix);
	else state.agents[receiver].adjustBalance(amount);
	state.markSettled(ix, tick);
	state.queue2.value -= amount;
	return amount;
}

interface Bucket {
	sum: number;
	txs: number[];
}

interface BilateralPair {
	a: number;
	b: number;
	txsAB: number[];
	txsBA: number[];
	sumAB: number;
	sumBA: number;
}

/** Settles every queued transaction between a and b in both directions, or nothing (§9.4.2). */
function settlePair(
	state: SimulationState,
	pair: BilateralPair,
	tick: number,
	deferred: DeferredCredits | null
): number {
	const txs = state.txs;
	let sumAB = 0;
	for (const ix of pair.txsAB) sumAB += txs.remaining[ix];
	let sumBA = 0;
	for (const ix of pair.txsBA) sumBA += txs.remaining[ix];
	const net = Math.abs(sumAB - sumBA);
	const netSender = state.agents[sumAB > sumBA ? txs.sender[pair.txsAB[0]] : txs.sender[pair.txsBA[0]]];
	if (netSender.balance - net < -netSender.allowedOverdraftLimit) return 0;
	if (pair.txsAB.length > 0) {
		const s = state.agents[txs.sender[pair.txsAB[0]]];
		const r = txs.receiver[pair.txsAB[0]];
		if (!s.bilateralOk(r, sumAB) || !s.multilateralOk(sumAB)) return 0;
	}
	if (pair.txsBA.length > 0) {
		const s = state.agents[txs.sender[pair.txsBA[0]]];
		const r = txs.receiver[pair.txsBA[0]];
		if (!s.bilateralOk(r, sumBA) || !s.multilateralOk(sumBA)) return 0;
	}
	for (const ix of pair.txsAB) settleInLsm(state, ix, tick, deferred);
	for (const ix of pair.txsBA) settleInLsm(state, ix, tick, deferred);
	return pair.txsAB.length + pair.txsBA.length;
}

interface BilateralResult {
	pairsFound: number;
	offsetValue: number;
	settlements: number;
	pairs: BilateralPair[];
}

function bilateralOffset(
	state: SimulationState,
	tick: number,
	deferred: DeferredCredits | null
): BilateralResult {
	const txs = state.txs;
	const n = state.agentCount;
	const buckets = new Map<number, Bucket>();
	for (const ix of state.queue2.ids) {
		const key = txs.sender[ix] * n + txs.receiver[ix];
		let bucket = buckets.get(key);
		if (bucket === undefined) {
			bucket = { sum: 0, txs: [] };
			buckets.set(key, bucket);
		}
		bucket.sum += txs.remaining[ix];
		bucket.txs.push(ix);
	}
	const ready: { a: number; b: number; release: number }[] = [];
	for (const [key, bucket] of buckets) {
		const s = Math.floor(key / n);
		const r = key - s * n;
		if (s >= r || bucket.sum <= 0) continue;
		const reverse = buckets.get(r * n + s);
		if (reverse === undefined || reverse.sum <= 0) continue;
		ready.push({ a: s, b: r, release: Math.min(bucket.sum, reverse.sum) });
	}
	ready.sort((x, y) => y.release - x.release || x.a - y.a || x.b - y.b);

	const result: BilateralResult = { pairsFound: 0, offsetValue: 0, settlements: 0, pairs: [] };
	for (const { a, b } of ready) {
		const ab = buckets.get(a * n + b) as Bucket;
		const ba = buckets.get(b * n + a) as Bucket;
		result.pairsFound++;
		const offset = Math.min(ab.sum, ba.sum);
		result.offsetValue += offset;
		if (offset > 0) {
			const pair: BilateralPair = { a, b, txsAB: ab.txs, txsBA: ba.txs, sumAB: ab.sum, sumBA: ba.sum };
			result.settlements += settlePair(state, pair, tick, deferred);
			result.pairs.push(pair);
		}
	}
	if (result.settlements > 0) state.queue2.removeSettled(txs);
	return result;
}

/** Net position per agent index, agents in ascending index order. */
function cycleNetPositions(state: SimulationState, cycle: Cycle): Map<number, number> {
	const txs = state.txs;
	const net = new Map<number, number>();
	for (const ix of cycle.transactions) {
		const s = txs.sender[ix];
		const r = txs.receiver[ix];
		net.set(s, (net.get(s) ?? 0) - txs.remaining[ix]);
		net.set(r, (net.get(r) ?? 0) + txs.remaining[ix]);
	}
	return new Map([...net.entries()].sort((x, y) => x[0] - y[0]));
}

/** Attempts one cycle (§9.4.6); returns its net positions when it settled, null when any check failed. */
export function settleCycle(
	state: SimulationState,
	cycle: Cycle,
	tick: number,
	deferred: DeferredCredits | null
): Map<number, number> | null {
	const txs = state.txs;
	for (const ix of cycle.transactions) if (txs.remaining[ix] === 0) return null;
	const net = cycleNetPositions(state, cycle);
	let sum = 0;
	for (const value of net.values()) sum += value;
	if (sum !== 0) return null;
	for (const [agent, value] of net) {
		if (value < 0 && state.agents[agent].availableLiquidity < -value) return null;
	}
	for (const [agent, value] of net) {
		if (value < 0 && state.agents[agent].balance + value < -state.agents[agent].allowedOverdraftLimit)
			return null;
	}
	for (const ix of cycle.transactions) {
		const sender = state.agents[txs.sender[ix]];
		const amount = txs.remaining[ix];
		if (!sender.bilateralOk(txs.receiver[ix], amount) || !sender.multilateralOk(amount)) return null;
	}
	for (const ix of cycle.transactions) settleInLsm(state, ix, tick, deferred);
	return net;
}

function compareIndexLists(x: number[], y: number[]): number {
	const n = Math.min(x.length, y.length);
	for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return x.length - y.length;
}

function compareStringLists(x: string[], y: string[]): number {
	const n = Math.min(x.length, y.length);
	for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
	return x.length - y.length;
}

/**
 * One LSM pass (§9.4.1). Settlements made by the internal Queue 2 re-passes credit immediately even in
 * deferred mode and emit nothing [QUIRK].
 */
export function runLsmPass(
	state: SimulationState,
	config: LsmConfig,
	tick: number,
	ticksPerDay: number,
	entryDispositionOffsetting: boolean,
	deferred: DeferredCredits | null
): LsmPassResult {
	const txs = state.txs;
	const ids = txs.ids;
	const agentId = (a: number) => state.agents[a].id;
	const day = Math.floor(tick / ticksPerDay);
	const result = {
		bilateralOffsets: 0,
		cyclesSettled: 0,
		events: [] as LsmReplayEvent[],
		records: [] as LsmCycleRecord[]
	};
	const reportedPairs = new Set<number>();
	let totalValue = 0;
	let iterations = 0;
	while (iterations < MAX_ITERATIONS && state.queue2.size > 0) {
		iterations++;
		const before = totalValue;
		if (config.enable_bilateral) {
			const bilateral = bilateralOffset(state, tick, deferred);
			result.bilateralOffsets += bilateral.pairsFound;
			totalValue += bilateral.offsetValue;
			for (const pair of bilateral.pairs) {
				const key = pair.a * state.agentCount + pair.b;
				if (reportedPairs.has(key)) continue;
				reportedPairs.add(key);
				const transactions = [...pair.txsAB, ...pair.txsBA];
				const txIds = transactions.map((ix) => ids[ix]);
				const netA = pair.sumBA - pair.sumAB;
				const netB = pair.sumAB - pair.sumBA;
				const offset = Math.min(pair.sumAB, pair.sumBA);
				const a = agentId(pair.a);
				const b = agentId(pair.b);
				if (entryDispositionOffsetting) {
					result.events.push({
						event_type: 'EntryDispositionOffset',
						tick,
						incoming_tx_id: txIds[0] ?? '',
						queued_tx_id: txIds.length >= 2 ? txIds[1] : '',
						agent_a: a,
						agent_b: b,
						offset_amount: offset,
						incoming_amount: pair.sumAB,
						queued_amount: pair.sumBA
					});
				} else {
					result.events.push({
						event_type: 'LsmBilateralOffset',
						tick,
						agent_a: a,
						agent_b: b,
						tx_ids: txIds,
						amount_a: pair.sumAB,
						amount_b: pair.sumBA,
						amount: pair.sumAB + pair.sumBA
					});
				}
				result.records.push({
					tick,
					day,
					cycle_type: 'bilateral',
					cycle_length: 2,
					agents: [a, b, a],
					transactions: txIds,
					settled_value: offset,
					total_value: pair.sumAB + pair.sumBA,
					tx_amounts: transactions.map((ix) => txs.amount[ix]),
					net_positions: { [a]: netA, [b]: netB },
					max_net_outflow: Math.abs(netA),
					max_net_outflow_agent: Math.abs(netA) >= Math.abs(netB) ? a : b,
					transactionIndices: transactions
				});
			}
			if (bilateral.settlements > 0) {
				for (const ix of processQueue2(state, tick, null)) totalValue += txs.amount[ix];
			}
		}
		if (config.enable_cycles && state.queue2.size > 0) {
			const candidates = detectCycles(state, config.max_cycle_length, config.max_cycles_per_tick);
			let settledAny = false;
			for (const cycle of candidates.cycles) {
				const settledTxAmounts = cycle.transactions.map((ix) => txs.remaining[ix]);
				const net = settleCycle(state, cycle, tick, deferred);
				if (net === null) continue;
				settledAny = true;
				let settledValue = 0;
				for (const amount of settledTxAmounts) settledValue += amount;
				totalValue += settledValue;
				result.cyclesSettled++;
				let maxOutflow = 0;
				let maxOutflowAgent = '';
				for (const [agent, value] of net) {
					if (value < 0 && -value >= maxOutflow) {
						maxOutflow = -value;
						maxOutflowAgent = agentId(agent);
					}
				}
				const agents = cycle.agents.map(agentId);
				const txIds = cycle.transactions.map((ix) => ids[ix]);
				const txAmounts = cycle.transactions.map((ix) => txs.amount[ix]);
				result.events.push({
					event_type: 'LsmCycleSettlement',
					tick,
					agents,
					tx_amounts: txAmounts,
					total_value: cycle.totalValue,
					net_positions: cycle.agents.map((agent) => net.get(agent) ?? 0),
					max_net_outflow: maxOutflow,
					max_net_outflow_agent: maxOutflowAgent,
					tx_ids: txIds,
					cycle_value: cycle.totalValue
				});
				const netById: Record<string, number> = {};
				for (const [agent, value] of net) netById[agentId(agent)] = value;
				result.records.push({
					tick,
					day,
					cycle_type: 'multilateral',
					cycle_length: cycle.agents.length - 1,
					agents,
					transactions: txIds,
					settled_value: settledValue,
					total_value: cycle.totalValue,
					tx_amounts: txAmounts,
					net_positions: netById,
					max_net_outflow: maxOutflow,
					max_net_outflow_agent: maxOutflowAgent,
					transactionIndices: cycle.transactions
				});
			}
			if (settledAny) state.queue2.removeSettled(txs);
			if (candidates.anyFound) {
				for (const ix of processQueue2(state, tick, null)) totalValue += txs.amount[ix];
			}
		}
		if (totalValue === before) break;
	}
	result.records.sort(
		(x, y) =>
			(x.cycle_type < y.cycle_type ? -1 : x.cycle_type > y.cycle_type ? 1 : 0) ||
			y.settled_value - x.settled_value ||
			y.total_value - x.total_value ||
			compareStringLists(x.agents, y.agents) ||
			compareIndexLists(x.transactionIndices, y.transactionIndices)
	);
	return result;
}
