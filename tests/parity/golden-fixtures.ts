/**
 * Loading golden fixtures (tests/fixtures/golden/<folder>) and comparing a run against them the way
 * the golden README prescribes: transaction ids renumbered by first appearance, events in identical
 * order except PriorityEscalated per tick and end-of-day register resets per (tick, agent), which are
 * compared as multisets, and identical final figures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runSimulation, serializeEvent, type FinalSummary, type TickResult } from '../../src/lib/engine';

export const FIXTURE_ROOT = join(import.meta.dirname, '..', 'fixtures', 'golden');

export interface GoldenFolder {
	name: string;
	config: unknown;
	final: FinalSummary & Record<string, unknown>;
	events: string[];
	ticks: string[];
}

/** A fixture file's text; a file may be stored gzipped as `<name>.gz` (gzip -n -9). */
export function readFixtureText(dir: string, name: string): string {
	const plain = join(dir, name);
	if (existsSync(plain)) return readFileSync(plain, 'utf8');
	return gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8');
}

function readLines(dir: string, name: string): string[] {
	return readFixtureText(dir, name)
		.split('\n')
		.filter((line) => line.length > 0);
}

export function listGoldenFolders(): string[] {
	return readdirSync(FIXTURE_ROOT, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
}

export function loadGoldenFolder(name: string): GoldenFolder {
	const dir = join(FIXTURE_ROOT, name);
	return {
		name,
		config: JSON.parse(readFixtureText(dir, 'config.json')),
		final: JSON.parse(readFixtureText(dir, 'final.json')),
		events: readLines(dir, 'events.jsonl'),
		ticks: readLines(dir, 'ticks.jsonl')
	};
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const OUR_TX_ID = /(?<![A-Za-z0-9_])tx_\d+(?!\d)/g;

/**
 * Renumbers transaction ids `tx_<n>` by first appearance in the given lines (canonical JSON text, so text
 * order is key order). Raw UUIDs are renumbered the same way, which makes the helper usable on
 * unnormalised traces too.
 */
export function renumberTransactionIds(lines: string[]): string[] {
	const mapping = new Map<string, string>();
	const rename = (id: string) => {
		let renamed = mapping.get(id);
		if (renamed === undefined) {
			renamed = `#${mapping.size + 1}`;
			mapping.set(id, renamed);
		}
		return renamed;
	};
	return lines.map((line) => line.replace(UUID, rename).replace(OUR_TX_ID, rename));
}

/** Key of the multiset group an event belongs to, or null when its position must match exactly. */
function multisetKey(event: Record<string, unknown>): string | null {
	if (event.event_type === 'PriorityEscalated') return `PriorityEscalated@${event.tick}`;
	if (event.event_type === 'StateRegisterSet' && event.reason === 'eod_reset') {
		return `eod_reset@${event.tick}@${event.agent_id}`;
	}
	return null;
}

/** Parses lines and sorts each contiguous run of same-group events by canonical text. */
export function canonicalEvents(lines: string[]): { text: string; tick: number }[] {
	const parsed = lines.map((line) => {
		const event = JSON.parse(line) as Record<string, unknown>;
		return { text: JSON.stringify(event), tick: event.tick as number, key: multisetKey(event) };
	});
	const out: { text: string; tick: number }[] = [];
	for (let i = 0; i < parsed.length; ) {
		const key = parsed[i].key;
		let j = i + 1;
		if (key !== null) while (j < parsed.length && parsed[j].key === key) j++;
		const run = parsed.slice(i, j).map(({ text, tick }) => ({ text, tick }));
		if (key !== null) run.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
		out.push(...run);
		i = j;
	}
	return out;
}

function identicalLines(a: string[], b: string[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

export interface EventMismatch {
	index: number;
	tick: number | undefined;
	expected: string | undefined;
	actual: string | undefined;
}

/**
 * First difference between two traces under the comparison rules. Traces that are identical line by line
 * (our ids coincide with the golden renumbered ids) are accepted without the canonical pass, which keeps
 * large fixtures cheap.
 */
export function firstEventMismatch(expectedLines: string[], actualLines: string[]): EventMismatch | null {
	if (identicalLines(expectedLines, actualLines)) return null;
	const expected = canonicalEvents(renumberTransactionIds(expectedLines));
	const actual = canonicalEvents(renumberTransactionIds(actualLines));
	const n = Math.max(expected.length, actual.length);
	for (let i = 0; i < n; i++) {
		if (expected[i]?.text !== actual[i]?.text) {
			return {
				index: i,
				tick: (expected[i] ?? actual[i]).tick,
				expected: expected[i]?.text,
				actual: actual[i]?.text
			};
		}
	}
	return null;
}

/** JSON with object keys sorted at every level, for order-independent comparison of summaries. */
export function sortedJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v !== null && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.keys(v as object)
						.sort()
						.map((k) => [k, (v as Record<string, unknown>)[k]])
				)
			: v
	);
}

export interface ParityRun {
	events: string[];
	ticks: string[];
	summary: FinalSummary;
}

export function runGolden(folder: GoldenFolder): ParityRun {
	const events: string[] = [];
	const ticks: string[] = [];
	const { summary } = runSimulation(folder.config, {
		ticks: folder.final.ticks_requested,
		onEvent: (event) => events.push(serializeEvent(event)),
		onTick: (result: TickResult) => ticks.push(sortedJson(result))
	});
	return { events, ticks, summary };
}

/** Keys of the golden final.json whose values differ from ours. */
export function finalMismatches(expected: Record<string, unknown>, actual: FinalSummary): string[] {
	const ours = actual as unknown as Record<string, unknown>;
	return Object.keys({ ...expected, ...ours }).filter(
		(key) => sortedJson(expected[key]) !== sortedJson(ours[key])
	);
}

export function describeMismatch(folder: string, mismatch: EventMismatch): string {
	return [
		`${folder}: first differing event at index ${mismatch.index} (tick ${mismatch.tick})`,
		`  expected: ${mismatch.expected ?? '<end of golden trace>'}`,
		`  actual:   ${mismatch.actual ?? '<end of our trace>'}`
	].join('\n');
}
