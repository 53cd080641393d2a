/**
 * The `llm` proposer against a chat-completions server started here on 127.0.0.1 with scripted replies:
 * invalid JSON, out-of-bounds parameters, disallowed actions and fields, an HTTP 500, a timeout and valid
 * policies. Checks the retries and what each retry is told, the validation errors, the acceptance
 * decisions, what the recorder receives, and that the API key goes to the server and nowhere else.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createProposer,
	MemoryRecorder,
	runExperiment,
	type LlmAttempt,
	type ProposalRecord
} from '../../../src/lib/experiments';
import { CASTRO, FIXED_CLOCK, fixtureText, fraction, load } from './helpers';

const API_KEY = 'sk-test-0123456789-do-not-store';

type Reply = { content: string } | { status: number; body: string } | { hangMs: number };

interface Received {
	authorization: string | undefined;
	body: {
		model: string;
		temperature: number;
		max_tokens: number;
		messages: { role: string; content: string }[];
	};
}

const script: Reply[] = [];
const received: Received[] = [];
let server: Server;
let baseUrl: string;

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		let text = '';
		request.on('data', (chunk) => (text += chunk));
		request.on('end', () => resolve(text));
	});
}

beforeAll(async () => {
	server = createServer(async (request, response) => {
		const body = await readBody(request);
		received.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
		const reply = script.shift() ?? { status: 503, body: 'script exhausted' };
		if ('hangMs' in reply) {
			const timer = setTimeout(() => response.end(), reply.hangMs);
			response.on('close', () => clearTimeout(timer));
			return;
		}
		if ('status' in reply) {
			response.writeHead(reply.status, { 'content-type': 'text/plain' });
			response.end(reply.body);
			return;
		}
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(
			JSON.stringify({
				id: 'chatcmpl-test',
				object: 'chat.completion',
				choices: [
					{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }
				],
				usage: { prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050 }
			})
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function policyReply(value: number, extra: Record<string, unknown> = {}): Reply {
	const policy = {
		parameters: { initial_liquidity_fraction: value },
		payment_tree: { type: 'action', action: 'Release' },
		bank_tree: { type: 'action', node_id: 'bank', action: 'NoAction' },
		...extra
	};
	return { content: `Here is my policy:\n\n\`\`\`json\n${JSON.stringify(policy, null, 2)}\n\`\`\`\n` };
}

async function llmExperiment(timeoutSeconds: number, maxIterations: number) {
	const text = `${fixtureText(CASTRO.exp1)}
optimizer:
  kind: llm
  base_url: ${baseUrl}
  model: scripted-model
  timeout_seconds: ${timeoutSeconds}
  max_tokens: 2000
`;
	const loaded = await load(CASTRO.exp1, { text, maxIterations });
	return { ...loaded, proposer: createProposer(loaded.experiment.optimizer, { apiKey: API_KEY }) };
}

function attemptsOf(proposal: ProposalRecord): LlmAttempt[] {
	return proposal.audit?.kind === 'llm' ? proposal.audit.attempts : [];
}

describe('the llm proposer against a scripted chat-completions server', () => {
	it('retries, validates, and hands valid candidates to the unchanged acceptance rule', async () => {
		script.length = 0;
		received.length = 0;
		script.push(
			// Iteration 1, BANK_A: unreadable, then out of bounds, then valid (0.0, without ids to fill in).
			{ content: 'Let me think. ```json\n{"parameters": {"initial_liquidity_fraction": 0.1,}\n```' },
			policyReply(1.5),
			policyReply(0),
			// Iteration 1, BANK_B: HTTP 500, a timeout, then valid (0.3).
			{ status: 500, body: 'internal error' },
			{ hangMs: 3000 },
			policyReply(0.3),
			// Iteration 2: BANK_A proposes a dearer policy; BANK_B a disallowed action, then field, then 0.2.
			policyReply(0.1),
			policyReply(0.2, { payment_tree: { type: 'action', node_id: 'p', action: 'Split' } }),
			policyReply(0.2, {
				payment_tree: {
					type: 'condition',
					node_id: 'c',
					condition: { op: '>', left: { field: 'queue_age' }, right: { value: 1 } },
					on_true: { type: 'action', node_id: 'r', action: 'Release' },
					on_false: { type: 'action', node_id: 'h', action: 'Hold' }
				}
			}),
			policyReply(0.2),
			// Iteration 3: BANK_A never gets it right; BANK_B offers what it already has (a tie).
			{ content: '[]' },
			{ content: 'I would rather not answer in JSON.' },
			{ status: 500, body: 'still broken' },
			policyReply(0.2)
		);
		const { experiment, scenario, text, proposer } = await llmExperiment(0.3, 4);
		const recorder = new MemoryRecorder();
		const result = await runExperiment({
			experiment,
			scenario,
			experimentText: text,
			proposer,
			recorder,
			experimentId: 'exp1-llm',
			now: FIXED_CLOCK
		});

		expect(script).toEqual([]);
		expect(received).toHaveLength(14);
		for (const request of received) {
			expect(request.authorization).toBe(`Bearer ${API_KEY}`);
			expect(request.body).toMatchObject({ model: 'scripted-model', temperature: 0.5, max_tokens: 2000 });
			expect(request.body.messages.map((m) => m.role)).toEqual(['system', 'user']);
		}

		expect(
			recorder.proposals.map((p) => [p.iteration, p.agentId, p.decision.kind, attemptsOf(p).length])
		).toEqual([
			[0, 'BANK_A', 'accepted', 3],
			[0, 'BANK_B', 'accepted', 3],
			[1, 'BANK_A', 'rejected', 1],
			[1, 'BANK_B', 'accepted', 3],
			[2, 'BANK_A', 'no-candidate', 3],
			[2, 'BANK_B', 'rejected', 1]
		]);

		const [a0, b0, a1, b1, a2, b2] = recorder.proposals;
		expect(attemptsOf(a0).map((attempt) => attempt.errors)).toEqual([
			[expect.stringMatching(/^Failed to parse policy JSON: /)],
			["Parameter 'initial_liquidity_fraction' value 1.5 above max 1"],
			[]
		]);
		expect(attemptsOf(b0).map((attempt) => attempt.errors)).toEqual([
			['LLM error: HTTP 500: internal error'],
			['LLM error: no reply within 0.3 s'],
			[]
		]);
		expect(attemptsOf(b1).map((attempt) => attempt.errors)).toEqual([
			["Invalid action 'Split' for payment_tree. Allowed: [Release, Hold]"],
			['Unknown field: queue_age. Allowed: [system_tick_in_day, balance, ticks_to_deadline]'],
			[]
		]);
		expect(a2.decision).toEqual({
			kind: 'no-candidate',
			reason: 'no valid policy after 3 attempts',
			errors: ['LLM error: HTTP 500: still broken']
		});
		expect(attemptsOf(a2).map((attempt) => attempt.errors[0])).toEqual([
			'Failed to parse policy JSON: the reply is not a JSON object',
			expect.stringMatching(/^Failed to parse policy JSON: /),
			'LLM error: HTTP 500: still broken'
		]);

		// Each retry is told what was wrong with the attempt before it.
		const userPrompts = received.map((request) => request.body.messages[1].content);
		expect(userPrompts[0]).not.toContain('VALIDATION ERROR');
		expect(userPrompts[1]).toMatch(/## VALIDATION ERROR - PLEASE FIX[\s\S]*Failed to parse policy JSON/);
		expect(userPrompts[2]).toContain('value 1.5 above max 1');
		expect(userPrompts[4]).toContain('LLM error: HTTP 500: internal error');
		expect(userPrompts[5]).toContain('LLM error: no reply within 0.3 s');
		expect(userPrompts[6]).toContain('POLICY OPTIMIZATION CONTEXT - BANK_A - ITERATION 2');

		// The accepted candidates were completed (version, id, node ids) and compared on the same seed.
		const accepted = a0.decision.kind === 'accepted' ? a0.decision : null;
		expect(accepted?.policy).toMatchObject({
			version: '2.0',
			policy_id: expect.stringMatching(/^llm_policy_[0-9a-f]{8}$/),
			payment_tree: { type: 'action', node_id: 'payment_node_0', action: 'Release' }
		});
		expect(accepted?.comparison).toMatchObject({ oldCost: 5000, newCost: 0, deltaSum: 5000 });
		expect(b0.decision.kind === 'accepted' && b0.decision.comparison).toMatchObject({
			oldCost: 5000,
			newCost: 3000
		});
		expect(a1.decision.kind === 'rejected' && a1.decision.comparison).toMatchObject({
			oldCost: 0,
			newCost: 1000
		});
		expect(b1.decision.kind === 'accepted' && b1.decision.comparison).toMatchObject({
			oldCost: 3000,
			newCost: 2000
		});
		expect(b2.decision.kind === 'rejected' && b2.decision.comparison).toMatchObject({
			deltaSum: 0,
			reason: 'cost_not_improved'
		});
		const firstAttempt = attemptsOf(a0)[2];
		expect(firstAttempt).toMatchObject({ promptTokens: 1000, completionTokens: 50, tokensEstimated: false });
		expect(a0.audit).toMatchObject({ kind: 'llm', model: 'scripted-model', baseUrl });

		expect(result).toMatchObject({
			status: 'completed',
			iterations: 4,
			converged: false,
			convergenceReason: 'Max iterations reached (4)',
			finalCost: 2000
		});
		expect(fraction(result.perAgent.BANK_A.policy)).toBe(0);
		expect(fraction(result.perAgent.BANK_B.policy)).toBe(0.2);
		expect(recorder.start?.proposerLabel).toBe('llm:scripted-model');

		// The system prompt carries the constraints, the scenario's rates and the customization.
		const system = received[0].body.messages[0].content;
		expect(system).toContain('`initial_liquidity_fraction` (float, from 0 to 1)');
		expect(system).toContain('liquidity_cost_per_tick_bps = 500');
		expect(system).toContain('This scenario tests a fundamental tradeoff in payment systems');
		expect(system).toMatch(/`payment_tree`:\n {2}- Release: /);

		// The key reached the server and appears in nothing recorded.
		expect(JSON.stringify(recorder.calls)).not.toContain(API_KEY);
		expect(JSON.stringify(result)).not.toContain(API_KEY);
	});

	it('stops the experiment when cancelled while a request is pending', async () => {
		script.length = 0;
		received.length = 0;
		script.push({ hangMs: 5000 });
		const { experiment, scenario, proposer } = await llmExperiment(10, 3);
		const controller = new AbortController();
		const recorder = new MemoryRecorder();
		setTimeout(() => controller.abort(), 200);
		const started = performance.now();
		const result = await runExperiment({
			experiment,
			scenario,
			proposer,
			recorder,
			signal: controller.signal
		});
		expect(performance.now() - started).toBeLessThan(3000);
		expect(result.status).toBe('cancelled');
		expect(recorder.proposals).toEqual([]);
		expect(recorder.finish?.status).toBe('cancelled');
	});
});
