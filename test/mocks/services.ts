// Stand-ins for the real services, on 127.0.0.1, answering at the real paths with fixtures in the
// real formats (test/mocks/fixtures/): the NeurIPS virtual site, OpenReview API v2, OpenAlex,
// raw.githubusercontent.com for papercopilot/paperlists, and Zenodo's ror-data community.
import yazl from 'yazl';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startMockServer, type MockServer } from './http-mock.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const fixtureText = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
export const fixtureJson = <T = unknown>(name: string): T => JSON.parse(fixtureText(name)) as T;

const LAST_MODIFIED = 'Tue, 02 Dec 2025 08:00:00 GMT';

/** neurips.cc: 2025 is paged (next) with abstracts in a separate file; 2024 is one page, no abstracts file. */
export function startNeuripsMock(): Promise<MockServer> {
  return startMockServer(({ path, url }) => {
    if (path === '/static/virtual/data/neurips-2025-orals-posters.json') {
      const page2 = url.searchParams.get('page') === '2';
      return { body: fixtureText(page2 ? 'neurips-2025-orals-posters.page2.json' : 'neurips-2025-orals-posters.json'), headers: { 'content-type': 'application/json' }, etag: true, lastModified: LAST_MODIFIED };
    }
    if (path === '/static/virtual/data/neurips-2025-abstracts.json') return { body: fixtureText('neurips-2025-abstracts.json'), headers: { 'content-type': 'application/json' }, etag: true };
    if (path === '/static/virtual/data/neurips-2024-orals-posters.json') {
      return { body: readFileSync(join(import.meta.dirname, '..', 'sources', 'fixtures', 'neurips-2025-orals-posters.json')), headers: { 'content-type': 'application/json' }, lastModified: LAST_MODIFIED };
    }
    return null;
  });
}

interface Note {
  id: string;
  content: Record<string, { value: unknown }>;
}
interface Profile {
  id: string;
  content: { names: Array<{ username: string }> };
}

/** api2.openreview.net: /notes by content.venueid with limit/offset, /profiles?ids=, POST /login. */
export function startOpenReviewMock(options: { token?: string } = {}): Promise<MockServer> {
  const notes: Record<string, Note[]> = {
    'NeurIPS.cc/2025/Conference': fixtureJson<{ notes: Note[] }>('openreview-notes-neurips-2025-conference.json').notes,
    'NeurIPS.cc/2025/Datasets_and_Benchmarks_Track': fixtureJson<{ notes: Note[] }>('openreview-notes-neurips-2025-datasets.json').notes,
  };
  const profiles = fixtureJson<{ profiles: Profile[] }>('openreview-profiles.json').profiles;
  return startMockServer(({ method, path, url, headers, body }) => {
    if (method === 'POST' && path === '/login') {
      const { id, password } = JSON.parse(body || '{}') as { id?: string; password?: string };
      if (id === 'me@example.org' && password === 'secret') return { json: { token: options.token ?? 'tok-123', user: { id: 'me@example.org', profile: { id: '~Me_Myself1' } } } };
      return { status: 400, json: { name: 'InvalidCredentialsError', message: 'Invalid username or password' } };
    }
    if (options.token && headers.authorization !== `Bearer ${options.token}`) return { status: 403, json: { name: 'ForbiddenError', message: 'Forbidden' } };
    if (path === '/notes') {
      const venueId = url.searchParams.get('content.venueid') ?? '';
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const all = notes[venueId] ?? [];
      return { json: { notes: all.slice(offset, offset + limit), count: all.length } };
    }
    if (path === '/profiles') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      const found = profiles.filter((p) => ids.some((id) => p.id === id || p.content.names.some((n) => n.username === id)));
      return { json: { profiles: found } };
    }
    return null;
  });
}

/** api.openalex.org: /works filtered by locations.source.id and publication_year, paged by cursor. */
export function startOpenAlexMock(options: { perPageCap?: number } = {}): Promise<MockServer> {
  const works = fixtureJson<Array<Record<string, unknown>>>('openalex-works-neurips-2025.json');
  return startMockServer(({ path, url }) => {
    if (path !== '/works') return null;
    const filter = url.searchParams.get('filter') ?? '';
    const matches = filter === 'locations.source.id:S4306420609,publication_year:2025' ? works : [];
    const perPage = Math.min(Number(url.searchParams.get('per-page') ?? 25), options.perPageCap ?? 200);
    const cursor = url.searchParams.get('cursor');
    if (!cursor) return { status: 400, json: { error: 'use cursor paging' } };
    const offset = cursor === '*' ? 0 : (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as number[])[0];
    const results = matches.slice(offset, offset + perPage);
    // Like the real service: a cursor while results come, null once a page is empty.
    const nextCursor = results.length > 0 ? Buffer.from(JSON.stringify([offset + results.length, 'https://openalex.org/W'])).toString('base64') : null;
    return {
      json: { meta: { count: matches.length, db_response_time_ms: 12, page: null, per_page: perPage, next_cursor: nextCursor, groups_count: null }, results, group_by: [] },
    };
  });
}

/** raw.githubusercontent.com: /papercopilot/paperlists/main/<folder>/<folder><year>.json. */
export function startPaperCopilotMock(): Promise<MockServer> {
  return startMockServer(({ path }) => {
    const match = /^\/papercopilot\/paperlists\/main\/([a-z]+)\/([a-z]+\d{4}\.json)$/.exec(path);
    if (!match) return null;
    const name = match[2];
    if (name === 'nips2024.json' || name === 'nips2023.json') return { body: fixtureText(name), headers: { 'content-type': 'text/plain; charset=utf-8' }, etag: true };
    if (name === 'nips2018.json') return { body: readFileSync(join(import.meta.dirname, '..', 'sources', 'fixtures', 'nips2018.json')), etag: true };
    return null;
  });
}

/** A zip archive (deflated entries) built in memory with yazl, as the ROR dump is published. */
export async function buildZip(files: Array<{ name: string; data: Buffer | string }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data), file.name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** zenodo.org: the ror-data community's newest record and its zip (v1 and v2 JSON, a CSV). */
export async function startZenodoMock(options: { badChecksum?: boolean } = {}): Promise<MockServer & { zip: Buffer }> {
  const v2 = fixtureText('ror-v2-sample.json');
  const zip = await buildZip([
    { name: 'v1.72-2025-10-21-ror-data.json', data: '[]' },
    { name: 'v1.72-2025-10-21-ror-data.csv', data: 'id,name\n' },
    { name: 'v1.72-2025-10-21-ror-data_schema_v2.json', data: v2 },
    { name: 'v1.72-2025-10-21-ror-data_schema_v2.csv', data: 'id,names.types.ror_display\n' },
  ]);
  const records = fixtureJson<{ hits: { hits: Array<{ files: Array<Record<string, unknown>> }> } }>('zenodo-ror-data-records.json');
  const file = records.hits.hits[0].files[0];
  file.size = zip.length;
  file.checksum = `md5:${options.badChecksum ? 'ffffffffffffffffffffffffffffffff' : createHash('md5').update(zip).digest('hex')}`;
  return startMockServer(({ path }) => {
    if (path === '/api/communities/ror-data/records') return { json: records };
    if (path === '/api/records/17412230/files/v1.72-2025-10-21-ror-data.zip/content') return { body: zip, headers: { 'content-type': 'application/zip' }, etag: true };
    return null;
  }).then((server) => Object.assign(server, { zip }));
}
