/**
 * The command environment of the Node CLI: files on disk (relative to the working directory), database
 * files opened through the store's Node adapter. The app has its own environment; nothing in the
 * browser imports this file.
 */
import { closeSync, existsSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ResolveFile } from '../config';
import { NotDuckDbFileError } from '../store/duckdb-file';
import { openStoreFile } from '../store/node-store';
import { StoreRefusedError } from '../store/open-store';
import { DirectSink } from '../store/store-sink';
import type { CommandEnvironment, LineFile, OpenedDatabase } from './environment';
import { CommandFailure } from './failure';

const FLUSH_BYTES = 1 << 20;

/** Buffered lines into a file (event streams of long runs). */
class BufferedLineFile implements LineFile {
	private readonly fd: number;
	private chunks: string[] = [];
	private size = 0;

	constructor(path: string) {
		try {
			this.fd = openSync(path, 'w');
		} catch (error) {
			throw new CommandFailure(`${path}: cannot write: ${(error as Error).message}`);
		}
	}

	line(text: string): void {
		this.chunks.push(text, '\n');
		this.size += text.length + 1;
		if (this.size >= FLUSH_BYTES) this.flush();
	}

	private flush(): void {
		if (this.chunks.length > 0) writeSync(this.fd, this.chunks.join(''));
		this.chunks = [];
		this.size = 0;
	}

	close(): void {
		this.flush();
		closeSync(this.fd);
	}
}

/** Reads a file; null when it does not exist, so that the loaders try their next candidate. */
export const resolveFromDisk: ResolveFile = async (path) => {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
		throw error;
	}
};

async function openDatabaseFile(path: string | null, write: boolean): Promise<OpenedDatabase> {
	if (path === null) throw new CommandFailure('--db FILE is required', 2);
	if (!write && !existsSync(path)) throw new CommandFailure(`${path}: no such database file`);
	let opened;
	try {
		opened = await openStoreFile(path, { readOnly: !write });
	} catch (error) {
		if (error instanceof NotDuckDbFileError || error instanceof StoreRefusedError)
			throw new CommandFailure(error.message);
		throw new CommandFailure(`${path}: ${(error as Error).message}`);
	}
	const { db, status } = opened;
	return {
		db,
		name: path,
		access: status.access,
		readOnlyReason: status.message,
		sizeBytes: statSync(path).size,
		close: () => db.close()
	};
}

export function nodeEnvironment(): CommandEnvironment {
	return {
		openDatabase: (path, { write }) => openDatabaseFile(path, write),
		storeSink: (database) => new DirectSink(database.db),
		async readTextFile(path) {
			try {
				return await readFile(path, 'utf8');
			} catch (error) {
				throw new CommandFailure(`${path}: cannot read: ${(error as Error).message}`);
			}
		},
		resolveFile: resolveFromDisk,
		async writeTextFile(path, text) {
			try {
				writeFileSync(path, text);
			} catch (error) {
				throw new CommandFailure(`${path}: cannot write: ${(error as Error).message}`);
			}
		},
		openLineFile: (path) => new BufferedLineFile(path),
		async listDirectory(path) {
			try {
				return readdirSync(path);
			} catch (error) {
				throw new CommandFailure(`${path}: cannot list: ${(error as Error).message}`);
			}
		},
		yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
		secret: (name) => process.env[name],
		now: () => new Date()
	};
}
