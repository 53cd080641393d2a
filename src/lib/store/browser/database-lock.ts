/**
 * One tab owns a database: DuckDB-WASM holds exclusive OPFS access handles, and a second tab that
 * tries to open the same file fails deep inside createSyncAccessHandle with an unhelpful message.
 * A Web Lock taken before DuckDB starts tells the second tab at once, and the browser releases it
 * when the owning tab goes away.
 */

export class DatabaseLockedError extends Error {
	constructor(readonly path: string) {
		super(
			`The database ${path.replace(/^opfs:\/\//, '')} is open in another tab or window of this browser. ` +
				'Close it there, then reload this page.'
		);
		this.name = 'DatabaseLockedError';
	}
}

/** Takes the lock for a database path or throws DatabaseLockedError. Returns the release function. */
export async function lockDatabase(path: string): Promise<() => void> {
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => (release = resolve));
	const acquired = await new Promise<boolean>((resolve) => {
		navigator.locks
			.request(`simcash-db:${path}`, { ifAvailable: true }, (lock) => {
				resolve(lock !== null);
				return lock ? held : undefined;
			})
			.catch(() => resolve(false));
	});
	if (!acquired) throw new DatabaseLockedError(path);
	return release;
}
