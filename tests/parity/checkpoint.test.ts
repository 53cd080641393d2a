/**
 * Checkpoints against the golden traces: a checkpoint taken at every 97th tick of a golden run, written
 * as JSON text, parsed back and restored into a fresh engine, must continue with exactly the golden
 * events and tick results from that tick on, and end in the same state as the uninterrupted run.
 *
 * The scenarios cover what the original's restore loses (engine spec §12.8): RTGS priorities and the
 * stale Queue 2 index (target2_features), band arrivals and runtime arrival changes
 * (scenario_events_all), budgets, registers and collateral timers (collateral_and_registers), split
 * children (splitting), and the LSM with escalation and limits (target2_lsm_features_test enginefull).
 */
import { describe, expect, it } from 'vitest';
import {
	checkpointJson,
	createEngine,
	restoreEngine,
	serializeEvent,
	type TickResult
} from '../../src/lib/engine';
import { canonicalEvents, loadGoldenFolder, sortedJson } from './golden-fixtures';

const SCENARIOS = [
	'target2_lsm_features_test__enginefull__seed42',
	'collateral_and_registers__seed11',
	'splitting__seed11',
	'target2_features__seed11',
	'scenario_events_all__seed11'
];
const EVERY = 97;

function canonicalTexts(lines: string[]): string[] {
	return canonicalEvents(lines).map((event) => event.text);
}

describe('checkpoints restore into runs identical to the golden traces', () => {
	for (const name of SCENARIOS) {
		it(name, () => {
			const golden = loadGoldenFolder(name);
			const ticks = golden.final.ticks_requested;
			const engine = createEngine(golden.config);
			const checkpoints: { tick: number; text: string }[] = [];
			for (let t = 0; t < ticks; t++) {
				if (t % EVERY === 0) checkpoints.push({ tick: t, text: checkpointJson(engine) });
				engine.tick(() => {});
			}
			const finalState = checkpointJson(engine);
			expect(checkpoints.length).toBe(Math.ceil(ticks / EVERY));

			for (const { tick, text } of checkpoints) {
				const restored = restoreEngine(golden.config, JSON.parse(text));
				expect(restored.currentTick).toBe(tick);
				const events: string[] = [];
				const results: string[] = [];
				for (let t = tick; t < ticks; t++) {
					const result: TickResult = restored.tick((event) => events.push(serializeEvent(event)));
					results.push(sortedJson(result));
				}
				const expectedEvents = golden.events.filter(
					(line) => (JSON.parse(line) as { tick: number }).tick >= tick
				);
				const expectedTicks = golden.ticks.slice(tick).map((line) => sortedJson(JSON.parse(line)));
				const ours = canonicalTexts(events);
				const theirs = canonicalTexts(expectedEvents);
				const first = ours.findIndex((text, i) => text !== theirs[i]);
				expect(first, `${name} from tick ${tick}: first differing event`).toBe(-1);
				expect(ours.length, `${name} from tick ${tick}: event count`).toBe(theirs.length);
				expect(results, `${name} from tick ${tick}: tick results`).toEqual(expectedTicks);
				expect(checkpointJson(restored) === finalState, `${name} from tick ${tick}: final state`).toBe(true);
			}
		});
	}
});
