/**
 * The engine worker: runs simulations (for now the placeholder job) and streams their rows to the
 * db worker over the MessagePort the page hands it. Thin by design: the work is in src/lib/run.
 */
import * as Comlink from 'comlink';
import {
	runPlaceholderJob,
	type JobProgress,
	type JobResult,
	type PlaceholderJobOptions
} from '../src/lib/run/placeholder-job';
import { BatchSender } from '../src/lib/store/batch-channel';

let dbPort: MessagePort | undefined;
let current: { cancelled: boolean } | undefined;

const api = {
	connectDb(port: MessagePort): void {
		dbPort = port;
	},

	async runPlaceholderJob(
		options: PlaceholderJobOptions,
		onProgress: (progress: JobProgress) => void
	): Promise<JobResult> {
		if (!dbPort) throw new Error('The engine worker is not connected to the db worker');
		if (current) throw new Error('A job is already running');
		const token = { cancelled: false };
		current = token;
		try {
			return await runPlaceholderJob(options, new BatchSender(dbPort), token, onProgress);
		} finally {
			current = undefined;
		}
	},

	/** Asks the running job to stop after the batch in hand; rows already sent are kept. */
	cancel(): void {
		if (current) current.cancelled = true;
	}
};

export type EngineWorkerApi = typeof api;

Comlink.expose(api);
