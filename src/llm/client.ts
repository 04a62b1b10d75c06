// A small client for OpenAI-compatible chat-completions endpoints (OpenAI, llama.cpp, Ollama, vLLM).
import { CollabscopeError } from '../errors.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Attempts for 429, 5xx and network errors, with exponential backoff. */
  maxAttempts?: number;
  /** Injected for tests: how to wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ChatAnswer {
  content: string;
  promptTokens: number;
  completionTokens: number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.COLLABSCOPE_LLM_KEY || env.OPENAI_API_KEY || undefined;
}

export async function chatCompletion(endpoint: LlmEndpoint, messages: ChatMessage[]): Promise<ChatAnswer> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const maxAttempts = endpoint.maxAttempts ?? 4;
  const sleep = endpoint.sleep ?? wait;
  let lastProblem = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
        body: JSON.stringify({ model: endpoint.model, messages, temperature: 0, response_format: { type: 'json_object' } }),
        signal: AbortSignal.timeout(endpoint.timeoutMs ?? 60_000),
      });
    } catch (error) {
      lastProblem = (error as Error).name === 'TimeoutError' ? 'timed out' : `cannot reach ${new URL(url).host} (${(error as Error).message})`;
      if (attempt < maxAttempts) await sleep(backoffMs(attempt));
      continue;
    }
    if (response.ok) return parseAnswer(await response.text());
    lastProblem = `HTTP ${response.status}`;
    if (response.status !== 429 && response.status < 500) {
      throw new CollabscopeError('E_HTTP', `LLM endpoint ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    }
    if (attempt < maxAttempts) await sleep(retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt));
  }
  throw new CollabscopeError('E_NETWORK', `LLM endpoint ${url}: ${lastProblem} after ${maxAttempts} attempts`);
}

function parseAnswer(body: string): ChatAnswer {
  try {
    const json = JSON.parse(body) as { choices?: Array<{ message?: { content?: string } }>; usage?: { prompt_tokens?: number; completion_tokens?: number } };
    const content = json.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('no choices[0].message.content');
    return { content, promptTokens: json.usage?.prompt_tokens ?? 0, completionTokens: json.usage?.completion_tokens ?? 0 };
  } catch (error) {
    throw new CollabscopeError('E_HTTP', `LLM endpoint answered something that is not a chat completion (${(error as Error).message})`);
  }
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
