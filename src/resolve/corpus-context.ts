// A run-level pass after resolution: an unresolved short name ("ICT", "CREST") that, elsewhere in the
// same run, is the leading segment of texts which all name one known institution ("ICT, Chinese Academy
// of Sciences", "CREST - ENSAE") is read as that institution's unit: method 'corpus-context', lower
// confidence, and the evidence names the texts that decided. Only names the resolver found no country
// for and that are one short segment are candidates; departments and generic words ("Department of
// Computer Science"), which lead texts of many institutions, are not (they name nothing of their own).
// An unknown name that another text of the run names with an address ("Zorbe Works (Kelvar, Italy)",
// placed by the resolver from that address) takes that country, from one such text, when all agree.
import type { Affiliation, Paper } from '../types.js';
import { normaliseName } from './unlocated.js';

/** Confidence of an affiliation placed by the run's other texts. */
export const CORPUS_CONTEXT_CONFIDENCE = 0.5;
/** At most this many words: a unit's short name, not a sentence. */
const MAX_WORDS = 5;
/** Texts led by the name that must all agree (instances, not distinct texts). */
const MIN_SUPPORT = 2;
/** Methods whose institution is a knowledge-base entry named by the text itself. */
const NAMING_METHODS = new Set(['alias', 'acronym', 'fuzzy']);

/** Segment breaks after a leading name: a comma, semicolon, parenthesis, slash, bar, or a dash between spaces. */
const LEADING = /^(.+?)\s*(?:[,;(|/]|\s[-–—]\s)/u;

export interface CorpusContextReport {
  /** Affiliation instances placed by the pass. */
  placed: number;
  /** Papers with an affiliation placed (their countries need computing again), in input order. */
  changed: Paper[];
}

/** "ICT", "Ict " and "I.C.T." are one key: lower case, letters and digits only (as author names are compared). */
export const contextKey = normaliseName;

/** An unresolved text that names something (not only a department or generic words), short and of one segment. */
const isCandidate = (a: Affiliation): boolean =>
  a.method === 'unresolved' && a.country === null && a.institution !== null && isShortName(a.raw);

function isShortName(raw: string): boolean {
  if (/[,;(|/]|\s[-–—]\s/u.test(raw)) return false;
  const words = contextKey(raw).split(' ').filter(Boolean);
  return words.length > 0 && words.length <= MAX_WORDS;
}

/** Whether resolveCorpusContext may change the paper (an author has a candidate affiliation). */
export const mayTakeContext = (paper: Paper): boolean => paper.authors.some((author) => author.affiliations.some(isCandidate));

interface Support {
  /** institution id -> instances, with the first one seen as the example */
  byInstitution: Map<string, { count: number; example: Affiliation; paper: string }>;
}

/** The leading segment of every text that names a known institution, with what it names. */
function leadingSegments(papers: Paper[], wanted: Set<string>): Map<string, Support> {
  const out = new Map<string, Support>();
  for (const paper of papers) {
    for (const author of paper.authors) {
      for (const a of author.affiliations) {
        if (a.country === null || a.institutionId === null || !NAMING_METHODS.has(a.method)) continue;
        const lead = LEADING.exec(a.raw);
        if (!lead) continue;
        const key = contextKey(lead[1]);
        if (!wanted.has(key)) continue;
        let support = out.get(key);
        if (!support) out.set(key, (support = { byInstitution: new Map() }));
        const seen = support.byInstitution.get(a.institutionId);
        if (seen) seen.count++;
        else support.byInstitution.set(a.institutionId, { count: 1, example: a, paper: paper.id });
      }
    }
  }
  return out;
}

/** Methods of an unknown institution placed by the words of its own text ("Zorbe Works, Kelvar, Italy"). */
const PLACED_METHODS = new Set(['place', 'pattern']);

/**
 * The same unknown name placed elsewhere in the run by its own address: name key -> the countries so
 * placed (one example each). Only texts that say more than the name (an address after it) count.
 */
function placedNames(papers: Paper[], wanted: Set<string>): Map<string, Map<string, { count: number; example: Affiliation; paper: string }>> {
  const out = new Map<string, Map<string, { count: number; example: Affiliation; paper: string }>>();
  for (const paper of papers) {
    for (const author of paper.authors) {
      for (const a of author.affiliations) {
        if (a.country === null || a.institutionId !== null || a.institution === null || !PLACED_METHODS.has(a.method)) continue;
        const key = contextKey(a.institution);
        if (!wanted.has(key) || contextKey(a.raw) === key) continue;
        let byCountry = out.get(key);
        if (!byCountry) out.set(key, (byCountry = new Map()));
        const seen = byCountry.get(a.country);
        if (seen) seen.count++;
        else byCountry.set(a.country, { count: 1, example: a, paper: paper.id });
      }
    }
  }
  return out;
}

export function resolveCorpusContext(papers: Paper[]): CorpusContextReport {
  const report: CorpusContextReport = { placed: 0, changed: [] };
  const wanted = new Set<string>();
  for (const paper of papers) for (const author of paper.authors) for (const a of author.affiliations) if (isCandidate(a)) wanted.add(contextKey(a.raw));
  if (wanted.size === 0) return report;
  const support = leadingSegments(papers, wanted);
  const sameName = placedNames(papers, wanted);
  for (const paper of papers) {
    let changed = false;
    for (const author of paper.authors) {
      if (!author.affiliations.some(isCandidate)) continue;
      author.affiliations = author.affiliations.map((a) => {
        if (!isCandidate(a)) return a;
        const placedElsewhere = sameName.get(contextKey(a.raw));
        if (placedElsewhere && placedElsewhere.size === 1) {
          const [only] = placedElsewhere.values();
          changed = true;
          report.placed++;
          return placedByAddress(a, only.example, only.count, only.paper);
        }
        const found = support.get(contextKey(a.raw));
        if (!found || found.byInstitution.size !== 1) return a;
        const [only] = found.byInstitution.values();
        if (only.count < MIN_SUPPORT) return a;
        changed = true;
        report.placed++;
        return placed(a, only.example, only.count, only.paper);
      });
    }
    if (changed) report.changed.push(paper);
  }
  return report;
}

function placed(a: Affiliation, example: Affiliation, count: number, paper: string): Affiliation {
  const { reason: _reason, ...rest } = a;
  return Object.freeze({
    ...rest,
    institution: example.institution,
    institutionId: example.institutionId,
    country: example.country,
    hqCountry: example.hqCountry,
    sector: example.sector,
    confidence: CORPUS_CONTEXT_CONFIDENCE,
    method: 'corpus-context' as const,
    evidence: Object.freeze([
      ...a.evidence,
      `corpus-context: '${a.raw}' leads ${count} texts in this run that all name ${example.institution} (${example.country}, ${example.institutionId}), e.g. '${example.raw}' on ${paper}`,
    ]) as string[],
  });
}

/** The unknown name placed where its own address elsewhere in the run places it (no institution id: it is not in the base). */
function placedByAddress(a: Affiliation, example: Affiliation, count: number, paper: string): Affiliation {
  const { reason: _reason, ...rest } = a;
  return Object.freeze({
    ...rest,
    country: example.country,
    confidence: CORPUS_CONTEXT_CONFIDENCE,
    method: 'corpus-context' as const,
    evidence: Object.freeze([
      ...a.evidence,
      `corpus-context: '${a.raw}' is named with an address in ${count} text${count === 1 ? '' : 's'} of this run that place it in ${example.country}, e.g. '${example.raw}' on ${paper}`,
    ]) as string[],
  });
}
