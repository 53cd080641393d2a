import { describe, expect, it } from 'vitest';
import {
	checkpointInfo,
	checkpointJson,
	restoreEngine,
	saveCheckpoint,
	serializeEvent,
	SimulationError
} from '../../../src/lib/engine';
import { configJson, makeEngine, runTicks, type AgentSpec } from './helpers';

/** The reference run of engine spec §14.9. */
const REFERENCE_AGENTS: AgentSpec[] = [
	{ id: 'BANK_A', balance: 0 },
	{ id: 'BANK_B', balance: 50 }
];
const REFERENCE_TOP = { ticks_per_day: 10, num_days: 1, rng_seed: 7 };

function referenceEngine() {
	const engine = makeEngine(REFERENCE_AGENTS, REFERENCE_TOP);
	engine.submitTransaction('BANK_A', 'BANK_B', 1_000, 2, 5, false);
	engine.submitTransaction('BANK_B', 'BANK_A', 40, 8, 5, false);
	runTicks(engine, 4);
	return engine;
}

function errorOf(run: () => unknown): SimulationError {
	try {
		run();
	} catch (error) {
		if (error instanceof SimulationError) return error;
		throw error;
	}
	throw new Error('no error');
}

describe('checkpoint document (engine spec §12.8, reference run §14.9)', () => {
	it('holds the original fields with the reference values', () => {
		const doc = saveCheckpoint(referenceEngine());
		expect(doc.current_tick).toBe(4);
		expect(doc.current_day).toBe(0);
		expect(doc.rng_seed).toBe('7');
		expect(doc.config_hash).toBe('cecd56b61397f0f2c08b6b4c48f23baadac87edf1caa4ac7e01f582dc1eba5b3');
		const [a, b] = doc.agents;
		expect([a.id, a.balance, a.bilateral_outflows, a.total_outflow, a.allocated_liquidity]).toEqual([
			'BANK_A',
			40,
			{},
			0,
			0
		]);
		expect(a.max_collateral_capacity).toBeNull();
		expect([b.id, b.balance, b.bilateral_outflows, b.total_outflow]).toEqual([
			'BANK_B',
			10,
			{ BANK_A: 40 },
			40
		]);
		const aToB = doc.transactions.find((t) => t.sender_id === 'BANK_A');
		const bToA = doc.transactions.find((t) => t.sender_id === 'BANK_B');
		expect(bToA).toMatchObject({ amount: 40, remaining_amount: 0, status: { Settled: { tick: 0 } } });
		expect(aToB).toMatchObject({
			amount: 1_000,
			remaining_amount: 1_000,
			deadline_tick: 2,
			status: { Overdue: { missed_deadline_tick: 3 } },
			rtgs_priority: 'Normal',
			rtgs_submission_tick: 0
		});
		expect(doc.rtgs_queue).toEqual([aToB?.id]);
		expect(a.costs.penalty_cost).toBe(50_000);
	});

	it('restores into an engine that continues like the uninterrupted one', () => {
		const uninterrupted = referenceEngine();
		const restored = restoreEngine(
			configJson(REFERENCE_AGENTS, REFERENCE_TOP),
			checkpointJson(uninterrupted)
		);
		const lines = (engine: typeof restored) => runTicks(engine, 6).events.map(serializeEvent);
		expect(lines(restored)).toEqual(lines(uninterrupted));
		expect(checkpointJson(restored)).toBe(checkpointJson(uninterrupted));
	});

	it('reports position and size without restoring', () => {
		expect(checkpointInfo(checkpointJson(referenceEngine()))).toEqual({
			current_tick: 4,
			current_day: 0,
			rng_seed: '7',
			config_hash: 'cecd56b61397f0f2c08b6b4c48f23baadac87edf1caa4ac7e01f582dc1eba5b3',
			num_agents: 2,
			num_transactions: 2
		});
	});

	it('keeps a u64 RNG state above 2^53 exactly', () => {
		const top = { ticks_per_day: 5, num_days: 1, rng_seed: '18446744073709551557' };
		const agents: AgentSpec[] = [
			{
				id: 'A',
				balance: 1_000,
				arrival_config: {
					rate_per_tick: 2,
					amount_distribution: { Uniform: { min: 1, max: 10 } },
					counterparty_weights: {}
				}
			},
			{ id: 'B' }
		];
		const engine = makeEngine(agents, top);
		runTicks(engine, 2);
		const doc = saveCheckpoint(engine);
		expect(BigInt(doc.rng_seed)).toBe(engine.rng.state);
		expect(engine.rng.state > 2n ** 53n).toBe(true);
		expect(restoreEngine(configJson(agents, top), JSON.stringify(doc)).rng.state).toBe(engine.rng.state);
	});

	it('carries doubles JSON numbers cannot hold (state registers)', () => {
		const engine = referenceEngine();
		const registers = engine.agents[0].stateRegisters;
		registers.set('bank_state_nan', NaN);
		registers.set('bank_state_negative_zero', -0);
		registers.set('bank_state_infinite', -Infinity);
		registers.set('bank_state_plain', 0.1);
		const restored = restoreEngine(configJson(REFERENCE_AGENTS, REFERENCE_TOP), checkpointJson(engine));
		const values = [...restored.agents[0].stateRegisters];
		expect(values.map(([key]) => key)).toEqual([...registers.keys()]);
		for (const [key, value] of values) expect(Object.is(value, registers.get(key))).toBe(true);
	});
});

describe('restoring refuses documents that do not fit', () => {
	const config = configJson(REFERENCE_AGENTS, REFERENCE_TOP);

	it('unreadable text is a DeserializationError', () => {
		const error = errorOf(() => restoreEngine(config, '{"current_tick": 4,'));
		expect(error.kind).toBe('DeserializationError');
		expect(error.message).toMatch(/^Deserialization error: Failed to parse state JSON: /);
	});

	it('a document of the original (no format) is a DeserializationError', () => {
		const { format: _format, ...original } = saveCheckpoint(referenceEngine());
		expect(errorOf(() => restoreEngine(config, original)).kind).toBe('DeserializationError');
	});

	it('another configuration is a ConfigMismatch naming both hashes', () => {
		const doc = checkpointJson(referenceEngine());
		const other = configJson(REFERENCE_AGENTS, { ...REFERENCE_TOP, rng_seed: 8 });
		const error = errorOf(() => restoreEngine(other, doc));
		expect(error.kind).toBe('ConfigMismatch');
		expect(error.message).toMatch(
			/^Config mismatch: expected hash cecd56b61397f0f2c08b6b4c48f23baadac87edf1caa4ac7e01f582dc1eba5b3, got [0-9a-f]{64}$/
		);
	});

	it('a queue naming an unknown transaction is a StateValidationError', () => {
		const doc = saveCheckpoint(referenceEngine());
		doc.rtgs_queue.push('tx_99');
		const error = errorOf(() => restoreEngine(config, doc));
		expect(error.kind).toBe('StateValidationError');
		expect(error.message).toContain('rtgs_queue[1]: unknown transaction "tx_99"');
	});

	it('a Queue 1 entry of another sender is a StateValidationError', () => {
		const doc = saveCheckpoint(referenceEngine());
		doc.agents[1].outgoing_queue.push(doc.rtgs_queue[0]);
		expect(errorOf(() => restoreEngine(config, doc)).message).toContain('is not sent by BANK_B');
	});

	it('a malformed field names its path', () => {
		const doc = saveCheckpoint(referenceEngine()) as unknown as { agents: Record<string, unknown>[] };
		doc.agents[0].balance = 'lots';
		const error = errorOf(() => restoreEngine(config, doc));
		expect(error.kind).toBe('DeserializationError');
		expect(error.message).toContain('agents[0].balance: expected an integer');
	});
});
