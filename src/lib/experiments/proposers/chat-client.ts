/**
 * A client for OpenAI-compatible chat-completions endpoints (OpenAI, the compatibility endpoints of other
 * hosted services, llama.cpp, vLLM, Ollama …): one system and one user message per request, no streaming,
 * no tools. It runs wherever `fetch` does (browsers, Node 20). The API key goes into the Authorization
 * header only; error messages never contain it.
 */

export interface ChatSettings {
	/** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8080/v1`; `/chat/completions` is appended. */
	baseUrl: string;
	model: string;
	/** Empty for local servers that need none. */
	apiKey: string;
	temperature: number;
	maxTokens: number;
	timeoutMs: number;
	reasoningEffort: 'low' | 'medium' | 'high' | null;
}

export interface ChatReply {
	text: string;
	/** As reported by the server, if it did. */
	promptTokens: number | null;
	completionTokens: number | null;
}

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** A failed request: transport, HTTP status, timeout or an unreadable reply. */
export class ChatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ChatError';
	}
}

const BODY_EXCERPT = 300;

/** Removes every occurrence of the key from text that is going to be kept. */
export function redact(text: string, apiKey: string): string {
	return apiKey.length === 0 ? text : text.split(apiKey).join('[redacted]');
}

function endpoint(baseUrl: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

function readReply(body: unknown): ChatReply {
	const choices = (body as { choices?: unknown })?.choices;
	const message = Array.isArray(choices)
		? (choices[0] as { message?: { content?: unknown } })?.message
		: undefined;
	const content = message?.content;
	if (typeof content !== 'string') throw new ChatError('the reply has no choices[0].message.content text');
	const usage = (body as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
	return {
		text: content,
		promptTokens: typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : null,
		completionTokens: typeof usage?.completion_tokens === 'number' ? usage.completion_tokens : null
	};
}

export interface ChatClient {
	complete(system: string, user: string, signal?: AbortSignal): Promise<ChatReply>;
}

export function createChatClient(
	settings: ChatSettings,
	fetchImpl: FetchFunction = (url, init) => fetch(url, init)
) {
	const client: ChatClient = {
		async complete(system, user, signal) {
			const timeout = new AbortController();
			const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
			const abortWithCaller = () => timeout.abort();
			signal?.addEventListener('abort', abortWithCaller, { once: true });
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (settings.apiKey !== '') headers.authorization = `Bearer ${settings.apiKey}`;
			const body: Record<string, unknown> = {
				model: settings.model,
				messages: [
					{ role: 'system', content: system },
					{ role: 'user', content: user }
				],
				temperature: settings.temperature,
				max_tokens: settings.maxTokens
			};
			if (settings.reasoningEffort !== null) body.reasoning_effort = settings.reasoningEffort;
			try {
				const response = await fetchImpl(endpoint(settings.baseUrl), {
					method: 'POST',
					headers,
					body: JSON.stringify(body),
					signal: timeout.signal
				});
				const text = await response.text();
				if (!response.ok) {
					const excerpt = text.length > BODY_EXCERPT ? `${text.slice(0, BODY_EXCERPT)}…` : text;
					throw new ChatError(`HTTP ${response.status}: ${redact(excerpt, settings.apiKey)}`);
				}
				let parsed: unknown;
				try {
					parsed = JSON.parse(text);
				} catch {
					throw new ChatError('the reply is not JSON');
				}
				return readReply(parsed);
			} catch (error) {
				if (error instanceof ChatError) throw error;
				if (signal?.aborted) throw new ChatError('request cancelled');
				if (timeout.signal.aborted) throw new ChatError(`no reply within ${settings.timeoutMs / 1000} s`);
				throw new ChatError(
					`request failed: ${redact(error instanceof Error ? error.message : String(error), settings.apiKey)}`
				);
			} finally {
				clearTimeout(timer);
				signal?.removeEventListener('abort', abortWithCaller);
			}
		}
	};
	return client;
}
