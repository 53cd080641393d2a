/** YAML 1.1 as PyYAML's safe_load reads it (scenario-config.md §2, §3), with positions. */
import { describe, expect, it } from 'vitest';
import { readScenarioText, type ScenarioText } from '../../../src/lib/config/yaml';
import { YamlTimestamp } from '../../../src/lib/config/yaml-scalars';

function read(text: string): ScenarioText {
	const result = readScenarioText(text, 'yaml');
	if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
	return result.text;
}

function value(scalar: string): unknown {
	return (read(`v: ${scalar}\n`).value as Record<string, unknown>).v;
}

describe('plain scalars (PyYAML resolvers)', () => {
	it('reads yes/no/on/off in their three spellings as booleans, but not y/n', () => {
		for (const text of ['yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'])
			expect(value(text)).toBe(true);
		for (const text of ['no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'])
			expect(value(text)).toBe(false);
		for (const text of ['y', 'n', 'Y', 'N', 'yEs', 'oN']) expect(value(text)).toBe(text);
	});

	it('reads leading-zero integers as octal, 0x as hex, 0b as binary, and drops underscores', () => {
		expect(value('0755')).toBe(493);
		expect(value('010')).toBe(8);
		expect(value('0x1F')).toBe(31);
		expect(value('0b101')).toBe(5);
		expect(value('1_000_000')).toBe(1000000);
		expect(value('-0o17')).toBe('-0o17');
		expect(value('08')).toBe('08');
		expect(value('+42')).toBe(42);
	});

	it('reads base-60 numbers', () => {
		expect(value('1:30')).toBe(90);
		expect(value('1:00:00')).toBe(3600);
		expect(value('-2:30')).toBe(-150);
		expect(value('1:30.5')).toBe(90.5);
	});

	it('needs a dot for a float and a signed exponent', () => {
		expect(value('1.5')).toBe(1.5);
		expect(value('1.')).toBe(1);
		expect(value('.5')).toBe(0.5);
		expect(value('1.0e+3')).toBe(1000);
		expect(value('1e3')).toBe('1e3');
		expect(value('1.0e3')).toBe('1.0e3');
		expect(value('-.5')).toBe('-.5');
		expect(value('.inf')).toBe(Infinity);
		expect(value('-.Inf')).toBe(-Infinity);
		expect(Number.isNaN(value('.NaN'))).toBe(true);
	});

	it('tells integers from floats with the same value', () => {
		const text = read('a: 5\nb: 5.0\n');
		expect(text.scalarKind(['a'])).toBe('int');
		expect(text.scalarKind(['b'])).toBe('float');
	});

	it('reads ~, null and empty values as null, and dates as timestamps', () => {
		expect(value('~')).toBe(null);
		expect(value('Null')).toBe(null);
		expect((read('v:\n').value as Record<string, unknown>).v).toBe(null);
		expect(value('2025-01-31')).toEqual(new YamlTimestamp('2025-01-31'));
	});

	it('keeps quoted scalars as strings and applies explicit tags', () => {
		expect(value('"yes"')).toBe('yes');
		expect(value("'0755'")).toBe('0755');
		expect(value('!!str 123')).toBe('123');
		expect(value('!!int "12"')).toBe(12);
		expect(value('!!float "3"')).toBe(3);
	});

	it('keeps integers beyond 2^53 exact', () => {
		expect(value('18446744073709551615')).toBe(18446744073709551615n);
	});

	it('rejects tags safe_load cannot construct, with their position', () => {
		const result = readScenarioText('a: 1\nb: !!python/object:os.system x\n', 'yaml');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problems[0].position.line).toBe(2);
			expect(result.problems[0].message).toContain('could not determine a constructor for the tag');
		}
		expect(readScenarioText('v: =\n', 'yaml').ok).toBe(false);
	});
});

describe('mappings', () => {
	it('keeps the last of duplicate keys and reports the duplicate', () => {
		const text = read('a: 1\nb: 2\na: 3\n');
		expect(text.value).toEqual({ a: 3, b: 2 });
		expect(Object.keys(text.value as object)).toEqual(['a', 'b']);
		expect(text.duplicateKeys).toEqual([
			{ path: ['a'], first: { line: 1, column: 1 }, repeated: { line: 3, column: 1 } }
		]);
	});

	it('merges << mappings, explicit keys winning, earlier merge sources winning', () => {
		const text = read('x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nz:\n  <<: [*x, *y]\n  c: 3\n');
		expect((text.value as Record<string, unknown>).z).toEqual({ a: 1, b: 1, c: 3 });
		expect(text.duplicateKeys).toEqual([]);
	});

	it('expands aliases', () => {
		const text = read('base: &w {BANK_A: 0.5}\nother: *w\n');
		expect((text.value as Record<string, unknown>).other).toEqual({ BANK_A: 0.5 });
	});

	it('leaves out keys that YAML 1.1 does not read as strings, and lists them', () => {
		const text = read('weights: {NO: 1.0, BANK_A: 2.0, 1: 3.0}\n');
		expect((text.value as Record<string, unknown>).weights).toEqual({ BANK_A: 2.0 });
		expect(
			text.nonStringKeys.map((key) => [key.text, key.kind, key.position.line, key.position.column])
		).toEqual([
			['NO', 'bool', 1, 11],
			['1', 'int', 1, 33]
		]);
	});

	it('locates keys and values, and the nearest ancestor of a missing path', () => {
		const text = read('simulation:\n  ticks_per_day: 10\nagents:\n  - id: A\n');
		expect(text.locate(['simulation', 'ticks_per_day'])).toEqual({
			key: { line: 2, column: 3 },
			value: { line: 2, column: 18 }
		});
		expect(text.locate(['agents', 0, 'id']).value).toEqual({ line: 4, column: 9 });
		expect(text.locate(['agents', 0, 'opening_balance']).value).toEqual({ line: 4, column: 5 });
	});

	it('stops documents that expand without limit', () => {
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
		for (let i = 1; i < 9; i++) {
			bomb.push(
				`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
					.fill(`*${String.fromCharCode(96 + i)}`)
					.join(', ')}]`
			);
		}
		const result = readScenarioText(bomb.join('\n') + '\n', 'yaml');
		expect(result.ok).toBe(false);
	});
});

describe('syntax errors and JSON files', () => {
	it('keeps the parser position of a syntax error', () => {
		const result = readScenarioText('a:\n  b: [1, 2\nc: 3\n', 'yaml');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems[0].position.line).toBe(3);
	});

	it('reads JSON files as strict JSON', () => {
		const ok = readScenarioText('{"a": 1e3, "b": "yes", "c": [true, null]}', 'json');
		expect(ok.ok && ok.text.value).toEqual({ a: 1000, b: 'yes', c: [true, null] });
		const trailingComma = readScenarioText('{"a": [1, 2,]}', 'json');
		expect(trailingComma.ok).toBe(false);
		if (!trailingComma.ok) expect(trailingComma.problems[0].position).toEqual({ line: 1, column: 13 });
	});
});
