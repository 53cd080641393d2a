import { describe, expect, it } from 'vitest';
import { canonicalJson, F64 } from '../../../src/lib/engine/canonical-json';
import { parseEngineConfig } from '../../../src/lib/engine/config';
import { configHash, serdeConfig } from '../../../src/lib/engine/config-hash';
import { sha256Hex } from '../../../src/lib/engine/sha256';
import { FIXTURE_ROOT, listGoldenFolders, readFixtureText } from '../../parity/golden-fixtures';
import { join } from 'node:path';

/**
 * The golden config.json files hold the original's configuration in serde's representation, so sorting
 * their keys while keeping every literal as written gives the text the original hashes. This reader is
 * independent of the engine's serializer on purpose.
 */
function canonicalFromSerdeText(text: string): string {
	let at = 0;
	const skipSpace = () => {
		while (/\s/.test(text[at])) at++;
	};
	const value = (): string => {
		skipSpace();
		const ch = text[at];
		if (ch === '{') {
			at++;
			const members: [string, string][] = [];
			skipSpace();
			if (text[at] === '}') {
				at++;
				return '{}';
			}
			for (;;) {
				const key = JSON.parse(value()) as string;
				skipSpace();
				at++; // ':'
				members.push([key, value()]);
				skipSpace();
				if (text[at++] === '}') break;
			}
			members.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
			return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
		}
		if (ch === '[') {
			at++;
			const items: string[] = [];
			skipSpace();
			if (text[at] === ']') {
				at++;
				return '[]';
			}
			for (;;) {
				items.push(value());
				skipSpace();
				if (text[at++] === ']') break;
			}
			return `[${items.join(',')}]`;
		}
		if (ch === '"') {
			let end = at + 1;
			while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
			const literal = text.slice(at, end + 1);
			at = end + 1;
			return JSON.stringify(JSON.parse(literal));
		}
		const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 40));
		if (match === null) throw new Error(`unexpected input at ${at}`);
		at += match[0].length;
		return match[0];
	};
	return value();
}

const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null/g;
const PYTHON_EXPONENT = /^-?\d(\.\d+)?e[-+]\d\d+$/;
const SERDE_DOUBLE = /^-?(\d+\.\d+|\d(\.\d+)?e-?\d+)$/;

function tokens(text: string): string[] {
	return text.match(TOKEN) ?? [];
}

describe('configuration hash (engine spec §3.12)', () => {
	it('hashes the reference configuration of §14.9 to the reference run value', () => {
		const config = parseEngineConfig({
			ticks_per_day: 10,
			num_days: 1,
			rng_seed: 7,
			agent_configs: [
				{ id: 'BANK_A', opening_balance: 0, unsecured_cap: 0, policy: 'Fifo' },
				{ id: 'BANK_B', opening_balance: 50, unsecured_cap: 0, policy: 'Fifo' }
			]
		});
		expect(configHash(config)).toBe('cecd56b61397f0f2c08b6b4c48f23baadac87edf1caa4ac7e01f582dc1eba5b3');
	});

	it.each(listGoldenFolders())('renders %s as the original does, keys sorted', (folder) => {
		const text = readFixtureText(join(FIXTURE_ROOT, folder), 'config.json');
		const expected = tokens(canonicalFromSerdeText(text));
		const ours = tokens(canonicalJson(serdeConfig(parseEngineConfig(JSON.parse(text)))));
		expect(ours.length).toBe(expected.length);
		for (let i = 0; i < ours.length; i++) {
			if (ours[i] === expected[i]) continue;
			// The coverage folders' config.json was written by Python (`4e-05`); serde/ryu prints `0.00004`.
			expect(expected[i], `token ${i}`).toMatch(PYTHON_EXPONENT);
			expect(Number(ours[i]), `token ${i}`).toBe(Number(expected[i]));
			expect(ours[i], `token ${i}`).toMatch(SERDE_DOUBLE);
		}
	});

	it('matches the hash of the serde text exactly where the golden file is serde output', () => {
		const text = readFixtureText(join(FIXTURE_ROOT, 'exp2_12period__seed42'), 'config.json');
		expect(configHash(parseEngineConfig(JSON.parse(text)))).toBe(sha256Hex(canonicalFromSerdeText(text)));
	});

	it('changes with any configuration value', () => {
		const base = {
			ticks_per_day: 10,
			num_days: 1,
			rng_seed: 7,
			agent_configs: [{ id: 'A', opening_balance: 0, unsecured_cap: 0, policy: 'Fifo' }]
		};
		const hash = configHash(parseEngineConfig(base));
		expect(configHash(parseEngineConfig({ ...base, rng_seed: 8 }))).not.toBe(hash);
		expect(configHash(parseEngineConfig({ ...base, eod_rush_threshold: 0.9 }))).not.toBe(hash);
	});
});

describe('canonical JSON', () => {
	it('prints doubles in serde_json form (§3.12 examples), integers plainly, keys in byte order', () => {
		const value = {
			b: [...[5, 0, 0.8, 0.00001, 100000, 1e-6, 1e16, 1.5e16].map((x) => new F64(x)), 3, -2],
			a: { z: null, Z: true, é: 'x"y' },
			seed: 18446744073709551615n
		};
		expect(canonicalJson(value)).toBe(
			'{"a":{"Z":true,"z":null,"é":"x\\"y"},"b":[5.0,0.0,0.8,0.00001,100000.0,1e-6,1e16,1.5e16,3,-2],"seed":18446744073709551615}'
		);
	});
});
