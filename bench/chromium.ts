/** Headless Debian Chromium and a static server for the built site, shared by the browser benchmarks. */
import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';

/** Without the background-networking flags Chromium floods the closed network of these machines. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Serves build/ on 127.0.0.1:<port>; resolves once the server listens. */
export function serveBuild(port: number): Promise<ChildProcess> {
	const server = spawn('node', ['scripts/serve.mjs', '--root', 'build', '--port', String(port)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve, reject) => {
		server.stdout!.once('data', () => resolve(server));
		server.once('error', reject);
	});
}
