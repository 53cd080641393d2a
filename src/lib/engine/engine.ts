/**
 * The orchestrator: one `tick()` runs the original's step order (§8) —
 * day-start cost reset, scenario events, arrivals, strategic collateral, bank tree, collateral timers,
 * Queue 1 policies, Queue 2 policies, RTGS settlement, Queue 2 pass, LSM, end-of-tick collateral,
 * deferred credits, cost accrual, end of day, clock advance, daily metrics.
 *
 * Pure TypeScript: no I/O, no platform APIs. Events go to the sink passed to `tick()`, or to the engine's
 * sink (`EngineOptions.onEvent`), which also receives the events of external commands between ticks.
 */
import type { CompiledPolicy, PaymentDecision, TreeName } from '../policy';
import { renderHoldReason } from '../policy/decisions';
import { PolicyEvaluationError } from '../policy/errors';
import { createAgents, type Agent } from './agents';
import { ArrivalGenerator } from './arrivals';
import {
	applyCollateralDecision,
	postCollateralManually,
	processCollateralTimers,
	withdrawCollateralManually,
	type CollateralCommandResult,
	type CollateralRecord
} from './collateral';
import type { EngineConfig } from './config';
import { accrueCosts } from './cost-accrual';
import { CostAccumulator, DelayCostCalculator } from './costs';
import { handleEndOfDay } from './end-of-day';
import { EngineAbortError, SimulationError } from './errors';
import type { EventSink, SimulationEvent } from './events';
import { runLsmPass, type LsmCycle, type LsmCycleRecord, type LsmPassResult } from './lsm';
import { DailyMetricsTracker } from './metrics';
import { createAgentPolicy } from './policies';
import { EnginePolicyContext } from './policy-context';
import { Xorshift64Star } from './rng';
import { executeScenarioEvent, ScenarioSchedule, scheduleFires } from './scenario-events';
import { DeferredCredits, processQueue2, settleReleased } from './settlement';
import { applySplit, applyStaggerSplit } from './splitting';
import { SimulationState } from './state';
import { Clock } from './time';
import { rustRound } from './money';
import { RtgsPriority, TxStatus, parseRtgsPriority, rtgsPriorityName } from './transactions';

/** Result of one tick, as the original's `TickResult` (timing omitted) plus the tick's event count. */
export interface TickResult {
	tick: number;
	num_arrivals: number;
	num_settlements: number;
	num_lsm_releases: number;
	total_cost: number;
	num_events: number;
}

/** What an LSM pass over an empty Queue 2 reports: it does nothing. */
const EMPTY_LSM_PASS: LsmPassResult = Object.freeze({
	bilateralOffsets: 0,
	cyclesSettled: 0,
	events: [],
	records: []
});

export interface EngineOptions {
	/** Receives the warnings the original prints on stderr (refused state-register writes). */
	onWarning?: (message: string) => void;
	/** Receives every event, including those of external commands between ticks. */
	onEvent?: EventSink;
}

export class Engine {
	readonly config: EngineConfig;
	readonly clock: Clock;
	readonly rng: Xorshift64Star;
	readonly state: SimulationState;
	readonly policies: CompiledPolicy[];
	readonly arrivals: ArrivalGenerator | null;
	readonly costs: CostAccumulator[];
	readonly metrics: DailyMetricsTracker;
	/** Opening balance + allocated pool liquidity per agent, at construction. */
	readonly initialBalances: number[];
	/** Agent indices in configuration order. */
	readonly configOrder: number[];
	readonly collateralRecords: CollateralRecord[] = [];
	readonly lsmCycleRecords: LsmCycleRecord[] = [];
	readonly context: EnginePolicyContext;
	readonly delayCost: DelayCostCalculator;
	readonly warn: (message: string) => void;

	/** Transactions released this tick, in release order (step 3 input). */
	readonly pending: number[] = [];
	/** Reusable list for per-agent work inside a step (avoids per-tick allocation). */
	readonly scratch: number[] = [];
	/** Reused by steps 2 and 2b: agents with a Queue 1, queued transactions, their decisions. */
	private readonly agentsWithQueues: Agent[] = [];
	private readonly queueSnapshot: number[] = [];
	private readonly decisions: PaymentDecision[] = [];
	private readonly queue2DecisionAgents: Agent[] = [];
	/** Unsettled transactions in creation order, for priority escalation; `escalationSeen` = created so far. */
	private readonly escalationCandidates: number[] = [];
	private escalationSeen = 0;
	private readonly deferred: DeferredCredits;
	private readonly schedule: ScenarioSchedule;
	/**
	 * Agents whose policy has the tree, in sorted order. The others would get Hold / NoAction every tick:
	 * nothing for the collateral layers, and a reset of a release budget that can never have been set.
	 */
	private readonly strategicTreeAgents: Agent[];
	private readonly bankTreeAgents: Agent[];
	private readonly endOfTickTreeAgents: Agent[];
	private sink: EventSink | null;
	private tickEvents = 0;

	constructor(config: EngineConfig, options: EngineOptions = {}) {
		validateConfig(config);
		this.config = config;
		this.warn = options.onWarning ?? (() => {});
		this.sink = options.onEvent ?? null;
		this.clock = new Clock(config.ticks_per_day);
		this.rng = new Xorshift64Star(config.rng_seed);

		const { agents, configOrder, configs } = createAgents(config.agent_configs);
		this.state = new SimulationState(agents);
		this.initialBalances = agents.map((a) => a.balance);
		this.configOrder = configOrder;
		this.policies = agents.map((a) => createAgentPolicy(a.id, configs[a.index].policy));
		this.costs = agents.map(() => new CostAccumulator());
		this.context = new EnginePolicyContext(
			this.state,
			config.cost_rates,
			config.ticks_per_day,
			config.eod_rush_threshold
		);
		this.delayCost = new DelayCostCalculator(config.cost_rates);

		const hasArrivals = config.agent_configs.some(
			(a) => a.arrival_config !== null || a.arrival_bands !== null
		);
		this.arrivals = hasArrivals
			? new ArrivalGenerator(
					configs.map((c) => c.arrival_config),
					configs.map((c) => c.arrival_bands),
					configOrder,
					agents.map((a) => a.id),
					config.num_days * config.ticks_per_day,
					config.ticks_per_day,
					config.deadline_cap_at_eod,
					(sender, receiver, amount, deadline, priority) =>
						this.addGeneratedArrival(sender, receiver, amount, deadline, priority)
				)
			: null;
		this.metrics = new DailyMetricsTracker(agents);
		this.deferred = new DeferredCredits(agents.length);
		this.schedule = new ScenarioSchedule(config.scenario_events);
		const withTree = (tree: TreeName) => agents.filter((a) => this.policies[a.index].hasTree(tree));
		this.strategicTreeAgents = withTree('strategic_collateral_tree');
		this.bankTreeAgents = withTree('bank_tree');
		this.endOfTickTreeAgents = withTree('end_of_tick_collateral_tree');
	}

	get currentTick(): number {
		return this.clock.currentTick;
	}

	get currentDay(): number {
		return this.clock.currentDay;
	}

	get agents(): Agent[] {
		return this.state.agents;
	}

	/**
	 * The original's `simulation_id()`: "sim-" and the RNG's current state [QUIRK: it changes whenever
	 * arrivals draw random numbers; the original labels persisted records with it].
	 */
	get simulationId(): string {
		return `sim-${this.rng.state}`;
	}

	/** Events emitted so far in the tick being processed (counts events of a failed tick too). */
	get eventsInCurrentTick(): number {
		return this.tickEvents;
	}

	emit(event: SimulationEvent): void {
		this.tickEvents++;
		if (this.sink !== null) this.sink(event);
	}

	txId(ix: number): string {
		return this.state.txs.ids[ix];
	}

	/** Sets the sink that receives events (of ticks without their own sink, and of external commands). */
	setEventSink(sink: EventSink | null): void {
		this.sink = sink;
	}

	/**
	 * Processes the current tick and advances the clock; its events go to `sink` if given, else to the
	 * engine's sink. On failure throws (SimulationError for the original's tick errors, EngineAbortError
	 * for its panics); state is not rolled back and the clock does not advance, as in the original.
	 */
	tick(sink?: EventSink): TickResult {
		this.tickEvents = 0;
		if (sink === undefined) return this.runTick();
		const previous = this.sink;
		this.sink = sink;
		try {
			return this.runTick();
		} finally {
			this.sink = previous;
		}
	}

	private runTick(): TickResult {
		const t = this.clock.currentTick;
		const config = this.config;
		const deferred = config.deferred_crediting ? this.deferred : null;
		// Credits left by a failed tick are dropped, as the original creates the accumulator per tick.
		deferred?.clear();
		this.pending.length = 0;
		this.state.queue2OverdueMarked = false;

		if (this.clock.tickWithinDay === 0 && t > 0) for (const c of this.costs) c.reset();

		for (const scheduled of this.schedule.candidatesAt(t)) {
			if (scheduleFires(scheduled.schedule, t)) executeScenarioEvent(this, scheduled.event, t);
		}

		let numArrivals = 0;
		if (this.arrivals !== null) {
			for (let a = 0; a < this.state.agentCount; a++) {
				numArrivals += this.arrivals.generateForAgent(a, t, this.rng);
			}
		}

		for (const agent of this.strategicTreeAgents) this.evaluateCollateralTree(agent, t, 'strategic');
		for (const agent of this.bankTreeAgents) this.evaluateBankTree(agent, t);
		for (const agent of this.agents) processCollateralTimers(this, agent, t);

		this.runQueue1Policies(t);
		this.runQueue2Policies(t);

		let numSettlements = 0;
		for (const ix of this.pending) if (this.settlePending(ix, t, deferred)) numSettlements++;
		numSettlements += this.processQueue2Step(t, deferred);
		const numLsmReleases = this.lsmStep(t, deferred);
		numSettlements += numLsmReleases;

		for (const agent of this.endOfTickTreeAgents) this.evaluateCollateralTree(agent, t, 'end_of_tick');

		if (deferred !== null && !deferred.isEmpty) this.applyDeferredCredits(deferred, t);

		let totalCost = accrueCosts(this, t);
		if (this.clock.isEndOfDay) totalCost += handleEndOfDay(this, t);

		this.clock.advance();
		this.metrics.afterTick(this.agents);

		return {
			tick: t,
			num_arrivals: numArrivals,
			num_settlements: numSettlements,
			num_lsm_releases: numLsmReleases,
			total_cost: totalCost,
			num_events: this.tickEvents
		};
	}

	/** Step 4: optional priority sort, one Queue 2 pass, its release events. Returns the settlements. */
	private processQueue2Step(t: number, deferred: DeferredCredits | null): number {
		const txs = this.state.txs;
		if (this.config.priority_mode) this.state.queue2.sortByRtgsPriority(txs);
		const released = processQueue2(this.state, t, deferred);
		let releasedValue = 0;
		for (const ix of released) {
			releasedValue += txs.amount[ix];
			this.emit({
				event_type: 'Queue2LiquidityRelease',
				tick: t,
				tx_id: this.txId(ix),
				sender: this.agents[txs.sender[ix]].id,
				receiver: this.agents[txs.receiver[ix]].id,
				amount: txs.amount[ix],
				queue_wait_ticks: t - txs.arrivalTick[ix],
				release_reason: 'liquidity_available'
			});
		}
		if (this.config.algorithm_sequencing) this.emitAlgorithm(t, 1, released.length, releasedValue);
		return released.length;
	}

	/**
	 * Step 5: the LSM pass, the Queue 2 index rebuild (5.5) and the pass's events. Returns the pass's
	 * bilateral pairs plus settled cycles (the original's `num_lsm_releases`).
	 */
	private lsmStep(t: number, deferred: DeferredCredits | null): number {
		const config = this.config;
		const lsm =
			this.state.queue2.size === 0
				? EMPTY_LSM_PASS
				: runLsmPass(
						this.state,
						config.lsm_config,
						t,
						config.ticks_per_day,
						config.entry_disposition_offsetting,
						deferred
					);
		this.state.queue2Index.rebuild(this.state.queue2, this.state.txs);
		for (const record of lsm.records) this.lsmCycleRecords.push(record);
		let bilateralValue = 0;
		let cycleValue = 0;
		for (const event of lsm.events) {
			if (event.event_type === 'LsmBilateralOffset')
				bilateralValue += Math.min(event.amount_a, event.amount_b);
			else if (event.event_type === 'LsmCycleSettlement') cycleValue += event.total_value;
			this.emit(event);
		}
		if (config.algorithm_sequencing) {
			this.emitAlgorithm(t, 2, lsm.bilateralOffsets, bilateralValue);
			this.emitAlgorithm(t, 3, lsm.cyclesSettled, cycleValue);
		}
		return lsm.bilateralOffsets + lsm.cyclesSettled;
	}

	/** Step 5.7: credits each receiver in sorted order, one event per receiver. */
	private applyDeferredCredits(deferred: DeferredCredits, t: number): void {
		for (const agent of this.agents) {
			const sources = deferred.sourcesOf(agent.index);
			if (sources === null) continue;
			const amount = deferred.take(agent.index);
			agent.credit(amount);
			this.emit({
				event_type: 'DeferredCreditApplied',
				tick: t,
				agent_id: agent.id,
				amount,
				source_transactions: sources.map((ix) => this.txId(ix))
			});
		}
	}

	private emitAlgorithm(t: number, algorithm: number, settlements: number, value: number): void {
		this.emit({
			event_type: 'AlgorithmExecution',
			tick: t,
			algorithm,
			result: settlements > 0 ? 'Success' : 'NoProgress',
			settlements,
			settled_value: value
		});
	}

	// Arrivals and submissions -------------------------------------------------------------------------

	private addGeneratedArrival(
		sender: number,
		receiver: number,
		amount: number,
		deadline: number,
		priority: number
	) {
		const t = this.clock.currentTick;
		const ix = this.state.createTransaction(sender, receiver, amount, t, deadline, priority, -1);
		this.state.enqueue(ix);
		this.emit({
			event_type: 'Arrival',
			tick: t,
			tx_id: this.txId(ix),
			sender_id: this.agents[sender].id,
			receiver_id: this.agents[receiver].id,
			amount,
			deadline,
			priority: this.state.txs.priority[ix],
			is_divisible: false
		});
	}

	/** Deadline cap of submitted transactions: episode end, then (optionally) the last tick of the day. */
	capSubmittedDeadline(arrival: number, raw: number): number {
		const tpd = this.config.ticks_per_day;
		let deadline = Math.min(raw, this.config.num_days * tpd);
		if (this.config.deadline_cap_at_eod)
			deadline = Math.min(deadline, (Math.floor(arrival / tpd) + 1) * tpd - 1);
		return Math.max(deadline, arrival + 1);
	}

	/**
	 * External submission (§12.7): validated, deadline-capped, appended to the sender's Queue 1 and logged
	 * as an Arrival carrying the requested (uncapped) priority. Returns the transaction index.
	 */
	submitTransaction(
		senderId: string,
		receiverId: string,
		amount: number,
		deadlineTick: number,
		priority: number,
		divisible: boolean,
		declaredRtgsPriority: RtgsPriority = RtgsPriority.None
	): number {
		const sender = this.state.agentIndex(senderId);
		if (sender < 0) throw new SimulationError('AgentNotFound', senderId);
		const receiver = this.state.agentIndex(receiverId);
		if (receiver < 0) throw new SimulationError('AgentNotFound', receiverId);
		if (amount <= 0)
			throw new SimulationError('InvalidConfig', `Transaction amount must be positive, got ${amount}`);
		const t = this.clock.currentTick;
		if (deadlineTick <= t) {
			throw new SimulationError(
				'InvalidConfig',
				`Transaction deadline ${deadlineTick} is in the past (current tick: ${t})`
			);
		}
		const deadline = this.capSubmittedDeadline(t, deadlineTick);
		const ix = this.state.createTransaction(sender, receiver, amount, t, deadline, priority, -1);
		if (declaredRtgsPriority !== RtgsPriority.None)
			this.state.txs.declaredRtgsPriority[ix] = declaredRtgsPriority;
		this.state.enqueue(ix);
		this.emit({
			event_type: 'Arrival',
			tick: t,
			tx_id: this.txId(ix),
			sender_id: senderId,
			receiver_id: receiverId,
			amount,
			deadline,
			priority,
			is_divisible: divisible
		});
		return ix;
	}

	/** Removes a transaction from Queue 2 (every occurrence) without putting it back in Queue 1. */
	withdrawFromRtgs(ix: number): void {
		const txs = this.state.txs;
		const removed = this.state.queue2.removeAll(ix, txs.remaining[ix]);
		if (removed === 0) {
			throw new SimulationError('SettlementError', `Transaction ${this.txId(ix)} not found in RTGS Queue 2`);
		}
		const original = rtgsPriorityName(txs.rtgsPriority[ix]);
		txs.clearRtgsPriority(ix);
		this.emit({
			event_type: 'RtgsWithdrawal',
			tick: this.clock.currentTick,
			tx_id: this.txId(ix),
			sender: this.agents[txs.sender[ix]].id,
			original_rtgs_priority: original
		});
	}

	/** Sets the declared RTGS priority and appends the transaction to its sender's Queue 1 again. */
	resubmitToRtgs(ix: number, priority: RtgsPriority): void {
		const txs = this.state.txs;
		if (txs.rtgsPriority[ix] !== RtgsPriority.None) {
			throw new SimulationError(
				'SettlementError',
				`Transaction ${this.txId(ix)} is still in RTGS Queue 2. Withdraw first.`
			);
		}
		const old = rtgsPriorityName(txs.declaredRtgsPriority[ix]);
		txs.declaredRtgsPriority[ix] = priority;
		this.state.enqueue(ix);
		this.emit({
			event_type: 'RtgsResubmission',
			tick: this.clock.currentTick,
			tx_id: this.txId(ix),
			sender: this.agents[txs.sender[ix]].id,
			old_rtgs_priority: old,
			new_rtgs_priority: rtgsPriorityName(priority)
		});
	}

	/** External collateral post between ticks (§12.7); failures are reported, not thrown. */
	postCollateral(agentId: string, amount: number): CollateralCommandResult {
		return postCollateralManually(this, agentId, amount);
	}

	/** External collateral withdrawal between ticks (§12.7); failures are reported, not thrown. */
	withdrawCollateral(agentId: string, amount: number): CollateralCommandResult {
		return withdrawCollateralManually(this, agentId, amount);
	}

	// Records kept outside the event log (§11.4) ------------------------------------------------------

	/** Policy-driven collateral posts and withdrawals of a day, in the order they happened. */
	collateralEventsForDay(day: number): CollateralRecord[] {
		return this.collateralRecords.filter((record) => record.day === day);
	}

	/** LSM cycle records of a day (each pass's records in the original's sorted order). */
	lsmCyclesForDay(day: number): LsmCycle[] {
		return this.lsmCycleRecords
			.filter((record) => record.day === day)
			.map(({ transactionIndices: _indices, ...cycle }) => cycle);
	}

	// Policy layers ------------------------------------------------------------------------------------

	private evaluateCollateralTree(agent: Agent, t: number, layer: 'strategic' | 'end_of_tick'): void {
		const policy = this.policies[agent.index];
		const ctx = this.context.target(agent, -1, t);
		let decision;
		try {
			decision =
				layer === 'strategic'
					? policy.evaluateStrategicCollateral(ctx)
					: policy.evaluateEndOfTickCollateral(ctx);
		} catch (error) {
			if (!(error instanceof PolicyEvaluationError)) throw error;
			const what = layer === 'strategic' ? 'strategic collateral' : 'end-of-tick collateral';
			throw new SimulationError(
				'InvalidConfig',
				`Failed to evaluate ${what} for ${agent.id}: Tree evaluation failed: ${error.message}`
			);
		}
		applyCollateralDecision(this, agent, t, decision, layer);
	}

	private evaluateBankTree(agent: Agent, t: number): void {
		const policy = this.policies[agent.index];
		let decision;
		try {
			decision = policy.evaluateBank(this.context.target(agent, -1, t));
		} catch (error) {
			if (!(error instanceof PolicyEvaluationError)) throw error;
			throw new SimulationError(
				'InvalidConfig',
				`Failed to evaluate bank_tree for ${agent.id}: Tree evaluation failed: ${error.message}`
			);
		}
		switch (decision.action) {
			case 'SetReleaseBudget':
				agent.setReleaseBudget(
					decision.maxValueToRelease,
					decision.focusCounterparties === null ? null : [...decision.focusCounterparties],
					decision.maxPerCounterparty
				);
				this.emit({
					event_type: 'BankBudgetSet',
					tick: t,
					agent_id: agent.id,
					max_value: decision.maxValueToRelease,
					focus_counterparties:
						decision.focusCounterparties === null ? null : [...decision.focusCounterparties],
					max_per_counterparty: decision.maxPerCounterparty
				});
				return;
			case 'SetState':
			case 'AddState': {
				const value =
					decision.action === 'SetState'
						? decision.value
						: agent.getStateRegister(decision.key) + decision.delta;
				const outcome = agent.setStateRegister(decision.key, value);
				if (!outcome.ok) {
					this.warn(`WARN: ${decision.action} failed for agent ${agent.id} at tick ${t}: ${outcome.error}`);
					return;
				}
				this.emit({
					event_type: 'StateRegisterSet',
					tick: t,
					agent_id: agent.id,
					register_key: decision.key,
					old_value: outcome.oldValue,
					new_value: value,
					reason: decision.reason,
					decision_path: decision.decisionPath
				});
				return;
			}
			default:
				agent.resetReleaseBudget();
		}
	}

	// Step 2: Queue 1 ---------------------------------------------------------------------------------

	private runQueue1Policies(t: number): void {
		const withQueues = this.agentsWithQueues;
		withQueues.length = 0;
		for (const agent of this.agents) if (agent.queue1.length > 0) withQueues.push(agent);
		if (this.config.priority_escalation.enabled) this.applyPriorityEscalation(t);
		if (this.config.queue1_ordering === 'priority_deadline') {
			const txs = this.state.txs;
			for (const agent of withQueues) {
				if (agent.queue1.length > 1) {
					agent.queue1.sort(
						(a, b) => txs.priority[b] - txs.priority[a] || txs.deadlineTick[a] - txs.deadlineTick[b]
					);
				}
			}
		}
		// Reused lists, filled by index: emptying them through `length` costs a runtime call per agent.
		const queued = this.queueSnapshot;
		const decisions = this.decisions;
		for (const agent of withQueues) {
			let count = 0;
			for (const ix of agent.queue1) queued[count++] = ix;
			const policy = this.policies[agent.index];
			for (let i = 0; i < count; i++) {
				try {
					decisions[i] = policy.evaluatePayment(this.context.target(agent, queued[i], t));
				} catch (error) {
					if (!(error instanceof PolicyEvaluationError)) throw error;
					throw new EngineAbortError(
						`Tree traversal failed for tx ${this.txId(queued[i])}: ${error.message}`
					);
				}
			}
			for (let i = 0; i < count; i++) this.applyQueue1Decision(agent, queued[i], decisions[i], t);
		}
	}

	/**
	 * Priority escalation (§8 step 2.2): every unsettled transaction in creation order (the original walks
	 * its transaction map in random-UUID order; the golden traces compare these events per tick as a set).
	 * The list of candidates is compacted as transactions settle, so the step costs O(unsettled).
	 */
	private applyPriorityEscalation(t: number): void {
		const txs = this.state.txs;
		const candidates = this.escalationCandidates;
		for (let ix = this.escalationSeen; ix < txs.count; ix++) candidates.push(ix);
		this.escalationSeen = txs.count;
		const { start_escalating_at_ticks: start, max_boost: maxBoost } = this.config.priority_escalation;
		let kept = 0;
		for (const ix of candidates) {
			if (txs.remaining[ix] === 0) continue;
			candidates[kept++] = ix;
			const deadline = txs.deadlineTick[ix];
			const remainingTicks = deadline > t ? deadline - t : 0;
			if (remainingTicks > start) continue;
			const progress = start > 0 ? 1.0 - remainingTicks / start : 1.0;
			const boost = Math.min(255, Math.round(maxBoost * progress));
			const original = txs.originalPriority[ix];
			const escalated = Math.min(10, Math.min(255, original + boost));
			if (escalated > txs.priority[ix]) {
				txs.priority[ix] = escalated;
				this.emit({
					event_type: 'PriorityEscalated',
					tick: t,
					tx_id: this.txId(ix),
					sender_id: this.agents[txs.sender[ix]].id,
					original_priority: original,
					escalated_priority: escalated,
					ticks_until_deadline: remainingTicks,
					boost_applied: boost
				});
			}
		}
		candidates.length = kept;
	}

	private applyQueue1Decision(agent: Agent, ix: number, decision: PaymentDecision, t: number): void {
		const txs = this.state.txs;
		switch (decision.action) {
			case 'Release':
			case 'ReleaseWithCredit': {
				if (decision.priorityOverride !== null) txs.setPriority(ix, decision.priorityOverride);
				if (decision.timedForTick !== null && decision.timedForTick > t) return;
				const amount = txs.remaining[ix];
				const receiver = txs.receiver[ix];
				if (!agent.canRelease(receiver, this.agents[receiver].id, amount)) {
					this.emitHold(agent, ix, t, 'BudgetExhausted');
					return;
				}
				agent.removeFromQueue(ix, amount);
				agent.trackRelease(receiver, amount);
				this.release(ix, t);
				this.emit({ event_type: 'PolicySubmit', tick: t, agent_id: agent.id, tx_id: this.txId(ix) });
				return;
			}
			case 'Split':
			case 'PaceAndRelease':
				applySplit(this, agent, ix, decision.numSplits, t);
				return;
			case 'StaggerSplit':
				applyStaggerSplit(this, agent, ix, decision, t);
				return;
			case 'Hold':
				this.emitHold(agent, ix, t, renderHoldReason(decision.reason));
				return;
			case 'Drop':
				agent.removeFromQueue(ix, txs.remaining[ix]);
				txs.markOverdue(ix, t);
				this.emit({
					event_type: 'PolicyDrop',
					tick: t,
					agent_id: agent.id,
					tx_id: this.txId(ix),
					reason: 'Expired deadline'
				});
				return;
			case 'Reprioritize': {
				const old = txs.priority[ix];
				txs.setPriority(ix, decision.newPriority);
				this.emit({
					event_type: 'TransactionReprioritized',
					tick: t,
					agent_id: agent.id,
					tx_id: this.txId(ix),
					old_priority: old,
					new_priority: decision.newPriority
				});
				return;
			}
			case 'WithdrawFromRtgs':
				this.tryWithdraw(agent, ix, t, 'WithdrawFromRtgs failed: ');
				return;
			case 'ResubmitToRtgs':
				this.tryResubmit(agent, ix, decision.rtgsPriority, t, 'ResubmitToRtgs failed: ');
				return;
		}
	}

	/**
	 * Marks a transaction released (RTGS priority = the declared one of `declaredFrom`, else Normal;
	 * submission tick now), queues it for step 3 and logs the RtgsSubmission. Split children take the
	 * parent's declared priority.
	 */
	release(ix: number, t: number, declaredFrom: number = ix): void {
		const txs = this.state.txs;
		const declared = txs.declaredRtgsPriority[declaredFrom];
		const priority = declared === RtgsPriority.None ? RtgsPriority.Normal : declared;
		txs.setRtgsPriority(ix, priority, t);
		this.pending.push(ix);
		this.emit({
			event_type: 'RtgsSubmission',
			tick: t,
			tx_id: this.txId(ix),
			sender: this.agents[txs.sender[ix]].id,
			receiver: this.agents[txs.receiver[ix]].id,
			amount: txs.remaining[ix],
			internal_priority: txs.priority[ix],
			rtgs_priority: rtgsPriorityName(priority)
		});
	}

	private emitHold(agent: Agent, ix: number, t: number, reason: string): void {
		this.emit({ event_type: 'PolicyHold', tick: t, agent_id: agent.id, tx_id: this.txId(ix), reason });
	}

	private tryWithdraw(agent: Agent, ix: number, t: number, prefix: string): boolean {
		try {
			this.withdrawFromRtgs(ix);
			return true;
		} catch (error) {
			if (!(error instanceof SimulationError)) throw error;
			this.emitHold(agent, ix, t, prefix + error.message);
			return false;
		}
	}

	private tryResubmit(agent: Agent, ix: number, priorityName: string, t: number, prefix: string): void {
		const priority = parseRtgsPriority(priorityName);
		if (priority === null) {
			this.emitHold(agent, ix, t, `Invalid RTGS priority: ${priorityName}`);
			return;
		}
		try {
			this.resubmitToRtgs(ix, priority);
		} catch (error) {
			if (!(error instanceof SimulationError)) throw error;
			this.emitHold(agent, ix, t, prefix + error.message);
		}
	}

	// Step 2b: Queue 2 --------------------------------------------------------------------------------

	private runQueue2Policies(t: number): void {
		const txs = this.state.txs;
		const index = this.state.queue2Index;
		const agents = this.queue2DecisionAgents;
		const transactions = this.queueSnapshot;
		const decisions = this.decisions;
		agents.length = 0;
		transactions.length = 0;
		decisions.length = 0;
		for (const agent of this.agents) {
			const list = index.lists[agent.index];
			if (list.length === 0) continue;
			const policy = this.policies[agent.index];
			for (const ix of list) {
				if (txs.sender[ix] !== agent.index) continue;
				let decision: PaymentDecision;
				try {
					decision = policy.evaluatePayment(this.context.target(agent, ix, t));
				} catch (error) {
					if (!(error instanceof PolicyEvaluationError)) throw error;
					continue;
				}
				agents.push(agent);
				transactions.push(ix);
				decisions.push(decision);
			}
		}
		for (let i = 0; i < decisions.length; i++) {
			const agent = agents[i];
			const ix = transactions[i];
			const decision = decisions[i];
			if (decision.action === 'WithdrawFromRtgs') {
				this.tryWithdraw(agent, ix, t, 'WithdrawFromRtgs failed: ');
			} else if (decision.action === 'ResubmitToRtgs') {
				if (parseRtgsPriority(decision.rtgsPriority) === null) {
					this.emitHold(agent, ix, t, `Invalid RTGS priority: ${decision.rtgsPriority}`);
				} else if (this.tryWithdraw(agent, ix, t, 'ResubmitToRtgs withdraw step failed: ')) {
					this.tryResubmit(agent, ix, decision.rtgsPriority, t, 'ResubmitToRtgs resubmit step failed: ');
				}
			}
		}
	}

	// Step 3 ------------------------------------------------------------------------------------------

	private settlePending(ix: number, t: number, deferred: DeferredCredits | null): boolean {
		const txs = this.state.txs;
		const sender = this.agents[txs.sender[ix]];
		const receiverIndex = txs.receiver[ix];
		const amount = txs.remaining[ix];
		const wasOverdue = txs.status[ix] === TxStatus.Overdue;
		const overdueSince = txs.statusTick[ix];
		const balanceBefore = sender.balance;
		if (!sender.bilateralOk(receiverIndex, amount)) {
			this.emit({
				event_type: 'BilateralLimitExceeded',
				tick: t,
				sender: sender.id,
				receiver: this.agents[receiverIndex].id,
				tx_id: this.txId(ix),
				amount,
				current_bilateral_outflow: sender.bilateralOutflows[receiverIndex],
				bilateral_limit: sender.bilateralLimitFor(receiverIndex)
			});
		}
		if (!sender.multilateralOk(amount)) {
			this.emit({
				event_type: 'MultilateralLimitExceeded',
				tick: t,
				sender: sender.id,
				tx_id: this.txId(ix),
				amount,
				current_total_outflow: sender.totalOutflow,
				multilateral_limit: sender.multilateralLimit as number
			});
		}
		const settled = settleReleased(this.state, ix, t, deferred);
		if (!settled) {
			this.emit({ event_type: 'QueuedRtgs', tick: t, tx_id: this.txId(ix), sender_id: sender.id });
			return false;
		}
		if (wasOverdue) {
			const rates = this.config.cost_rates;
			const ticksOverdue = t - overdueSince;
			this.emit({
				event_type: 'OverdueTransactionSettled',
				tick: t,
				tx_id: this.txId(ix),
				sender_id: sender.id,
				receiver_id: this.agents[receiverIndex].id,
				amount: txs.amount[ix],
				settled_amount: amount,
				deadline_tick: txs.deadlineTick[ix],
				overdue_since_tick: overdueSince,
				total_ticks_overdue: ticksOverdue,
				deadline_penalty_cost: rates.deadline_penalty,
				estimated_delay_cost: rustRound(
					amount * rates.delay_cost_per_tick_per_cent * rates.overdue_delay_multiplier * ticksOverdue
				)
			});
		}
		this.emit({
			event_type: 'RtgsImmediateSettlement',
			tick: t,
			tx_id: this.txId(ix),
			sender: sender.id,
			receiver: this.agents[receiverIndex].id,
			amount,
			sender_balance_before: balanceBefore,
			sender_balance_after: sender.balance
		});
		return true;
	}
}

/** Construction-time validation (§3.11), in the original's order and with its messages. */
function validateConfig(config: EngineConfig): void {
	if (config.ticks_per_day <= 0) throw new SimulationError('InvalidConfig', 'ticks_per_day must be > 0');
	if (config.num_days <= 0) throw new SimulationError('InvalidConfig', 'num_days must be > 0');
	if (config.agent_configs.length === 0)
		throw new SimulationError('InvalidConfig', 'Must have at least one agent');
	const seen = new Set<string>();
	for (const ac of config.agent_configs) {
		if (seen.has(ac.id)) throw new SimulationError('InvalidConfig', `Duplicate agent ID: ${ac.id}`);
		seen.add(ac.id);
		if (ac.liquidity_pool !== null && ac.liquidity_pool < 0) {
			throw new SimulationError(
				'InvalidConfig',
				`Agent ${ac.id}: liquidity_pool must be non-negative, got ${ac.liquidity_pool}`
			);
		}
		const fraction = ac.liquidity_allocation_fraction;
		if (fraction !== null && !(fraction >= 0 && fraction <= 1)) {
			throw new SimulationError(
				'InvalidConfig',
				`Agent ${ac.id}: liquidity_allocation_fraction must be between 0.0 and 1.0, got ${fraction}`
			);
		}
		if (ac.arrival_config !== null && ac.arrival_bands !== null) {
			throw new SimulationError(
				'InvalidConfig',
				`Agent ${ac.id}: arrival_config and arrival_bands are mutually exclusive - specify only one`
			);
		}
	}
}
