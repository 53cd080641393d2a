/**
 * Strict JSON reader for policy text. JSON.parse cannot be used because the language needs what it hides:
 * duplicate keys (an error for the keys a structure knows, last-wins inside name maps), numbers that
 * overflow a double, lone surrogates, and the nesting limit of the original's decoder (127 containers),
 * which also keeps every later recursive walk far from the JavaScript stack limit.
 */
import { formatPath, type PathSegment } from './path';

/** Deepest nesting of arrays/objects the original's decoder accepts. */
export const MAX_JSON_NESTING = 127;

export class JsonSyntaxError extends Error {
	readonly line: number;
	readonly column: number;
	readonly path: string;
	readonly detail: string;

	constructor(detail: string, line: number, column: number, path: string) {
		super(`${detail} at line ${line} column ${column}`);
		this.name = 'JsonSyntaxError';
		this.detail = detail;
		this.line = line;
		this.column = column;
		this.path = path;
	}
}

export interface ParsedJson {
	readonly value: unknown;
	/** For each object that repeated a key: the repeated keys (the value kept is the last one). */
	readonly duplicateKeys: WeakMap<object, Set<string>>;
}

/** Defines an own property even for names such as `__proto__`, exactly like JSON.parse does. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

class Reader {
	private pos = 0;
	private depth = 0;
	private readonly path: PathSegment[] = [];
	readonly duplicateKeys = new WeakMap<object, Set<string>>();

	constructor(private readonly text: string) {}

	parseDocument(): unknown {
		this.skipWhitespace();
		if (this.pos >= this.text.length) this.fail('EOF while parsing a value');
		const value = this.parseValue();
		this.skipWhitespace();
		if (this.pos < this.text.length) this.fail('trailing characters');
		return value;
	}

	private fail(detail: string): never {
		let line = 1;
		let column = 1;
		for (let i = 0; i < this.pos && i < this.text.length; i++) {
			if (this.text.charCodeAt(i) === 10) {
				line++;
				column = 1;
			} else column++;
		}
		throw new JsonSyntaxError(detail, line, column, formatPath(this.path));
	}

	private skipWhitespace(): void {
		const text = this.text;
		while (this.pos < text.length) {
			const c = text.charCodeAt(this.pos);
			if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
			else break;
		}
	}

	private parseValue(): unknown {
		const c = this.text[this.pos];
		switch (c) {
			case '{':
				return this.parseObject();
			case '[':
				return this.parseArray();
			case '"':
				return this.parseString();
			case 't':
				return this.parseKeyword('true', true);
			case 'f':
				return this.parseKeyword('false', false);
			case 'n':
				return this.parseKeyword('null', null);
			default:
				if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber();
				if (c === undefined) this.fail('EOF while parsing a value');
				return this.fail('expected value');
		}
	}

	private parseKeyword<T>(word: string, value: T): T {
		if (this.text.startsWith(word, this.pos)) {
			this.pos += word.length;
			return value;
		}
		return this.fail('expected value');
	}

	private enter(): void {
		this.depth++;
		if (this.depth > MAX_JSON_NESTING) this.fail('recursion limit exceeded');
	}

	private parseObject(): Record<string, unknown> {
		this.enter();
		this.pos++;
		const result: Record<string, unknown> = {};
		this.skipWhitespace();
		if (this.text[this.pos] === '}') {
			this.pos++;
			this.depth--;
			return result;
		}
		for (;;) {
			this.skipWhitespace();
			if (this.text[this.pos] !== '"') {
				if (this.pos >= this.text.length) this.fail('EOF while parsing an object');
				this.fail(this.text[this.pos] === '}' ? 'trailing comma' : 'key must be a string');
			}
			const key = this.parseString();
			this.skipWhitespace();
			if (this.text[this.pos] !== ':') {
				this.fail(this.pos >= this.text.length ? 'EOF while parsing an object' : 'expected `:`');
			}
			this.pos++;
			this.skipWhitespace();
			this.path.push(key);
			const value = this.parseValue();
			this.path.pop();
			if (Object.prototype.hasOwnProperty.call(result, key)) {
				let keys = this.duplicateKeys.get(result);
				if (!keys) {
					keys = new Set();
					this.duplicateKeys.set(result, keys);
				}
				keys.add(key);
			}
			setOwn(result, key, value);
			this.skipWhitespace();
			const next = this.text[this.pos];
			if (next === ',') {
				this.pos++;
				continue;
			}
			if (next === '}') {
				this.pos++;
				this.depth--;
				return result;
			}
			this.fail(next === undefined ? 'EOF while parsing an object' : 'expected `,` or `}`');
		}
	}

	private parseArray(): unknown[] {
		this.enter();
		this.pos++;
		const result: unknown[] = [];
		this.skipWhitespace();
		if (this.text[this.pos] === ']') {
			this.pos++;
			this.depth--;
			return result;
		}
		for (;;) {
			this.skipWhitespace();
			if (this.text[this.pos] === ']') this.fail('trailing comma');
			this.path.push(result.length);
			result.push(this.parseValue());
			this.path.pop();
			this.skipWhitespace();
			const next = this.text[this.pos];
			if (next === ',') {
				this.pos++;
				continue;
			}
			if (next === ']') {
				this.pos++;
				this.depth--;
				return result;
			}
			this.fail(next === undefined ? 'EOF while parsing a list' : 'expected `,` or `]`');
		}
	}

	private parseString(): string {
		const text = this.text;
		this.pos++;
		let out = '';
		let chunkStart = this.pos;
		for (;;) {
			if (this.pos >= text.length) this.fail('EOF while parsing a string');
			const c = text.charCodeAt(this.pos);
			if (c === 0x22) {
				out += text.slice(chunkStart, this.pos);
				this.pos++;
				return out;
			}
			if (c < 0x20) this.fail('control character (\\u0000-\\u001F) found while parsing a string');
			if (c >= 0xd800 && c <= 0xdfff) {
				const isLeading = c <= 0xdbff;
				const next = text.charCodeAt(this.pos + 1);
				if (!isLeading || !(next >= 0xdc00 && next <= 0xdfff)) this.fail('invalid unicode code point');
				this.pos += 2;
				continue;
			}
			if (c !== 0x5c) {
				this.pos++;
				continue;
			}
			out += text.slice(chunkStart, this.pos);
			this.pos++;
			out += this.parseEscape();
			chunkStart = this.pos;
		}
	}

	private parseEscape(): string {
		const e = this.text[this.pos];
		this.pos++;
		switch (e) {
			case '"':
				return '"';
			case '\\':
				return '\\';
			case '/':
				return '/';
			case 'b':
				return '\b';
			case 'f':
				return '\f';
			case 'n':
				return '\n';
			case 'r':
				return '\r';
			case 't':
				return '\t';
			case 'u': {
				const unit = this.parseHex4();
				if (unit >= 0xdc00 && unit <= 0xdfff) this.fail('lone trailing surrogate in hex escape');
				if (unit >= 0xd800 && unit <= 0xdbff) {
					if (this.text[this.pos] !== '\\' || this.text[this.pos + 1] !== 'u') {
						this.fail('lone leading surrogate in hex escape');
					}
					this.pos += 2;
					const low = this.parseHex4();
					if (low < 0xdc00 || low > 0xdfff) this.fail('lone leading surrogate in hex escape');
					return String.fromCharCode(unit, low);
				}
				return String.fromCharCode(unit);
			}
			default:
				return this.fail(e === undefined ? 'EOF while parsing a string' : 'invalid escape');
		}
	}

	private parseHex4(): number {
		const hex = this.text.slice(this.pos, this.pos + 4);
		if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid escape');
		this.pos += 4;
		return parseInt(hex, 16);
	}

	private parseNumber(): number {
		const text = this.text;
		const start = this.pos;
		if (text[this.pos] === '-') this.pos++;
		if (text[this.pos] === '0') {
			this.pos++;
		} else if (text[this.pos] >= '1' && text[this.pos] <= '9') {
			while (text[this.pos] >= '0' && text[this.pos] <= '9') this.pos++;
		} else {
			this.fail('invalid number');
		}
		let isInteger = true;
		if (text[this.pos] === '.') {
			isInteger = false;
			this.pos++;
			if (!(text[this.pos] >= '0' && text[this.pos] <= '9')) this.fail('invalid number');
			while (text[this.pos] >= '0' && text[this.pos] <= '9') this.pos++;
		}
		if (text[this.pos] === 'e' || text[this.pos] === 'E') {
			isInteger = false;
			this.pos++;
			if (text[this.pos] === '+' || text[this.pos] === '-') this.pos++;
			if (!(text[this.pos] >= '0' && text[this.pos] <= '9')) this.fail('invalid number');
			while (text[this.pos] >= '0' && text[this.pos] <= '9') this.pos++;
		}
		const value = Number(text.slice(start, this.pos));
		if (!Number.isFinite(value)) {
			this.pos = start;
			this.fail('number out of range');
		}
		// The original reads "-0" as the integer 0, which has no sign.
		return isInteger && value === 0 ? 0 : value;
	}
}

/** Parses JSON text strictly; throws {@link JsonSyntaxError}. */
export function parseJsonText(text: string): ParsedJson {
	const reader = new Reader(text);
	const value = reader.parseDocument();
	return { value, duplicateKeys: reader.duplicateKeys };
}
