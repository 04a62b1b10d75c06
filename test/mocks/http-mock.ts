// A local HTTP server for fetcher tests: node:http on 127.0.0.1, port 0 (nothing leaves the machine).
// Routes answer from fixtures; faults queued per path make the next answers fail the way real services
// do: 429 with Retry-After, a 5xx, a body cut off before its Content-Length, malformed JSON, a hang.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface MockAnswer {
  status?: number;
  /** A value sent as JSON, or raw bytes. */
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Send an ETag (a hash of the body) and answer 304 to a matching If-None-Match. */
  etag?: boolean;
  lastModified?: string;
}

export interface MockRequest {
  method: string;
  path: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Route = (request: MockRequest) => MockAnswer | null | Promise<MockAnswer | null>;

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'truncate' }
  | { kind: 'malformed' }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface MockServer {
  baseUrl: string;
  requests: MockRequest[];
  /** Queue faults for the next requests whose path (without query) starts with `pathPrefix`. */
  fail(pathPrefix: string, ...faults: Fault[]): void;
  /** Queue faults for the next requests that the predicate accepts (a page of a paged API...). */
  failWhen(match: (request: MockRequest) => boolean, ...faults: Fault[]): void;
  /** Requests to paths starting with the prefix. */
  hits(pathPrefix: string): MockRequest[];
  close(): Promise<void>;
}

export const faults = {
  tooMany: (retryAfter = '2'): Fault => ({ kind: 'status', status: 429, retryAfter }),
  serverError: (status = 500): Fault => ({ kind: 'status', status }),
  truncate: (): Fault => ({ kind: 'truncate' }),
  malformed: (): Fault => ({ kind: 'malformed' }),
  hang: (): Fault => ({ kind: 'hang' }),
  reset: (): Fault => ({ kind: 'reset' }),
};

function bodyOf(answer: MockAnswer): Buffer {
  if (answer.body !== undefined) return Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body);
  return Buffer.from(JSON.stringify(answer.json ?? null));
}

export async function startMockServer(route: Route): Promise<MockServer> {
  const requests: MockRequest[] = [];
  const queued: Array<{ match: (request: MockRequest) => boolean; fault: Fault }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: MockRequest = { method: req.method ?? 'GET', path: url.pathname, url, headers: req.headers, body };
    requests.push(request);
    const at = queued.findIndex((q) => q.match(request));
    const fault = at >= 0 ? queued.splice(at, 1)[0].fault : null;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
      res.end(JSON.stringify({ name: 'Error', message: fault.status === 429 ? 'Too many requests' : 'Internal server error' }));
      return;
    }
    if (fault?.kind === 'hang') return; // never answers; closed with the server
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const answer = await route(request);
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'NotFoundError', message: `no route for ${url.pathname}` }));
      return;
    }
    let payload = bodyOf(answer);
    const headers: Record<string, string> = { 'content-type': answer.json !== undefined ? 'application/json; charset=utf-8' : 'application/octet-stream', ...answer.headers };
    if (answer.etag) {
      const etag = `"${createHash('sha1').update(payload).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
    }
    if (answer.lastModified) {
      headers['last-modified'] = answer.lastModified;
      if (!answer.etag && req.headers['if-modified-since'] === answer.lastModified) {
        res.writeHead(304, { 'last-modified': answer.lastModified });
        res.end();
        return;
      }
    }
    if (fault?.kind === 'malformed') payload = payload.subarray(0, Math.max(1, payload.length - 7));
    if (fault?.kind === 'truncate') {
      // The header promises every byte; half arrive, then the connection drops.
      res.writeHead(answer.status ?? 200, { ...headers, 'content-length': String(payload.length) });
      res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => setTimeout(() => res.socket?.destroy(), 5));
      return;
    }
    res.writeHead(answer.status ?? 200, { ...headers, 'content-length': String(payload.length) });
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    fail(prefix, ...list) {
      for (const fault of list) queued.push({ match: (r) => r.path.startsWith(prefix), fault });
    },
    failWhen(match, ...list) {
      for (const fault of list) queued.push({ match, fault });
    },
    hits(prefix) {
      return requests.filter((r) => r.path.startsWith(prefix));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago: nothing listens there (for unreachable-host tests). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
