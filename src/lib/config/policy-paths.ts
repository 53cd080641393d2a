/**
 * Where a `FromJson` policy's `json_path` is looked for. SimCash tries the working directory, then its
 * repository root, so its files write `simulator/policies/x.json` from the root. Here the scenario file's
 * folder comes first, then each folder above it (one of which is the root of a copied SimCash tree, like
 * static/examples/), then the path as given (the caller's base: the working directory in Node, the examples
 * folder in the browser). The same order is used everywhere, so a scenario resolves alike in both.
 */

function isAbsolute(path: string): boolean {
	return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/** Joins and normalises `/`-separated paths (`.` and `..` removed where possible). */
export function joinPath(base: string, relative: string): string {
	const absolute = isAbsolute(base) || isAbsolute(relative);
	const parts: string[] = [];
	for (const part of `${isAbsolute(relative) ? '' : base}/${relative}`.replace(/\\/g, '/').split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
		else if (part !== '..' || !absolute) parts.push(part);
	}
	const drive = /^[A-Za-z]:$/.test(parts[0] ?? '');
	const joined = parts.join('/');
	return absolute && !drive ? `/${joined}` : joined;
}

export function dirname(path: string): string {
	const normalised = path.replace(/\\/g, '/');
	const slash = normalised.lastIndexOf('/');
	if (slash < 0) return '';
	return slash === 0 ? '/' : normalised.slice(0, slash);
}

/** Candidate files for `jsonPath` referenced from the scenario file `scenarioFile`, in search order. */
export function policyFileCandidates(jsonPath: string, scenarioFile: string): string[] {
	if (isAbsolute(jsonPath)) return [joinPath('', jsonPath)];
	const candidates: string[] = [];
	let folder = dirname(scenarioFile);
	for (;;) {
		candidates.push(joinPath(folder, jsonPath));
		if (folder === '' || folder === '/' || /^[A-Za-z]:$/.test(folder)) break;
		const parent = dirname(folder);
		folder = parent === folder ? '' : parent;
	}
	candidates.push(joinPath('', jsonPath));
	return [...new Set(candidates)];
}
