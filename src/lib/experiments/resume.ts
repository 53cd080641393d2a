/**
 * Resuming an interrupted experiment. An iteration counts once its commit is recorded; the run continues
 * with the next one, from state rebuilt out of the committed records alone: the policies in force, the
 * convergence detector (its metrics replayed), the best cost and the proposal history that prompts show.
 */
import type { IterationCommit, IterationRecord, ProposalRecord } from './recorder';

export interface CommittedIteration {
	record: IterationRecord;
	proposals: ProposalRecord[];
	commit: IterationCommit;
}

export interface ResumePoint {
	experimentId: string;
	/** Iterations 0 … n−1, each committed. */
	iterations: CommittedIteration[];
}

/** The committed prefix of recorded iterations: 0, 1, … up to the first without a commit. */
export function resumePointFrom(
	experimentId: string,
	iterations: readonly IterationRecord[],
	proposals: readonly ProposalRecord[],
	commits: readonly IterationCommit[]
): ResumePoint {
	const committed: CommittedIteration[] = [];
	for (let iteration = 0; ; iteration++) {
		const record = iterations.find((item) => item.iteration === iteration);
		const commit = commits.find((item) => item.iteration === iteration);
		if (record === undefined || commit === undefined) break;
		committed.push({
			record,
			commit,
			proposals: proposals
				.filter((item) => item.iteration === iteration)
				.sort((a, b) => a.proposalIndex - b.proposalIndex)
		});
	}
	return { experimentId, iterations: committed };
}
