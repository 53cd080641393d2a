/** The bundled experiment files (kind `experiment` in static/examples/index.json), in index order. */
import index from '../../../static/examples/index.json';
import type { Example } from './examples';

interface IndexEntry extends Example {
	kind: string;
}

export const EXPERIMENT_EXAMPLES: readonly Example[] = (index as IndexEntry[])
	.filter((entry) => entry.kind === 'experiment')
	.map(({ file, title }) => ({ file, title }));
