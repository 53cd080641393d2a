/**
 * Child process of crash-safety.test.ts: runs a golden scenario at level full into a database file.
 * Its first write transaction is committed; the second is applied up to, not including, its COMMIT,
 * then the child prints `holding` and waits there, in the middle of the run and of a transaction,
 * until the test kills it.
 *
 *   node --import tsx tests/unit/run/crash-child.ts <db file> <golden folder> <simulation id>
 */
import { runSimulation } from '../../../src/lib/run/simulation-run';
import { openStoreFile } from '../../../src/lib/store/node-store';
import { DirectSink, type WriteTransaction } from '../../../src/lib/store/store-sink';
import { loadGoldenFolder } from '../../parity/golden-fixtures';

const [path, folder, simulationId] = process.argv.slice(2);
const golden = loadGoldenFolder(folder);
const { db } = await openStoreFile(path);
const direct = new DirectSink(db);
let writes = 0;
const sink = {
	get applied() {
		return direct.applied;
	},
	write: async (transaction: WriteTransaction) => {
		if (++writes === 1) {
			await direct.write(transaction);
			await direct.settled();
			return;
		}
		await db.exec('BEGIN TRANSACTION');
		for (const batch of transaction.batches) await db.insertArrowIpc(batch.table, batch.ipc);
		for (const statement of transaction.statements) await db.exec(statement);
		process.stdout.write('holding\n');
		return new Promise<void>(() => undefined);
	},
	execute: (statements: string[]) => direct.execute(statements),
	flush: () => direct.flush()
};
await runSimulation(
	{ config: golden.config, scenarioName: `${folder}.json`, persist: 'full', simulationId },
	sink,
	{ cancelled: false },
	() => undefined,
	async () => undefined
);
process.stdout.write('finished\n');
await db.close();
