/**
 * npm run bench: every performance figure of the project as one table, with the machine it was
 * measured on. Values are medians of several runs; the individual runs are listed beside them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromiumVersion, runBrowserBench } from './browser.bench';
import { runEngineBench } from './engine.bench';
import { runExperimentsBench } from './experiments.bench';
import { runPersistenceBench } from './persistence.bench';
import { runPolicyBench } from './policy.bench';
import { runReplayBench } from './replay.bench';
import type { BenchResult } from './stats';

interface Section {
	title: string;
	run: () => Promise<BenchResult[]>;
}

const SECTIONS: Section[] = [
	{ title: 'Engine (Node)', run: runEngineBench },
	{ title: 'Policy evaluation (Node)', run: runPolicyBench },
	{ title: 'Experiments (Node and Chromium)', run: runExperimentsBench },
	{ title: 'Persistence, FULL level (Node and Chromium)', run: runPersistenceBench },
	{ title: 'Replay page (Chromium)', run: runReplayBench },
	{ title: 'Browser (headless Chromium)', run: runBrowserBench }
];

function format(value: number, unit: string): string {
	if (unit === 'bytes') return `${(value / 1e6).toFixed(2)} MB`;
	if (unit === 'ms')
		return value < 100 ? `${value.toFixed(2)} ms` : `${Math.round(value).toLocaleString('en')} ms`;
	return `${Math.round(value).toLocaleString('en')} ${unit}`;
}

const lines: string[] = [];
const out = (line: string) => {
	lines.push(line);
	console.log(line);
};

const cpu = cpus();
out(`# SimCash Notebook benchmarks — ${new Date().toISOString()}`);
out('');
out(
	`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; Chromium ${await chromiumVersion()}`
);
for (const section of SECTIONS) {
	const results = await section.run();
	out('');
	out(`## ${section.title}`);
	out('');
	out('| figure | value | measured on | runs |');
	out('|---|---:|---|---|');
	for (const r of results) {
		const runs = r.runs ? r.runs.map((v) => format(v, r.unit)).join(', ') : '';
		out(`| ${r.name} | ${format(r.value, r.unit)} | ${r.subject ?? ''} | ${runs} |`);
	}
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.md', `${lines.join('\n')}\n`);
