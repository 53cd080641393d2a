/**
 * The examples bundled in static/examples/ for the app: every file listed in index.json, every scenario
 * loads with the browser loader through a resolver that fetches from that folder, and gives the same engine
 * configuration as the Node loader on the test fixtures.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenarioFile } from '../../../src/cli/scenario-files';
import { createFetchResolver, formatDiagnostics, loadScenario } from '../../../src/lib/config';
import { joinPath, dirname } from '../../../src/lib/config/policy-paths';
import { EXAMPLES } from '../../../src/lib/ui/examples';
import { SCENARIO_FIXTURES } from './helpers';

const STATIC_EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'static', 'examples');
const BASE_URL = 'https://app.example/examples/';

interface IndexEntry {
	file: string;
	kind: 'scenario' | 'experiment' | 'policy';
	title: string;
}

const index = JSON.parse(readFileSync(join(STATIC_EXAMPLES, 'index.json'), 'utf8')) as IndexEntry[];

/** A fetch that serves static/examples/ from disk, 404 for anything else. */
const fetchFromDisk = async (url: string) => {
	const path = decodeURIComponent(url.slice(BASE_URL.length));
	try {
		const text = readFileSync(join(STATIC_EXAMPLES, path), 'utf8');
		return { ok: true, status: 200, text: async () => text };
	} catch {
		return { ok: false, status: 404, text: async () => '' };
	}
};

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [relative(STATIC_EXAMPLES, path)];
	});
}

/** The first comment line that is not a rule of = or -, or the file stem (the index's title rule). */
function leadingCommentTitle(text: string, file: string): string {
	for (const line of text.split('\n')) {
		if (!line.startsWith('#')) break;
		const content = line.replace(/^#+/, '').trim();
		if (content !== '' && !/^[=\-#*\s]+$/.test(content)) return content;
	}
	return file.replace(/^.*\//, '').replace(/\.yaml$/, '');
}

describe('static/examples', () => {
	it('lists every bundled file once, with its kind', () => {
		const listed = index.map((entry) => entry.file).sort();
		const present = filesUnder(STATIC_EXAMPLES)
			.filter((file) => file !== 'index.json' && file !== 'NOTICE.md')
			.sort();
		expect(listed).toEqual(present);
		for (const entry of index) {
			const expected = entry.file.startsWith('simulator/policies/')
				? 'policy'
				: entry.file.startsWith('experiments/castro/experiments/')
					? 'experiment'
					: 'scenario';
			expect(entry.kind, entry.file).toBe(expected);
		}
		expect(index.filter((entry) => entry.kind === 'scenario')).toHaveLength(14);
		expect(index.filter((entry) => entry.kind === 'policy')).toHaveLength(47);
	});

	it('titles YAML files by their leading comment and policies by their description', () => {
		for (const entry of index) {
			const text = readFileSync(join(STATIC_EXAMPLES, entry.file), 'utf8');
			if (entry.kind === 'policy') {
				const description = (JSON.parse(text) as { description: string }).description;
				expect(description.startsWith(entry.title), entry.file).toBe(true);
			} else expect(entry.title, entry.file).toBe(leadingCommentTitle(text, entry.file));
		}
	});

	it('are copies of the test fixtures (the reference files)', () => {
		for (const entry of index) {
			const bundled = readFileSync(join(STATIC_EXAMPLES, entry.file), 'utf8');
			expect(bundled, entry.file).toBe(readFileSync(join(SCENARIO_FIXTURES, entry.file), 'utf8'));
		}
	});

	it('offers the scenarios on the start page', () => {
		expect(EXAMPLES).toEqual(
			index.filter((e) => e.kind === 'scenario').map(({ file, title }) => ({ file, title }))
		);
	});

	it('name, in each experiment definition, a bundled scenario', () => {
		for (const entry of index.filter((e) => e.kind === 'experiment')) {
			const experiment = parse(readFileSync(join(STATIC_EXAMPLES, entry.file), 'utf8')) as {
				scenario: string;
			};
			const scenario = joinPath(dirname(entry.file), experiment.scenario);
			expect(
				index.some((e) => e.kind === 'scenario' && e.file === scenario),
				`${entry.file} → ${scenario}`
			).toBe(true);
		}
	});

	for (const entry of index.filter((e) => e.kind === 'scenario')) {
		it(`${entry.file} loads in the browser loader as in Node`, async () => {
			const text = readFileSync(join(STATIC_EXAMPLES, entry.file), 'utf8');
			const browser = await loadScenario(text, {
				fileName: entry.file,
				resolveFile: createFetchResolver(BASE_URL, fetchFromDisk)
			});
			if (!browser.ok) throw new Error(formatDiagnostics(browser.errors));
			const node = await loadScenarioFile(join(SCENARIO_FIXTURES, entry.file));
			expect(node.ok && node.config).toEqual(browser.config);
		});
	}
});

describe('createFetchResolver', () => {
	it('maps 404 to "no such file", refuses paths outside its base and reports other failures', async () => {
		const seen: string[] = [];
		const resolve = createFetchResolver('https://x/base', async (url) => {
			seen.push(url);
			if (url.endsWith('missing.json')) return { ok: false, status: 404, text: async () => '' };
			if (url.endsWith('broken.json')) return { ok: false, status: 500, text: async () => '' };
			return { ok: true, status: 200, text: async () => 'content' };
		});
		expect(await resolve('a b/p.json')).toBe('content');
		expect(seen).toEqual(['https://x/base/a%20b/p.json']);
		expect(await resolve('missing.json')).toBeNull();
		expect(await resolve('../outside.json')).toBeNull();
		expect(await resolve('/abs.json')).toBeNull();
		await expect(resolve('broken.json')).rejects.toThrow('HTTP 500');
	});
});
