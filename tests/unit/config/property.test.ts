/**
 * Acceptance 3, property: however a valid scenario file is damaged, the loader returns diagnostics (never
 * throws), every diagnostic is placed in the file, and whatever it accepts the engine accepts too.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/lib/config';
import { parseEngineConfig } from '../../../src/lib/engine';
import { REFERENCE_SCENARIOS, SCENARIO_FIXTURES } from './helpers';

const POLICY_DIR = join(SCENARIO_FIXTURES, 'simulator', 'policies');
const POLICIES: Record<string, string> = Object.fromEntries(
	readdirSync(POLICY_DIR)
		.filter((name) => name.endsWith('.json'))
		.map((name) => [`simulator/policies/${name}`, readFileSync(join(POLICY_DIR, name), 'utf8')])
);

/** A small file that uses bands, every distribution, events of every kind and the forwarded keys. */
const FEATURES = `simulation: {ticks_per_day: 20, num_days: 2, rng_seed: 3}
deadline_cap_at_eod: yes
priority_escalation: {enabled: true, start_escalating_at_ticks: 5}
queue1_ordering: priority_deadline
agents:
  - id: A
    opening_balance: 100000
    unsecured_cap: 5000
    posted_collateral: 1000
    limits: {bilateral_limits: {B: 90000}, multilateral_limit: 150000}
    policy: {type: LiquidityAware, target_buffer: 100, urgency_threshold: 3}
    arrival_config:
      rate_per_tick: 0.5
      amount_distribution: {type: Normal, mean: 800, std_dev: 100}
      counterparty_weights: {B: 1, C: 2}
      deadline_range: [2, 8]
      priority_distribution: {type: Categorical, values: [1, 5, 9], weights: [1, 1, 1]}
  - id: B
    opening_balance: 50000
    policy: {type: FromJson, json_path: simulator/policies/fifo.json, params: {x: 1}}
    arrival_bands:
      urgent: {rate_per_tick: 0.1, amount_distribution: {type: Exponential, lambda: 0.002}, deadline_offset_min: 1, deadline_offset_max: 3}
      low: {rate_per_tick: 0.2, amount_distribution: {type: LogNormal, mean: 300.0, std_dev: 30.0}, deadline_offset_min: 4, deadline_offset_max: 9, counterparty_weights: {A: 1}}
  - &c
    id: C
    opening_balance: 0
cost_rates: {priority_delay_multipliers: {urgent_multiplier: 2.0}}
scenario_events:
  - {type: DirectTransfer, from_agent: A, to_agent: C, amount: 10, schedule: {type: OneTime, tick: 1}}
  - {type: CustomTransactionArrival, from_agent: C, to_agent: A, amount: 5, priority: 3, schedule: {type: Repeating, start_tick: 2, interval: 7}}
  - {type: CollateralAdjustment, agent: A, delta: 100, schedule: {type: OneTime, tick: 3}}
  - {type: GlobalArrivalRateChange, multiplier: 1.5, schedule: {type: OneTime, tick: 4}}
  - {type: AgentArrivalRateChange, agent: A, multiplier: 0.5, schedule: {type: OneTime, tick: 5}}
  - {type: CounterpartyWeightChange, agent: A, counterparty: C, new_weight: 0.5, schedule: {type: OneTime, tick: 6}}
  - {type: DeadlineWindowChange, min_ticks_multiplier: 1.5, schedule: {type: OneTime, tick: 7}}
  - {type: ScheduledSettlement, from_agent: B, to_agent: C, amount: 7, schedule: {type: OneTime, tick: 8}}
`;

const BASES: Record<string, string> = {
	features: FEATURES,
	exp1: readFileSync(join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS.exp1_2period), 'utf8'),
	minimal: readFileSync(join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS.test_minimal_eod), 'utf8'),
	escalation: readFileSync(join(SCENARIO_FIXTURES, REFERENCE_SCENARIOS.test_priority_escalation), 'utf8')
};

const SCALARS = [
	'-1',
	'0',
	'1',
	'2.5',
	'1e3',
	'1.0e+3',
	'yes',
	'no',
	'NO',
	'on',
	'~',
	'',
	'.inf',
	'.nan',
	'"x"',
	"'7'",
	'[1, 2]',
	'{a: 1}',
	'2025-01-31',
	'*c',
	'!!int x',
	'!!str 5',
	'0x1F',
	'0755',
	'1:30',
	'99999999999999999999',
	'Fifo',
	'BANK_A',
	'=',
	'|',
	'>-'
];
const NOISE = fc.string({
	unit: fc.constantFrom(...':{}[]-#&*!|>\'"%@\n\t ,?abcXYZ019_.'.split('')),
	maxLength: 8
});

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.tuple(fc.nat(), fc.nat({ max: 12 }), NOISE).map(([at, length, noise]) => (text: string) => {
		const start = at % (text.length + 1);
		return text.slice(0, start) + noise + text.slice(start + length);
	}),
	fc.nat().map((at) => (text: string) => {
		const lines = text.split('\n');
		lines.splice(at % lines.length, 1);
		return lines.join('\n');
	}),
	fc.nat().map((at) => (text: string) => {
		const lines = text.split('\n');
		const i = at % lines.length;
		lines.splice(i, 0, lines[i]);
		return lines.join('\n');
	}),
	fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, shift]) => (text: string) => {
		const lines = text.split('\n');
		const i = at % lines.length;
		lines[i] =
			shift >= 0 ? ' '.repeat(shift) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-shift}}`), '');
		return lines.join('\n');
	}),
	fc
		.tuple(
			fc.nat(),
			fc.constantFrom('__proto__', 'constructor', 'toString', 'type', 'hasOwnProperty'),
			fc.constantFrom(...SCALARS)
		)
		.map(([at, key, scalar]) => (text: string) => {
			const lines = text.split('\n');
			const i = at % lines.length;
			const indent = /^ */.exec(lines[i])?.[0] ?? '';
			lines.splice(i, 0, `${indent}${key}: ${scalar}`);
			return lines.join('\n');
		}),
	fc.tuple(fc.nat(), fc.constantFrom(...SCALARS)).map(([at, scalar]) => (text: string) => {
		const values = [...text.matchAll(/: ([^\s{[,}\]#][^,}\]\n#]*)/g)];
		if (values.length === 0) return text;
		const match = values[at % values.length];
		const start = (match.index ?? 0) + 2;
		return text.slice(0, start) + scalar + text.slice(start + match[1].length);
	})
);

async function checkLoader(base: string, mutations: Mutation[], simcashCompat: boolean, strict: boolean) {
	const text = mutations.reduce((current, mutate) => mutate(current), base);
	const fileName = 'examples/configs/mutated.yaml';
	const result = await loadScenario(text, {
		fileName,
		simcashCompat,
		strict,
		resolveFile: (path) => POLICIES[path] ?? null
	});
	const diagnostics = result.ok ? result.warnings : [...result.errors, ...result.warnings];
	if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
	for (const diagnostic of diagnostics) {
		expect(diagnostic.file).toBe(fileName);
		expect(diagnostic.line).toBeGreaterThanOrEqual(1);
		expect(diagnostic.column).toBeGreaterThanOrEqual(1);
		expect(diagnostic.message.length).toBeGreaterThan(0);
	}
	if (result.ok) {
		expect(() => parseEngineConfig(JSON.parse(JSON.stringify(result.config)))).not.toThrow();
	}
}

describe('damaged scenario files', () => {
	it('the unmodified bases load', async () => {
		for (const [name, text] of Object.entries(BASES)) {
			const result = await loadScenario(text, {
				fileName: 'examples/configs/base.yaml',
				resolveFile: (p) => POLICIES[p] ?? null
			});
			expect(result.ok, name).toBe(true);
		}
	});

	for (const [name, base] of Object.entries(BASES)) {
		it(`never make the loader throw (${name})`, async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.array(mutation, { minLength: 1, maxLength: 3 }),
					fc.boolean(),
					fc.boolean(),
					(mutations, compat, strict) => checkLoader(base, mutations, compat, strict)
				),
				{ numRuns: 150 }
			);
		});
	}
});
