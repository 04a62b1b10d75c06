// A local stand-in for an OpenAI-compatible chat-completions server, answering from a script.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** The assistant message content (wrapped in a chat-completion body), or a raw body. */
  content?: string;
  rawBody?: string;
  delayMs?: number;
}

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  authorization?: string;
}

export interface MockLlm {
  baseUrl: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** `reply` decides each answer from the request and how many requests came before it. */
export async function startMockLlm(reply: (request: ChatRequest, index: number) => ScriptedReply): Promise<MockLlm> {
  const requests: ChatRequest[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const request = { ...(JSON.parse(body) as ChatRequest), authorization: req.headers.authorization };
    requests.push(request);
    const scripted = reply(request, requests.length - 1);
    if (scripted.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
    if (res.destroyed) return;
    const payload =
      scripted.rawBody ??
      JSON.stringify({
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        created: 0,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content: scripted.content ?? '{}' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
      });
    res.writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers }).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
