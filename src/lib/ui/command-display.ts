/**
 * How the command console shows a command's output blocks: consecutive text blocks of one stream run
 * together as one preformatted text, tables stay tables, JSON is indented, errors are the line the CLI
 * prints. A long output (a verbose replay of many ticks) is cut after a number of lines, with a note of
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
	| { kind: 'json'; text: string }
	| { kind: 'error'; text: string }
	| { kind: 'omitted'; lines: number };

/** Lines shown per command before the rest is left out. */
export const MAX_SHOWN_LINES = 5_000;

function textLines(block: OutputBlock): string[] {
	switch (block.kind) {
		case 'text':
			return block.lines;
		case 'data':
			return block.text.replace(/\n$/, '').split('\n');
		default:
			return [];
	}
}

/** The blocks as the console shows them, at most `maxLines` lines (tables: rows) in all. */
export function displayBlocks(blocks: readonly OutputBlock[], maxLines = MAX_SHOWN_LINES): DisplayBlock[] {
	const shown: DisplayBlock[] = [];
	let budget = maxLines;
	let omitted = 0;
	let open: { stream: Stream; lines: string[] } | null = null;
	const closeText = () => {
		if (open !== null) shown.push({ kind: 'text', stream: open.stream, text: open.lines.join('\n') });
		open = null;
	};
	for (const block of blocks) {
		if (block.kind === 'text' || block.kind === 'data') {
			const stream = block.kind === 'text' ? block.stream : 'stdout';
			const lines = textLines(block);
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
			case 'json':
				// Shown whole: it is the data a reader copies.
				shown.push({ kind: 'json', text: JSON.stringify(block.value, null, 2) });
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
