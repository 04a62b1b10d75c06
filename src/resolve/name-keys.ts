// How names enter the matcher index: which alias is an acronym, the legal-form-less and transliterated
// variants a name is also written in, and which source's entry a key stands for.
import { isBulkSource, SOURCE_RANK, type InstRecord } from './records.js';

/** An all-capitals short word in an alias list ("MIT") is an acronym: it must match with its case. */
export function looksLikeAcronym(name: string): boolean {
  return /^[A-Z0-9&.\-]{2,8}$/.test(name) && /[A-Z]/.test(name);
}

const LEGAL_FORMS = /(?:[\s,]+(?:inc|incorporated|ltd|limited|llc|gmbh|ag|co|corp|corporation|plc|s\.?a|srl|b\.?v|n\.?v|pte|pvt|k\.?k|se|oy|ab|as|spa|s\.?p\.?a)\.?)+$/i;

/** "Continental AG" is also written "Continental"; "Huawei Technologies Co., Ltd." "Huawei Technologies". */
export function withoutLegalForm(name: string): string | null {
  const bare = name.replace(LEGAL_FORMS, '').trim();
  if (bare === name.trim() || bare.length < 4) return null;
  return bare;
}

/** Whether a name has a German umlaut (it then has a second spelling: spellingVariants). */
export function hasUmlaut(name: string): boolean {
  return /[äöüÄÖÜ]/.test(name);
}

/** German names are also written with ae/oe/ue for ä/ö/ü ("Universitaet"). */
export function spellingVariants(name: string): string[] {
  if (!hasUmlaut(name)) return [name];
  const transliterated = name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');
  return [name, transliterated];
}

export function addTo(map: Map<string, InstRecord[]>, key: string, record: InstRecord): void {
  const list = map.get(key);
  if (!list) map.set(key, [record]);
  else if (!list.includes(record)) list.push(record);
}

/**
 * Adds a record under a key unless a better source already holds the key: a key names the curated
 * base's institutions when it has any, else the user's imports', else the university list's, else swot's.
 * Returns the key's list when added (or already there), null when not: the caller needs no second look-up.
 */
export function addRanked(map: Map<string, InstRecord[]>, key: string, record: InstRecord): InstRecord[] | null {
  const list = map.get(key);
  if (!list) {
    const added = [record];
    map.set(key, added);
    return added;
  }
  if (list.includes(record)) return list;
  const rank = SOURCE_RANK[record.source];
  const held = SOURCE_RANK[list[0].source];
  if (rank > held) return null;
  if (rank < held) {
    const added = [record];
    map.set(key, added);
    return added;
  }
  // same bulk list: one entry per institution name and country (swot lists many domains per university);
  // an entry without a country only stands for the name when no entry with one does
  const bulk = isBulkSource(record.source);
  if (bulk && record.country === null && list.some((r) => r.country !== null)) return list;
  if (bulk && record.country !== null && list.every((r) => r.country === null)) {
    const added = [record];
    map.set(key, added);
    return added;
  }
  if (bulk && list.some((r) => r.country === record.country)) {
    const same = list.find((r) => r.country === record.country) as InstRecord;
    for (const d of record.domains) if (!same.domains.includes(d)) same.domains.push(d);
    return list;
  }
  list.push(record);
  return list;
}
