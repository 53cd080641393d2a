/**
 * `experiment replay <id>`: the stored experiment iteration by iteration (evaluation, each agent's
 * proposal and its fate, the end); `--audit` adds each proposal's full record; `--simulation SEL`
 * replays one of the experiment's runs instead.
 */
import type { LlmAttempt, ProposalAudit } from '../../experiments/recorder';
import { formatMoney } from '../../replay/money';
import { sqlLiteral } from '../../store/sql-literal';
import { moneyCell, yesNo } from '../cells';
import type { ExperimentReplayCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import { readExperimentLog, type LoggedIteration, type LoggedProposal } from '../experiment-log';
import { selectedRun } from '../experiment-runs';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';
import { withReadableStore } from '../readable-store';
import { requireStoredRun } from '../stored-run-lookup';
import { readExperimentRows } from './db-experiments';
import { replayStoredRun } from './replay-run';

function costs(costsByAgent: Record<string, number>): string {
	return Object.entries(costsByAgent)
		.map(([agent, cost]) => `${agent} ${formatMoney(cost)}`)
		.join(', ');
}

function proposalLine({ record }: LoggedProposal): string {
	const decision = record.decision;
	switch (decision.kind) {
		case 'accepted':
		case 'rejected': {
			const c = decision.comparison;
			return (
				`  ${record.agentId}: ${decision.kind} — cost ${formatMoney(c.oldCost)} → ${formatMoney(c.newCost)} ` +
				`(${c.reason}, ${c.samples.length} sample${c.samples.length === 1 ? '' : 's'})`
			);
		}
		case 'no-candidate':
			return `  ${record.agentId}: no candidate — ${decision.reason}`;
		case 'failed':
			return `  ${record.agentId}: failed — ${decision.error}`;
	}
}

function iterationLines(entry: LoggedIteration): string[] {
	const lines = [''];
	const evaluation = entry.evaluation;
	if (evaluation === null) lines.push(`Iteration ${entry.iteration}`);
	else
		lines.push(
			`Iteration ${entry.iteration} — ${evaluation.mode} evaluation: total ${formatMoney(evaluation.totalCost)} ` +
				`(${costs(evaluation.agentCosts)}), run ${evaluation.evaluationSimulationId}`
		);
	lines.push(...entry.proposals.map(proposalLine));
	if (entry.commit === null) lines.push('  (not committed: the run stopped during this iteration)');
	return lines;
}

function llmAttemptLines(attempt: LlmAttempt): string[] {
	const total = attempt.promptTokens + attempt.completionTokens;
	const estimated = attempt.tokensEstimated ? ' (estimated)' : '';
	let response = attempt.rawResponse ?? '(no response)';
	try {
		response = JSON.stringify(JSON.parse(response), null, 2);
	} catch {
		// Not JSON: shown as received.
	}
	return [
		`Attempt ${attempt.attempt}: tokens ${attempt.promptTokens} prompt + ${attempt.completionTokens} completion = ${total} total${estimated}, latency ${Math.round(attempt.latencyMs)} ms`,
		'',
		'System Prompt:',
		attempt.systemPrompt,
		'',
		'User Prompt:',
		attempt.userPrompt,
		'',
		'Raw Response:',
		response,
		'',
		attempt.errors.length === 0
			? 'Validation: Policy valid'
			: `Validation: Error: ${attempt.errors.join('; ')}`,
		''
	];
}

function auditLines(agentId: string, audit: ProposalAudit): string[] {
	const rule = '-'.repeat(60);
	if (audit.kind === 'llm') {
		return [
			rule,
			`Agent: ${agentId} (llm ${audit.model}, ${audit.baseUrl})`,
			rule,
			...audit.attempts.flatMap(llmAttemptLines)
		];
	}
	const describe = (parameters: Record<string, unknown>) =>
		Object.entries(parameters)
			.map(([name, value]) => `${name}=${String(value)}`)
			.join(', ');
	return [
		rule,
		`Agent: ${agentId} (search, ${audit.evaluations.length} candidates)`,
		rule,
		...audit.evaluations.map(
			(candidate) => `  ${describe(candidate.parameters)}: mean cost ${formatMoney(candidate.meanCost)}`
		),
		audit.chosen === null
			? 'Chosen: none (no candidate beats the current policy)'
			: `Chosen: ${describe(audit.chosen)}`,
		''
	];
}

function auditBlock(entry: LoggedIteration): string[] {
	const withAudit = entry.proposals.filter((proposal) => proposal.audit !== null);
	if (withAudit.length === 0) return [];
	const rule = '='.repeat(70);
	return [
		'',
		rule,
		`AUDIT: Iteration ${entry.iteration}`,
		rule,
		...withAudit.flatMap((proposal) => auditLines(proposal.record.agentId, proposal.audit as ProposalAudit))
	];
}

export async function executeExperimentReplay(
	command: ExperimentReplayCommand,
	env: CommandEnvironment,
	output: CommandOutput,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	return withReadableStore(env, command.db, async (database) => {
		const [experiment] = await readExperimentRows(
			database.db,
			`WHERE experiment_id = ${sqlLiteral(command.experimentId)}`
		);
		if (experiment === undefined)
			throw new CommandFailure(`no experiment ${command.experimentId} in ${database.name}`);
		if (command.simulation !== null) {
			const simulationId = await selectedRun(database.db, command.experimentId, command.simulation);
			return replayStoredRun(
				database,
				await requireStoredRun(database, simulationId),
				command,
				output,
				signal
			);
		}
		const log = await readExperimentLog(database.db, command.experimentId);
		const shown = log.iterations.filter(
			(entry) =>
				(command.start === null || entry.iteration >= command.start) &&
				(command.end === null || entry.iteration <= command.end)
		);
		const lines = [
			`Experiment ${experiment.experiment_id} (${experiment.name})`,
			`  Scenario: ${experiment.scenario ?? '-'}`,
			`  Optimizer: ${experiment.optimizer ?? '-'}, master seed ${experiment.master_seed}, status ${experiment.status}`,
			...(log.resumedFrom.length === 0 ? [] : [`  Resumed at iteration ${log.resumedFrom.join(', ')}`])
		];
		for (const entry of shown) {
			lines.push(...iterationLines(entry));
			if (command.audit) lines.push(...auditBlock(entry));
		}
		lines.push(
			'',
			`Result: ${experiment.status} after ${experiment.iterations} iteration(s); converged ${yesNo(experiment.converged)}` +
				(experiment.convergence_reason === null ? '' : ` (${experiment.convergence_reason})`),
			`  Final cost ${moneyCell(experiment.final_cost)}, best cost ${moneyCell(experiment.best_cost)}`
		);
		if (log.finish?.error) lines.push(`  Error: ${log.finish.error}`);
		output.write({ kind: 'text', stream: 'stdout', lines });
		return 0;
	});
}
