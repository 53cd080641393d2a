/**
 * The engine-to-db write path over a real MessageChannel and a real DuckDB: order, acknowledgement,
 * the bound on transactions in flight, atomicity and error reporting. (A whole simulation over the
 * channel: tests/unit/run/simulation-run.test.ts.)
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ArrowBatchBuilder } from '../../../src/lib/store/arrow-batch';
import {
	BatchSender,
	createSerialQueue,
	serveBatches,
	type PortLike
} from '../../../src/lib/store/batch-channel';
import { NodeSqlDb } from '../../../src/lib/store/duckdb-node';
import type { SqlDb } from '../../../src/lib/store/sql-db';

let db: NodeSqlDb;
let channel: MessageChannel;
let received: number;

beforeEach(async () => {
	db = await NodeSqlDb.open(':memory:');
	channel = new MessageChannel();
	received = 0;
	const serial = createSerialQueue();
	const counting: SqlDb = new Proxy(db, {
		get(target, key) {
			if (key === 'insertArrowIpc') {
				return async (table: string, ipc: Uint8Array) => {
					received++;
					await target.insertArrowIpc(table, ipc);
				};
			}
			const value = Reflect.get(target, key);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
	serveBatches(channel.port1 as unknown as PortLike, (work) => serial(() => work(counting)));
});

afterEach(async () => {
	channel.port1.close();
	channel.port2.close();
	await db.close();
});

function batchOf(values: number[]): Uint8Array {
	const builder = new ArrowBatchBuilder([{ name: 'v', kind: 'int64' }], values.length);
	for (const v of values) builder.append([v]);
	return builder.finish();
}

function write(sender: BatchSender, table: string, values: number[], statements: string[] = []) {
	return sender.write({ batches: [{ table, ipc: batchOf(values), rows: values.length }], statements });
}

test('transactions arrive in order, transferred, and are committed before flush() resolves', async () => {
	const sender = new BatchSender(channel.port2 as unknown as PortLike, 2);
	await sender.execute(['CREATE TABLE nums (v BIGINT)']);
	const ipc = batchOf([1, 2, 3]);
	await sender.write({ batches: [{ table: 'nums', ipc, rows: 3 }], statements: [] });
	// Transferred, not copied: the sender's buffer is detached.
	expect(ipc.byteLength).toBe(0);
	for (let b = 1; b < 10; b++) await write(sender, 'nums', [b * 10, b * 10 + 1]);
	expect(sender.inFlight).toBeLessThanOrEqual(2);
	await sender.flush();
	expect(received).toBe(10);
	expect(sender.rowsAcknowledged).toBe(3 + 9 * 2);
	const rows = (await db.query('SELECT list(v ORDER BY v)::VARCHAR AS vs, count(*) AS n FROM nums')).rows[0];
	expect(rows[1]).toBe(21n);
	expect(String(rows[0]).startsWith('[1, 2, 3, 10, 11, 20, 21')).toBe(true);
});

test('a transaction writes several tables and its statements together, or nothing', async () => {
	const sender = new BatchSender(channel.port2 as unknown as PortLike, 4);
	await sender.execute([
		'CREATE TABLE left_side (v BIGINT)',
		'CREATE TABLE right_side (v BIGINT NOT NULL)',
		'CREATE TABLE progress (n BIGINT)',
		'INSERT INTO progress VALUES (0)'
	]);
	const both = (left: (number | null)[], right: (number | null)[], n: number) => {
		const batch = (values: (number | null)[]) => {
			const builder = new ArrowBatchBuilder([{ name: 'v', kind: 'int64' }], values.length);
			for (const v of values) builder.append([v]);
			return builder.finish();
		};
		return sender.write({
			batches: [
				{ table: 'left_side', ipc: batch(left), rows: left.length },
				{ table: 'right_side', ipc: batch(right), rows: right.length }
			],
			statements: [`UPDATE progress SET n = ${n}`]
		});
	};
	await both([1, 2], [3], 1);
	// The second table rejects a null: the first table's rows and the statement are rolled back too.
	await both([4, 5], [null], 2);
	await expect(sender.flush()).rejects.toThrow(/NOT NULL/);
	const state = (
		await db.query(
			'SELECT (SELECT sum(v) FROM left_side), (SELECT sum(v) FROM right_side), (SELECT n FROM progress)'
		)
	).rows[0];
	expect(state).toEqual([3n, 3n, 1n]);
});

test('a failed insert is reported to the sender and the database stays usable', async () => {
	const sender = new BatchSender(channel.port2 as unknown as PortLike, 4);
	await sender.execute(['CREATE TABLE strict_nums (v BIGINT NOT NULL)']);
	const builder = new ArrowBatchBuilder([{ name: 'v', kind: 'int64' }], 2);
	builder.append([null]);
	await sender.write({ batches: [{ table: 'strict_nums', ipc: builder.finish(), rows: 1 }], statements: [] });
	await expect(sender.flush()).rejects.toThrow(/NOT NULL/);
	expect((await db.query('SELECT count(*) FROM strict_nums')).rows[0][0]).toBe(0n);
	await db.exec('INSERT INTO strict_nums VALUES (5)');
	expect((await db.query('SELECT sum(v) FROM strict_nums')).rows[0][0]).toBe(5n);
});
