/** JSON paths in error messages: `payment_tree.on_true.condition.conditions[0].left.field`. */

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Dotted path; array indices in brackets; keys that are not identifiers quoted in brackets. */
export function formatPath(segments: readonly PathSegment[]): string {
	let out = '';
	for (const segment of segments) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
		else out += `[${JSON.stringify(segment)}]`;
	}
	return out;
}
