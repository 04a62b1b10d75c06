// Importer for the Hipo university list (world_universities_and_domains.json): one university per
// record with name, domains, alpha_two_code and state-province. Every entry is an education institution.
import type { Institution } from './schema.js';
import { asRecord, countSkip, DOMAIN, IdMaker, readJsonArray, str, strings, writeConverted, type Converted, type ImportOptions, type ImportResult } from './import-common.js';

export function convertHipo(records: unknown[], file: string): Converted {
  const ids = new IdMaker();
  const skipped: Record<string, number> = {};
  const institutions: Institution[] = [];
  const seen = new Set<string>();
  records.forEach((value, index) => {
    const r = asRecord(value, file, index);
    const name = str(r.name);
    const country = str(r.alpha_two_code)?.toUpperCase() ?? null;
    if (!name || name.length < 2) return countSkip(skipped, 'no name');
    if (!country || !/^[A-Z]{2}$/.test(country)) return countSkip(skipped, 'no country code');
    const dedupe = `${country}|${name.toLowerCase()}`;
    if (seen.has(dedupe)) return countSkip(skipped, 'repeated name');
    seen.add(dedupe);
    const state = str(r['state-province']);
    institutions.push({
      id: ids.make(country, name),
      name,
      country,
      sector: 'education',
      aliases: [],
      acronyms: [],
      domains: [...new Set(strings(r.domains).map((d) => d.toLowerCase()).filter((d) => DOMAIN.test(d)))],
      ...(state ? { places: [state] } : {}),
    } as Institution);
  });
  return { institutions, skipped };
}

export function importHipo(input: string, options: ImportOptions = {}): ImportResult {
  return writeConverted('hipo', input, convertHipo(readJsonArray(input), input), options);
}
