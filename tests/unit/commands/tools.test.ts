/** validate-policy, policy-schema and cost-schema through the command language. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_COST_RATES } from '../../../src/lib/engine/config';
import { ACTION_NAMES } from '../../../src/lib/policy';
import { run, runJson } from './run-command';

const POLICY = join(
	import.meta.dirname,
	'..',
	'..',
	'fixtures',
	'scenarios',
	'simulator',
	'policies',
	'deadline.json'
);
const dir = mkdtempSync(join(tmpdir(), 'simcash-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate-policy', () => {
	it('passes a valid policy, as text and as JSON', async () => {
		const text = await run('validate-policy', POLICY);
		expect(text.exitCode).toBe(0);
		expect(text.stdout.split('\n').slice(0, 5)).toEqual([
			'✓ Policy validation passed',
			`  File: ${POLICY}`,
			'  Policy ID: deadline_policy',
			'  Version: 1.0',
			'  Trees: payment_tree'
		]);
		expect(await runJson('validate-policy', POLICY, '--format', 'json')).toMatchObject({
			valid: true,
			policy_id: 'deadline_policy',
			version: '1.0',
			trees: {
				has_payment_tree: true,
				has_bank_tree: false,
				has_strategic_collateral_tree: false,
				has_end_of_tick_collateral_tree: false,
				parameter_count: 1,
				parameters: ['urgency_threshold']
			}
		});
	});

	it('fails an invalid, an empty and a missing file with exit status 1', async () => {
		const bad = join(dir, 'bad.json');
		writeFileSync(
			bad,
			JSON.stringify({
				version: '1.0',
				policy_id: 'bad',
				payment_tree: { type: 'action', node_id: 'a', action: 'Relase' }
			})
		);
		const result = await run('validate-policy', bad, '--format', 'json');
		expect(result.exitCode).toBe(1);
		const verdict = JSON.parse(result.stdout) as {
			valid: boolean;
			errors: { type: string; message: string }[];
		};
		expect(verdict.valid).toBe(false);
		expect(verdict.errors).toHaveLength(1);
		expect(verdict.errors[0].type).toBe('ParseError');
		expect(verdict.errors[0].message).toContain('Relase');
		const text = await run('validate-policy', bad);
		expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('✗ Policy validation failed with 1 error(s)');

		const empty = join(dir, 'empty.json');
		writeFileSync(empty, '  \n');
		expect((await run('validate-policy', empty)).exitCode).toBe(1);
		expect(JSON.parse((await run('validate-policy', empty, '-f', 'json')).stdout)).toEqual({
			valid: false,
			errors: [{ type: 'EmptyFile', message: 'Policy file is empty' }],
			warnings: []
		});
		const missing = join(dir, 'missing.json');
		expect(JSON.parse((await run('validate-policy', missing, '-f', 'json')).stdout).errors).toEqual([
			{ type: 'FileNotFound', message: `Policy file not found: ${missing}` }
		]);
	});
});

describe('policy-schema and cost-schema', () => {
	it('policy-schema --format json is the JSON Schema that accepts a valid policy', async () => {
		const schema = (await runJson('policy-schema', '--format', 'json')) as object;
		const validate = new Ajv2020({ strict: false }).compile(schema);
		expect(validate(JSON.parse(readFileSync(POLICY, 'utf8')))).toBe(true);
		expect(validate({ version: '1.0' })).toBe(false);
	});

	it('policy-schema documents every tree and action in markdown', async () => {
		const result = await run('policy-schema');
		expect(result.exitCode).toBe(0);
		expect(result.stdout.split('\n')[0]).toBe('# Policy language reference');
		for (const tree of [
			'bank_tree',
			'payment_tree',
			'strategic_collateral_tree',
			'end_of_tick_collateral_tree'
		])
			expect(result.stdout).toContain(`| \`${tree}\` |`);
		for (const action of ACTION_NAMES) expect(result.stdout).toContain(`\`${action}\``);
	});

	it('cost-schema lists each cost type with its rate key and the engine default', async () => {
		const types = (await runJson('cost-schema', '--format', 'json')) as {
			rate_key: string;
			default: number | null;
		}[];
		const defaults = Object.fromEntries(types.map((type) => [type.rate_key, type.default]));
		expect(defaults).toEqual({
			overdraft_bps_per_tick: DEFAULT_COST_RATES.overdraft_bps_per_tick,
			delay_cost_per_tick_per_cent: 0.0001,
			collateral_cost_per_tick_bps: 0.0002,
			liquidity_cost_per_tick_bps: 0,
			deadline_penalty: 50_000,
			split_friction_cost: 1_000,
			eod_penalty_per_transaction: 10_000,
			overdue_delay_multiplier: 5,
			priority_delay_multipliers: null
		});
		const markdown = (await run('cost-schema')).stdout;
		expect(markdown).toContain('## PerTick');
		expect(markdown).toContain('| Deadline penalty | `deadline_penalty` | cents per payment | 50000 |');
	});
});
