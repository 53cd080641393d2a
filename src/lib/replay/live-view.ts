/**
 * Builds the TickView of each tick of a live run from the engine, reading its state only. Call
 * `afterTick` right after every `engine.tick()` with that tick's result and all of its events.
 */
import type { Engine, TickResult } from '../engine';
import type { SimulationEvent } from '../engine/events';
import { TxStatus } from '../engine/transactions';
import type {
	AgentTickState,
	EventTransaction,
	OpenTransaction,
	OverdueCostRates,
	TickView
} from './tick-view';

/** Events whose transactions the output prints with their priority (and deadline) after the tick. */
function namedTransactionId(event: SimulationEvent): string | null {
	switch (event.event_type) {
		case 'Arrival':
		case 'RtgsImmediateSettlement':
		case 'Queue2LiquidityRelease':
			return event.tx_id;
		default:
			return null;
	}
}

export class LiveTickViews {
	private readonly previousBalances: number[];
	private readonly rates: OverdueCostRates;
	/** Transaction index by id, extended as the engine creates transactions. */
	private readonly indexById = new Map<string, number>();
	/** Transactions not fully settled after the previous tick, in creation order. */
	private open: number[] = [];
	private transactionsSeen = 0;

	constructor(private readonly engine: Engine) {
		// The balances at creation (liquidity-pool allocation included), as the original starts with.
		this.previousBalances = engine.agents.map((agent) => agent.balance);
		const rates = engine.config.cost_rates;
		this.rates = {
			deadlinePenalty: rates.deadline_penalty,
			delayCostPerTickPerCent: rates.delay_cost_per_tick_per_cent,
			overdueDelayMultiplier: rates.overdue_delay_multiplier
		};
	}

	afterTick(result: TickResult, events: readonly SimulationEvent[]): TickView {
		this.catchUpTransactions();
		return {
			tick: result.tick,
			day: Math.floor(result.tick / this.engine.config.ticks_per_day),
			counts: {
				arrivals: result.num_arrivals,
				settlements: result.num_settlements,
				lsmReleases: result.num_lsm_releases,
				totalCost: result.total_cost
			},
			agents: this.agentStates(),
			openTransactions: this.openTransactions(),
			eventTransactions: this.eventTransactions(events),
			overdueCostRates: { ...this.rates }
		};
	}

	private catchUpTransactions(): void {
		const txs = this.engine.state.txs;
		for (let ix = this.transactionsSeen; ix < txs.count; ix++) {
			this.indexById.set(txs.ids[ix], ix);
			this.open.push(ix);
		}
		this.transactionsSeen = txs.count;
		this.open = this.open.filter((ix) => txs.remaining[ix] !== 0);
	}

	private agentStates(): AgentTickState[] {
		const engine = this.engine;
		return engine.agents.map((agent) => {
			const costs = engine.costs[agent.index];
			const balanceChange = agent.balance - this.previousBalances[agent.index];
			this.previousBalances[agent.index] = agent.balance;
			return {
				agentId: agent.id,
				balance: agent.balance,
				balanceChange,
				unsecuredCap: agent.unsecuredCap,
				postedCollateral: agent.postedCollateral,
				allowedOverdraftLimit: agent.allowedOverdraftLimit,
				costs: {
					liquidityCost: costs.liquidity,
					delayCost: costs.delay,
					collateralCost: costs.collateral,
					penaltyCost: costs.penalty,
					splitFrictionCost: costs.splitFriction,
					liquidityOpportunityCost: costs.liquidityOpportunity
				}
			};
		});
	}

	private openEntry(ix: number, location: OpenTransaction['location'], position: number): OpenTransaction {
		const engine = this.engine;
		const txs = engine.state.txs;
		const overdue = txs.status[ix] === TxStatus.Overdue;
		return {
			txId: txs.ids[ix],
			senderId: engine.agents[txs.sender[ix]].id,
			receiverId: engine.agents[txs.receiver[ix]].id,
			location,
			position,
			remainingAmount: txs.remaining[ix],
			priority: txs.priority[ix],
			deadlineTick: txs.deadlineTick[ix],
			overdueSinceTick: overdue ? txs.statusTick[ix] : null
		};
	}

	/** Queue 1 entries, then the RTGS queue, then the open transactions in neither. */
	private openTransactions(): OpenTransaction[] {
		const engine = this.engine;
		const txs = engine.state.txs;
		const entries: OpenTransaction[] = [];
		const queued = new Set<number>();
		for (const agent of engine.agents) {
			agent.queue1.forEach((ix, position) => {
				queued.add(ix);
				entries.push(this.openEntry(ix, 'queue1', position));
			});
		}
		engine.state.queue2.ids.forEach((ix, position) => {
			queued.add(ix);
			entries.push(this.openEntry(ix, 'rtgs', position));
		});
		const unqueuedCount = new Map<number, number>();
		for (const ix of this.open) {
			if (queued.has(ix)) continue;
			const position = unqueuedCount.get(txs.sender[ix]) ?? 0;
			unqueuedCount.set(txs.sender[ix], position + 1);
			entries.push(this.openEntry(ix, 'none', position));
		}
		return entries;
	}

	private eventTransactions(events: readonly SimulationEvent[]): EventTransaction[] {
		const txs = this.engine.state.txs;
		const listed = new Map<string, EventTransaction>();
		for (const event of events) {
			const txId = namedTransactionId(event);
			if (txId === null || listed.has(txId)) continue;
			const ix = this.indexById.get(txId);
			// Scheduled settlements name a payment that is not a transaction; the output then uses defaults.
			if (ix === undefined) continue;
			listed.set(txId, { txId, priority: txs.priority[ix], deadlineTick: txs.deadlineTick[ix] });
		}
		return [...listed.values()];
	}
}
