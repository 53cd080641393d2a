/**
 * An experiment's stored log (experiment_events, in seq order) read back into the records the loop
 * gave its recorder: evaluations, proposals with their audits, commits and the end. The commands show
 * the log as it was written; nothing is recomputed.
 */
import type {
	ExperimentFinish,
	IterationCommit,
	IterationRecord,
	ProposalAudit,
	ProposalRecord
} from '../experiments/recorder';
import type { SqlDb } from '../store/sql-db';
import { sqlLiteral } from '../store/sql-literal';

export interface LoggedProposal {
	record: Omit<ProposalRecord, 'audit'>;
	audit: ProposalAudit | null;
}

export interface LoggedIteration {
	iteration: number;
	evaluation: IterationRecord | null;
	proposals: LoggedProposal[];
	commit: IterationCommit | null;
}

export interface ExperimentLog {
	iterations: LoggedIteration[];
	finish: ExperimentFinish | null;
	/** Iterations from which a resumed run started again. */
	resumedFrom: number[];
}

export async function readExperimentLog(db: SqlDb, experimentId: string): Promise<ExperimentLog> {
	const result = await db.query(
		`SELECT iteration, event_type, agent_id, event_data FROM experiment_events WHERE experiment_id = ${sqlLiteral(experimentId)} ORDER BY seq`
	);
	const iterations = new Map<number, LoggedIteration>();
	const at = (iteration: number): LoggedIteration => {
		let entry = iterations.get(iteration);
		if (entry === undefined) {
			entry = { iteration, evaluation: null, proposals: [], commit: null };
			iterations.set(iteration, entry);
		}
		return entry;
	};
	const log: ExperimentLog = { iterations: [], finish: null, resumedFrom: [] };
	for (const [iterationCell, type, agent, data] of result.rows) {
		const iteration = Number(iterationCell);
		const value: unknown = JSON.parse(String(data));
		switch (type) {
			case 'evaluation':
				// A resumed run evaluates the iteration again: the later record replaces the stale one.
				Object.assign(at(iteration), { evaluation: value, proposals: [], commit: null });
				break;
			case 'proposal':
				at(iteration).proposals.push({ record: value as LoggedProposal['record'], audit: null });
				break;
			case 'llm_interaction':
			case 'search_candidates': {
				const proposal = at(iteration).proposals.findLast((item) => item.record.agentId === agent);
				if (proposal !== undefined) proposal.audit = value as ProposalAudit;
				break;
			}
			case 'iteration_committed':
				at(iteration).commit = value as IterationCommit;
				break;
			case 'experiment_resumed':
				log.resumedFrom.push(iteration);
				break;
			case 'experiment_end':
				log.finish = value as ExperimentFinish;
				break;
		}
	}
	log.iterations = [...iterations.values()].sort((a, b) => a.iteration - b.iteration);
	return log;
}
