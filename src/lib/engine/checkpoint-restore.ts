/**
 * Restoring a checkpoint (§12.8) into a fresh engine built from the same configuration: the document is
 * read with full validation (shape, the configuration hash, references between agents, transactions and
 * queues), then every piece of state is put back. Errors are the original's kinds: DeserializationError
 * for unreadable documents, ConfigMismatch for another configuration, StateValidationError for documents
 * that contradict the configuration or themselves.
 */
import { UNLIMITED_BUDGET, type Agent } from './agents';
import {
	CHECKPOINT_FORMAT,
	type CheckpointInfo,
	type CollateralRecordSnapshot,
	type LsmCycleRecordSnapshot
} from './checkpoint-document';
import type { CollateralRecord } from './collateral';
import { readSeed, type EngineConfig } from './config';
import { configHash } from './config-hash';
import {
	asArray,
	asCount,
	asInteger,
	asObject,
	asString,
	asVariant,
	joinPath,
	required,
	type JsonObject
} from './config-reader';
import { Engine, type EngineOptions } from './engine';
import { ConfigError, SimulationError } from './errors';
import type { LsmCycleRecord } from './lsm';
import type { DailyMetrics } from './metrics';
import {
	RtgsPriority,
	TxStatus,
	parseRtgsPriority,
	transactionId,
	type TransactionRecord
} from './transactions';

function invalid(detail: string): SimulationError {
	return new SimulationError('StateValidationError', detail);
}

/** Runs a reading step, reporting malformed input as the original's DeserializationError. */
function reading<T>(read: () => T): T {
	try {
		return read();
	} catch (error) {
		if (error instanceof ConfigError) throw new SimulationError('DeserializationError', error.message);
		throw error;
	}
}

function parseDocument(checkpoint: unknown): JsonObject {
	if (typeof checkpoint !== 'string') return reading(() => asObject(checkpoint, ''));
	let parsed: unknown;
	try {
		parsed = JSON.parse(checkpoint);
	} catch (error) {
		throw new SimulationError(
			'DeserializationError',
			`Failed to parse state JSON: ${error instanceof Error ? error.message : String(error)}`
		);
	}
	return reading(() => asObject(parsed, ''));
}

/** The doubles {@link doubleToJson} writes as strings. */
const SPECIAL_DOUBLES = new Map<unknown, number>([
	['NaN', NaN],
	['Infinity', Infinity],
	['-Infinity', -Infinity],
	['-0', -0]
]);

function asDouble(value: unknown, path: string): number {
	if (typeof value === 'number') return value;
	const special = SPECIAL_DOUBLES.get(value);
	if (special === undefined) throw new ConfigError(path, `expected a number, got ${JSON.stringify(value)}`);
	return special;
}

function nullable<T>(
	obj: JsonObject,
	key: string,
	path: string,
	read: (v: unknown, p: string) => T
): T | null {
	const value = obj[key];
	if (value === undefined) throw new ConfigError(joinPath(path, key), 'missing field');
	return value === null ? null : read(value, joinPath(path, key));
}

function listOf<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T[] {
	return asArray(value, path).map((item, i) => read(item, joinPath(path, i)));
}

function entriesOf<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): [string, T][] {
	const obj = asObject(value, path);
	return Object.keys(obj).map((key) => [key, read(obj[key], joinPath(path, key))]);
}

/** Resolves ids of one kind (agents or transactions) to indices, naming what refers to them. */
class Ids {
	private readonly index = new Map<string, number>();

	constructor(
		private readonly what: string,
		ids: readonly string[]
	) {
		ids.forEach((id, i) => this.index.set(id, i));
	}

	of(id: string, path: string): number {
		const i = this.index.get(id);
		if (i === undefined) throw invalid(`${path}: unknown ${this.what} ${JSON.stringify(id)}`);
		return i;
	}
}

function readStatus(value: unknown, path: string): { status: TxStatus; tick: number } {
	const [variant, body] = asVariant(value, path, ['Pending', 'PartiallySettled', 'Settled', 'Overdue']);
	const at = joinPath(path, variant);
	switch (variant) {
		case 'Pending':
			return { status: TxStatus.Pending, tick: 0 };
		case 'PartiallySettled':
			return {
				status: TxStatus.PartiallySettled,
				tick: required(asObject(body, at), 'first_settlement_tick', at, asCount)
			};
		case 'Settled':
			return { status: TxStatus.Settled, tick: required(asObject(body, at), 'tick', at, asCount) };
		default:
			return {
				status: TxStatus.Overdue,
				tick: required(asObject(body, at), 'missed_deadline_tick', at, asCount)
			};
	}
}

/** Internal priorities are capped at 10 whenever they are set. */
function asPriority(value: unknown, path: string): number {
	const priority = asCount(value, path);
	if (priority > 10) throw new ConfigError(path, `expected a priority in 0..10, got ${priority}`);
	return priority;
}

function readRtgsPriority(value: unknown, path: string): RtgsPriority {
	const priority = parseRtgsPriority(asString(value, path));
	if (priority === null) throw new ConfigError(path, `unknown RTGS priority ${JSON.stringify(value)}`);
	return priority;
}

function readTransaction(
	value: unknown,
	path: string,
	ix: number,
	agents: Ids,
	txIds: Ids
): TransactionRecord {
	const obj = asObject(value, path);
	const id = required(obj, 'id', path, asString);
	if (id !== transactionId(ix))
		throw invalid(`${path}.id: expected ${transactionId(ix)} (creation order), got ${id}`);
	const { status, tick } = required(obj, 'status', path, readStatus);
	const parentId = nullable(obj, 'parent_id', path, asString);
	const parent = parentId === null ? -1 : txIds.of(parentId, `${path}.parent_id`);
	if (parent >= ix) throw invalid(`${path}.parent_id: ${parentId} is not an earlier transaction`);
	const amount = required(obj, 'amount', path, asInteger);
	const remaining = required(obj, 'remaining_amount', path, asInteger);
	if (!(amount > 0 && remaining >= 0 && remaining <= amount)) {
		throw invalid(`${path}: amount ${amount} and remaining_amount ${remaining} are inconsistent`);
	}
	const submission = nullable(obj, 'rtgs_submission_tick', path, asCount);
	return {
		sender: agents.of(required(obj, 'sender_id', path, asString), `${path}.sender_id`),
		receiver: agents.of(required(obj, 'receiver_id', path, asString), `${path}.receiver_id`),
		amount,
		remaining,
		arrivalTick: required(obj, 'arrival_tick', path, asCount),
		deadlineTick: required(obj, 'deadline_tick', path, asCount),
		priority: required(obj, 'priority', path, asPriority),
		originalPriority: required(obj, 'original_priority', path, asPriority),
		status,
		statusTick: tick,
		parent,
		rtgsPriority: nullable(obj, 'rtgs_priority', path, readRtgsPriority) ?? RtgsPriority.None,
		rtgsSubmissionTick: submission ?? -1,
		declaredRtgsPriority: nullable(obj, 'declared_rtgs_priority', path, readRtgsPriority) ?? RtgsPriority.None
	};
}

const DAILY_METRIC_COUNTS: readonly (keyof DailyMetrics)[] = [
	'day',
	'opening_balance',
	'closing_balance',
	'min_balance',
	'max_balance',
	'unsecured_cap',
	'peak_overdraft',
	'opening_posted_collateral',
	'closing_posted_collateral',
	'peak_posted_collateral',
	'collateral_capacity',
	'num_collateral_posts',
	'num_collateral_withdrawals',
	'num_arrivals',
	'num_sent',
	'num_received',
	'num_settled',
	'num_dropped',
	'queue1_peak_size',
	'queue1_eod_size',
	'liquidity_cost',
	'delay_cost',
	'collateral_cost',
	'split_friction_cost',
	'deadline_penalty_cost',
	'total_cost'
];

function readDailyMetrics(value: unknown, path: string): DailyMetrics {
	const obj = asObject(value, path);
	const record = { agent_id: required(obj, 'agent_id', path, asString) } as Record<string, unknown>;
	for (const key of DAILY_METRIC_COUNTS) record[key] = required(obj, key, path, asInteger);
	return record as unknown as DailyMetrics;
}

function readCollateralRecord(value: unknown, path: string): CollateralRecordSnapshot {
	const obj = asObject(value, path);
	const action = required(obj, 'action', path, asString);
	const layer = required(obj, 'layer', path, asString);
	if (action !== 'post' && action !== 'withdraw')
		throw new ConfigError(`${path}.action`, `unknown action ${action}`);
	if (layer !== 'strategic' && layer !== 'end_of_tick')
		throw new ConfigError(`${path}.layer`, `unknown layer ${layer}`);
	const int = (key: string) => required(obj, key, path, asInteger);
	return {
		agent_id: required(obj, 'agent_id', path, asString),
		tick: int('tick'),
		day: int('day'),
		action,
		amount: int('amount'),
		reason: required(obj, 'reason', path, asString),
		layer,
		balance_before: int('balance_before'),
		posted_collateral_before: int('posted_collateral_before'),
		posted_collateral_after: int('posted_collateral_after'),
		available_capacity_after: int('available_capacity_after')
	};
}

function readLsmCycleRecord(value: unknown, path: string): LsmCycleRecordSnapshot {
	const obj = asObject(value, path);
	const cycleType = required(obj, 'cycle_type', path, asString);
	if (cycleType !== 'bilateral' && cycleType !== 'multilateral')
		throw new ConfigError(`${path}.cycle_type`, `unknown cycle type ${cycleType}`);
	const int = (key: string) => required(obj, key, path, asInteger);
	return {
		tick: int('tick'),
		day: int('day'),
		cycle_type: cycleType,
		cycle_length: int('cycle_length'),
		agents: listOf(obj.agents, `${path}.agents`, asString),
		transactions: listOf(obj.transactions, `${path}.transactions`, asString),
		settled_value: int('settled_value'),
		total_value: int('total_value'),
		tx_amounts: listOf(obj.tx_amounts, `${path}.tx_amounts`, asInteger),
		net_positions: Object.fromEntries(entriesOf(obj.net_positions, `${path}.net_positions`, asInteger)),
		max_net_outflow: int('max_net_outflow'),
		max_net_outflow_agent: required(obj, 'max_net_outflow_agent', path, asString)
	};
}

/** Checks a value the configuration determines against the document's copy of it. */
function expectSame(path: string, documented: unknown, configured: unknown): void {
	if (!Object.is(documented, configured)) {
		throw invalid(
			`${path}: ${JSON.stringify(documented)} contradicts the configuration (${JSON.stringify(configured)})`
		);
	}
}

/** Puts one agent's state back; `txIndex` resolves transaction ids. */
function restoreAgent(
	engine: Engine,
	agent: Agent,
	obj: JsonObject,
	path: string,
	agentIds: Ids,
	txIndex: Ids
): void {
	const txs = engine.state.txs;
	const ownTransactions = (key: string): number[] =>
		listOf(obj[key], joinPath(path, key), asString).map((id, i) => {
			const at = `${path}.${key}[${i}]`;
			const ix = txIndex.of(id, at);
			if (txs.sender[ix] !== agent.index) throw invalid(`${at}: ${id} is not sent by ${agent.id}`);
			return ix;
		});

	expectSame(
		`${path}.allocated_liquidity`,
		required(obj, 'allocated_liquidity', path, asInteger),
		agent.allocatedLiquidity
	);
	expectSame(
		`${path}.collateral_haircut`,
		required(obj, 'collateral_haircut', path, asDouble),
		agent.collateralHaircut
	);
	expectSame(
		`${path}.multilateral_limit`,
		nullable(obj, 'multilateral_limit', path, asInteger),
		agent.multilateralLimit
	);
	expectSame(
		`${path}.max_collateral_capacity`,
		nullable(obj, 'max_collateral_capacity', path, asInteger),
		agent.maxCollateralCapacitySetting
	);

	agent.balance = required(obj, 'balance', path, asInteger);
	agent.unsecuredCap = required(obj, 'unsecured_cap', path, asInteger);
	agent.setPostedCollateral(required(obj, 'posted_collateral', path, asInteger));
	agent.collateralPostedAtTick = nullable(obj, 'collateral_posted_at_tick', path, asCount) ?? -1;
	for (const ix of ownTransactions('outgoing_queue')) agent.enqueue(ix, txs.remaining[ix]);

	agent.bilateralOutflows.fill(0);
	for (const [id, amount] of entriesOf(obj.bilateral_outflows, `${path}.bilateral_outflows`, asInteger)) {
		agent.bilateralOutflows[agentIds.of(id, `${path}.bilateral_outflows`)] = amount;
	}
	agent.totalOutflow = required(obj, 'total_outflow', path, asInteger);

	const budgetPath = `${path}.release_budget`;
	const budget = required(obj, 'release_budget', path, asObject);
	agent.releaseBudgetMax = nullable(budget, 'max_value', budgetPath, asInteger);
	agent.releaseBudgetRemaining = nullable(budget, 'remaining', budgetPath, asDouble) ?? UNLIMITED_BUDGET;
	agent.releaseBudgetFocus = nullable(budget, 'focus_counterparties', budgetPath, (v, p) =>
		listOf(v, p, asString)
	);
	agent.releaseBudgetPerCounterpartyLimit = nullable(budget, 'max_per_counterparty', budgetPath, asInteger);
	agent.releaseBudgetUsage.clear();
	for (const [id, amount] of entriesOf(budget.usage, `${budgetPath}.usage`, asDouble)) {
		agent.releaseBudgetUsage.set(agentIds.of(id, `${budgetPath}.usage`), amount);
	}

	listOf(obj.collateral_timers, `${path}.collateral_timers`, asObject).forEach((timer, i) => {
		const at = `${path}.collateral_timers[${i}]`;
		agent.scheduleCollateralWithdrawal(required(timer, 'tick', at, asCount), {
			amount: required(timer, 'amount', at, asInteger),
			reason: required(timer, 'reason', at, asString),
			postedAtTick: required(timer, 'posted_at_tick', at, asCount)
		});
	});

	agent.stateRegisters.clear();
	for (const [key, value] of entriesOf(obj.state_registers, `${path}.state_registers`, asDouble)) {
		agent.stateRegisters.set(key, value);
	}

	const costs = engine.costs[agent.index];
	const costsPath = `${path}.costs`;
	const c = required(obj, 'costs', path, asObject);
	costs.liquidity = required(c, 'liquidity_cost', costsPath, asInteger);
	costs.delay = required(c, 'delay_cost', costsPath, asInteger);
	costs.collateral = required(c, 'collateral_cost', costsPath, asInteger);
	costs.penalty = required(c, 'penalty_cost', costsPath, asInteger);
	costs.splitFriction = required(c, 'split_friction_cost', costsPath, asInteger);
	costs.liquidityOpportunity = required(c, 'liquidity_opportunity_cost', costsPath, asInteger);
	costs.peakNetDebit = required(c, 'peak_net_debit', costsPath, asInteger);

	const arrivals = nullable(obj, 'arrivals', path, asObject);
	const generator = engine.arrivals;
	if ((arrivals !== null) !== (generator?.hasLegacy(agent.index) ?? false)) {
		throw invalid(`${path}.arrivals: does not match the agent's arrival_config`);
	}
	if (arrivals !== null && generator !== null) {
		const at = `${path}.arrivals`;
		const range = listOf(arrivals.deadline_range, `${at}.deadline_range`, asCount);
		if (range.length !== 2) throw new ConfigError(`${at}.deadline_range`, 'expected [min, max]');
		generator.restoreLegacyState(agent.index, {
			rate: required(arrivals, 'rate_per_tick', at, asDouble),
			baseRate: required(arrivals, 'base_rate', at, asDouble),
			weights: new Map(entriesOf(arrivals.counterparty_weights, `${at}.counterparty_weights`, asDouble)),
			deadlineRange: [range[0], range[1]]
		});
	}
}

function restoreInto(engine: Engine, doc: JsonObject): void {
	const state = engine.state;
	const txs = state.txs;
	const agents = engine.agents;
	const tick = required(doc, 'current_tick', '', asCount);
	const day = required(doc, 'current_day', '', asCount);
	if (day !== Math.floor(tick / engine.config.ticks_per_day)) {
		throw invalid(`current_day ${day} does not match current_tick ${tick}`);
	}

	const agentDocs = listOf(doc.agents, 'agents', asObject);
	const documentedIds = agentDocs.map((a, i) => required(a, 'id', `agents[${i}]`, asString));
	if (documentedIds.length !== agents.length || documentedIds.some((id, i) => id !== agents[i].id)) {
		throw invalid(`agents: expected ${agents.map((a) => a.id).join(', ')} in sorted order`);
	}
	const agentIds = new Ids('agent', documentedIds);

	const transactionDocs = asArray(doc.transactions, 'transactions');
	const txIndex = new Ids(
		'transaction',
		transactionDocs.map((_, ix) => transactionId(ix))
	);
	transactionDocs.forEach((v, ix) =>
		txs.append(readTransaction(v, `transactions[${ix}]`, ix, agentIds, txIndex))
	);

	engine.clock.currentTick = tick;
	engine.rng.setState(required(doc, 'rng_seed', '', readSeed));

	agentDocs.forEach((agentDoc, i) =>
		restoreAgent(engine, agents[i], agentDoc, `agents[${i}]`, agentIds, txIndex)
	);

	const queue2 = state.queue2;
	queue2.ids = listOf(doc.rtgs_queue, 'rtgs_queue', asString).map((id, i) =>
		txIndex.of(id, `rtgs_queue[${i}]`)
	);
	queue2.value = 0;
	for (const ix of queue2.ids) queue2.value += txs.remaining[ix];
	state.queue2Index.restore(
		agentDocs.map((a, i) =>
			listOf(a.queue2_index, `agents[${i}].queue2_index`, asString).map((id, j) => {
				const ix = txIndex.of(id, `agents[${i}].queue2_index[${j}]`);
				if (txs.sender[ix] !== i)
					throw invalid(`agents[${i}].queue2_index[${j}]: ${id} is not sent by ${agents[i].id}`);
				return ix;
			})
		),
		txs
	);
	state.recomputeSenderTotals();

	engine.metrics.restore(
		agentDocs.map((a, i) => readDailyMetrics(a.daily_metrics, `agents[${i}].daily_metrics`)),
		listOf(doc.daily_metrics_history, 'daily_metrics_history', (v, p) => listOf(v, p, readDailyMetrics))
	);
	const collateral: CollateralRecord[] = listOf(
		doc.collateral_records,
		'collateral_records',
		readCollateralRecord
	);
	for (const record of collateral) engine.collateralRecords.push(record);
	const cycles: LsmCycleRecord[] = listOf(doc.lsm_cycle_records, 'lsm_cycle_records', readLsmCycleRecord).map(
		(record, i) => ({
			...record,
			transactionIndices: record.transactions.map((id, j) =>
				txIndex.of(id, `lsm_cycle_records[${i}].transactions[${j}]`)
			)
		})
	);
	for (const record of cycles) engine.lsmCycleRecords.push(record);
}

/**
 * A new engine for `config` in the state of `checkpoint` (a document of {@link saveCheckpoint} or its JSON
 * text). Ticking it continues exactly as the saved engine would have.
 */
export function restoreCheckpoint(
	config: EngineConfig,
	checkpoint: unknown,
	options: EngineOptions = {}
): Engine {
	const doc = parseDocument(checkpoint);
	const format = doc.format;
	if (format !== CHECKPOINT_FORMAT) {
		throw new SimulationError(
			'DeserializationError',
			`expected format ${JSON.stringify(CHECKPOINT_FORMAT)}, got ${JSON.stringify(format ?? null)}`
		);
	}
	const documentedHash = reading(() => required(doc, 'config_hash', '', asString));
	const actualHash = configHash(config);
	if (documentedHash !== actualHash) {
		throw new SimulationError('ConfigMismatch', `expected hash ${documentedHash}, got ${actualHash}`);
	}
	const engine = new Engine(config, options);
	reading(() => restoreInto(engine, doc));
	return engine;
}

/** The original's `get_checkpoint_info`: a checkpoint's position and size without restoring it. */
export function checkpointInfo(checkpoint: unknown): CheckpointInfo {
	const doc = parseDocument(checkpoint);
	return reading(() => ({
		current_tick: required(doc, 'current_tick', '', asCount),
		current_day: required(doc, 'current_day', '', asCount),
		rng_seed: readSeed(doc.rng_seed, 'rng_seed').toString(),
		config_hash: required(doc, 'config_hash', '', asString),
		num_agents: asArray(doc.agents, 'agents').length,
		num_transactions: asArray(doc.transactions, 'transactions').length
	}));
}
