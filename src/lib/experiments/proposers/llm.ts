/**
 * The `llm` proposer: asks a chat-completions model for a policy, up to `max_retries` attempts per agent and
 * iteration (spec §11.3). Each attempt is one independent request; from the second on, the user prompt
 * lists the previous attempt's errors (transport, parsing or validation). A reply is used only if it
 * parses and passes every constraint and the policy language's validation. Every attempt is audited —
 * prompts, reply, errors, tokens, latency — but never the key.
 */
import { ExperimentCancelled } from '../cancellation';
import { customizationFor, type OptimizerSettings } from '../experiment-config';
import type { LlmAttempt } from '../recorder';
import { validateCandidate } from './candidate-validation';
import { ChatError, createChatClient, redact, type FetchFunction } from './chat-client';
import { agentTrace } from './event-trace';
import { buildSystemPrompt, buildUserPrompt, type UserPromptTraces } from './prompts';
import type { PolicyProposer, ProposalOutcome, ProposalRequest } from './proposer';
import { parseReply } from './response-parsing';

export type LlmOptimizerSettings = Extract<OptimizerSettings, { kind: 'llm' }>;

export interface LlmProposerOptions {
	settings: LlmOptimizerSettings;
	/** From the browser's local storage or an environment variable; may be empty for local servers. */
	apiKey: string;
	fetch?: FetchFunction;
}

function wordCount(text: string): number {
	const trimmed = text.trim();
	return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

async function tracesFor(request: ProposalRequest): Promise<UserPromptTraces> {
	const { best, worst } = request.evaluation;
	const bestTrace = agentTrace(await request.trace(best.seed), request.agentId);
	const worstTrace =
		worst.seed === best.seed ? bestTrace : agentTrace(await request.trace(worst.seed), request.agentId);
	return { best: bestTrace, worst: worstTrace };
}

export function createLlmProposer(options: LlmProposerOptions): PolicyProposer {
	const { settings, apiKey } = options;
	const client = createChatClient(
		{
			baseUrl: settings.baseUrl,
			model: settings.model,
			apiKey,
			temperature: settings.temperature,
			maxTokens: settings.maxTokens,
			timeoutMs: settings.timeoutSeconds * 1000,
			reasoningEffort: settings.reasoningEffort
		},
		options.fetch
	);
	const label = `llm:${settings.model}`;
	return {
		kind: 'llm',
		label,
		async propose(request: ProposalRequest): Promise<ProposalOutcome> {
			const system = buildSystemPrompt(
				request.constraints,
				request.costRates,
				customizationFor(request.experiment, request.agentId)
			);
			const traces = await tracesFor(request);
			const attempts: LlmAttempt[] = [];
			const audit = () => ({
				kind: 'llm' as const,
				model: settings.model,
				baseUrl: settings.baseUrl,
				attempts
			});
			let errors: string[] = [];
			for (let attempt = 1; attempt <= settings.maxRetries; attempt++) {
				const user = buildUserPrompt(request, traces, errors);
				const started = performance.now();
				const record: LlmAttempt = {
					attempt,
					systemPrompt: system,
					userPrompt: user,
					rawResponse: null,
					parsedPolicy: null,
					errors: [],
					promptTokens: wordCount(system) + wordCount(user),
					completionTokens: 0,
					tokensEstimated: true,
					latencyMs: 0
				};
				attempts.push(record);
				try {
					const reply = await client.complete(system, user, request.signal);
					record.rawResponse = redact(reply.text, apiKey);
					if (reply.promptTokens !== null && reply.completionTokens !== null) {
						record.promptTokens = reply.promptTokens;
						record.completionTokens = reply.completionTokens;
						record.tokensEstimated = false;
					} else {
						record.completionTokens = wordCount(reply.text);
					}
				} catch (error) {
					record.latencyMs = performance.now() - started;
					if (request.signal?.aborted) throw new ExperimentCancelled();
					if (!(error instanceof ChatError)) throw error;
					errors = [`LLM error: ${error.message}`];
					record.errors = errors;
					continue;
				}
				record.latencyMs = performance.now() - started;
				const parsed = parseReply(record.rawResponse);
				if (!parsed.ok) {
					errors = [parsed.error];
					record.errors = errors;
					continue;
				}
				record.parsedPolicy = parsed.policy;
				errors = validateCandidate(parsed.policy, request.constraints);
				record.errors = errors;
				if (errors.length === 0) return { kind: 'candidate', policy: parsed.policy, audit: audit() };
			}
			return {
				kind: 'none',
				reason: `no valid policy after ${settings.maxRetries} attempt${settings.maxRetries === 1 ? '' : 's'}`,
				errors,
				audit: audit()
			};
		}
	};
}
