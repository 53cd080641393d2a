/**
 * Starts the two workers and wires them: the page keeps a comlink proxy to each, and hands the
 * engine worker a MessagePort straight to the db worker, so simulation rows never pass through
 * the main thread.
 */
import * as Comlink from 'comlink';
import type { DbWorkerApi } from '../../../workers/db.worker';
import type { EngineWorkerApi } from '../../../workers/engine.worker';

export interface Workers {
	db: Comlink.Remote<DbWorkerApi>;
	engine: Comlink.Remote<EngineWorkerApi>;
}

export async function startWorkers(): Promise<Workers> {
	const db = Comlink.wrap<DbWorkerApi>(
		new Worker(new URL('../../../workers/db.worker.ts', import.meta.url), {
			type: 'module',
			name: 'simcash-db'
		})
	);
	const engine = Comlink.wrap<EngineWorkerApi>(
		new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), {
			type: 'module',
			name: 'simcash-engine'
		})
	);
	const channel = new MessageChannel();
	await db.connectEngine(Comlink.transfer(channel.port1, [channel.port1]));
	await engine.connectDb(Comlink.transfer(channel.port2, [channel.port2]));
	return { db, engine };
}

export { Comlink };
