/**
 * Engine benchmark: engine time (median of 5 runs after one warm-up), ticks/s and events/s for golden
 * scenarios, in Node. Engine time covers the tick loop only (events go to a counting sink; engine
 * construction and serialisation excluded), as in the golden README's timings.
 *
 *   npx tsx bench/engine.bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine, parseEngineConfig } from '../src/lib/engine';
import { median, type BenchResult } from './stats';

const SCENARIOS = ['suboptimal_policies_10day__seed42', 'exp2_12period__seed42'];
const RUNS = 5;
const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures', 'golden');

interface Measurement {
	seconds: number;
	ticks: number;
	events: number;
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

export async function runEngineBench(): Promise<BenchResult[]> {
	const metrics: BenchResult[] = [];
	for (const scenario of SCENARIOS) {
		const dir = join(FIXTURES, scenario);
		const config = parseEngineConfig(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
		const ticks = (JSON.parse(readFileSync(join(dir, 'final.json'), 'utf8')) as { ticks_requested: number })
			.ticks_requested;
		measureOnce(config, ticks);
		const runs = Array.from({ length: RUNS }, () => measureOnce(config, ticks));
		const seconds = median(runs.map((r) => r.seconds));
		const events = runs[0].events;
		const subject = `${scenario}, ${ticks} ticks, ${events.toLocaleString('en')} events`;
		const found: BenchResult[] = [
			{
				name: 'engine time (tick loop only)',
				value: seconds * 1000,
				unit: 'ms',
				subject,
				runs: runs.map((r) => r.seconds * 1000)
			},
			{ name: 'engine ticks/s', value: ticks / seconds, unit: 'ticks/s', subject },
			{ name: 'engine events/s', value: events / seconds, unit: 'events/s', subject }
		];
		for (const m of found) console.log(`${m.name}: ${m.value.toPrecision(4)} ${m.unit}`);
		metrics.push(...found);
	}
	return metrics;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runEngineBench();
