/**
 * `db costs <simulation-id>`: each agent's costs tick by tick — running totals over the whole run, or
 * with --per-tick what accrued in each tick — then each agent's total. From tick_agent_states (level
 * full), whose `total_cost_change` is what the agent accrued in the tick.
 */
import { sqlLiteral } from '../../store/sql-literal';
import { moneyCell } from '../cells';
import type { DbCostsCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';
import { requireFullLevel, requireStoredRun } from '../stored-run-lookup';

export interface CostRow {
	tick: number;
	day: number;
	agent_id: string;
	/** Accrued in this tick, cents. */
	cost: number;
	/** Accrued from the start of the run to the end of this tick, cents. */
	accumulated_cost: number;
}

export async function executeDbCosts(
	command: DbCostsCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const rows = await withReadableStore(env, command.db, async (database) => {
		const run = await requireStoredRun(database, command.simulationId);
		requireFullLevel(run, 'db costs');
		const agentFilter = command.agentId === null ? '' : ` AND agent_id = ${sqlLiteral(command.agentId)}`;
		const result = await database.db.query(
			'SELECT tick, day, agent_id, total_cost_change FROM tick_agent_states ' +
				`WHERE simulation_id = ${sqlLiteral(run.simulationId)}${agentFilter} ORDER BY tick, agent_id`
		);
		if (result.rows.length === 0 && command.agentId !== null)
			throw new CommandFailure(`${run.simulationId} has no agent ${command.agentId}`);
		const running = new Map<string, number>();
		return result.rows.map((row): CostRow => {
			const agent = String(row[2]);
			const cost = Number(row[3]);
			const accumulated = (running.get(agent) ?? 0) + cost;
			running.set(agent, accumulated);
			return {
				tick: Number(row[0]),
				day: Number(row[1]),
				agent_id: agent,
				cost,
				accumulated_cost: accumulated
			};
		});
	});
	if (command.json) {
		output.write({ kind: 'json', value: rows, indent: null });
		return 0;
	}
	output.write(costTable(rows, command));
	output.write(totalsTable(rows));
	return 0;
}

function costTable(rows: readonly CostRow[], command: DbCostsCommand) {
	const agents = [...new Set(rows.map((row) => row.agent_id))];
	const ticks = new Map<number, { day: number; costs: Map<string, number> }>();
	for (const row of rows) {
		let tick = ticks.get(row.tick);
		if (tick === undefined) {
			tick = { day: row.day, costs: new Map() };
			ticks.set(row.tick, tick);
		}
		tick.costs.set(row.agent_id, command.perTick ? row.cost : row.accumulated_cost);
	}
	const all = [...ticks.entries()].map(([tick, { day, costs }]) => [
		String(tick),
		String(day),
		...agents.map((agent) => moneyCell(costs.get(agent) ?? 0))
	]);
	const half = Math.max(1, Math.floor(command.limit / 2));
	const shown =
		all.length <= command.limit
			? all
			: [...all.slice(0, half), ['…', '…', ...agents.map(() => '…')], ...all.slice(-half)];
	return {
		kind: 'table' as const,
		stream: 'stdout' as const,
		title: `${command.simulationId}: ${command.perTick ? 'costs accrued per tick' : 'accumulated costs'}`,
		columns: [
			{ label: 'Tick', align: 'right' as const },
			{ label: 'Day', align: 'right' as const },
			...agents.map((agent) => ({ label: agent, align: 'right' as const }))
		],
		rows: shown,
		footer:
			all.length > command.limit ? ['', `Showing ${shown.length - 1} of ${all.length} ticks.`, ''] : ['']
	};
}

function totalsTable(rows: readonly CostRow[]) {
	const totals = new Map<string, number>();
	for (const row of rows) totals.set(row.agent_id, row.accumulated_cost);
	const sum = [...totals.values()].reduce((a, b) => a + b, 0);
	return {
		kind: 'table' as const,
		stream: 'stdout' as const,
		title: 'Final costs',
		columns: [
			{ label: 'Agent', align: 'left' as const },
			{ label: 'Total Cost', align: 'right' as const }
		],
		rows: [
			...[...totals.entries()].map(([agent, total]) => [agent, moneyCell(total)]),
			['TOTAL', moneyCell(sum)]
		],
		footer: []
	};
}
