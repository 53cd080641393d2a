/**
 * Reads a window of ticks of a run stored at level full back into what formatTick takes: the tick's
 * events in emission order (seq) and its TickView, built only from stored rows — tick_results,
 * tick_agent_states, tick_queue_snapshots and, for transactions settled within the tick, their final
 * state in `transactions`. The engine is never run.
 */
import type { SimulationEvent } from '../engine/events';
import type { SqlValue } from '../store/sql-db';
import type { SqlReader } from './sql-reader';
import { sqlLiteral } from '../store/sql-literal';
import type { StoredRun } from './stored-run';
import { cellNumber, cellNumberOrNull, cellText } from './stored-values';
import type {
	AgentTickState,
	EventTransaction,
	OpenTransaction,
	OverdueCostRates,
	QueueLocation,
	TickCounts,
	TickView
} from './tick-view';

export interface StoredTick {
	view: TickView;
	/** Every event of the tick, in emission order. */
	events: SimulationEvent[];
}

const QUEUE_LOCATIONS: readonly QueueLocation[] = ['queue1', 'rtgs', 'none'];

/** The events whose transactions the output prints with their priority and deadline after the tick. */
const NAMING_EVENT_TYPES: ReadonlySet<string> = new Set([
	'Arrival',
	'RtgsImmediateSettlement',
	'Queue2LiquidityRelease'
]);

function byTick<T>(ticks: Map<number, T[]>, tick: number, item: T): void {
	const list = ticks.get(tick);
	if (list === undefined) ticks.set(tick, [item]);
	else list.push(item);
}

function location(value: SqlValue): QueueLocation {
	const text = cellText(value, 'queue_type');
	if ((QUEUE_LOCATIONS as readonly string[]).includes(text)) return text as QueueLocation;
	throw new TypeError(`queue_type: unknown queue ${JSON.stringify(text)}`);
}

class TickWindowReader {
	private readonly where: string;
	private readonly settledInWindow: string;

	constructor(
		private readonly db: SqlReader,
		private readonly run: StoredRun,
		fromTick: number,
		toTick: number
	) {
		this.where =
			`simulation_id = ${sqlLiteral(run.simulationId)} AND tick BETWEEN ${sqlLiteral(fromTick)} ` +
			`AND ${sqlLiteral(toTick)}`;
		this.settledInWindow = `settlement_tick BETWEEN ${sqlLiteral(fromTick)} AND ${sqlLiteral(toTick)}`;
	}

	async counts(): Promise<Map<number, TickCounts>> {
		const result = await this.db.query(
			`SELECT tick, num_arrivals, num_settlements, num_lsm_releases, total_cost FROM tick_results WHERE ${this.where}`
		);
		return new Map(
			result.rows.map((row) => [
				cellNumber(row[0], 'tick'),
				{
					arrivals: cellNumber(row[1], 'num_arrivals'),
					settlements: cellNumber(row[2], 'num_settlements'),
					lsmReleases: cellNumber(row[3], 'num_lsm_releases'),
					totalCost: cellNumber(row[4], 'total_cost')
				}
			])
		);
	}

	async agents(): Promise<Map<number, AgentTickState[]>> {
		const result = await this.db.query(
			'SELECT tick, agent_id, balance, balance_change, unsecured_cap, posted_collateral, allowed_overdraft_limit, ' +
				'liquidity_cost, delay_cost, collateral_cost, penalty_cost, split_friction_cost, liquidity_opportunity_cost ' +
				`FROM tick_agent_states WHERE ${this.where}`
		);
		const ticks = new Map<number, AgentTickState[]>();
		for (const row of result.rows) {
			byTick(ticks, cellNumber(row[0], 'tick'), {
				agentId: cellText(row[1], 'agent_id'),
				balance: cellNumber(row[2], 'balance'),
				balanceChange: cellNumber(row[3], 'balance_change'),
				unsecuredCap: cellNumber(row[4], 'unsecured_cap'),
				postedCollateral: cellNumber(row[5], 'posted_collateral'),
				allowedOverdraftLimit: cellNumber(row[6], 'allowed_overdraft_limit'),
				costs: {
					liquidityCost: cellNumber(row[7], 'liquidity_cost'),
					delayCost: cellNumber(row[8], 'delay_cost'),
					collateralCost: cellNumber(row[9], 'collateral_cost'),
					penaltyCost: cellNumber(row[10], 'penalty_cost'),
					splitFrictionCost: cellNumber(row[11], 'split_friction_cost'),
					liquidityOpportunityCost: cellNumber(row[12], 'liquidity_opportunity_cost')
				}
			});
		}
		return ticks;
	}

	async openTransactions(): Promise<Map<number, OpenTransaction[]>> {
		const result = await this.db.query(
			'SELECT tick, tx_id, agent_id, receiver_id, queue_type, position, remaining_amount, priority, deadline_tick, ' +
				`overdue_since_tick FROM tick_queue_snapshots WHERE ${this.where}`
		);
		const ticks = new Map<number, OpenTransaction[]>();
		for (const row of result.rows) {
			byTick(ticks, cellNumber(row[0], 'tick'), {
				txId: cellText(row[1], 'tx_id'),
				senderId: cellText(row[2], 'agent_id'),
				receiverId: cellText(row[3], 'receiver_id'),
				location: location(row[4]),
				position: cellNumber(row[5], 'position'),
				remainingAmount: cellNumber(row[6], 'remaining_amount'),
				priority: cellNumber(row[7], 'priority'),
				deadlineTick: cellNumber(row[8], 'deadline_tick'),
				overdueSinceTick: cellNumberOrNull(row[9], 'overdue_since_tick')
			});
		}
		return ticks;
	}

	async events(): Promise<Map<number, SimulationEvent[]>> {
		const result = await this.db.query(
			`SELECT tick, event_json FROM simulation_events WHERE ${this.where} ORDER BY seq`
		);
		const ticks = new Map<number, SimulationEvent[]>();
		for (const row of result.rows) {
			byTick(
				ticks,
				cellNumber(row[0], 'tick'),
				JSON.parse(cellText(row[1], 'event_json')) as SimulationEvent
			);
		}
		return ticks;
	}

	/**
	 * Priority and deadline of transactions that left the open set during their tick (fully settled):
	 * a settled transaction's priority never changes again, so its final state in `transactions` is its
	 * state at the end of that tick. A run whose writer died has no `transactions` rows; its Arrival
	 * events then give the priority and deadline the transaction arrived with.
	 */
	async settledTransactions(txIds: readonly string[]): Promise<Map<string, EventTransaction>> {
		const found = new Map<string, EventTransaction>();
		if (txIds.length === 0) return found;
		const wanted = new Set(txIds);
		const run = sqlLiteral(this.run.simulationId);
		const keep = (rows: SqlValue[][]) => {
			for (const row of rows) {
				const txId = cellText(row[0], 'tx_id');
				if (!wanted.has(txId)) continue;
				found.set(txId, {
					txId,
					priority: cellNumber(row[1], 'priority'),
					deadlineTick: cellNumber(row[2], 'deadline_tick')
				});
			}
		};
		// Almost all of them settled fully in the window: a filter on a number column, far cheaper than a
		// list of ids. The rest (a split parent, say) are looked up by id.
		keep(
			(
				await this.db.query(
					`SELECT tx_id, priority, deadline_tick FROM transactions WHERE simulation_id = ${run} AND ${this.settledInWindow}`
				)
			).rows
		);
		let missing = txIds.filter((id) => !found.has(id));
		if (missing.length === 0) return found;
		const list = missing.map((id) => sqlLiteral(id)).join(', ');
		keep(
			(
				await this.db.query(
					`SELECT tx_id, priority, deadline_tick FROM transactions WHERE simulation_id = ${run} AND tx_id IN (${list})`
				)
			).rows
		);
		missing = missing.filter((id) => !found.has(id));
		if (missing.length === 0) return found;
		const arrivals = await this.db.query(
			`SELECT event_json FROM simulation_events WHERE simulation_id = ${run} AND event_type = 'Arrival' ` +
				`AND tx_id IN (${missing.map((id) => sqlLiteral(id)).join(', ')})`
		);
		for (const row of arrivals.rows) {
			const arrival = JSON.parse(cellText(row[0], 'event_json')) as Extract<
				SimulationEvent,
				{ event_type: 'Arrival' }
			>;
			found.set(arrival.tx_id, {
				txId: arrival.tx_id,
				priority: arrival.priority,
				deadlineTick: arrival.deadline
			});
		}
		return found;
	}
}

/** The transactions named by the tick's Arrival and settlement events, once each, in event order. */
function namedTransactionIds(events: readonly SimulationEvent[]): string[] {
	const ids = new Set<string>();
	for (const event of events) {
		if (NAMING_EVENT_TYPES.has(event.event_type)) ids.add((event as { tx_id: string }).tx_id);
	}
	return [...ids];
}

/**
 * Ticks `fromTick` … `toTick` (inclusive, within the stored prefix) of a run stored at level full, each
 * with its TickView and events.
 */
export async function readStoredTicks(
	db: SqlReader,
	run: StoredRun,
	rates: OverdueCostRates,
	fromTick: number,
	toTick: number
): Promise<StoredTick[]> {
	const reader = new TickWindowReader(db, run, fromTick, toTick);
	// One after the other: the db worker runs its queries one at a time anyway.
	const counts = await reader.counts();
	const agents = await reader.agents();
	const open = await reader.openTransactions();
	const events = await reader.events();
	const pending: string[] = [];
	const perTick: { tick: number; named: string[]; open: OpenTransaction[] }[] = [];
	for (let tick = fromTick; tick <= toTick; tick++) {
		const openThen = open.get(tick) ?? [];
		const named = namedTransactionIds(events.get(tick) ?? []);
		const openIds = new Set(openThen.map((entry) => entry.txId));
		pending.push(...named.filter((id) => !openIds.has(id)));
		perTick.push({ tick, named, open: openThen });
	}
	const settled = await reader.settledTransactions([...new Set(pending)]);
	return perTick.map(({ tick, named, open: openThen }) => {
		const tickCounts = counts.get(tick);
		if (tickCounts === undefined)
			throw new Error(`${run.simulationId}: tick ${tick} has no tick_results row (stored at ${run.level})`);
		const openById = new Map(openThen.map((entry) => [entry.txId, entry]));
		const eventTransactions: EventTransaction[] = [];
		for (const txId of named) {
			const entry = openById.get(txId);
			const known =
				entry === undefined
					? settled.get(txId)
					: { txId, priority: entry.priority, deadlineTick: entry.deadlineTick };
			// A scheduled settlement names a payment that is not a transaction: the output uses defaults.
			if (known !== undefined) eventTransactions.push(known);
		}
		return {
			view: {
				tick,
				day: Math.floor(tick / run.ticksPerDay),
				counts: tickCounts,
				agents: agents.get(tick) ?? [],
				openTransactions: openThen,
				eventTransactions,
				overdueCostRates: { ...rates }
			},
			events: events.get(tick) ?? []
		};
	});
}
