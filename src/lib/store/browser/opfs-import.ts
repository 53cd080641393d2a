/**
 * Importing a database file into the origin's private file system (OPFS): the file is checked to be
 * DuckDB, then streamed into `imports/`, under a name no earlier import uses (nothing is overwritten),
 * from where DuckDB attaches it read-only. Runs in the db worker: sync access handles exist only in
 * dedicated workers.
 */
import { DUCKDB_HEADER_BYTES, isDuckDbHeader, NotDuckDbFileError } from '../duckdb-file';
import { openSyncAccessHandle } from './sync-access-handle';

export const IMPORTS_DIRECTORY = 'imports';

/** A file name reduced to letters, digits, dot, dash and underscore. */
function safeName(name: string): string {
	const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
	return cleaned || 'database.duckdb';
}

async function existingNames(directory: FileSystemDirectoryHandle): Promise<Set<string>> {
	const names = new Set<string>();
	for await (const key of (directory as unknown as { keys(): AsyncIterable<string> }).keys()) names.add(key);
	return names;
}

function unusedName(wanted: string, taken: Set<string>): string {
	if (!taken.has(wanted) && !taken.has(`${wanted}.wal`)) return wanted;
	const dot = wanted.lastIndexOf('.');
	const stem = dot > 0 ? wanted.slice(0, dot) : wanted;
	const extension = dot > 0 ? wanted.slice(dot) : '';
	for (let n = 2; ; n++) {
		const candidate = `${stem}-${n}${extension}`;
		if (!taken.has(candidate) && !taken.has(`${candidate}.wal`)) return candidate;
	}
}

export interface ImportedFile {
	/** The file's name in OPFS, under imports/. */
	name: string;
	/** `opfs://imports/<name>`, for DuckDB. */
	path: string;
	bytes: number;
}

/** Copies `file` into OPFS; throws NotDuckDbFileError (copying nothing) when it is not DuckDB. */
export async function copyIntoImports(file: File): Promise<ImportedFile> {
	const header = new Uint8Array(await file.slice(0, DUCKDB_HEADER_BYTES).arrayBuffer());
	if (!isDuckDbHeader(header)) throw new NotDuckDbFileError(file.name);
	const root = await navigator.storage.getDirectory();
	const directory = await root.getDirectoryHandle(IMPORTS_DIRECTORY, { create: true });
	const name = unusedName(safeName(file.name), await existingNames(directory));
	const handle = await openSyncAccessHandle(await directory.getFileHandle(name, { create: true }));
	let bytes = 0;
	try {
		const reader = file.stream().getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += handle.write(value, { at: bytes });
		}
		handle.flush();
	} finally {
		handle.close();
	}
	return { name, path: `opfs://${IMPORTS_DIRECTORY}/${name}`, bytes };
}
