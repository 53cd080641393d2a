/**
 * A stand-in for a simulation run, used until the engine is wired in: it produces deterministic
 * rows shaped like simulation events and streams them to the db worker in Arrow batches, with
 * progress and cancellation. It exercises exactly the path a real run takes.
 */
import { ArrowBatchBuilder, type ColumnSpec } from '../store/arrow-batch';
import type { BatchSender } from '../store/batch-channel';

export const PLACEHOLDER_TABLE = 'placeholder_rows';

export const PLACEHOLDER_LAYOUT: readonly ColumnSpec[] = [
	{ name: 'job_id', kind: 'utf8' },
	{ name: 'seq', kind: 'int64' },
	{ name: 'tick', kind: 'int32' },
	{ name: 'agent_id', kind: 'utf8' },
	{ name: 'amount', kind: 'int64' },
	{ name: 'details', kind: 'utf8' }
];

export const PLACEHOLDER_DDL = `CREATE TABLE IF NOT EXISTS ${PLACEHOLDER_TABLE} (
	job_id VARCHAR NOT NULL,
	seq BIGINT NOT NULL,
	tick INTEGER NOT NULL,
	agent_id VARCHAR NOT NULL,
	amount BIGINT NOT NULL,
	details VARCHAR NOT NULL
)`;

export interface PlaceholderJobOptions {
	jobId: string;
	rows: number;
	batchSize: number;
}

export interface JobProgress {
	/** Rows the db worker has committed. */
	rowsWritten: number;
	rowsTotal: number;
}

export interface JobResult {
	status: 'completed' | 'cancelled';
	rowsWritten: number;
	seconds: number;
}

export interface CancelToken {
	readonly cancelled: boolean;
}

const AGENTS = ['BANK_A', 'BANK_B', 'BANK_C', 'BANK_D'];

export async function runPlaceholderJob(
	options: PlaceholderJobOptions,
	sender: BatchSender,
	cancel: CancelToken,
	onProgress: (progress: JobProgress) => void
): Promise<JobResult> {
	const started = performance.now();
	const builder = new ArrowBatchBuilder(PLACEHOLDER_LAYOUT, options.batchSize);
	await sender.execute([PLACEHOLDER_DDL]);
	const acknowledgedBefore = sender.rowsAcknowledged;
	let produced = 0;
	let sent = 0;
	while (produced < options.rows && !cancel.cancelled) {
		const seq = produced++;
		const agent = AGENTS[seq % AGENTS.length];
		const amount = 1000 + ((seq * 7919) % 100_000);
		builder.append([
			options.jobId,
			seq,
			Math.floor(seq / 100),
			agent,
			amount,
			`{"n":${seq},"agent":"${agent}"}`
		]);
		if (builder.length === options.batchSize || produced === options.rows) {
			const rows = builder.length;
			await sender.write({
				batches: [{ table: PLACEHOLDER_TABLE, ipc: builder.finish(), rows }],
				statements: []
			});
			sent += rows;
			onProgress({ rowsWritten: sender.rowsAcknowledged - acknowledgedBefore, rowsTotal: options.rows });
		}
	}
	await sender.flush();
	const rowsWritten = sent;
	onProgress({ rowsWritten, rowsTotal: options.rows });
	return {
		status: cancel.cancelled && rowsWritten < options.rows ? 'cancelled' : 'completed',
		rowsWritten,
		seconds: (performance.now() - started) / 1000
	};
}
