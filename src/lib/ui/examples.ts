/** Example files shipped in static/examples/ (listed in static/examples/index.json), shown on the start page. */
import index from '../../../static/examples/index.json';

export interface Example {
	file: string;
	title: string;
}

interface IndexEntry extends Example {
	kind: 'scenario' | 'experiment' | 'policy';
}

/** The bundled scenario files, in index order (paths relative to static/examples/). */
export const EXAMPLES: readonly Example[] = (index as IndexEntry[])
	.filter((entry) => entry.kind === 'scenario')
	.map(({ file, title }) => ({ file, title }));
