/**
 * Policy-driven splitting (§8.1, §5.8): Split/PaceAndRelease (all children released now) and
 * StaggerSplit (some released now, the rest back in Queue 1), with split friction costs.
 */
import type { PaymentDecision } from '../policy';
import type { Agent } from './agents';
import type { Engine } from './engine';
import { SimulationError } from './errors';
import { costBreakdown } from './events';

type StaggerDecision = Extract<PaymentDecision, { action: 'StaggerSplit' }>;

/** Creates the children of `parent` (original amount split evenly, remainder on the last), logging Arrivals. */
function createChildren(
	engine: Engine,
	parent: number,
	numSplits: number,
	priority: number,
	t: number,
	each: (child: number, index: number) => void
): string[] {
	const state = engine.state;
	const txs = state.txs;
	const total = txs.amount[parent];
	const base = Math.floor(total / numSplits);
	const remainder = total - base * numSplits;
	const sender = txs.sender[parent];
	const receiver = txs.receiver[parent];
	const childIds: string[] = [];
	for (let i = 0; i < numSplits; i++) {
		const amount = i === numSplits - 1 ? base + remainder : base;
		const child = state.createTransaction(
			sender,
			receiver,
			amount,
			txs.arrivalTick[parent],
			txs.deadlineTick[parent],
			priority,
			parent
		);
		childIds.push(engine.txId(child));
		engine.emit({
			event_type: 'Arrival',
			tick: t,
			tx_id: engine.txId(child),
			sender_id: engine.agents[sender].id,
			receiver_id: engine.agents[receiver].id,
			amount,
			deadline: txs.deadlineTick[child],
			priority: txs.priority[child],
			is_divisible: false
		});
		each(child, i);
	}
	return childIds;
}

/** Split friction `split_friction_cost × (n − 1)`, charged at decision time with its own CostAccrual. */
function chargeFriction(engine: Engine, agent: Agent, numSplits: number, t: number): void {
	const friction = engine.config.cost_rates.split_friction_cost * (numSplits - 1);
	if (friction <= 0) return;
	engine.costs[agent.index].splitFriction += friction;
	engine.emit({
		event_type: 'CostAccrual',
		tick: t,
		agent_id: agent.id,
		costs: costBreakdown({ splitFriction: friction })
	});
}

function checkSplits(numSplits: number): void {
	if (numSplits < 2)
		throw new SimulationError('SettlementError', `num_splits must be >= 2, got ${numSplits}`);
}

/** SubmitPartial: every child released at once with an RtgsSubmission (no budget check). */
export function applySplit(engine: Engine, agent: Agent, parent: number, numSplits: number, t: number): void {
	checkSplits(numSplits);
	const txs = engine.state.txs;
	agent.removeFromQueue(parent, txs.remaining[parent]);
	const childIds = createChildren(engine, parent, numSplits, txs.priority[parent], t, (child) =>
		engine.release(child, t, parent)
	);
	chargeFriction(engine, agent, numSplits, t);
	engine.emit({
		event_type: 'PolicySplit',
		tick: t,
		agent_id: agent.id,
		tx_id: engine.txId(parent),
		num_splits: numSplits,
		child_ids: childIds
	});
}

/**
 * StaggerSplit: children with index < stagger_first_now are released without an RTGS priority or
 * RtgsSubmission event [QUIRK]; the others go back to Queue 1 and their release ticks are ignored [QUIRK].
 */
export function applyStaggerSplit(
	engine: Engine,
	agent: Agent,
	parent: number,
	decision: StaggerDecision,
	t: number
): void {
	const { numSplits, staggerFirstNow } = decision;
	checkSplits(numSplits);
	if (staggerFirstNow > numSplits) {
		throw new SimulationError(
			'SettlementError',
			`stagger_first_now (${staggerFirstNow}) cannot exceed num_splits (${numSplits})`
		);
	}
	const state = engine.state;
	const txs = state.txs;
	agent.removeFromQueue(parent, txs.remaining[parent]);
	const priority = Math.min(10, txs.priority[parent] + decision.priorityBoostChildren);
	const delayed: number[] = [];
	const childIds = createChildren(engine, parent, numSplits, priority, t, (child, index) => {
		if (index < staggerFirstNow) engine.pending.push(child);
		else delayed.push(child);
	});
	for (const child of delayed) state.enqueue(child);
	chargeFriction(engine, agent, numSplits, t);
	engine.emit({
		event_type: 'PolicySplit',
		tick: t,
		agent_id: agent.id,
		tx_id: engine.txId(parent),
		num_splits: numSplits,
		child_ids: childIds
	});
}
