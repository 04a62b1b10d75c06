// The ROR registry's data dump, published on Zenodo in the ror-data community. The newest record is
// hits.hits[0] of GET /api/communities/ror-data/records?q=&sort=newest; its last file is the zip
// (links.self, or links.download in older answers; checksum "md5:..."). The zip holds the dump as
// JSON, v2 schema in files named ..._schema_v2.json (releases 1.45-1.74 also carry v1 files; later
// releases only v2). The JSON is extracted next to the cached zip and handed to the ROR importer.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CollabscopeError } from '../errors.js';
import { rebase } from './http.js';
import { isObject, text, type FetchContext } from './common.js';
import { extractEntry, listZip, type ZipEntry } from './unzip.js';

export const ZENODO_ORIGIN = 'https://zenodo.org';
export const ROR_RECORDS_URL = `${ZENODO_ORIGIN}/api/communities/ror-data/records?q=&sort=newest`;

export interface RorRelease {
  version: string | null;
  published: string | null;
  recordId: string | null;
  fileName: string;
  url: string;
  md5: string | null;
  size: number | null;
}

interface ZenodoFile {
  key?: unknown;
  filename?: unknown;
  size?: unknown;
  filesize?: unknown;
  checksum?: unknown;
  links?: { self?: unknown; download?: unknown; content?: unknown };
}

export async function latestRorRelease(ctx: Pick<FetchContext, 'client' | 'baseUrl'>): Promise<RorRelease> {
  const url = rebase(ROR_RECORDS_URL, ctx.baseUrl);
  const answer = (await ctx.client.getJson<{ hits: { hits: Array<Record<string, unknown>> } }>(url, {}, (v) =>
    isObject(v) && isObject(v.hits) && Array.isArray(v.hits.hits) ? null : 'expected a Zenodo search answer with hits.hits',
  ))!;
  const hit = answer.hits.hits[0];
  const files = (isObject(hit) && Array.isArray(hit.files) ? hit.files : []) as ZenodoFile[];
  const file = files[files.length - 1];
  if (!file) throw new CollabscopeError('E_NOT_FOUND', `${url}: the newest ROR record lists no files`);
  const fileName = text(file.key) ?? text(file.filename);
  const recordId = text(hit.id);
  const link = text(file.links?.self) ?? text(file.links?.download) ?? text(file.links?.content);
  if (!fileName || !(link || recordId)) throw new CollabscopeError('E_NOT_FOUND', `${url}: the newest ROR record has no file link`);
  const metadata = isObject(hit.metadata) ? hit.metadata : {};
  const size = Number(file.size ?? file.filesize);
  return {
    version: text(metadata.version) ?? fileName.match(/^v\d+(\.\d+)*/)?.[0] ?? null,
    published: text(metadata.publication_date) ?? text(hit.created),
    recordId,
    fileName,
    url: link ?? `${ZENODO_ORIGIN}/api/records/${recordId}/files/${encodeURIComponent(fileName)}/content`,
    md5: text(file.checksum)?.replace(/^md5:/i, '') ?? null,
    size: Number.isFinite(size) && size > 0 ? size : null,
  };
}

/** The v2 JSON of the dump: `_schema_v2.json` when the zip also holds v1 files, else the only JSON. */
export function pickRorJson(entries: ZipEntry[]): ZipEntry | null {
  const json = entries.filter((e) => /\.json$/i.test(e.name) && !e.name.endsWith('/') && !/(^|\/)__MACOSX\//.test(e.name));
  return json.find((e) => /_schema_v2\.json$/i.test(e.name)) ?? (json.length === 1 ? json[0] : json.find((e) => /ror-data\.json$/i.test(e.name)) ?? null);
}

/** Downloads (or reuses) the newest dump and extracts its v2 JSON; answers the JSON's path. */
export async function downloadRorDump(ctx: Pick<FetchContext, 'client' | 'baseUrl'>): Promise<{ release: RorRelease; jsonPath: string }> {
  const release = await latestRorRelease(ctx);
  const zipPath = await ctx.client.download(rebase(release.url, ctx.baseUrl), {
    md5: release.md5,
    size: release.size,
    label: `ROR ${release.version ?? release.fileName}`,
  });
  const entry = pickRorJson(await listZip(zipPath));
  if (!entry) throw new CollabscopeError('E_BAD_RECORD', `${release.fileName}: no ROR JSON file in the archive`);
  const jsonPath = join(ctx.client.cacheDir, 'ror', basename(entry.name));
  if (!existsSync(jsonPath)) await extractEntry(zipPath, entry, jsonPath);
  return { release, jsonPath };
}
