// What `npm start`, `npm test` and `npm run bench` need before they can run, installed when missing:
// the npm dependencies and, for browser tests and benchmarks, Debian's Chromium (browser downloads
// are impossible on the machines this project runs on, so Playwright's own browsers are not used).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw result.error;
	return result.status ?? 1;
}

export function runOrExit(command, args, options = {}) {
	const status = run(command, args, options);
	if (status !== 0) {
		console.error(`\n${command} ${args.join(' ')} failed with exit code ${status}`);
		process.exit(status);
	}
}

/** Installs npm dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
	const installed = 'node_modules/.package-lock.json';
	const upToDate =
		existsSync(installed) &&
		existsSync('package-lock.json') &&
		statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs &&
		existsSync('node_modules/@duckdb/node-api') &&
		existsSync('node_modules/@playwright/test');
	if (upToDate) return;
	console.log('Installing npm dependencies…');
	// npm install, not npm ci: npm 11 leaves the optional per-platform DuckDB bindings out of the lock file,
	// which npm ci refuses; npm install still installs exactly the locked versions.
	runOrExit('npm', ['install', '--no-audit', '--no-fund']);
}

/** Installs Debian's chromium package when /usr/bin/chromium is absent. */
export function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	console.log('Installing Debian chromium (for the end-to-end tests)…');
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const sudo = asRoot ? [] : ['sudo'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const [cmd, ...pre] = asRoot ? ['apt-get'] : [...sudo, 'apt-get'];
	runOrExit(cmd, [...pre, 'update'], { env });
	runOrExit(cmd, [...pre, 'install', '-y', '--no-install-recommends', 'chromium'], { env });
	if (!existsSync(CHROMIUM)) {
		console.error(`apt-get finished but ${CHROMIUM} is still missing`);
		process.exit(1);
	}
}

/** Builds the static site into build/. */
export function build() {
	runOrExit('npx', ['svelte-kit', 'sync']);
	runOrExit('npx', ['vite', 'build', '--logLevel', 'warn']);
}
