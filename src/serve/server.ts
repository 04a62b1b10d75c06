// `collabscope serve`: the local dashboard (Hono on Node's http server). The page and its script are
// served from here, the charts' Vega runtime from node_modules: nothing comes from the network.
// Binds to 127.0.0.1 unless told otherwise, and then also refuses requests whose Host header is not
// a loopback name (a web page elsewhere cannot reach it through DNS rebinding).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Hono, type Context } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import { CollabscopeError } from '../errors.js';
import { affiliationCountry, authorCountries, countedAffiliations, paperCountries, paperHasPair, paperInScope, unattributedAffiliations } from '../definitions.js';
import { vegaSpec } from '../report/charts/render.js';
import type { Run } from '../report/build.js';
import { DashboardData } from './state.js';
import { parseQuery, QueryError, type Query } from './query.js';
import { escapeTerminal } from '../report/terminal.js';
import { dashboardPage, DASHBOARD_CSS } from './page.js';
import { clientScript } from './client.js';

import { DEFAULT_HOST, DEFAULT_PORT } from '../defaults.js';
export { DEFAULT_HOST, DEFAULT_PORT };

const SECURITY_HEADERS: Record<string, string> = {
  // Vega compiles its expressions with Function(), hence 'unsafe-eval'; no inline script is allowed.
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface AppOptions {
  /** Shown in the page and /api/meta. */
  source: string;
  /** Accept any Host header (when bound to a non-loopback address on purpose). */
  anyHost?: boolean;
}

export function createApp(run: Run, options: AppOptions): Hono {
  const data = new DashboardData(run, options.source);
  const app = new Hono();
  const vegaScript = lazy(() => readFileSync(vegaBuild(), 'utf8'));
  const script = lazy(() => clientScript());

  app.use('*', async (c, next) => {
    if (!options.anyHost) {
      const host = (c.req.header('host') ?? '').replace(/:\d+$/, '');
      if (!LOOPBACK_HOSTS.has(host)) return c.text('forbidden host', 403);
    }
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  });

  app.onError((error, c) => {
    if (error instanceof QueryError) return c.json({ error: error.message }, 400);
    const detail = error instanceof Error ? (process.env.COLLABSCOPE_DEBUG ? (error.stack ?? error.message) : error.message.split('\n')[0]) : String(error);
    process.stderr.write(`collabscope serve: internal error: ${escapeTerminal(detail)}\n`);
    return c.json({ error: 'internal error' }, 500);
  });

  const query = (c: Context): Query => parseQuery(new URL(c.req.url).searchParams, data.defaults);

  app.get('/', (c) => c.html(dashboardPage(data.meta)));
  app.get('/static/dashboard.js', (c) => c.body(script(), 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.get('/static/dashboard.css', (c) => c.body(DASHBOARD_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.get('/static/vega.min.js', (c) => c.body(vegaScript(), 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }));

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/api', (c) =>
    c.json({
      endpoints: {
        '/api/meta': 'the run: venues, years, fields, sectors, institutions, default pair and definitions',
        '/api/summary': 'summary.json recomputed for the filters, pair and definitions',
        '/api/charts': 'the charts (Vega specs), captions and their numbers, for the same parameters',
        '/api/sensitivity': 'the definition-sensitivity table for the same parameters',
        '/api/papers': 'the papers behind a number: filters plus has, scope, primaryField, sideInstitution, institutionNode, pairSectors, technology, country; limit, offset',
        '/api/papers/:id': 'one paper: authors, raw affiliation strings, and how each resolved, under the definitions',
      },
      parameters: 'venue, year, field, sector, institution, pair, chinaScope, multinational, dualAffiliation, affiliations, tracks, authors, unlocated, denominator',
    }),
  );
  app.get('/api/meta', (c) => c.json(data.meta));
  app.get('/api/summary', (c) => c.json(data.view(query(c)).summary));
  app.get('/api/sensitivity', (c) => c.json(data.view(query(c)).summary.sensitivity));
  app.get('/api/charts', (c) => {
    const q = query(c);
    const view = data.view(q);
    const s = view.summary;
    return c.json({
      label: view.label,
      pair: q.pair,
      definitions: q.definitions,
      filters: q.filters,
      headline: {
        papers: s.papers,
        papersInScope: s.papersInScope,
        pairPapers: s.counting.full.pair.count,
        share: s.counting.full.pair.share,
        ci95: s.counting.full.pair.ci95,
        unresolved: s.unresolved,
        coverage: s.coverage.total,
      },
      charts: view.charts.map((chart) => ({ id: chart.id, title: chart.title, caption: chart.caption, table: chart.table, vega: vegaSpec(chart) })),
    });
  });
  app.get('/api/papers', (c) => {
    const q = query(c);
    const { total, papers } = data.papers(q);
    return c.json({
      total,
      offset: q.offset,
      limit: q.limit,
      papers: papers.map((p) => ({ id: p.id, title: p.title, venue: p.venue, year: p.year, track: p.track, countries: p.countries, fields: p.fields })),
    });
  });
  app.get('/api/papers/:id{.+}', (c) => {
    const q = query(c);
    const id = c.req.param('id');
    const paper = data.paper(id);
    if (!paper) return c.json({ error: `no paper with id "${id}"` }, 404);
    const { definitions, pair } = q;
    return c.json({
      pair,
      definitions,
      paper: { ...paper, countries: paperCountries(paper, definitions) },
      inScope: paperInScope(paper, definitions),
      isPair: paperHasPair(paper, pair, definitions),
      authors: paper.authors.map((author) => {
        const counted = new Set(countedAffiliations(author, definitions));
        const countries = authorCountries(author, definitions);
        return {
          name: author.name,
          emailDomain: author.emailDomain ?? null,
          countries,
          dual: countries.includes(pair[0]) && countries.includes(pair[1]),
          affiliations: author.affiliations.map((a) => ({ ...a, counted: counted.has(a), countsFor: counted.has(a) ? affiliationCountry(a, definitions) : null })),
        };
      }),
      unattributed: (() => {
        // they count all together or not at all (unattributedAffiliations)
        const counts = unattributedAffiliations(paper, definitions).length > 0;
        return (paper.unattributed ?? []).map((a) => ({ ...a, counted: counts, countsFor: counts ? affiliationCountry(a, definitions) : null }));
      })(),
    });
  });
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${new URL(c.req.url).pathname}` }, 404));
  app.notFound((c) => c.text('not found', 404));
  return app;
}

export interface StartOptions {
  port?: number;
  host?: string;
  source: string;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Listens; a port in use (or not allowed) becomes a one-line CollabscopeError. */
export async function startServer(run: Run, options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const app = createApp(run, { source: options.source, anyHost: !LOOPBACK_HOSTS.has(host) });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new CollabscopeError('E_BAD_ARGUMENT', `port ${port} on ${host} is in use; choose another with --port`));
      else if (error.code === 'EACCES') reject(new CollabscopeError('E_BAD_ARGUMENT', `not allowed to listen on port ${port} of ${host}; choose a port above 1023`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new CollabscopeError('E_BAD_ARGUMENT', `cannot listen on host ${host}: no such local address`));
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${actual}/`,
    port: actual,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Vega's browser build, found from the package's entry point (its exports map hides the file). */
function vegaBuild(): string {
  const entry = fileURLToPath(import.meta.resolve('vega'));
  return join(dirname(entry), 'vega.min.js');
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
