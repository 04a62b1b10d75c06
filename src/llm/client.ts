// A small client for OpenAI-compatible chat-completions endpoints (OpenAI, llama.cpp, Ollama, vLLM).
// Bounded: a deadline per request (headers and body), a cap on the answer's size, Retry-After honoured
// only up to a limit (beyond it that question fails with the reason), and no credential ever printed.
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
  /** Largest answer body accepted. Default 1 MiB (an answer is a few hundred bytes). */
  maxBodyBytes?: number;
  /** A longer Retry-After fails the question instead of waiting. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Injected for tests: how to wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ChatAnswer {
  content: string;
  promptTokens: number;
  completionTokens: number;
}

export const MAX_RETRY_AFTER_MS = 120_000;
export const MAX_ANSWER_BYTES = 1024 * 1024;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.COLLABSCOPE_LLM_KEY || env.OPENAI_API_KEY || undefined;
}

/**
 * The base URL without its user name and password, and the password (or user name) they carried:
 * credentials never reach a file or a message, and are sent as the bearer key instead.
 */
export function splitCredentials(baseUrl: string): { baseUrl: string; key?: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--llm-base-url must be an absolute URL such as http://127.0.0.1:11434/v1 (got "${redactUrl(baseUrl)}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--llm-base-url must be an http or https URL (got "${redactUrl(baseUrl)}")`);
  }
  const secret = url.password || url.username;
  url.username = '';
  url.password = '';
  return { baseUrl: url.toString().replace(/\/+$/, ''), ...(secret ? { key: decodeURIComponent(secret) } : {}) };
}

/** A URL fit to print: no user name, password, or credential query parameters. */
export function redactUrl(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1')
    .replace(/([?&](?:api[_-]?key|key|token|access_token|password|secret)=)[^&\s]*/gi, '$1REDACTED');
}

export async function chatCompletion(endpoint: LlmEndpoint, messages: ChatMessage[]): Promise<ChatAnswer> {
  const { baseUrl, key } = splitCredentials(endpoint.baseUrl);
  const apiKey = endpoint.apiKey ?? key;
  const url = `${baseUrl}/chat/completions`;
  const shown = redactUrl(url);
  const maxAttempts = endpoint.maxAttempts ?? 4;
  const maxRetryAfter = endpoint.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS;
  const sleep = endpoint.sleep ?? wait;
  let lastProblem = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const controller = new AbortController();
    const timeoutMs = endpoint.timeoutMs ?? 60_000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let retryAfter: number | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ model: endpoint.model, messages, temperature: 0, response_format: { type: 'json_object' } }),
        signal: controller.signal,
      });
      if (response.ok) return parseAnswer(await readCapped(response, endpoint.maxBodyBytes ?? MAX_ANSWER_BYTES, controller.signal));
      const detail = (await readCapped(response, 4096, controller.signal).catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
      lastProblem = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) {
        throw new CollabscopeError('E_HTTP', `LLM endpoint ${shown} answered ${response.status}: ${redactUrl(detail)}`);
      }
      retryAfter = retryAfterMs(response.headers.get('retry-after'));
      if (retryAfter !== null && retryAfter > maxRetryAfter) {
        throw new CollabscopeError('E_HTTP', `LLM endpoint ${shown} answered ${response.status} and asks to wait ${Math.ceil(retryAfter / 1000)} s, over the ${Math.round(maxRetryAfter / 1000)} s limit`);
      }
    } catch (error) {
      if (error instanceof CollabscopeError) throw error;
      lastProblem = controller.signal.aborted ? `timed out after ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}` : `cannot reach ${new URL(url).host} (${redactUrl(causeOf(error))})`;
    } finally {
      clearTimeout(timer);
    }
    if (attempt < maxAttempts) await sleep(retryAfter ?? backoffMs(attempt));
  }
  throw new CollabscopeError('E_NETWORK', `LLM endpoint ${shown}: ${lastProblem} after ${maxAttempts} attempts`);
}

/** The body as text, failing once it is over `max` bytes (the rest is never read). */
async function readCapped(response: Response, max: number, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body.cancel().catch(() => {});
    throw new CollabscopeError('E_TOO_LARGE', `LLM answer of ${declared} bytes, over the ${max}-byte limit`);
  }
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      if (signal.aborted) throw new Error('aborted');
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) throw new CollabscopeError('E_TOO_LARGE', `LLM answer over the ${max}-byte limit`);
      chunks.push(Buffer.from(value));
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

function parseAnswer(body: string): ChatAnswer {
  try {
    const json = JSON.parse(body) as { choices?: Array<{ message?: { content?: string } }>; usage?: { prompt_tokens?: number; completion_tokens?: number } };
    const content = json.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('no choices[0].message.content');
    const tokens = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0);
    return { content, promptTokens: tokens(json.usage?.prompt_tokens), completionTokens: tokens(json.usage?.completion_tokens) };
  } catch (error) {
    throw new CollabscopeError('E_HTTP', `LLM endpoint answered something that is not a chat completion (${(error as Error).message})`);
  }
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
}

/** Retry-After in ms (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
