/**
 * Reads scenario text (YAML 1.1 as PyYAML's safe_load does, or JSON) into plain values, remembering where
 * every key and value came from so that diagnostics can name a line and column.
 *
 * The `yaml` package provides the syntax tree (with the failsafe schema, so it resolves nothing itself);
 * scalars, merge keys, aliases and duplicate keys are then given PyYAML's meaning here.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { JsonSyntaxError, parseJsonText } from '../policy/json';
import { pathKey, type Path, type PathSegment } from './path';
import {
	constructScalar,
	implicitTag,
	MERGE_TAG,
	resolveJsonScalar,
	ScalarError,
	shortTag,
	STANDARD_COLLECTION_TAGS,
	YamlOpaque,
	type ResolvedScalar,
	type ScalarKind
} from './yaml-scalars';

export type ScenarioFormat = 'yaml' | 'json';

/** 1-based line and column. */
export interface SourcePosition {
	line: number;
	column: number;
}

export interface NodeLocation {
	/** Where the key of a mapping entry starts (absent for list items and the document). */
	key?: SourcePosition;
	value: SourcePosition;
}

/** A problem that makes the text unreadable: YAML syntax, or a value PyYAML cannot construct. */
export interface TextProblem {
	position: SourcePosition;
	message: string;
}

/** A key given twice in one mapping: PyYAML keeps the last value (at the first key's place in the order). */
export interface DuplicateKey {
	path: Path;
	first: SourcePosition;
	repeated: SourcePosition;
}

/** A mapping key that YAML 1.1 does not read as a string (`NO:`, `on:`, `1:`): dropped from the mapping. */
export interface NonStringKey {
	parent: Path;
	text: string;
	kind: ScalarKind;
	position: SourcePosition;
}

export interface ScenarioText {
	readonly value: unknown;
	readonly duplicateKeys: readonly DuplicateKey[];
	readonly nonStringKeys: readonly NonStringKey[];
	/** Location of the node at `path`, or of its nearest ancestor that exists in the text. */
	locate(path: Path): NodeLocation;
	/** How the scalar at `path` was read (`int` and `float` differ even for `5` and `5.0`). */
	scalarKind(path: Path): ScalarKind | undefined;
}

export type ReadTextResult = { ok: true; text: ScenarioText } | { ok: false; problems: TextProblem[] };

/**
 * Values are copied at every alias use (so that each copy has its own positions); nested aliases could
 * then expand without limit, so copies are capped (PyYAML shares one object instead).
 */
const MAX_ALIAS_COPIES = 100_000;
const ORIGIN: SourcePosition = { line: 1, column: 1 };

class ConstructError extends Error {
	constructor(
		message: string,
		readonly offset: number
	) {
		super(message);
	}
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

interface MapEntry {
	key: Node;
	value: Node | null;
	merged: boolean;
}

class Builder {
	private readonly locations = new Map<string, NodeLocation>();
	private readonly kinds = new Map<string, ScalarKind>();
	readonly duplicateKeys: DuplicateKey[] = [];
	readonly nonStringKeys: NonStringKey[] = [];
	private aliasCopies = 0;
	private insideAlias = 0;
	/** Collections being built, to stop an alias that refers to a collection containing it. */
	private readonly building = new Set<Node>();

	constructor(
		private readonly doc: Document,
		private readonly lines: LineCounter,
		private readonly format: ScenarioFormat
	) {}

	position(offset: number): SourcePosition {
		const { line, col } = this.lines.linePos(offset);
		return { line, column: col };
	}

	locate(path: Path): NodeLocation {
		for (let n = path.length; n >= 0; n--) {
			const found = this.locations.get(pathKey(path.slice(0, n)));
			if (found) return found;
		}
		return { value: ORIGIN };
	}

	scalarKind(path: Path): ScalarKind | undefined {
		return this.kinds.get(pathKey(path));
	}

	recordRoot(node: Node | null): void {
		this.record([], node, undefined, 0);
	}

	private record(path: Path, node: Node | null, keyOffset: number | undefined, fallback: number): void {
		const location: NodeLocation = { value: this.position(node?.range?.[0] ?? fallback) };
		if (keyOffset !== undefined) location.key = this.position(keyOffset);
		this.locations.set(pathKey(path), location);
	}

	private deref(node: Node): Node {
		if (!isAlias(node)) return node;
		const target = node.resolve(this.doc);
		if (!target) throw new ConstructError(`found undefined alias *${node.source}`, node.range?.[0] ?? 0);
		return target;
	}

	private scalar(node: Node): ResolvedScalar {
		if (!isScalar(node)) throw new ConstructError('expected a scalar', node.range?.[0] ?? 0);
		const plain = node.type === 'PLAIN';
		const text = plain ? (node.source ?? String(node.value ?? '')) : String(node.value ?? '');
		try {
			if (this.format === 'json') return plain ? resolveJsonScalar(text) : { value: text, kind: 'str' };
			const tag = node.tag ?? (plain ? implicitTag(text) : 'tag:yaml.org,2002:str');
			return constructScalar(tag, text);
		} catch (error) {
			if (error instanceof ScalarError) throw new ConstructError(error.message, node.range?.[0] ?? 0);
			throw error;
		}
	}

	build(node: Node | null, path: PathSegment[], fallbackOffset: number): unknown {
		if (this.insideAlias > 0 && ++this.aliasCopies > MAX_ALIAS_COPIES) {
			throw new ConstructError('aliases expand to too many values', fallbackOffset);
		}
		if (node === null) {
			this.kinds.set(pathKey(path), 'null');
			return null;
		}
		const alias = isAlias(node);
		const target = this.deref(node);
		if (!isMap(target) && !isSeq(target)) {
			const { value, kind } = this.scalar(target);
			this.kinds.set(pathKey(path), kind);
			return value;
		}
		if (this.building.has(target)) {
			throw new ConstructError(
				'an alias refers to a mapping or list that contains it',
				node.range?.[0] ?? fallbackOffset
			);
		}
		this.building.add(target);
		if (alias) this.insideAlias++;
		try {
			return isMap(target) ? this.buildMap(target, path) : this.buildSeq(target, path);
		} finally {
			if (alias) this.insideAlias--;
			this.building.delete(target);
		}
	}

	private checkCollectionTag(node: Node, expected: string): void {
		const tag = node.tag;
		if (tag === undefined || tag === expected || tag === '!') return;
		const { set, omap, pairs } = STANDARD_COLLECTION_TAGS;
		if (tag === set || tag === omap || tag === pairs) return;
		throw new ConstructError(
			`could not determine a constructor for the tag ${shortTag(tag)}`,
			node.range?.[0] ?? 0
		);
	}

	private isMergeKey(key: Node): boolean {
		if (this.format === 'json' || !isScalar(key)) return false;
		if (key.tag !== undefined) return key.tag === MERGE_TAG;
		return key.type === 'PLAIN' && implicitTag(key.source ?? '') === MERGE_TAG;
	}

	/** PyYAML's flattening: merged entries first (earlier merge sources win), then the mapping's own. */
	private entries(map: Node, visiting: Set<Node>): MapEntry[] {
		if (!isMap(map)) throw new ConstructError('expected a mapping for merging', map.range?.[0] ?? 0);
		if (visiting.has(map)) throw new ConstructError('recursive merge', map.range?.[0] ?? 0);
		visiting.add(map);
		const merged: MapEntry[] = [];
		const own: MapEntry[] = [];
		for (const pair of map.items) {
			const key = pair.key as Node | null;
			const value = (pair.value as Node | null) ?? null;
			if (key !== null && this.isMergeKey(key)) {
				if (value === null) throw new ConstructError('expected a mapping for merging', key.range?.[0] ?? 0);
				const source = this.deref(value);
				const sources = isSeq(source) ? (source.items as Node[]).map((item) => this.deref(item)) : [source];
				for (const mergedMap of sources.reverse()) {
					merged.push(...this.entries(mergedMap, visiting).map((entry) => ({ ...entry, merged: true })));
				}
			} else if (key === null) {
				throw new ConstructError('a mapping key is missing', map.range?.[0] ?? 0);
			} else own.push({ key, value, merged: false });
		}
		visiting.delete(map);
		return [...merged, ...own];
	}

	private buildMap(map: Node, path: PathSegment[]): unknown {
		this.checkCollectionTag(map, STANDARD_COLLECTION_TAGS.map);
		const result: Record<string, unknown> = {};
		const ownKeyPositions = new Map<string, SourcePosition>();
		for (const entry of this.entries(map, new Set())) {
			const keyNode = this.deref(entry.key);
			if (isMap(keyNode) || isSeq(keyNode)) {
				throw new ConstructError(
					'found an unhashable key (a mapping or list used as a key)',
					keyNode.range?.[0] ?? 0
				);
			}
			const keyOffset = entry.key.range?.[0] ?? 0;
			const resolved = this.scalar(keyNode);
			if (resolved.kind !== 'str') {
				this.nonStringKeys.push({
					parent: [...path],
					text: isScalar(keyNode) ? (keyNode.source ?? String(keyNode.value)) : '',
					kind: resolved.kind,
					position: this.position(keyOffset)
				});
				continue;
			}
			const key = resolved.value as string;
			const childPath = [...path, key];
			if (!entry.merged) {
				const earlier = ownKeyPositions.get(key);
				const here = this.position(keyOffset);
				if (earlier) this.duplicateKeys.push({ path: childPath, first: earlier, repeated: here });
				else ownKeyPositions.set(key, here);
			}
			const valueOffset = entry.key.range?.[2] ?? keyOffset;
			setOwn(result, key, this.build(entry.value, childPath, valueOffset));
			this.record(childPath, entry.value, keyOffset, valueOffset);
		}
		if (map.tag === STANDARD_COLLECTION_TAGS.set) return new YamlOpaque('!!set', '');
		return result;
	}

	private buildSeq(seq: Node, path: PathSegment[]): unknown {
		if (!isSeq(seq)) throw new ConstructError('expected a list', seq.range?.[0] ?? 0);
		this.checkCollectionTag(seq, STANDARD_COLLECTION_TAGS.seq);
		const items = seq.items.map((item, index) => {
			const node = (item as Node | null) ?? null;
			const childPath = [...path, index];
			const value = this.build(node, childPath, seq.range?.[0] ?? 0);
			this.record(childPath, node, undefined, seq.range?.[0] ?? 0);
			return value;
		});
		if (seq.tag === STANDARD_COLLECTION_TAGS.omap || seq.tag === STANDARD_COLLECTION_TAGS.pairs) {
			return new YamlOpaque(shortTag(seq.tag), '');
		}
		return items;
	}
}

/** The first line of a `yaml` package message (the rest is a code frame). */
function firstLine(message: string): string {
	return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses scenario text. Never throws for bad input: syntax and construction problems come back as data. */
export function readScenarioText(source: string, format: ScenarioFormat): ReadTextResult {
	// JSON files must be strict JSON (SimCash reads them with Python's json): YAML flow syntax would also
	// accept trailing commas, comments and unquoted keys. The structure is then read like YAML, for positions.
	if (format === 'json') {
		try {
			parseJsonText(source);
		} catch (error) {
			if (!(error instanceof JsonSyntaxError)) throw error;
			return {
				ok: false,
				problems: [{ position: { line: error.line, column: error.column }, message: error.detail }]
			};
		}
	}
	const lines = new LineCounter();
	const doc = parseDocument(source, {
		version: '1.1',
		schema: 'failsafe',
		lineCounter: lines,
		uniqueKeys: false,
		prettyErrors: true,
		merge: false
	});
	if (doc.errors.length > 0) {
		return {
			ok: false,
			problems: doc.errors.map((error) => {
				const at = error.linePos?.[0];
				return {
					position: at ? { line: at.line, column: at.col } : ORIGIN,
					message: firstLine(error.message)
				};
			})
		};
	}
	const builder = new Builder(doc, lines, format);
	let value: unknown;
	try {
		value = builder.build((doc.contents as Node | null) ?? null, [], 0);
	} catch (error) {
		if (!(error instanceof ConstructError)) throw error;
		return { ok: false, problems: [{ position: builder.position(error.offset), message: error.message }] };
	}
	builder.recordRoot((doc.contents as Node | null) ?? null);
	return {
		ok: true,
		text: {
			value,
			duplicateKeys: builder.duplicateKeys,
			nonStringKeys: builder.nonStringKeys,
			locate: (path) => builder.locate(path),
			scalarKind: (path) => builder.scalarKind(path)
		}
	};
}
