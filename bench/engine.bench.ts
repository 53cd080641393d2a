/**
 * Engine benchmark: engine time (median of 5 runs after the first, cold one), ticks/s and events/s for
 * golden scenarios, in Node, beside the original's engine time on the same machine type where the golden
 * README gives one. Engine time covers the tick loop only (events go to a counting sink; engine
 * construction and serialisation excluded), as in the golden README's timings.
 *
 *   npx tsx bench/engine.bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createEngine, parseEngineConfig } from '../src/lib/engine';
import { median, type BenchResult } from './stats';

interface Scenario {
	folder: string;
	/** The original's engine seconds for the same ticks (golden README, "Timing"), fastest and slowest run. */
	original?: { fastest: number; slowest: number };
}

/** The synthetic scenario comes first so that its first run is the process's cold run. */
const SCENARIOS: Scenario[] = [
	{ folder: 'synthetic_200agents__seed20251126', original: { fastest: 268.745, slowest: 268.745 } },
	{ folder: 'target2_crisis_25day__seed42', original: { fastest: 19.174, slowest: 24.033 } },
	{ folder: 'suboptimal_policies_10day__seed42' },
	{ folder: 'exp2_12period__seed42' }
];
const RUNS = 5;
const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures', 'golden');

interface Measurement {
	seconds: number;
	ticks: number;
	events: number;
}

function fixtureText(folder: string, name: string): string {
	const path = join(FIXTURES, folder, name);
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return gunzipSync(readFileSync(`${path}.gz`)).toString('utf8');
	}
}

function measureOnce(config: ReturnType<typeof parseEngineConfig>, ticks: number): Measurement {
	const engine = createEngine(config);
	let events = 0;
	const sink = () => {
		events++;
	};
	const start = performance.now();
	for (let i = 0; i < ticks; i++) engine.tick(sink);
	return { seconds: (performance.now() - start) / 1000, ticks, events };
}

function seconds(value: number): string {
	return value < 1 ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(2)} s`;
}

export async function runEngineBench(): Promise<BenchResult[]> {
	const metrics: BenchResult[] = [];
	for (const { folder, original } of SCENARIOS) {
		const config = parseEngineConfig(JSON.parse(fixtureText(folder, 'config.json')));
		const ticks = (JSON.parse(fixtureText(folder, 'final.json')) as { ticks_requested: number })
			.ticks_requested;
		const cold = measureOnce(config, ticks);
		const runs = Array.from({ length: RUNS }, () => measureOnce(config, ticks));
		const time = median(runs.map((r) => r.seconds));
		const events = runs[0].events;
		const subject = `${folder}, ${ticks} ticks, ${events.toLocaleString('en')} events`;
		const found: BenchResult[] = [
			{
				name: 'engine time (tick loop only)',
				value: time * 1000,
				unit: 'ms',
				subject,
				runs: runs.map((r) => r.seconds * 1000)
			},
			{ name: 'engine time, first (cold) run', value: cold.seconds * 1000, unit: 'ms', subject },
			{ name: 'engine ticks/s', value: ticks / time, unit: 'ticks/s', subject },
			{ name: 'engine events/s', value: events / time, unit: 'events/s', subject }
		];
		let line = `${folder}: ${seconds(time)} median (cold ${seconds(cold.seconds)}), ${Math.round(ticks / time).toLocaleString('en')} ticks/s, ${Math.round(events / time).toLocaleString('en')} events/s`;
		if (original !== undefined) {
			const range =
				original.fastest === original.slowest
					? `${original.fastest} s`
					: `${original.fastest}–${original.slowest} s`;
			const ratio = original.fastest / time;
			found.push({
				name: 'speed-up over the original (engine time)',
				value: ratio,
				unit: '×',
				subject: `${folder}: original ${range}, here ${seconds(time)}`
			});
			line += `; original ${range} → ${Math.round(ratio).toLocaleString('en')}× faster`;
		}
		console.log(line);
		metrics.push(...found);
	}
	return metrics;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runEngineBench();
