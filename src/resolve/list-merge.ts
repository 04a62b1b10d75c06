// A bulk university list names many universities the knowledge base already holds, under another
// spelling ("X University, University of Y" for the knowledge base's "X University"; an English name for
// a name in the country's language). Indexed as records of their own, those names resolve to an entry
// without the knowledge base's id, so one university's papers split between two institutions. The
// list's record carries the university's web domain; where that domain is a knowledge-base entry's (or
// a subdomain of one), of the same country, the list's name is indexed as another name of that entry:
// the record keeps its source and rank (a name the knowledge base spells the same way still wins), but
// answers with the entry's id, name, place and parent.
//
// Not attached: a list name that is a shorter form of the entry's names ("Indian Institute of
// Technology" with the domain of one of the institutes, "Swiss Federal Institute of Technology" with one
// of the two schools' domains): the shorter name stands for more than that one entry.
import { domainSuffixes } from './domains.js';
import { cachedNameKey } from './normalize.js';
import type { InstRecord } from './records.js';

export interface ListMergeStats {
  /** List records indexed as names of a knowledge-base entry. */
  attached: number;
  /** List records whose domain is an entry's but whose name is a shorter form of the entry's names. */
  shorterForm: number;
}

/** The list's records, those whose domain is a known entry's attached to it (see the head of this file). */
export function attachToKnown(list: InstRecord[], known: Iterable<InstRecord>, stats?: ListMergeStats): InstRecord[] {
  const byDomain = new Map<string, InstRecord | null>();
  for (const record of known) {
    if (!record.id || !record.country) continue;
    for (const domain of record.domains) {
      const key = domain.toLowerCase();
      const held = byDomain.get(key);
      // a domain two entries share names neither
      byDomain.set(key, held === undefined || held === record ? record : null);
    }
  }
  return list.map((record) => {
    const entry = knownEntry(record, byDomain);
    if (!entry) return record;
    if (isShorterForm(record.name, entry)) {
      if (stats) stats.shorterForm++;
      return record;
    }
    if (stats) stats.attached++;
    return {
      ...record,
      id: entry.id,
      name: entry.name,
      country: entry.country,
      sector: entry.sector,
      aliases: [record.name, ...record.aliases],
      acronyms: [],
      // the entry holds the domains; the list's copy only adds a name
      domains: [],
      parentId: entry.parentId,
      city: entry.city,
      places: [...entry.places],
      multinational: entry.multinational,
    };
  });
}

function knownEntry(record: InstRecord, byDomain: Map<string, InstRecord | null>): InstRecord | null {
  for (const domain of record.domains) {
    for (const suffix of domainSuffixes(domain)) {
      const entry = byDomain.get(suffix);
      if (entry && entry.country === record.country) return entry;
      if (entry === null) return null;
    }
  }
  return null;
}

/** Whether every word of the list's name is in one of the entry's names, which has more words. */
function isShorterForm(name: string, entry: InstRecord): boolean {
  const words = cachedNameKey(name).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  return [entry.name, ...entry.aliases].some((other) => {
    const otherWords = new Set(cachedNameKey(other).split(' ').filter(Boolean));
    return otherWords.size > words.length && words.every((w) => otherWords.has(w));
  });
}
