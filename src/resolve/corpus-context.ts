// A run-level pass after resolution: an unresolved short name ("ZQL") that, elsewhere in the same run,
// is the leading segment of texts which all name one known institution ("ZQL, Zorbe Academy of
// Sciences", "ZQL - Zorbe Academy") is read as that institution's unit: method 'corpus-context', lower
// confidence, and the evidence says how many authors and texts decided. The support must come from at
// least two distinct authors (one prolific author writing the same line on many papers is one voice);
// for a bare acronym (one all-capitals word of at most five letters, "ZQL"), which many unrelated bodies
// share, those authors' texts must also be on at least two different papers: the co-authors of one
// paper copying one line are one voice too.
// Only names the resolver found no country for and that are one short segment are candidates;
// departments and generic words ("Department of Computer Science"), which lead texts of many
// institutions, are not (they name nothing of their own).
// An unknown name that other texts of the run name with an address ("Zorbe Works (Kelvar, Italy)")
// takes that country when at least two distinct authors' texts do, all agree, and the place word that
// gave the country is written in those texts outside the name (not a naming convention's guess).
// An acronym neither reading settles may be spelled out by another text of its own paper ("ZQL" beside
// "Zorbe Quantum Laboratory, Zorbe Academy": spelled-out.ts); the paper alone decides, one voice is enough.
// Nothing depends on the order of the papers: the texts quoted are the first by paper id and text.
import type { Affiliation, Paper } from '../types.js';
import { normaliseName } from './unlocated.js';
import { getGazetteer } from './places.js';
import { cleanText, tokenize } from './normalize.js';
import { rewriteAffiliations } from './rewrite.js';
import { allAffiliations } from '../definitions.js';
import { spelledOutOnPaper, type SpelledOut } from './spelled-out.js';

/** Confidence of an affiliation placed by the run's other texts. */
export const CORPUS_CONTEXT_CONFIDENCE = 0.5;
/** At most this many words: a unit's short name, not a sentence. */
const MAX_WORDS = 5;
/** Distinct authors whose texts must support the reading (and all agree). */
export const MIN_AUTHORS = 2;
/** Different papers the supporting texts of a bare acronym must come from. */
export const MIN_PAPERS_FOR_ACRONYM = 2;
/** At most this many letters in a bare acronym. */
const MAX_ACRONYM_LETTERS = 5;
/** Methods whose institution is a knowledge-base entry named by the text itself. */
const NAMING_METHODS = new Set(['alias', 'acronym', 'fuzzy']);
/** Methods of an unknown institution placed by the words of its own text ("Zorbe Works, Kelvar, Italy"). */
const PLACED_METHODS = new Set(['place', 'pattern']);

/** Segment breaks after a leading name: a comma, semicolon, parenthesis, slash, bar, or a dash between spaces. */
const LEADING = /^(.+?)\s*(?:[,;(|/]|\s[-–—]\s)/u;

export interface CorpusContextReport {
  /** Affiliation instances placed by the pass. */
  placed: number;
  /** Papers with an affiliation placed (their countries need computing again), in input order. */
  changed: Paper[];
}

/** "ZQL", "Zql " and "Z.Q.L." are one key: lower case, letters and digits only (as author names are compared). */
export const contextKey = normaliseName;

/** An unresolved text that names something (not only a department or generic words), short and of one segment. */
const isCandidate = (a: Affiliation): boolean =>
  a.method === 'unresolved' && a.country === null && a.institution !== null && isShortName(a.raw);

function isShortName(raw: string): boolean {
  if (/[,;(|/]|\s[-–—]\s/u.test(raw)) return false;
  const words = contextKey(raw).split(' ').filter(Boolean);
  return words.length > 0 && words.length <= MAX_WORDS;
}

/** Whether resolveCorpusContext may change the paper (an author's or a slot no author holds has a candidate affiliation). */
export const mayTakeContext = (paper: Paper): boolean => {
  for (const a of allAffiliations(paper)) if (isCandidate(a)) return true;
  return false;
};

/** What the texts supporting one reading of a name have in common. */
interface Support {
  authors: Set<string>;
  texts: Set<string>;
  /** Ids of the papers the supporting texts are on. */
  papers: Set<string>;
  /** The supporting text quoted in the evidence: the first by paper id, then text (not input order). */
  example: Affiliation;
  paper: string;
}

/** What a supporting affiliation says about a name: the name's key and the reading (institution id or country). */
type Reading = { key: string; reading: string } | null;

/** name key -> reading -> its support, over every affiliation of the run that `read` accepts. */
function gather(papers: Paper[], read: (a: Affiliation) => Reading): Map<string, Map<string, Support>> {
  const out = new Map<string, Map<string, Support>>();
  for (const paper of papers) {
    paper.authors.forEach((author, index) => {
      // the author's key only once one of their affiliations reads (few do)
      let who: string | null = null;
      for (const a of author.affiliations) {
        const found = read(a);
        if (!found) continue;
        who ??= contextKey(author.name) || `${paper.id}#${index}`;
        let readings = out.get(found.key);
        if (!readings) out.set(found.key, (readings = new Map()));
        const seen = readings.get(found.reading);
        if (!seen) {
          readings.set(found.reading, { authors: new Set([who]), texts: new Set([a.raw]), papers: new Set([paper.id]), example: a, paper: paper.id });
          continue;
        }
        seen.authors.add(who);
        seen.texts.add(a.raw);
        seen.papers.add(paper.id);
        if (paper.id < seen.paper || (paper.id === seen.paper && a.raw < seen.example.raw)) Object.assign(seen, { example: a, paper: paper.id });
      }
    });
  }
  return out;
}

/**
 * The one reading all supporting texts agree on, when at least MIN_AUTHORS distinct authors wrote them;
 * for a bare acronym, also on at least MIN_PAPERS_FOR_ACRONYM different papers (two distinct authors and
 * two papers always include two texts by different authors on different papers).
 */
function agreed(readings: Map<string, Support> | undefined, bareAcronym: boolean): Support | null {
  if (!readings || readings.size !== 1) return null;
  const [only] = readings.values();
  if (only.authors.size < MIN_AUTHORS) return null;
  return bareAcronym && only.papers.size < MIN_PAPERS_FOR_ACRONYM ? null : only;
}

/** "ZQL", "Z.Q.L.", "ZQ2": one word, in capitals, of at most MAX_ACRONYM_LETTERS letters. */
export function isBareAcronym(raw: string): boolean {
  const word = raw.trim();
  if (word === '' || /\s/u.test(word) || /\p{Ll}/u.test(word)) return false;
  const letters = word.match(/\p{L}/gu)?.length ?? 0;
  return letters > 0 && letters <= MAX_ACRONYM_LETTERS && /\p{Lu}/u.test(word);
}

/** Whether the text names its country by a place written outside the institution's name ("Zorbe Works (Kelvar, Italy)"). */
function placeWrittenOutsideName(a: Affiliation): boolean {
  if (a.institution === null || a.country === null) return false;
  const at = a.raw.indexOf(a.institution);
  if (at < 0) return false;
  const rest = `${a.raw.slice(0, at)} , ${a.raw.slice(at + a.institution.length)}`;
  return getGazetteer().countriesNamedIn(tokenize(cleanText(rest))).includes(a.country);
}

export function resolveCorpusContext(papers: Paper[]): CorpusContextReport {
  const report: CorpusContextReport = { placed: 0, changed: [] };
  const wanted = new Set<string>();
  // candidates: an author's texts and those no author holds (only authors' texts support a reading: gather)
  for (const paper of papers) for (const a of allAffiliations(paper)) if (isCandidate(a)) wanted.add(contextKey(a.raw));
  if (wanted.size === 0) return report;
  // texts led by the name that name a known institution
  const leading = gather(papers, (a) => {
    if (a.country === null || a.institutionId === null || !NAMING_METHODS.has(a.method)) return null;
    const lead = LEADING.exec(a.raw);
    const key = lead ? contextKey(lead[1]) : '';
    return wanted.has(key) ? { key, reading: a.institutionId } : null;
  });
  // the same unknown name placed by an address written beside it
  const addressed = gather(papers, (a) => {
    if (a.country === null || a.institutionId !== null || a.institution === null || !PLACED_METHODS.has(a.method)) return null;
    const key = contextKey(a.institution);
    if (!wanted.has(key) || contextKey(a.raw) === key || !placeWrittenOutsideName(a)) return null;
    return { key, reading: a.country };
  });
  report.changed = rewriteAffiliations(papers, isCandidate, (a, _author, paper) => {
    const key = contextKey(a.raw);
    const acronym = isBareAcronym(a.raw);
    const byAddress = agreed(addressed.get(key), acronym);
    const byLeading = byAddress ? null : agreed(leading.get(key), acronym);
    // an acronym the run does not settle, spelled out by another text of its own paper
    const bySpelling = byAddress || byLeading ? null : spelledOutOnPaper(a, paper);
    if (!byAddress && !byLeading && !bySpelling) return a;
    report.placed++;
    if (byAddress) return placedByAddress(a, byAddress);
    return byLeading ? placed(a, byLeading) : placedBySpelling(a, bySpelling as SpelledOut);
  }, { unattributed: true });
  return report;
}

const howMany = (s: Support): string =>
  `${s.texts.size} text${s.texts.size === 1 ? '' : 's'} by ${s.authors.size} authors on ${s.papers.size} paper${s.papers.size === 1 ? '' : 's'}`;

/** The candidate with what the run's other texts settled taken over, at the pass's confidence, and the evidence saying why. */
function placedFrom(a: Affiliation, taken: Partial<Affiliation>, why: string): Affiliation {
  const { reason: _reason, ...rest } = a;
  return Object.freeze({
    ...rest,
    ...taken,
    confidence: CORPUS_CONTEXT_CONFIDENCE,
    method: 'corpus-context' as const,
    evidence: Object.freeze([...a.evidence, `corpus-context: '${a.raw}' ${why}`]) as string[],
  });
}

const quoted = (s: Support): string => `, e.g. '${s.example.raw}' on ${s.paper}`;

function placed(a: Affiliation, support: Support): Affiliation {
  const { example } = support;
  const { institution, institutionId, country, hqCountry, sector } = example;
  return placedFrom(a, { institution, institutionId, country, hqCountry, sector }, `leads ${howMany(support)} in this run that all name ${institution} (${country}, ${institutionId})${quoted(support)}`);
}

/** The acronym read as the institution a text of its own paper spells it out as. */
function placedBySpelling(a: Affiliation, found: SpelledOut): Affiliation {
  const { example, longForm } = found;
  const { institution, institutionId, country, hqCountry, sector } = example;
  const where = example.raw === longForm ? '' : ` in '${example.raw}'`;
  return placedFrom(a, { institution, institutionId, country, hqCountry, sector }, `is spelled out as '${longForm}' by another text of the same paper${where}, which names ${institution} (${country}, ${institutionId})`);
}

/** The unknown name placed where its own address elsewhere in the run places it (no institution id: it is not in the base). */
function placedByAddress(a: Affiliation, support: Support): Affiliation {
  const { country } = support.example;
  return placedFrom(a, { country }, `is named with an address in ${howMany(support)} of this run that place it in ${country}${quoted(support)}`);
}
