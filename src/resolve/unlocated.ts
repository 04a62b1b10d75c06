// A run-level pass after resolution: a company named without a site ("Microsoft Research", method
// 'hq-default') is placed from evidence elsewhere in the same run, strongest first:
//   1. same-author: the same author (normalised name) at a located site of the same company on
//      another paper (or in another affiliation of theirs);
//   2. co-author: a co-author on the same paper at a located site of the same company.
// When several sites are seen, the country most of them are in wins (ties: the first seen). The
// placement is recorded on the affiliation (Affiliation.inferred, with the paper, author and text
// that decided). A lab with sites in several countries (data/resolve/unlocated.json) is evidence
// only when its own text names the place. The resolver's own answer (the headquarters) is kept, so `--unlocated infer|hq|
// exclude` is a definition chosen at analysis time (src/definitions.ts), not a re-resolution.
import type { Affiliation, Author, Paper, UnlocatedPlacement } from '../types.js';
import { join } from 'node:path';
import { CURATED_DIR, loadDataFile } from '../kb/load.js';
import { lazyModule } from '../lazy-module.js';
import { type InstRecord } from './records.js';
import { indexRecords } from './index.js';
import { RESOLVE_DATA_DIR } from './data.js';
import { rewriteAffiliations } from './rewrite.js';

/** The company an institution is (or is a lab of), as a knowledge-base id; null for non-companies. */
export type CompanyOf = (institutionId: string) => string | null;

/** zod only to check the rules file when its checked form is not cached (kb/load.ts). */
const zod = await lazyModule<typeof import('../zod.js')>('../zod.js', import.meta.url, () => import('../zod.js'));
const rules = () => {
  const { z } = zod();
  return z.object({ _doc: z.string().optional(), multisiteLabs: z.array(z.string()) }).strict();
};

/** Labs whose entry's country is not a site (data/resolve/unlocated.json): evidence only when the text places them. */
export function multisiteLabs(): Set<string> {
  return new Set(loadDataFile(join(RESOLVE_DATA_DIR, 'unlocated.json'), rules).multisiteLabs);
}

/** Whether the resolver placed the affiliation from a place in its own text (not from an entry's country). */
const placedByText = (a: Affiliation) => a.method === 'place' || a.evidence.some((e) => e.includes('located by'));

/**
 * companyOf from the knowledge base the resolver uses (curated, plus the user's folders): a record's
 * multinational, following `parent` links (a lab of Microsoft is Microsoft).
 */
export function companyIndex(kbDirs?: string[], curatedDir: string = CURATED_DIR): CompanyOf {
  // the resolver's own records (its prebuilt index): the base is not read and checked a second time
  return companyFromRecords(indexRecords({ kbDirs, curatedDir }));
}

export function companyFromRecords(records: Map<string, InstRecord>): CompanyOf {
  const memo = new Map<string, string | null>();
  return (id) => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    let current = records.get(id);
    let company: string | null = null;
    for (let depth = 0; current && depth < 6; depth++) {
      if (current.multinational) {
        company = current.id;
        break;
      }
      current = current.parentId ? records.get(current.parentId) : undefined;
    }
    memo.set(id, company);
    return company;
  };
}

export interface UnlocatedReport {
  /** Affiliations (instances) of a company named without a site. */
  unlocated: number;
  sameAuthor: number;
  coAuthor: number;
  /** Left at the headquarters: no evidence in the run. */
  headquarters: number;
  /** Papers with an affiliation placed (their countries need computing again), in input order. */
  changed: Paper[];
}

/** What summary.json records of the pass (`unlocated`). */
export type UnlocatedSummary = Omit<UnlocatedReport, 'changed'> & { papers: number };

export function unlocatedSummary(report: UnlocatedReport): UnlocatedSummary {
  const { changed, ...counts } = report;
  return { ...counts, papers: changed.length };
}

interface Site {
  paper: string;
  author: string;
  raw: string;
  country: string;
}

/** "José  García-López" and "Jose Garcia Lopez" are one name: no accents, case or punctuation. */
export function normaliseName(name: string): string {
  // an ASCII name has no accents to drop, and its only letters and digits are [a-z0-9] once lower-cased:
  // the same key without decomposing it or the Unicode property classes (the corpus passes key every
  // author name of the run, most of them ASCII)
  if (ASCII.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return normaliseAnyName(name);
}

const ASCII = /^[\x00-\x7f]*$/;

/** normaliseName for any text (exported for the test that the ASCII path gives the same keys). */
export function normaliseAnyName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const isUnlocated = (a: Affiliation) => a.method === 'hq-default' && a.institutionId !== null;

/** Whether placeUnlocated may change the paper (an author has a company named without a site). */
export const mayPlace = (paper: Paper): boolean => paper.authors.some((author) => author.affiliations.some(isUnlocated));

export function placeUnlocated(papers: Paper[], companyOf: CompanyOf, multisite: ReadonlySet<string> = new Set()): UnlocatedReport {
  const report: UnlocatedReport = { unlocated: 0, sameAuthor: 0, coAuthor: 0, headquarters: 0, changed: [] };
  const companies = new Set<string>();
  for (const paper of papers) {
    for (const author of paper.authors) {
      for (const a of author.affiliations) if (isUnlocated(a)) companies.add(companyOf(a.institutionId as string) ?? (a.institutionId as string));
    }
  }
  if (companies.size === 0) return report;
  const companyOfSite = (a: Affiliation): string | null => {
    if (isUnlocated(a) || a.country === null || a.institutionId === null) return null;
    if (multisite.has(a.institutionId) && !placedByText(a)) return null;
    const company = companyOf(a.institutionId);
    return company !== null && companies.has(company) ? company : null;
  };
  // every located site of those companies, by company and author name
  const byAuthor = new Map<string, Site[]>();
  for (const paper of papers) {
    for (const author of paper.authors) {
      // the name's key only for an author with a site (most have none)
      let name: string | null = null;
      for (const a of author.affiliations) {
        const company = companyOfSite(a);
        if (company === null) continue;
        name ??= normaliseName(author.name);
        if (!name) break;
        const key = `${company}\t${name}`;
        let list = byAuthor.get(key);
        if (!list) byAuthor.set(key, (list = []));
        list.push({ paper: paper.id, author: author.name, raw: a.raw, country: a.country as string });
      }
    }
  }
  // same-author and co-author rules need an author: the affiliations no author holds stay at the headquarters
  report.changed = rewriteAffiliations(papers, isUnlocated, (a, author, paper) => {
    if (author === null) return a;
    report.unlocated++;
    const company = companyOf(a.institutionId as string) ?? (a.institutionId as string);
    const placement =
      decide('same-author', byAuthor.get(`${company}\t${normaliseName(author.name)}`) ?? []) ??
      decide('co-author', coAuthorSites(paper, author, company, companyOfSite));
    if (!placement) {
      report.headquarters++;
      return a;
    }
    if (placement.rule === 'same-author') report.sameAuthor++;
    else report.coAuthor++;
    return Object.freeze({ ...a, inferred: Object.freeze(placement) });
  });
  return report;
}

function coAuthorSites(paper: Paper, self: Author, company: string, companyOfSite: (a: Affiliation) => string | null): Site[] {
  const sites: Site[] = [];
  for (const author of paper.authors) {
    if (author === self) continue;
    for (const a of author.affiliations) {
      if (companyOfSite(a) === company) sites.push({ paper: paper.id, author: author.name, raw: a.raw, country: a.country as string });
    }
  }
  return sites;
}

/** The country most sites are in (ties: the one seen first), with the first site there as the evidence. */
function decide(rule: UnlocatedPlacement['rule'], sites: Site[]): UnlocatedPlacement | null {
  if (sites.length === 0) return null;
  const counts = new Map<string, number>();
  for (const site of sites) counts.set(site.country, (counts.get(site.country) ?? 0) + 1);
  let best = sites[0].country;
  for (const [country, n] of counts) if (n > (counts.get(best) ?? 0)) best = country;
  const site = sites.find((s) => s.country === best) as Site;
  return { country: best, rule, paper: site.paper, author: site.author, raw: site.raw, support: sites.length, agreeing: counts.get(best) ?? 0 };
}

/** One line for `explain`: where `--unlocated infer` puts the affiliation, and why. */
export function describePlacement(p: UnlocatedPlacement): string {
  const who = p.rule === 'same-author' ? `the same author (${p.author})` : `co-author ${p.author}`;
  return `--unlocated infer: ${p.country}, from ${who} at '${p.raw}' on ${p.paper} (${p.agreeing} of ${p.support} located sites of the company seen agree)`;
}
