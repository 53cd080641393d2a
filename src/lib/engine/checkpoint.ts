/**
 * Saving a checkpoint (§12.8): the complete state of an engine between ticks as a plain JSON-ready
 * document (see checkpoint-document.ts). The document shares nothing with the live engine.
 */
import { UNLIMITED_BUDGET, type Agent } from './agents';
import {
	CHECKPOINT_FORMAT,
	doubleToJson,
	type AgentSnapshot,
	type EngineCheckpoint,
	type RtgsPriorityJson,
	type TransactionSnapshot,
	type TransactionStatusJson
} from './checkpoint-document';
import type { AgentConfig } from './config';
import { configHash } from './config-hash';
import type { Engine } from './engine';
import { RtgsPriority, TxStatus, rtgsPriorityName } from './transactions';

function statusJson(status: TxStatus, tick: number): TransactionStatusJson {
	switch (status) {
		case TxStatus.Pending:
			return 'Pending';
		case TxStatus.PartiallySettled:
			return { PartiallySettled: { first_settlement_tick: tick } };
		case TxStatus.Settled:
			return { Settled: { tick } };
		default:
			return { Overdue: { missed_deadline_tick: tick } };
	}
}

function rtgsPriorityJson(priority: RtgsPriority): RtgsPriorityJson | null {
	return priority === RtgsPriority.None ? null : (rtgsPriorityName(priority) as RtgsPriorityJson);
}

function transactionSnapshot(engine: Engine, ix: number): TransactionSnapshot {
	const txs = engine.state.txs;
	const row = txs.row(ix);
	const agents = engine.agents;
	return {
		id: txs.ids[ix],
		sender_id: agents[row.sender].id,
		receiver_id: agents[row.receiver].id,
		amount: row.amount,
		remaining_amount: row.remaining,
		arrival_tick: row.arrivalTick,
		deadline_tick: row.deadlineTick,
		priority: row.priority,
		status: statusJson(row.status, row.statusTick),
		parent_id: row.parent < 0 ? null : txs.ids[row.parent],
		original_priority: row.originalPriority,
		rtgs_priority: rtgsPriorityJson(row.rtgsPriority),
		rtgs_submission_tick: row.rtgsSubmissionTick < 0 ? null : row.rtgsSubmissionTick,
		declared_rtgs_priority: rtgsPriorityJson(row.declaredRtgsPriority)
	};
}

function agentSnapshot(engine: Engine, agent: Agent, config: AgentConfig): AgentSnapshot {
	const ids = engine.state.txs.ids;
	const agents = engine.agents;
	const outflows: [string, number][] = [];
	for (let receiver = 0; receiver < agents.length; receiver++) {
		const amount = agent.bilateralOutflows[receiver];
		if (amount !== 0) outflows.push([agents[receiver].id, amount]);
	}
	const timers = [];
	for (const [tick, list] of agent.collateralTimers) {
		for (const timer of list) {
			timers.push({ tick, amount: timer.amount, reason: timer.reason, posted_at_tick: timer.postedAtTick });
		}
	}
	const costs = engine.costs[agent.index];
	const arrivals = engine.arrivals?.legacyState(agent.index) ?? null;
	return {
		id: agent.id,
		balance: agent.balance,
		unsecured_cap: agent.unsecuredCap,
		outgoing_queue: agent.queue1.map((ix) => ids[ix]),
		incoming_expected: [],
		last_decision_tick: null,
		liquidity_buffer: 0,
		posted_collateral: agent.postedCollateral,
		collateral_haircut: doubleToJson(agent.collateralHaircut),
		collateral_posted_at_tick: agent.collateralPostedAtTick < 0 ? null : agent.collateralPostedAtTick,
		bilateral_limits: Object.fromEntries(config.limits?.bilateral_limits ?? []),
		multilateral_limit: agent.multilateralLimit,
		bilateral_outflows: Object.fromEntries(outflows),
		total_outflow: agent.totalOutflow,
		allocated_liquidity: agent.allocatedLiquidity,
		max_collateral_capacity: agent.maxCollateralCapacitySetting,
		release_budget: {
			max_value: agent.releaseBudgetMax,
			remaining: agent.releaseBudgetRemaining === UNLIMITED_BUDGET ? null : agent.releaseBudgetRemaining,
			focus_counterparties: agent.releaseBudgetFocus === null ? null : [...agent.releaseBudgetFocus],
			max_per_counterparty: agent.releaseBudgetPerCounterpartyLimit,
			usage: Object.fromEntries(
				[...agent.releaseBudgetUsage].map(([receiver, amount]) => [agents[receiver].id, amount])
			)
		},
		collateral_timers: timers,
		state_registers: Object.fromEntries(
			[...agent.stateRegisters].map(([key, value]) => [key, doubleToJson(value)])
		),
		queue2_index: engine.state.queue2Index.lists[agent.index].map((ix) => ids[ix]),
		costs: {
			liquidity_cost: costs.liquidity,
			delay_cost: costs.delay,
			collateral_cost: costs.collateral,
			penalty_cost: costs.penalty,
			split_friction_cost: costs.splitFriction,
			liquidity_opportunity_cost: costs.liquidityOpportunity,
			peak_net_debit: costs.peakNetDebit
		},
		daily_metrics: { ...engine.metrics.openRecords[agent.index] },
		arrivals:
			arrivals === null
				? null
				: {
						rate_per_tick: doubleToJson(arrivals.rate),
						base_rate: doubleToJson(arrivals.baseRate),
						counterparty_weights: Object.fromEntries(
							[...arrivals.weights].map(([id, weight]) => [id, doubleToJson(weight)])
						),
						deadline_range: [arrivals.deadlineRange[0], arrivals.deadlineRange[1]]
					}
	};
}

/**
 * The engine's complete state as a checkpoint document. Take it between ticks (after `tick()` returned,
 * or before the first): the document then restores to an engine that continues identically.
 */
export function saveCheckpoint(engine: Engine): EngineCheckpoint {
	const ids = engine.state.txs.ids;
	const configs: AgentConfig[] = [];
	engine.config.agent_configs.forEach((config, position) => (configs[engine.configOrder[position]] = config));
	return {
		format: CHECKPOINT_FORMAT,
		current_tick: engine.currentTick,
		current_day: engine.currentDay,
		rng_seed: engine.rng.state.toString(),
		agents: engine.agents.map((agent) => agentSnapshot(engine, agent, configs[agent.index])),
		transactions: Array.from({ length: engine.state.txs.count }, (_, ix) => transactionSnapshot(engine, ix)),
		rtgs_queue: engine.state.queue2.ids.map((ix) => ids[ix]),
		config_hash: configHash(engine.config),
		daily_metrics_history: engine.metrics.history.map((day) => day.map((record) => ({ ...record }))),
		collateral_records: engine.collateralRecords.map((record) => ({ ...record })),
		lsm_cycle_records: engine.lsmCycleRecords.map((record) => ({
			tick: record.tick,
			day: record.day,
			cycle_type: record.cycle_type,
			cycle_length: record.cycle_length,
			agents: [...record.agents],
			transactions: [...record.transactions],
			settled_value: record.settled_value,
			total_value: record.total_value,
			tx_amounts: [...record.tx_amounts],
			net_positions: { ...record.net_positions },
			max_net_outflow: record.max_net_outflow,
			max_net_outflow_agent: record.max_net_outflow_agent
		}))
	};
}

/** {@link saveCheckpoint} as JSON text. */
export function checkpointJson(engine: Engine): string {
	return JSON.stringify(saveCheckpoint(engine));
}
