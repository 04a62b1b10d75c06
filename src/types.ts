// The normalised data model shared by every stage of the pipeline:
// sources -> resolve -> classify -> analyze -> report. Later stages only read what earlier ones wrote.

export type Sector = 'education' | 'company' | 'government' | 'facility' | 'nonprofit' | 'healthcare' | 'other';

export const SECTORS: readonly Sector[] = [
  'education',
  'company',
  'government',
  'facility',
  'nonprofit',
  'healthcare',
  'other',
];

/** How an affiliation was resolved; the strongest rule that fired. */
export type ResolveMethod =
  | 'alias' // a full name or alias of a knowledge-base institution
  | 'acronym' // a short form (CMU, USTC, MSRA)
  | 'domain' // an e-mail domain
  | 'place' // an unknown institution placed by a city/country/state in the string
  | 'pattern' // an institution-looking phrase ("University of X") with its country from context
  | 'fuzzy' // approximate match to a knowledge-base name
  | 'hq-default' // a multinational named with no location: its headquarters' country
  | 'author-context' // settled by another affiliation of the same author
  | 'corpus-context' // an unresolved short name that leads other texts of the run naming one institution
  | 'legal-form' // an unknown company placed by a legal form only one country's law provides (ISO 20275)
  | 'llm' // answered by a language model
  | 'unresolved';

/** One institution an author is affiliated with, resolved from the raw text, with the evidence. */
export interface Affiliation {
  /** The author's affiliation text this was resolved from (one `+`-separated part of the slot). */
  raw: string;
  /** Canonical institution name, or null when no institution could be named. */
  institution: string | null;
  /** Knowledge-base id (e.g. "cn-tsinghua"), null for institutions not in the knowledge base. */
  institutionId: string | null;
  /** ISO 3166-1 alpha-2 of where this affiliation is (the lab's location); HK, MO, TW kept separate. */
  country: string | null;
  /** For a lab of a multinational: the headquarters' country (used by the `hq` definition). */
  hqCountry: string | null;
  sector: Sector | null;
  /** 0..1: how sure the rule is. */
  confidence: number;
  method: ResolveMethod;
  /** Human-readable trail: which words matched which rule and knowledge-base record. */
  evidence: string[];
  /** Why nothing (or only a weak answer) was found. */
  reason?: string;
  /** The model that answered, when method is `llm`. */
  model?: string;
  /**
   * For a company named without a site (method `hq-default`): where the run's own evidence places it
   * (src/resolve/unlocated.ts), used under `--unlocated infer`. Absent when nothing in the run does.
   */
  inferred?: UnlocatedPlacement;
}

/** Where an unlocated company lab was placed from evidence elsewhere in the same run, and why. */
export interface UnlocatedPlacement {
  country: string;
  /** same-author: the author at a located site of the company elsewhere; co-author: a co-author on this paper. */
  rule: 'same-author' | 'co-author';
  /** The paper, author and affiliation text that decided. */
  paper: string;
  author: string;
  raw: string;
  /** Located sites of the company seen for this rule, and how many of them were in `country`. */
  support: number;
  agreeing: number;
}

export interface Author {
  name: string;
  /** E-mail domain when the source has one (evidence only). */
  emailDomain?: string | null;
  /** Author ids from the source (OpenReview profile id, etc.). */
  ids?: string[];
  affiliations: Affiliation[];
}

/** An author as a source adapter sees them, before resolution. */
export interface RawAuthor {
  name: string;
  /** Affiliation texts in the order given; one entry per institution the source separates. */
  affiliations: string[];
  emailDomain?: string | null;
  ids?: string[];
}

/** A paper as a source adapter produces it: nothing resolved or classified yet. */
export interface RawPaper {
  /** Id from the source, if any (may repeat; the pipeline makes it unique). */
  sourceId: string | null;
  source: { file: string; index: number };
  venue: string;
  year: number;
  title: string;
  abstract: string | null;
  track: string | null;
  status: string | null;
  /** The venue's own subject labels (NeurIPS topic, OpenReview primary_area). */
  topic: string | null;
  keywords: string[];
  url: string | null;
  authors: RawAuthor[];
  /** Full text of the paper when a source provides it (technology detection reads it). */
  fullText?: string | null;
  /**
   * Set only when the source's affiliation slots are not one per author: how many it gave. They were
   * matched to authors by position, so who holds which is a guess.
   */
  affiliationSlots?: number;
  /**
   * The affiliation texts of slots past the last author (more slots than authors), decoded and without
   * placeholders or texts an author already lists: the paper's, no author's. Absent when there are none.
   */
  unattributed?: string[];
}

export interface FieldEvidence {
  field: string;
  /** Which signal decided: 'venue-label' | 'track' | 'title' | 'abstract' | 'keywords' | 'model' | 'fallback' (nothing scored: `other`) */
  signal: string;
  terms: string[];
  /** Points the taxonomy gives (signal `model`: the field's model score). */
  score: number;
  /** What this record adds to the field's model score (the trained ranker, data/taxonomy/field-model.json). */
  contribution?: number;
}

export interface TechnologyHit {
  id: string;
  name: string;
  origin: { organization: string; country: string };
  /** The text as it appeared in the paper (e.g. "LLaMA-2", "Qwen2.5-VL"). */
  matched: string[];
  where: Array<'title' | 'abstract' | 'keywords' | 'fulltext' | 'llm'>;
  /** used: the paper builds on or evaluates it; mentioned: every occurrence is negated, prior work or a comparison. */
  use?: 'used' | 'mentioned';
  /** For a mention: the cue of its first occurrence ("comparison: outperforms"). */
  cue?: string;
  /** Id of the technology it was derived from by another maker (TinyLlama: llama). */
  derivedFrom?: string;
}

/** A paper after resolution and classification: one line of papers.jsonl. */
export interface Paper {
  id: string;
  source: { file: string; index: number };
  venue: string;
  year: number;
  title: string;
  track: string | null;
  status: string | null;
  topic: string | null;
  keywords: string[];
  url: string | null;
  authors: Author[];
  /** Sorted ISO alpha-2 codes of all resolved affiliations, under the definitions in force. */
  countries: string[];
  /** Research fields, primary first. */
  fields: string[];
  fieldEvidence: FieldEvidence[];
  technologies: TechnologyHit[];
  /** Whether the source gave an abstract (technology flow reads titles, abstracts and keywords). */
  hasAbstract?: boolean;
  /** As RawPaper.affiliationSlots: present only when the slots were not one per author. */
  affiliationSlots?: number;
  /**
   * RawPaper.unattributed resolved, each text alone (no author context): institutions of the paper that
   * no author holds. They count for the paper's countries only when every author and every affiliation
   * counts (`--authors all --affiliations all`, the defaults), never make an author dual-affiliated,
   * and carry no fractional weight (unattributedAffiliations in definitions.ts).
   */
  unattributed?: Affiliation[];
}

/** Every switchable definition that changes a number. Recorded in summary.json. */
export interface Definitions {
  /** mainland: CN is mainland China, HK/MO/TW separate. greater: HK/MO/TW folded into CN. */
  chinaScope: 'mainland' | 'greater';
  /** lab: a multinational's lab counts where it is. hq: it counts in the headquarters' country. */
  multinational: 'lab' | 'hq';
  /** count: an author with institutions in both countries makes a collaboration. ignore: they do not. */
  dualAffiliation: 'count' | 'ignore';
  /** all: every affiliation of an author. first: only each author's first. */
  affiliations: 'all' | 'first';
  /** all: every track. main: main track only. */
  tracks: 'all' | 'main';
  /** Whose affiliations make a paper's country set: every author, the first, the last, or first and last. */
  authors: 'all' | 'first' | 'last' | 'first-last';
  /** A company named without a site: infer it from the run's evidence, its headquarters (hq), or unknown (exclude). */
  unlocated: 'infer' | 'hq' | 'exclude';
  /** Shares over papers with at least one located (counted) author, or over all papers. */
  denominator: 'located' | 'all';
  /** unit: the institution resolved (an institute, a lab). parent: the organisation it is part of.
   *  top: every parent link followed to the root, subsidiaries into their group. (src/kb/organisations.ts) */
  institutionLevel: 'unit' | 'parent' | 'top';
  /** separate: a contested parent link (a university run by an academy) is not followed. follow: it is. */
  contestedParents: 'separate' | 'follow';
}

/** Every value of every switchable definition, the default first (the sensitivity table and `grid` read it). */
export const DEFINITION_CHOICES: { readonly [K in keyof Definitions]: readonly Definitions[K][] } = {
  chinaScope: ['mainland', 'greater'],
  multinational: ['lab', 'hq'],
  dualAffiliation: ['count', 'ignore'],
  affiliations: ['all', 'first'],
  tracks: ['all', 'main'],
  authors: ['all', 'first', 'last', 'first-last'],
  unlocated: ['infer', 'hq', 'exclude'],
  denominator: ['located', 'all'],
  institutionLevel: ['parent', 'unit', 'top'],
  contestedParents: ['separate', 'follow'],
};

/** The definitions that move the headline pair count and share (the institution ones only regroup institutions). */
export const HEADLINE_DEFINITIONS = ['chinaScope', 'multinational', 'dualAffiliation', 'affiliations', 'tracks', 'authors', 'unlocated', 'denominator'] as const satisfies ReadonlyArray<
  keyof Definitions
>;
export type HeadlineDefinition = (typeof HEADLINE_DEFINITIONS)[number];

export const DEFAULT_DEFINITIONS: Definitions = {
  chinaScope: 'mainland',
  multinational: 'lab',
  dualAffiliation: 'count',
  affiliations: 'all',
  tracks: 'all',
  authors: 'all',
  unlocated: 'infer',
  denominator: 'located',
  institutionLevel: 'parent',
  contestedParents: 'separate',
};
