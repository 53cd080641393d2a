/**
 * Canonical JSON for hashing stored documents: compact (no spaces), every object's keys sorted by
 * UTF-16 code units, numbers as JavaScript prints them; and its SHA-256. config_hash and policy_hash
 * are defined this way so that any program can recompute them from the stored JSON text.
 */

/** `value` is JSON data (what JSON.parse returns); JSON.stringify rejects anything else, such as bigint. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, item: unknown) => {
		if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
		return sorted;
	});
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text` (WebCrypto: browsers and Node alike). */
export async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
