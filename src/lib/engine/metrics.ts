/**
 * Daily agent metrics (§12.4): one record per agent and day, opened from the agent's state, updated
 * after every tick, closed at end of day with the day's costs. The counters the original declares but
 * never increments stay 0.
 */
import type { Agent } from './agents';
import type { CostAccumulator } from './costs';

export interface DailyMetrics {
	agent_id: string;
	day: number;
	opening_balance: number;
	closing_balance: number;
	min_balance: number;
	max_balance: number;
	unsecured_cap: number;
	peak_overdraft: number;
	opening_posted_collateral: number;
	closing_posted_collateral: number;
	peak_posted_collateral: number;
	/** 10 × unsecured cap, ignoring an explicit capacity [QUIRK]. */
	collateral_capacity: number;
	num_collateral_posts: number;
	num_collateral_withdrawals: number;
	num_arrivals: number;
	num_sent: number;
	num_received: number;
	num_settled: number;
	num_dropped: number;
	queue1_peak_size: number;
	queue1_eod_size: number;
	liquidity_cost: number;
	delay_cost: number;
	collateral_cost: number;
	split_friction_cost: number;
	deadline_penalty_cost: number;
	total_cost: number;
}

function openDay(agent: Agent, day: number): DailyMetrics {
	return {
		agent_id: agent.id,
		day,
		opening_balance: agent.balance,
		closing_balance: agent.balance,
		min_balance: agent.balance,
		max_balance: agent.balance,
		unsecured_cap: agent.unsecuredCap,
		peak_overdraft: 0,
		opening_posted_collateral: agent.postedCollateral,
		closing_posted_collateral: agent.postedCollateral,
		peak_posted_collateral: agent.postedCollateral,
		collateral_capacity: agent.unsecuredCap * 10,
		num_collateral_posts: 0,
		num_collateral_withdrawals: 0,
		num_arrivals: 0,
		num_sent: 0,
		num_received: 0,
		num_settled: 0,
		num_dropped: 0,
		queue1_peak_size: 0,
		queue1_eod_size: 0,
		liquidity_cost: 0,
		delay_cost: 0,
		collateral_cost: 0,
		split_friction_cost: 0,
		deadline_penalty_cost: 0,
		total_cost: 0
	};
}

export class DailyMetricsTracker {
	/** Open record per agent index. */
	private current: DailyMetrics[];
	/** Closed records, day by day, agents in sorted order within a day. */
	readonly history: DailyMetrics[][] = [];

	constructor(agents: Agent[]) {
		this.current = agents.map((a) => openDay(a, 0));
	}

	/** Step 9.5: end-of-tick balance, collateral and Queue 1 extremes. */
	afterTick(agents: Agent[]): void {
		for (const agent of agents) {
			const m = this.current[agent.index];
			const balance = agent.balance;
			if (balance < m.min_balance) m.min_balance = balance;
			if (balance > m.max_balance) m.max_balance = balance;
			if (balance < 0 && -balance > m.peak_overdraft) m.peak_overdraft = -balance;
			if (agent.postedCollateral > m.peak_posted_collateral)
				m.peak_posted_collateral = agent.postedCollateral;
			if (agent.queue1.length > m.queue1_peak_size) m.queue1_peak_size = agent.queue1.length;
		}
	}

	endOfDay(day: number, agents: Agent[], costs: CostAccumulator[]): void {
		const closed: DailyMetrics[] = [];
		for (const agent of agents) {
			const m = this.current[agent.index];
			const c = costs[agent.index];
			m.closing_balance = agent.balance;
			m.closing_posted_collateral = agent.postedCollateral;
			m.queue1_eod_size = agent.queue1.length;
			m.liquidity_cost = c.liquidity;
			m.delay_cost = c.delay;
			m.collateral_cost = c.collateral;
			m.split_friction_cost = c.splitFriction;
			m.deadline_penalty_cost = c.penalty;
			m.total_cost = c.total();
			closed.push(m);
		}
		this.history[day] = closed;
		this.current = agents.map((a) => openDay(a, day + 1));
	}

	/** The open record of every agent (by agent index). */
	get openRecords(): readonly DailyMetrics[] {
		return this.current;
	}

	/** Replaces every record (restoring a checkpoint). */
	restore(open: DailyMetrics[], history: DailyMetrics[][]): void {
		this.current = open;
		this.history.length = 0;
		for (const day of history) this.history.push(day);
	}

	/** Records of a finished day (empty for an unfinished one). */
	day(day: number): DailyMetrics[] {
		return this.history[day] ?? [];
	}
}
