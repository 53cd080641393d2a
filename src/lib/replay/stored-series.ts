/**
 * Every agent's balance over a stored run (level full), for a chart: one point per tick, or per k-th
 * tick when the run is long, so that a chart of a 200-agent run stays a few thousand points. The last
 * tick is always included.
 */
import { sqlLiteral } from '../store/sql-literal';
import type { SqlReader } from './sql-reader';
import type { StoredRun } from './stored-run';
import { cellNumber, cellText } from './stored-values';

export interface BalanceSeries {
	ticks: number[];
	agents: { agentId: string; balances: number[] }[];
}

/** Points per agent at most (before the last tick is added). */
const MAX_POINTS = 500;

export async function readBalanceSeries(db: SqlReader, run: StoredRun): Promise<BalanceSeries> {
	const last = run.ticksCompleted - 1;
	const step = Math.max(1, Math.ceil(run.ticksCompleted / MAX_POINTS));
	const result = await db.query(
		`SELECT agent_id, tick, balance FROM tick_agent_states WHERE simulation_id = ${sqlLiteral(run.simulationId)} ` +
			`AND (tick % ${step} = 0 OR tick = ${last}) ORDER BY agent_id, tick`
	);
	const ticks: number[] = [];
	const agents = new Map<string, number[]>();
	for (const row of result.rows) {
		const agentId = cellText(row[0], 'agent_id');
		const tick = cellNumber(row[1], 'tick');
		let balances = agents.get(agentId);
		if (balances === undefined) {
			balances = [];
			agents.set(agentId, balances);
		}
		if (agents.size === 1) ticks.push(tick);
		balances.push(cellNumber(row[2], 'balance'));
	}
	return { ticks, agents: [...agents].map(([agentId, balances]) => ({ agentId, balances })) };
}
