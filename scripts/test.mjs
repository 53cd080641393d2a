#!/usr/bin/env node
// npm test: install what is missing, then type checks, lint, unit and parity tests (Vitest), a build,
// and the end-to-end tests (Playwright driving Debian's Chromium). Ends with one summary line.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { build, ensureChromium, ensureDependencies, run, runOrExit } from './setup.mjs';

ensureDependencies();
ensureChromium();
mkdirSync('test-reports', { recursive: true });

console.log('\n== Type checks');
runOrExit('npx', ['svelte-kit', 'sync']);
runOrExit('npx', [
	'svelte-check',
	'--tsconfig',
	'./tsconfig.json',
	'--fail-on-warnings',
	'--threshold',
	'warning'
]);

console.log('\n== Lint');
runOrExit('npx', ['eslint', '.']);
runOrExit('npx', ['prettier', '--check', '.', '--log-level', 'warn']);

console.log('\n== Unit and parity tests');
const unitStatus = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=test-reports/vitest.json'
]);

console.log('\n== Build');
build();

console.log('\n== End-to-end tests');
const e2eStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], {
	env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-reports/playwright.json' }
});

const counts = { passed: 0, failed: 0, skipped: 0 };
if (existsSync('test-reports/vitest.json')) {
	const report = JSON.parse(readFileSync('test-reports/vitest.json', 'utf8'));
	counts.passed += report.numPassedTests;
	counts.failed += report.numFailedTests;
	counts.skipped += report.numPendingTests + report.numTodoTests;
}
if (existsSync('test-reports/playwright.json')) {
	const stats = JSON.parse(readFileSync('test-reports/playwright.json', 'utf8')).stats;
	counts.passed += stats.expected + stats.flaky;
	counts.failed += stats.unexpected;
	counts.skipped += stats.skipped;
}
const failed = unitStatus !== 0 || e2eStatus !== 0 || counts.failed > 0;
if (failed && counts.failed === 0) counts.failed = 1;
console.log(
	`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
);
process.exit(failed ? 1 : 0);
