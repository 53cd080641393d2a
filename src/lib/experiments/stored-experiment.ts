/**
 * A stored experiment read back for resuming: its settings, scenario and committed iterations, rebuilt
 * from the complete records in its event log (the tables are the queryable view of the same data). Only
 * queries and no engine code, so the page reads it through the db worker and hands the result, a
 * structured-cloneable object, to the engine worker.
 */
import type { EngineConfigJson } from '../config';
import type { SqlDb, SqlValue } from '../store/sql-db';
import { sqlLiteral } from '../store/sql-literal';
import type { ExperimentConfig, OptimizerKind } from './experiment-config';
import type { IterationCommit, IterationRecord, ProposalAudit, ProposalRecord } from './recorder';
import { resumePointFrom, type ResumePoint } from './resume';

export interface StoredScenario {
	fileName: string;
	text: string | null;
	config: EngineConfigJson;
}

/** Stored statuses a run can be resumed from: cancelled, or left running by a closed tab or killed process. */
export function isResumableStatus(status: string): boolean {
	return status === 'interrupted';
}

export interface StoredExperiment {
	experimentId: string;
	status: string;
	experiment: ExperimentConfig;
	scenario: StoredScenario;
	configText: string | null;
	optimizer: OptimizerKind;
	proposerLabel: string;
	resumePoint: ResumePoint;
	/** The event number a resuming recorder continues with. */
	nextSeq: number;
}

/** Removes, in place, the entries of iteration `from` and later. */
function dropFrom(from: number, ...lists: { iteration: number }[][]): void {
	for (const list of lists) {
		const kept = list.filter((item) => item.iteration < from);
		list.splice(0, list.length, ...kept);
	}
}

const DATE_FIELDS = new Set(['startedAt', 'createdAt', 'committedAt']);

function revive(text: string): unknown {
	return JSON.parse(text, (key, value: unknown) =>
		DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value
	);
}

function text(value: SqlValue): string {
	if (typeof value !== 'string') throw new Error(`expected text, found ${String(value)}`);
	return value;
}

/**
 * Reads back a stored experiment: its settings, scenario and committed iterations. Only queries, so the
 * page can read it through the db worker and hand the result to the engine worker.
 */
export async function loadStoredExperiment(
	db: Pick<SqlDb, 'query'>,
	experimentId: string
): Promise<StoredExperiment> {
	const id = sqlLiteral(experimentId);
	const found = await db.query(
		`SELECT config_json, config_yaml, status, optimizer FROM experiments WHERE experiment_id = ${id}`
	);
	if (found.rows.length === 0) throw new Error(`no experiment ${experimentId} in this database`);
	const [configJson, configYaml, status, optimizer] = found.rows[0];
	const stored = JSON.parse(text(configJson)) as {
		experiment: ExperimentConfig;
		scenario: StoredScenario;
		proposerLabel: string;
	};
	const events = await db.query(
		`SELECT seq, event_type, agent_id, iteration, event_data FROM experiment_events WHERE experiment_id = ${id} ORDER BY seq`
	);
	const iterations: IterationRecord[] = [];
	const proposals: ProposalRecord[] = [];
	const commits: IterationCommit[] = [];
	const audits = new Map<string, ProposalAudit>();
	let nextSeq = 0;
	for (const [seq, type, agent, iteration, data] of events.rows) {
		nextSeq = Math.max(nextSeq, Number(seq) + 1);
		const value = revive(text(data));
		if (type === 'evaluation') {
			// A resumed run evaluates its first iteration again: records of that iteration and later ones
			// left by the interrupted run are stale.
			const from = (value as IterationRecord).iteration;
			dropFrom(from, iterations, proposals, commits);
			for (const key of [...audits.keys()]) if (Number(key.split('/')[0]) >= from) audits.delete(key);
			iterations.push(value as IterationRecord);
		} else if (type === 'proposal') proposals.push({ ...(value as ProposalRecord), audit: null });
		else if (type === 'iteration_committed') commits.push(value as IterationCommit);
		else if (type === 'llm_interaction' || type === 'search_candidates') {
			audits.set(`${Number(iteration)}/${String(agent)}`, value as ProposalAudit);
		}
	}
	for (const proposal of proposals)
		proposal.audit = audits.get(`${proposal.iteration}/${proposal.agentId}`) ?? null;
	return {
		experimentId,
		status: text(status),
		experiment: stored.experiment,
		scenario: stored.scenario,
		configText: typeof configYaml === 'string' ? configYaml : null,
		optimizer: text(optimizer) as OptimizerKind,
		proposerLabel: stored.proposerLabel,
		resumePoint: resumePointFrom(experimentId, iterations, proposals, commits),
		nextSeq
	};
}
