/**
 * What a command produces, as data: the CLI prints it (machine data on stdout, human text where SimCash
 * puts it) and the app renders it. Commands write blocks to a CommandOutput as they go, so a long
 * replay streams; `collectOutput` gathers the blocks into a CommandResult instead.
 */

export type Stream = 'stdout' | 'stderr';

/** 0 success, 1 error (not found, invalid, failed), 2 usage error, 130 interrupted. */
export type ExitCode = 0 | 1 | 2 | 130;

export interface TableColumn {
	label: string;
	align: 'left' | 'right';
}

export type OutputBlock =
	/** Human text, one entry per line. */
	| { kind: 'text'; stream: Stream; lines: string[] }
	/** A table for people: cells already formatted. */
	| {
			kind: 'table';
			stream: Stream;
			title: string | null;
			columns: TableColumn[];
			rows: string[][];
			footer: string[];
	  }
	/** Machine data on stdout: printed as JSON, indented when `indent` is set. */
	| { kind: 'json'; value: unknown; indent: number | null }
	/** Machine data on stdout that is already text (a summary file's exact text, JSON lines). */
	| { kind: 'data'; text: string }
	/** What went wrong, in one line; the CLI prefixes the program name. */
	| { kind: 'error'; message: string };

export interface CommandOutput {
	write(block: OutputBlock): void;
}

export interface CommandResult {
	exitCode: ExitCode;
	blocks: OutputBlock[];
}

/** An output that keeps every block, and the result it makes with an exit code. */
export class CollectedOutput implements CommandOutput {
	readonly blocks: OutputBlock[] = [];

	/** `onBlock` sees each block as it is written (the app streams a long replay to the page). */
	constructor(private readonly onBlock?: (block: OutputBlock) => void) {}

	write(block: OutputBlock): void {
		this.blocks.push(block);
		this.onBlock?.(block);
	}

	result(exitCode: ExitCode): CommandResult {
		return { exitCode, blocks: this.blocks };
	}
}

/** Lays a table out as aligned text: title, header, a rule, the rows, then the footer lines. */
export function renderTable(block: Extract<OutputBlock, { kind: 'table' }>): string[] {
	const widths = block.columns.map((column, i) =>
		Math.max(column.label.length, ...block.rows.map((row) => (row[i] ?? '').length))
	);
	const line = (cells: readonly string[]) =>
		block.columns
			.map((column, i) => {
				const cell = cells[i] ?? '';
				return column.align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
			})
			.join('  ')
			.trimEnd();
	return [
		...(block.title === null ? [] : [block.title, '']),
		line(block.columns.map((column) => column.label)),
		widths.map((width) => '─'.repeat(width)).join('  '),
		...block.rows.map(line),
		...block.footer
	];
}
