/**
 * `experiment policy-evolution <id>`: JSON on stdout, `{agent: {"iteration_<k>": {policy, diff, cost,
 * accepted, llm?}}}` with k = iteration + 1 as SimCash numbers them: the policy in force in the
 * iteration, its change from the previous iteration, the agent's cost in the iteration's evaluation and
 * whether the agent's proposal of that iteration was accepted.
 */
import { sqlLiteral } from '../../store/sql-literal';
import type { PolicyEvolutionCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import { readExperimentLog } from '../experiment-log';
import { experimentExists } from '../experiment-runs';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';
import { policyDiff } from '../policy-diff';
import { withReadableStore } from '../readable-store';

interface IterationEvolution {
	policy: unknown;
	diff: string;
	cost?: number;
	accepted?: boolean;
	llm?: { system_prompt: string; user_prompt: string; raw_response: string };
}

export async function executePolicyEvolution(
	command: PolicyEvolutionCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const evolution = await withReadableStore(env, command.db, async ({ db, name }) => {
		if (!(await experimentExists(db, command.experimentId)))
			throw new CommandFailure(`no experiment ${command.experimentId} in ${name}`);
		const result = await db.query(
			'SELECT iteration, policies, costs_per_agent, accepted_changes FROM experiment_iterations ' +
				`WHERE experiment_id = ${sqlLiteral(command.experimentId)} ORDER BY iteration`
		);
		const log = command.llm ? await readExperimentLog(db, command.experimentId) : null;
		const iterations = result.rows.map((row) => ({
			iteration: Number(row[0]),
			policies: JSON.parse(String(row[1])) as Record<string, unknown>,
			costs: JSON.parse(String(row[2])) as Record<string, number>,
			accepted: row[3] === null ? null : (JSON.parse(String(row[3])) as Record<string, boolean>)
		}));
		const agents = [...new Set(iterations.flatMap((item) => Object.keys(item.policies)))].sort();
		if (command.agentId !== null && !agents.includes(command.agentId))
			throw new CommandFailure(`experiment ${command.experimentId} has no agent ${command.agentId}`);
		const first = (command.start ?? 1) - 1;
		const last = (command.end ?? iterations.length) - 1;
		const out: Record<string, Record<string, IterationEvolution>> = {};
		for (const agent of command.agentId === null ? agents : [command.agentId]) {
			const entries: Record<string, IterationEvolution> = {};
			let previous: unknown = null;
			for (const item of iterations) {
				const policy = item.policies[agent];
				if (policy === undefined) continue;
				const diff = policyDiff(previous, policy);
				previous = policy;
				if (item.iteration < first || item.iteration > last) continue;
				const entry: IterationEvolution = { policy, diff };
				if (item.costs[agent] !== undefined) entry.cost = item.costs[agent];
				if (item.accepted?.[agent] !== undefined) entry.accepted = item.accepted[agent];
				const audit = log?.iterations
					.find((logged) => logged.iteration === item.iteration)
					?.proposals.find((proposal) => proposal.record.agentId === agent)?.audit;
				const attempt = audit?.kind === 'llm' ? audit.attempts.at(-1) : undefined;
				if (attempt !== undefined && attempt.rawResponse !== null)
					entry.llm = {
						system_prompt: attempt.systemPrompt,
						user_prompt: attempt.userPrompt,
						raw_response: attempt.rawResponse
					};
				entries[`iteration_${item.iteration + 1}`] = entry;
			}
			if (Object.keys(entries).length > 0) out[agent] = entries;
		}
		return out;
	});
	output.write({ kind: 'json', value: evolution, indent: command.compact ? null : 2 });
	return 0;
}
