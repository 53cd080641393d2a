/**
 * Simulation ids: structured ids of experiment runs round-trip through their parser and reject what
 * the format does not allow; standalone ids are readable and unique.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
	experimentSimulationId,
	idStem,
	parseExperimentSimulationId,
	standaloneSimulationId,
	type ExperimentRunRef
} from '../../../src/lib/store/simulation-id';

test('structured ids follow {experiment_id}-iter{N}-{purpose}[-sample{M}]', () => {
	expect(
		experimentSimulationId({ experimentId: 'exp1-20251214-abc123', iteration: 5, purpose: 'evaluation' })
	).toBe('exp1-20251214-abc123-iter5-evaluation');
	expect(
		experimentSimulationId({
			experimentId: 'exp1-20251214-abc123',
			iteration: 5,
			purpose: 'bootstrap',
			sampleIndex: 3
		})
	).toBe('exp1-20251214-abc123-iter5-bootstrap-sample3');
	expect(() =>
		experimentSimulationId({ experimentId: 'e', iteration: 1, purpose: 'evaluation', sampleIndex: 2 })
	).toThrow(/bootstrap runs and only for them/);
	expect(() => experimentSimulationId({ experimentId: 'e', iteration: 1, purpose: 'bootstrap' })).toThrow(
		/bootstrap runs and only for them/
	);
	expect(() => experimentSimulationId({ experimentId: 'e', iteration: -1, purpose: 'final' })).toThrow(
		/iteration/
	);
});

test('structured ids round-trip, whatever the experiment id holds', () => {
	const purposes = ['initial', 'bootstrap', 'evaluation', 'best', 'final'] as const;
	fc.assert(
		fc.property(
			fc.stringMatching(/^[a-z0-9_-]{1,30}$/),
			fc.nat(10_000),
			fc.constantFrom(...purposes),
			fc.nat(1_000),
			(experimentId, iteration, purpose, sample) => {
				const ref: ExperimentRunRef =
					purpose === 'bootstrap'
						? { experimentId, iteration, purpose, sampleIndex: sample }
						: { experimentId, iteration, purpose };
				expect(parseExperimentSimulationId(experimentSimulationId(ref))).toEqual(ref);
			}
		)
	);
});

test('ids that are not structured parse to null', () => {
	for (const id of [
		'sim-exp1_2period-20261126-093005-abc123',
		'exp1-iter2-standalone',
		'exp1-iter2-unknown',
		'exp1-iter2-evaluation-sample1',
		'exp1-iter2-bootstrap',
		'exp1-iterx-final'
	]) {
		expect([id, parseExperimentSimulationId(id)]).toEqual([id, null]);
	}
});

test('standalone ids are sim-<scenario stem>-<UTC time>-<6 hex digits>, and differ between runs', () => {
	const at = new Date('2026-11-26T09:30:05Z');
	expect(standaloneSimulationId('examples/configs/Exp1 2period.yaml', at, 'abc123')).toBe(
		'sim-exp1_2period-20261126-093005-abc123'
	);
	expect(idStem('C:\\data\\config.json')).toBe('config');
	expect(idStem('...')).toBe('run');
	const ids = new Set(Array.from({ length: 20 }, () => standaloneSimulationId('x.yaml', at)));
	expect(ids.size).toBe(20);
	for (const id of ids) expect(id).toMatch(/^sim-x-20261126-093005-[0-9a-f]{6}$/);
});
