/**
 * A policy-file resolver for the browser: files are fetched relative to a base URL (the bundled examples
 * folder), and a 404 means "no such file", so the loader goes on to its next candidate path.
 */
import type { ResolveFile } from './resolve-policies';

export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** Resolves `/`-separated paths against `baseUrl` (which should end with `/`). */
export function createFetchResolver(
	baseUrl: string,
	fetchImpl: FetchLike = (url) => fetch(url)
): ResolveFile {
	const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
	return async (path) => {
		if (path.startsWith('/') || path.split('/').includes('..')) return null;
		const response = await fetchImpl(base + path.split('/').map(encodeURIComponent).join('/'));
		if (response.status === 404) return null;
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		return response.text();
	};
}
