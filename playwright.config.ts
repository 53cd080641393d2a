import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4180);
/** The built site is served under a sub-path, to prove it works from any base path. */
export const BASE_URL = `http://127.0.0.1:${PORT}/app/`;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 120_000,
	expect: { timeout: 30_000 },
	// OPFS and Web Locks are per browser context; tests share one machine of two cores.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	reporter: [['list']],
	outputDir: 'test-results',
	use: {
		baseURL: BASE_URL,
		acceptDownloads: true,
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `node scripts/serve.mjs --root build --port ${PORT} --prefix /app/`,
		url: BASE_URL,
		reuseExistingServer: false,
		timeout: 30_000
	}
});
