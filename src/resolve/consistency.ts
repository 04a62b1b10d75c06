// Consistency of imported and bulk-list entries: an entry whose own name names another country outright
// ("..., Chennai, India" filed under US) or whose country-code domain is another country's contradicts
// its country. (Cities were tried and dropped: the gazetteer's gaps made most city reports false.) Reported by `collabscope kb check`; the
// sources found wrong are fixed where they are read (swot.ts: a name naming a country takes it).
import { cleanText, tokenize } from './normalize.js';
import { countryOfDomain } from './domains.js';
import { getGazetteer } from './places.js';
import type { InstRecord } from './records.js';

export interface Contradiction {
  key: string;
  name: string;
  origin: string;
  country: string;
  /** What says otherwise: 'name' or 'domain'. */
  by: 'name' | 'domain';
  /** The country the name or domain gives. */
  other: string;
  evidence: string;
}

/** Hong Kong, Macau and Taiwan entries may name China; Chinese entries may name them. */
const GREATER_CHINA = new Set(['CN', 'HK', 'MO', 'TW']);
const compatible = (a: string, b: string) => a === b || (GREATER_CHINA.has(a) && GREATER_CHINA.has(b));

/** The first contradiction of one entry, or null. Entries without a country have none. */
export function contradictionOf(record: InstRecord): Contradiction | null {
  const country = record.country;
  if (!country) return null;
  const base = { key: record.key, name: record.name, origin: record.origin, country };
  const gazetteer = getGazetteer();
  const named = gazetteer.countriesNamedOutright(tokenize(cleanText(record.name)));
  if (named.length === 1 && !compatible(named[0], country)) {
    return { ...base, by: 'name', other: named[0], evidence: `the name names ${named[0]}` };
  }
  for (const domain of record.domains) {
    const fromDomain = domain.endsWith('.edu') ? null : countryOfDomain(domain);
    if (fromDomain && !compatible(fromDomain, country)) return { ...base, by: 'domain', other: fromDomain, evidence: `domain ${domain} is in ${fromDomain}` };
  }
  return null;
}

/** Every contradiction among the records, in their order. */
export function findContradictions(records: Iterable<InstRecord>): Contradiction[] {
  const out: Contradiction[] = [];
  for (const record of records) {
    const found = contradictionOf(record);
    if (found) out.push(found);
  }
  return out;
}
