/**
 * Makes DuckDB-WASM 1.32.0's OPFS file hooks keep every committed row.
 *
 * As shipped, the OPFS runtime mishandles the write-ahead log (WAL) in three ways, each of which
 * loses or corrupts committed data across reloads (measured: insert → reload three times kept
 * 100 of 1,600 rows; see docs/architecture.md and tests/e2e/opfs-durability.spec.ts):
 *  1. after a checkpoint DuckDB closes the WAL and would delete it, but the runtime's removeFile is
 *     a no-op, so the stale log is replayed again on the next start;
 *  2. the WAL is reopened for appending, but writes arrive at offset 0, overwriting earlier entries;
 *  3. an existing empty WAL is reported as present to a "null if missing" open, and DuckDB then
 *     holds it read-only, so the next commit fails.
 * The fixes wrap the runtime's hooks: truncate the WAL when DuckDB closes it (it only does that after
 * a checkpoint or at shutdown), report an empty WAL as missing, and shift every offset of a handle
 * opened for appending by the file's size at open time.
 *
 * These hooks are internals of DuckDB-WASM: re-run the durability e2e tests on every upgrade.
 */
/** Flag bits of DuckDB's FileFlags, as the runtime receives them. */
const FILE_FLAGS_APPEND = 32;
const FILE_FLAGS_NULL_IF_NOT_EXISTS = 128;

interface SyncHandle {
	getSize(): number;
	truncate(size: number): void;
	flush(): void;
}

interface FileInfo {
	fileName: string;
}

/** The parts of the browser runtime the fix relies on (present on BROWSER_RUNTIME in 1.32.0). */
export interface PatchableRuntime {
	_files: Map<string, unknown>;
	getFileInfo(mod: unknown, fileId: number): FileInfo | null;
	/** Returns a pointer to the file's description, or 0 for "does not exist". */
	openFile(mod: unknown, fileId: number, flags: number): number;
	closeFile(mod: unknown, fileId: number): void;
	readFile(mod: unknown, fileId: number, buffer: number, bytes: number, location: number): number;
	writeFile(mod: unknown, fileId: number, buffer: number, bytes: number, location: number): number;
	truncateFile(mod: unknown, fileId: number, newSize: number): void;
}

const PATCHED = Symbol.for('simcash.opfsWalFix');

export function applyOpfsWalFix(runtime: PatchableRuntime): void {
	const marked = runtime as PatchableRuntime & { [PATCHED]?: boolean };
	if (marked[PATCHED]) return;
	marked[PATCHED] = true;

	/** For handles opened with APPEND on a non-empty file: the size at open time, keyed by file id. */
	const appendBase = new Map<number, number>();
	const handleOf = (
		mod: unknown,
		fileId: number
	): { name: string; handle: SyncHandle | undefined } | null => {
		const info = runtime.getFileInfo(mod, fileId);
		if (!info) return null;
		return { name: info.fileName, handle: runtime._files.get(info.fileName) as SyncHandle | undefined };
	};
	const isWal = (name: string) => name.endsWith('.wal');

	const openFile = runtime.openFile.bind(runtime);
	const closeFile = runtime.closeFile.bind(runtime);
	const readFile = runtime.readFile.bind(runtime);
	const writeFile = runtime.writeFile.bind(runtime);
	const truncateFile = runtime.truncateFile.bind(runtime);

	runtime.openFile = (mod, fileId, flags) => {
		const file = handleOf(mod, fileId);
		if (file?.handle && isWal(file.name)) {
			const size = file.handle.getSize();
			if (flags & FILE_FLAGS_NULL_IF_NOT_EXISTS && size === 0) return 0;
			if (flags & FILE_FLAGS_APPEND && size > 0) appendBase.set(fileId, size);
		}
		return openFile(mod, fileId, flags);
	};

	runtime.closeFile = (mod, fileId) => {
		const file = handleOf(mod, fileId);
		appendBase.delete(fileId);
		const result = closeFile(mod, fileId);
		if (file?.handle && isWal(file.name)) {
			file.handle.truncate(0);
			file.handle.flush();
		}
		return result;
	};

	runtime.readFile = (mod, fileId, buffer, bytes, location) =>
		readFile(mod, fileId, buffer, bytes, location + (appendBase.get(fileId) ?? 0));
	runtime.writeFile = (mod, fileId, buffer, bytes, location) =>
		writeFile(mod, fileId, buffer, bytes, location + (appendBase.get(fileId) ?? 0));
	runtime.truncateFile = (mod, fileId, newSize) =>
		truncateFile(mod, fileId, newSize + (appendBase.get(fileId) ?? 0));
}
