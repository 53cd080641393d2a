/** Short human descriptions of JSON values for "found …" parts of messages. */

const MAX_PREVIEW = 40;

function preview(text: string): string {
	return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW - 1)}…` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** e.g. `number 5`, `string "abc"`, `null`, `array of 2 items`, `object with keys a, b`, `nothing`. */
export function describeJson(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'boolean') return `boolean ${value}`;
	if (typeof value === 'number') return `number ${value}`;
	if (typeof value === 'string') return `string ${preview(JSON.stringify(value))}`;
	if (Array.isArray(value)) return `array of ${value.length} item${value.length === 1 ? '' : 's'}`;
	if (isPlainObject(value)) {
		const keys = Object.keys(value);
		if (keys.length === 0) return 'empty object';
		const shown = keys.slice(0, 5).map((key) => JSON.stringify(key));
		return `object with key${keys.length === 1 ? '' : 's'} ${shown.join(', ')}${keys.length > 5 ? ', …' : ''}`;
	}
	return typeof value;
}

/** A list for "allowed" texts: `a, b or c`. */
export function listOf(items: readonly string[], conjunction = 'or'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Quoted list of names: `"a", "b" or "c"`. */
export function quotedList(items: readonly string[]): string {
	return listOf(items.map((item) => JSON.stringify(item)));
}

/** Levenshtein distance, for "did you mean" hints on misspelt names. */
export function editDistance(a: string, b: string): number {
	const previous = new Array<number>(b.length + 1);
	for (let j = 0; j <= b.length; j++) previous[j] = j;
	for (let i = 1; i <= a.length; i++) {
		let diagonal = previous[0];
		previous[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = previous[j];
			previous[j] = Math.min(
				previous[j] + 1,
				previous[j - 1] + 1,
				diagonal + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1)
			);
			diagonal = above;
		}
	}
	return previous[b.length];
}

/** The closest candidate within a small edit distance, or null. */
export function closestName(name: string, candidates: readonly string[]): string | null {
	let best: string | null = null;
	let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
	for (const candidate of candidates) {
		const distance = editDistance(name, candidate);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}
