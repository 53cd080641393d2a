/**
 * An in-memory recorder: keeps every record in call order (tests, the browser's live view) and gives the
 * resume point of an interrupted run.
 */
import type {
	ExperimentFinish,
	ExperimentRecorder,
	ExperimentResume,
	ExperimentStart,
	IterationCommit,
	IterationRecord,
	ProposalRecord,
	RecordedSimulation
} from './recorder';
import { resumePointFrom, type ResumePoint } from './resume';

export type RecorderCall =
	| { method: 'experimentStarted'; record: ExperimentStart }
	| { method: 'experimentResumed'; record: ExperimentResume }
	| { method: 'simulationRun'; record: RecordedSimulation }
	| { method: 'iterationStarted'; record: IterationRecord }
	| { method: 'proposalEvaluated'; record: ProposalRecord }
	| { method: 'iterationCommitted'; record: IterationCommit }
	| { method: 'experimentFinished'; record: ExperimentFinish };

export class MemoryRecorder implements ExperimentRecorder {
	readonly calls: RecorderCall[] = [];
	start: ExperimentStart | null = null;
	finish: ExperimentFinish | null = null;
	simulations: RecordedSimulation[] = [];
	iterations: IterationRecord[] = [];
	proposals: ProposalRecord[] = [];
	commits: IterationCommit[] = [];

	async experimentStarted(record: ExperimentStart): Promise<void> {
		this.calls.push({ method: 'experimentStarted', record });
		this.start = record;
	}

	async experimentResumed(record: ExperimentResume): Promise<void> {
		this.calls.push({ method: 'experimentResumed', record });
		const current = (item: { iteration: number }) => item.iteration < record.fromIteration;
		this.simulations = this.simulations.filter((run) => current(run) && run.purpose !== 'final');
		this.iterations = this.iterations.filter(current);
		this.proposals = this.proposals.filter(current);
		this.commits = this.commits.filter(current);
		this.finish = null;
	}

	async simulationRun(record: RecordedSimulation): Promise<void> {
		this.calls.push({ method: 'simulationRun', record });
		this.simulations.push(record);
	}

	async iterationStarted(record: IterationRecord): Promise<void> {
		this.calls.push({ method: 'iterationStarted', record });
		this.iterations.push(record);
	}

	async proposalEvaluated(record: ProposalRecord): Promise<void> {
		this.calls.push({ method: 'proposalEvaluated', record });
		this.proposals.push(record);
	}

	async iterationCommitted(record: IterationCommit): Promise<void> {
		this.calls.push({ method: 'iterationCommitted', record });
		this.commits.push(record);
	}

	async experimentFinished(record: ExperimentFinish): Promise<void> {
		this.calls.push({ method: 'experimentFinished', record });
		this.finish = record;
	}

	/** Where an interrupted run continues: after its last committed iteration. */
	resumePoint(): ResumePoint {
		if (this.start === null) throw new Error('nothing recorded: the experiment never started');
		return resumePointFrom(this.start.experimentId, this.iterations, this.proposals, this.commits);
	}
}
