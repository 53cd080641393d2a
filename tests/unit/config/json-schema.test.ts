/** scenarioJsonSchema(): generated from the zod definition; the reference scenarios validate against it. */
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../src/lib/config';
import { readScenarioText } from '../../../src/lib/config/yaml';
import { REFERENCE_SCENARIOS, SCENARIO_FIXTURES } from './helpers';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(scenarioJsonSchema());

function data(file: string): unknown {
	const read = readScenarioText(readFileSync(join(SCENARIO_FIXTURES, file), 'utf8'), 'yaml');
	if (!read.ok) throw new Error(read.problems[0].message);
	return read.text.value;
}

describe('scenario JSON Schema', () => {
	it('documents keys with their types, bounds, defaults and descriptions', () => {
		const schema = scenarioJsonSchema() as {
			required: string[];
			properties: Record<
				string,
				{ properties: Record<string, Record<string, unknown>>; required?: string[] }
			>;
		};
		expect(schema.required.sort()).toEqual(['agents', 'simulation']);
		expect(schema.properties.simulation.properties.ticks_per_day).toMatchObject({
			type: 'integer',
			exclusiveMinimum: 0
		});
		expect(schema.properties.simulation.properties.rng_seed).toMatchObject({ type: 'integer', minimum: 0 });
		expect(schema.properties.lsm_config.properties.max_cycle_length).toMatchObject({
			type: 'integer',
			minimum: 3,
			maximum: 10,
			default: 4
		});
		expect(schema.properties.cost_rates.required ?? []).toEqual([]);
	});

	it('accepts every reference scenario that gives every type explicitly', () => {
		for (const [name, file] of Object.entries(REFERENCE_SCENARIOS)) {
			expect(validate(data(file)), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
		}
	});

	it('rejects out-of-range values and wrong types', () => {
		const scenario = data(REFERENCE_SCENARIOS.exp1_2period) as { simulation: Record<string, unknown> };
		expect(validate({ ...scenario, simulation: { ...scenario.simulation, ticks_per_day: 0 } })).toBe(false);
		expect(validate({ ...scenario, simulation: { ...scenario.simulation, num_days: 'two' } })).toBe(false);
		expect(validate({ ...scenario, lsm_config: { max_cycles_per_tick: 101 } })).toBe(false);
	});
});
