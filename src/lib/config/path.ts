/** Key paths into a scenario (`agents[2].arrival_config.rate_per_tick`), as segments and as text. */

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Readable form: dotted keys, `[i]` for list items, quoted keys when they are not plain identifiers. */
export function formatPath(path: Path): string {
	let text = '';
	for (const segment of path) {
		if (typeof segment === 'number') text += `[${segment}]`;
		else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
		else text += `[${JSON.stringify(segment)}]`;
	}
	return text === '' ? '(top level)' : text;
}

/** An unambiguous map key for a path. */
export function pathKey(path: Path): string {
	return JSON.stringify(path);
}
