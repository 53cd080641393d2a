/**
 * Diagnostics of a scenario file: every one names the file, line and column, the key path, what was found
 * and what is allowed, so that a researcher can fix the file without reading the loader.
 */
import { formatPath, type Path } from './path';
import type { ScenarioText, SourcePosition } from './yaml';
import { YamlOpaque, YamlTimestamp } from './yaml-scalars';

export type Severity = 'error' | 'warning';

export type DiagnosticCode =
	| 'file-format'
	| 'yaml-syntax'
	| 'not-a-mapping'
	| 'duplicate-key'
	| 'non-string-key'
	| 'missing-key'
	| 'invalid-type'
	| 'out-of-range'
	| 'invalid-value'
	| 'unknown-variant'
	| 'unknown-key'
	| 'duplicate-id'
	| 'unknown-reference'
	| 'policy-file'
	| 'invalid-policy'
	| 'policy-warning'
	| 'feature-toggle'
	| 'forwarded-key'
	| 'compat-dropped';

export interface Diagnostic {
	severity: Severity;
	code: DiagnosticCode;
	file: string;
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
	/** Key path, e.g. `agents[2].arrival_config.rate_per_tick`; '' for the whole file. */
	path: string;
	message: string;
	/** The value found, rendered for reading. */
	found?: string;
	/** What is allowed there. */
	allowed?: string;
	/** The closest known name, for misspellings. */
	suggestion?: string;
}

export interface DiagnosticDetails {
	message: string;
	found?: string;
	allowed?: string;
	suggestion?: string;
	/** Point at the key rather than at the value (unknown keys, duplicate keys). */
	atKey?: boolean;
}

/** `file:line:column: severity: path: message — found …; allowed: … (did you mean …?)` */
export function formatDiagnostic(diagnostic: Diagnostic): string {
	const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
	const subject = diagnostic.path === '' ? '' : `${diagnostic.path}: `;
	const facts: string[] = [];
	if (diagnostic.found !== undefined) facts.push(`found ${diagnostic.found}`);
	if (diagnostic.allowed !== undefined) facts.push(`allowed: ${diagnostic.allowed}`);
	const detail = facts.length > 0 ? ` — ${facts.join('; ')}` : '';
	const hint = diagnostic.suggestion !== undefined ? ` (did you mean ${diagnostic.suggestion}?)` : '';
	return `${where}: ${diagnostic.severity}: ${subject}${diagnostic.message}${detail}${hint}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
	return diagnostics.map(formatDiagnostic).join('\n');
}

const MAX_SHOWN = 60;

/** A value as a reader would recognise it in the file. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null (an empty value)';
	if (typeof value === 'string') {
		const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
		return `the string ${JSON.stringify(shown)}`;
	}
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return 'NaN';
		if (!Number.isFinite(value)) return value > 0 ? 'infinity' : '-infinity';
		return Number.isInteger(value) ? String(value) : `${value} (a number with a fractional part)`;
	}
	if (typeof value === 'bigint') return `${value} (an integer too large to keep exact)`;
	if (typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
	if (value instanceof YamlTimestamp)
		return `the date ${value.text} (YAML 1.1 reads it as a timestamp; quote it)`;
	if (value instanceof YamlOpaque) return `a ${value.tag} value`;
	if (typeof value === 'object') return 'a mapping';
	return String(value);
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
	let current = root;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string | number, unknown>)[segment];
	}
	return current;
}

/** Collects the diagnostics of one file, placing each at the position of its key path. */
export class DiagnosticList {
	readonly items: Diagnostic[] = [];

	constructor(
		readonly file: string,
		private readonly source: ScenarioText | null
	) {}

	private position(path: Path, atKey: boolean): SourcePosition {
		if (this.source === null) return { line: 1, column: 1 };
		const location = this.source.locate(path);
		return (atKey ? location.key : undefined) ?? location.value;
	}

	add(severity: Severity, code: DiagnosticCode, path: Path, details: DiagnosticDetails): Diagnostic {
		return this.at(severity, code, this.position(path, details.atKey === true), path, details);
	}

	error(code: DiagnosticCode, path: Path, details: DiagnosticDetails): Diagnostic {
		return this.add('error', code, path, details);
	}

	warning(code: DiagnosticCode, path: Path, details: DiagnosticDetails): Diagnostic {
		return this.add('warning', code, path, details);
	}

	/** A diagnostic at an explicit position (problems of the text itself, keys that are not in the data). */
	at(
		severity: Severity,
		code: DiagnosticCode,
		position: SourcePosition,
		path: Path,
		details: DiagnosticDetails
	): Diagnostic {
		const diagnostic: Diagnostic = {
			severity,
			code,
			file: this.file,
			line: position.line,
			column: position.column,
			path: path.length === 0 ? '' : formatPath(path),
			message: details.message
		};
		if (details.found !== undefined) diagnostic.found = details.found;
		if (details.allowed !== undefined) diagnostic.allowed = details.allowed;
		if (details.suggestion !== undefined) diagnostic.suggestion = details.suggestion;
		this.items.push(diagnostic);
		return diagnostic;
	}

	get errors(): Diagnostic[] {
		return this.items.filter((d) => d.severity === 'error');
	}

	get warnings(): Diagnostic[] {
		return this.items.filter((d) => d.severity === 'warning');
	}
}
