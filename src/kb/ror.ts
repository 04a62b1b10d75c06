// Importer for a ROR (Research Organization Registry) data dump in schema v2: a JSON array of records
// with names[{value, types: ror_display|label|alias|acronym, lang}], types[], status,
// locations[{geonames_id, geonames_details{name, country_code, country_subdivision_name}}], domains[],
// links[{type, value}] and relationships[{type: parent|child|related..., id}]. Active records only.
import { SECTORS, type Sector } from '../types.js';
import type { Institution } from './schema.js';
import { asRecord, countSkip, DOMAIN, IdMaker, readJsonArray, str, strings, writeConverted, type Converted, type ImportOptions, type ImportResult } from './import-common.js';

export function convertRor(records: unknown[], file: string): Converted {
  const ids = new IdMaker();
  const skipped: Record<string, number> = {};
  const byRorId = new Map<string, string>();
  const pending: Array<{ institution: Institution; parentRor: string | null }> = [];
  records.forEach((value, index) => {
    const r = asRecord(value, file, index);
    const status = str(r.status) ?? 'active';
    if (status !== 'active') return countSkip(skipped, `status ${status}`);
    const names = rorNames(r.names);
    if (!names.display) return countSkip(skipped, 'no ror_display or label name');
    const location = rorLocation(r.locations);
    if (!location.country) return countSkip(skipped, 'no location country');
    const rorId = str(r.id);
    if (!rorId) return countSkip(skipped, 'no id');
    const short = rorId.replace(/^https?:\/\/ror\.org\//, '').toLowerCase().replace(/[^a-z0-9]/g, '');
    const id = ids.make(location.country, short, 'ror-');
    byRorId.set(rorId, id);
    const institution = {
      id,
      name: names.display,
      country: location.country,
      sector: rorSector(r.types),
      aliases: names.aliases.filter((a) => a !== names.display),
      acronyms: names.acronyms,
      domains: rorDomains(r),
      ...(location.city ? { city: location.city } : {}),
      ...(location.region ? { places: [location.region] } : {}),
    } as Institution;
    const parent = Array.isArray(r.relationships)
      ? (r.relationships as Array<Record<string, unknown>>).find((rel) => rel && str(rel.type)?.toLowerCase() === 'parent')
      : undefined;
    pending.push({ institution, parentRor: parent ? str(parent.id) : null });
  });
  const institutions = pending.map(({ institution, parentRor }) => {
    const parent = parentRor ? byRorId.get(parentRor) : undefined;
    return parent ? { ...institution, parent, parentSource: `ROR parent relationship of ${parentRor}` } : institution;
  });
  return { institutions, skipped };
}

export function importRor(input: string, options: ImportOptions = {}): ImportResult {
  return writeConverted('ror', input, convertRor(readJsonArray(input), input), options);
}

/** For `collabscope kb update`: import a downloaded dump into the user knowledge base; a one-line summary. */
export function importRorDump(jsonPath: string): string {
  const result = importRor(jsonPath);
  return `imported ${result.imported} ROR organisations into ${result.output}` + (result.skipped ? ` (skipped ${result.skipped})` : '');
}

function rorNames(value: unknown): { display: string | null; aliases: string[]; acronyms: string[] } {
  const names = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  let display: string | null = null;
  let firstLabel: string | null = null;
  const aliases: string[] = [];
  const acronyms: string[] = [];
  for (const n of names) {
    const text = n && str(n.value);
    if (!text || text.length < 2) continue;
    const types = strings(n.types);
    if (types.includes('ror_display')) display = text;
    if (types.includes('acronym')) acronyms.push(text);
    else if (types.includes('label') || types.includes('alias')) {
      firstLabel ??= text;
      aliases.push(text);
    }
  }
  return { display: display ?? firstLabel, aliases: [...new Set(aliases)], acronyms: [...new Set(acronyms)] };
}

function rorLocation(value: unknown): { country: string | null; city: string | null; region: string | null } {
  const first = Array.isArray(value) ? (value[0] as Record<string, unknown> | undefined) : undefined;
  const details = (first?.geonames_details ?? {}) as Record<string, unknown>;
  const country = str(details.country_code)?.toUpperCase() ?? null;
  return {
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    city: str(details.name),
    region: str(details.country_subdivision_name),
  };
}

/** The first ROR type that is a collabscope sector; archive and funder become 'other'. */
function rorSector(value: unknown): Sector {
  for (const type of strings(value)) {
    const lower = type.toLowerCase();
    if ((SECTORS as readonly string[]).includes(lower)) return lower as Sector;
  }
  return 'other';
}

function rorDomains(r: Record<string, unknown>): string[] {
  const domains = strings(r.domains).map((d) => d.toLowerCase());
  const links = Array.isArray(r.links) ? (r.links as Array<Record<string, unknown>>) : [];
  for (const link of links) {
    if (str(link?.type) !== 'website') continue;
    const url = str(link.value);
    if (!url) continue;
    try {
      domains.push(new URL(url).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      // not a URL: ignored
    }
  }
  return [...new Set(domains.filter((d) => DOMAIN.test(d)))];
}
