/** One simulation of an experiment: an engine configuration run for a number of ticks, costs per agent out. */
import type { EngineConfigJson } from '../config';
import { runSimulation, type CostTotals, type FinalSummary, type SimulationEvent } from '../engine';

export interface SimulationOutcome {
	summary: FinalSummary;
	/** Each agent's accumulated cost over the run, cents. */
	costs: Record<string, number>;
	/** Each agent's cost components over the run, cents. */
	breakdowns: Record<string, CostTotals>;
	/** Every event, when asked for. */
	events: SimulationEvent[] | null;
}

export function simulate(config: EngineConfigJson, ticks: number, collectEvents = false): SimulationOutcome {
	const events: SimulationEvent[] | null = collectEvents ? [] : null;
	const { summary } = runSimulation(config, {
		ticks,
		...(events !== null ? { onEvent: (event: SimulationEvent) => events.push(event) } : {})
	});
	if (summary.tick_error !== null) {
		throw new Error(`simulation failed at tick ${summary.ticks_completed}: ${summary.tick_error.message}`);
	}
	const costs: Record<string, number> = {};
	const breakdowns: Record<string, CostTotals> = {};
	for (const agent of summary.agents) {
		costs[agent.id] = agent.costs_total_all_days.total;
		breakdowns[agent.id] = agent.costs_total_all_days;
	}
	return { summary, costs, breakdowns, events };
}
