/**
 * The part of OPFS's FileSystemSyncAccessHandle the store uses. The project compiles against the DOM
 * library, which does not declare these worker-only handles.
 */
export interface SyncAccessHandle {
	getSize(): number;
	read(buffer: Uint8Array, options: { at: number }): number;
	write(buffer: Uint8Array, options: { at: number }): number;
	flush(): void;
	close(): void;
}

/** Opens the sync access handle of an OPFS file (dedicated workers only). */
export function openSyncAccessHandle(file: FileSystemFileHandle): Promise<SyncAccessHandle> {
	return (
		file as unknown as { createSyncAccessHandle(): Promise<SyncAccessHandle> }
	).createSyncAccessHandle();
}
