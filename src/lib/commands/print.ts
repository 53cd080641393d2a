/**
 * An output block as terminal text: which stream it goes to and its characters. The CLI writes these as
 * blocks arrive; error blocks carry the program's name, as every payment-sim error always has.
 */
import { renderTable, type OutputBlock, type Stream } from './output';
import { PROGRAM } from './parse';

function lines(items: readonly string[]): string {
	return items.map((line) => `${line}\n`).join('');
}

export function printedBlock(block: OutputBlock): { stream: Stream; text: string } {
	switch (block.kind) {
		case 'text':
			return { stream: block.stream, text: lines(block.lines) };
		case 'table':
			return { stream: block.stream, text: lines(renderTable(block)) };
		case 'json':
			return { stream: 'stdout', text: `${JSON.stringify(block.value, null, block.indent ?? undefined)}\n` };
		case 'data':
			return { stream: 'stdout', text: block.text };
		case 'error':
			return { stream: 'stderr', text: `${PROGRAM}: ${block.message}\n` };
	}
}
