/**
 * How the command console shows a command's output blocks: consecutive text blocks of one stream run
 * together as one preformatted text, tables stay tables, JSON is indented, machine text (a final
 * summary) is kept as it is, errors are the line the CLI prints. A long output (a verbose replay of many ticks) is cut after a number of lines, with a note of
 * what was left out.
 */
import type { OutputBlock, Stream, TableColumn } from '../commands/output';
import { printedBlock } from '../commands/print';

export type DisplayBlock =
	| { kind: 'text'; stream: Stream; text: string }
	| {
			kind: 'table';
			title: string | null;
			columns: TableColumn[];
			rows: string[][];
			footer: string[];
			hiddenRows: number;
	  }
	/** A JSON value, indented. */
	| { kind: 'json'; text: string }
	/** Machine text printed as it is (a run's final summary). */
	| { kind: 'data'; text: string }
	| { kind: 'error'; text: string }
	| { kind: 'omitted'; lines: number };

/** Lines shown per command before the rest is left out. */
export const MAX_SHOWN_LINES = 5_000;

/** A command's output as the console keeps it: text past the line budget is only counted. */
export interface KeptOutput {
	blocks: OutputBlock[];
	textLines: number;
	droppedLines: number;
}

export const NO_OUTPUT: KeptOutput = { blocks: [], textLines: 0, droppedLines: 0 };

/** Adds arriving blocks; once `maxLines` lines of text are kept, further text is counted, not kept. */
export function keepBlocks(
	kept: KeptOutput,
	arriving: readonly OutputBlock[],
	maxLines = MAX_SHOWN_LINES
): KeptOutput {
	const blocks = [...kept.blocks];
	let { textLines, droppedLines } = kept;
	for (const block of arriving) {
		if (block.kind === 'text') {
			if (textLines >= maxLines) {
				droppedLines += block.lines.length;
				continue;
			}
			textLines += block.lines.length;
		}
		blocks.push(block);
	}
	return { blocks, textLines, droppedLines };
}

/**
 * The blocks as the console shows them, at most `maxLines` lines (tables: rows) in all; `droppedLines`
 * were left out before (keepBlocks) and are counted with the lines left out here.
 */
export function displayBlocks(
	blocks: readonly OutputBlock[],
	maxLines = MAX_SHOWN_LINES,
	droppedLines = 0
): DisplayBlock[] {
	const shown: DisplayBlock[] = [];
	let budget = maxLines;
	let omitted = droppedLines;
	let open: { stream: Stream; lines: string[] } | null = null;
	const closeText = () => {
		if (open !== null) shown.push({ kind: 'text', stream: open.stream, text: open.lines.join('\n') });
		open = null;
	};
	for (const block of blocks) {
		if (block.kind === 'text') {
			const { stream, lines } = block;
			const taken = lines.slice(0, Math.max(0, budget));
			omitted += lines.length - taken.length;
			budget -= taken.length;
			if (taken.length === 0) continue;
			if (open === null || open.stream !== stream) {
				closeText();
				open = { stream, lines: [] };
			}
			open.lines.push(...taken);
			continue;
		}
		closeText();
		switch (block.kind) {
			case 'table': {
				const rows = block.rows.slice(0, Math.max(1, budget));
				budget -= rows.length;
				shown.push({
					kind: 'table',
					title: block.title,
					columns: block.columns,
					rows,
					footer: block.footer,
					hiddenRows: block.rows.length - rows.length
				});
				break;
			}
			// Machine data is shown whole: it is what a reader copies.
			case 'json':
				shown.push({ kind: 'json', text: JSON.stringify(block.value, null, 2) });
				break;
			case 'data':
				shown.push({ kind: 'data', text: block.text.replace(/\n$/, '') });
				break;
			case 'error':
				shown.push({ kind: 'error', text: printedBlock(block).text.trimEnd() });
				break;
		}
	}
	closeText();
	if (omitted > 0) shown.push({ kind: 'omitted', lines: omitted });
	return shown;
}
