/**
 * Splits a command line typed as text (a notebook command cell) into arguments the way a POSIX shell
 * does for plain words: blanks separate arguments; single quotes keep everything literally; double
 * quotes keep blanks and let a backslash escape `"`, `\`, `$` and `` ` ``; outside quotes a backslash
 * keeps the next character. No variables, globs or redirections: what is typed is what is passed.
 */

export type TokenizeResult = { ok: true; args: string[] } | { ok: false; error: string };

const BLANK = /\s/;
const ESCAPABLE_IN_DOUBLE_QUOTES = new Set(['"', '\\', '$', '`']);

export function tokenizeCommandLine(text: string): TokenizeResult {
	const args: string[] = [];
	let current = '';
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (BLANK.test(c)) {
			if (inWord) args.push(current);
			current = '';
			inWord = false;
			continue;
		}
		inWord = true;
		if (c === "'") {
			const end = text.indexOf("'", i + 1);
			if (end < 0) return { ok: false, error: `unterminated ' quote starting at column ${i + 1}` };
			current += text.slice(i + 1, end);
			i = end;
		} else if (c === '"') {
			let j = i + 1;
			for (; j < text.length && text[j] !== '"'; j++) {
				if (text[j] === '\\' && ESCAPABLE_IN_DOUBLE_QUOTES.has(text[j + 1])) j++;
				current += text[j];
			}
			if (j >= text.length) return { ok: false, error: `unterminated " quote starting at column ${i + 1}` };
			i = j;
		} else if (c === '\\') {
			if (i + 1 >= text.length) return { ok: false, error: 'the line ends with a lone backslash' };
			current += text[++i];
		} else {
			current += c;
		}
	}
	if (inWord) args.push(current);
	return { ok: true, args };
}
