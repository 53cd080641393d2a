/**
 * The LLM optimiser from the experiments page, in Chromium, against a local HTTP server that speaks the
 * chat-completions protocol (with the CORS headers a browser needs): the engine worker sends the
 * endpoint's key as a bearer token, retries after an HTTP 500 and after a reply without a policy,
 * stores every proposal, and the key is kept in this browser's local storage only — never in the
 * database file.
 */
import { expect, test } from '@playwright/test';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { NodeSqlDb } from '../../src/lib/store/duckdb-node';
import { TABLES } from '../../src/lib/store/schema';
import { collectPageErrors, openApp, sqlScalar } from './helpers';

const EXP1 = 'experiments/castro/experiments/exp1.yaml';
const API_KEY = 'sk-e2e-browser-5f4e3d2c1b0a';

interface Received {
	authorization: string | undefined;
	model: string;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => resolve(body));
	});
}

/** Replies in order: a server error, a reply without any JSON, then valid policies of fraction 0.2. */
function reply(index: number): { status: number; content: string } {
	if (index === 0) return { status: 500, content: 'upstream overloaded' };
	if (index === 1) return { status: 200, content: 'I would rather not say.' };
	const policy = {
		parameters: { initial_liquidity_fraction: 0.2 },
		payment_tree: { type: 'action', action: 'Release' }
	};
	return { status: 200, content: `\`\`\`json\n${JSON.stringify(policy)}\n\`\`\`` };
}

test.beforeAll(async () => {
	server = createServer(async (request, response) => {
		const cors = {
			'access-control-allow-origin': '*',
			'access-control-allow-headers': 'authorization, content-type',
			'access-control-allow-methods': 'POST, OPTIONS'
		};
		if (request.method === 'OPTIONS') {
			response.writeHead(204, cors);
			response.end();
			return;
		}
		const body = JSON.parse(await readBody(request)) as { model: string };
		const { status, content } = reply(received.length);
		received.push({ authorization: request.headers.authorization, model: body.model });
		if (status !== 200) {
			response.writeHead(status, { ...cors, 'content-type': 'text/plain' });
			response.end(content);
			return;
		}
		response.writeHead(200, { ...cors, 'content-type': 'application/json' });
		response.end(
			JSON.stringify({
				id: 'chatcmpl-e2e',
				object: 'chat.completion',
				choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
				usage: { prompt_tokens: 900, completion_tokens: 40, total_tokens: 940 }
			})
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('exp1 with the llm optimiser: retries, stored proposals, and the key only in this browser', async ({
	page
}, testInfo) => {
	test.setTimeout(180_000);
	const errors = collectPageErrors(page);
	await openApp(page);
	await page.goto('./experiments');
	await page.locator(`[data-testid="experiment-file"][data-file="${EXP1}"]`).click();
	await page.getByTestId('optimizer').selectOption('llm');
	await page.getByTestId('max-iterations').fill('3');
	await page.getByTestId('llm-base-url').fill(baseUrl);
	await page.getByTestId('llm-model').fill('scripted-model');
	await page.getByTestId('llm-api-key').fill(API_KEY);
	await page.screenshot({ path: testInfo.outputPath('experiment-llm-settings.png'), fullPage: true });
	await page.getByTestId('experiment-start').click();
	await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'completed', {
		timeout: 150_000
	});
	const view = page.getByTestId('experiment-view');
	const experimentId = (await view.getAttribute('data-experiment-id')) ?? '';
	expect(experimentId).toMatch(/^exp1-/);
	await page.screenshot({ path: testInfo.outputPath('experiment-llm-done.png'), fullPage: true });

	// Three iterations, of which the first two propose, for two agents: four proposals, the first of
	// which needed two retries.
	expect(received.length).toBe(6);
	expect(received.every((r) => r.authorization === `Bearer ${API_KEY}`)).toBe(true);
	expect(received.every((r) => r.model === 'scripted-model')).toBe(true);
	await expect(view.getByTestId('iteration-row')).toHaveCount(3);
	await expect(view.getByTestId('proposal')).toHaveCount(4);

	// The settings stay in this browser, for the next visit.
	expect(await page.evaluate(() => Object.values(localStorage))).toContain(API_KEY);

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
	const id = `'${experimentId}'`;
	expect(await sqlScalar(page, `SELECT count(*) FROM policy_evaluations WHERE experiment_id = ${id}`)).toBe(
		'4'
	);
	expect(
		await sqlScalar(
			page,
			`SELECT count(*) FROM experiment_events WHERE experiment_id = ${id} AND event_type = 'llm_interaction'`
		)
	).toBe('4');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('db-export').click()
	]);
	const path = testInfo.outputPath('llm.duckdb');
	await download.saveAs(path);
	// Every text column of every table, read back in Node: the model is there, the key nowhere.
	const db = await NodeSqlDb.open(path, { readOnly: true });
	const hits = async (text: string) => {
		let n = 0;
		for (const table of TABLES)
			for (const column of table.columns.filter((c) => c.type === 'VARCHAR')) {
				const result = await db.query(
					`SELECT count(*) FROM ${table.name} WHERE ${column.name} LIKE '%${text}%'`
				);
				n += Number(result.rows[0][0]);
			}
		return n;
	};
	try {
		expect(await hits('scripted-model')).toBeGreaterThan(0);
		expect(await hits(API_KEY)).toBe(0);
	} finally {
		await db.close();
	}
	expect(readFileSync(path).includes(Buffer.from(API_KEY))).toBe(false);
	expect(errors).toEqual([]);
});
