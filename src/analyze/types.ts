// The analytics written to summary.json (top-level keys: counting, trend, fields, institutions,
// sectors, network, thirdCountries, dualAffiliations, sensitivity). docs/analytics.md documents the
// same schema for readers. Shares are fractions (0.05 = 5%); "A" and "B" are the two countries of the
// pair in the order given (US, CN by default). Every list is sorted deterministically.
import type { Definitions } from '../types.js';

export interface AnalyzeOptions {
  /** The two countries (ISO alpha-2) to report on, e.g. ['US', 'CN']. */
  pair: [string, string];
  /** The definitions in force; `papers[].countries` is assumed computed under them. */
  definitions: Definitions;
  /** Rows of each ranked table (default 15). */
  topN?: number;
  /** Institutions kept in the co-authorship graph for communities and betweenness (default 1000). */
  networkMaxNodes?: number;
  /** Seed of the PRNG handed to Louvain (default 1). */
  seed?: number;
  /** Field ids the field findings always describe, on both bases (default ['llm-nlp']). */
  focusFields?: string[];
}

/** A 95% Wilson score interval [low, high]. */
export type Interval = [number, number];

/** A count out of a total, with its share and 95% Wilson interval. */
export interface Proportion {
  count: number;
  total: number;
  share: number;
  ci95: Interval;
}

// ---- 1. counting -------------------------------------------------------------------------------

export interface CountryCount {
  country: string;
  /** Full counting: papers with the country. Fractional counting: the country's summed weight. */
  papers: number;
  /** papers / in-scope papers. */
  share: number;
  /** 95% Wilson interval of the share (for fractional counts: conservative, see docs). */
  ci95: Interval;
}

export interface FullCounting {
  /** In-scope papers: the denominator of every share. */
  papers: number;
  /** In-scope papers with at least one known country. */
  papersWithCountry: number;
  /** Each country's papers (a paper counts once for every country present); sorted by papers. */
  countries: CountryCount[];
  /** Papers of each side of the pair, [A, B]. */
  sides: [CountryCount, CountryCount];
  /** Collaboration papers of the pair (paperHasPair) out of in-scope papers. */
  pair: Proportion;
  /** Papers with two or more distinct countries. */
  international: Proportion;
}

export interface FractionalCounting {
  /** In-scope papers; countries + unknown sum to this (the invariant). */
  papers: number;
  /** Fractional country totals (Nature Index "Share"), sorted by weight; `unknown` not included. */
  countries: CountryCount[];
  /** Weight of affiliations with no country, authors with no affiliation and papers with no author. */
  unknown: number;
  /** Sum of all country weights plus unknown (equals papers up to float rounding). */
  sum: number;
  /** The pair's collaboration papers split by who wrote them: A, B, third countries, unknown (sums to papers). */
  pair: {
    papers: number;
    contributions: Array<{ part: string; papers: number; share: number }>;
  };
}

export interface Counting {
  pair: [string, string];
  full: FullCounting;
  fractional: FractionalCounting;
}

// ---- 2. trend ----------------------------------------------------------------------------------

export interface TrendRow {
  year: number;
  /** In-scope papers of the venue (or all venues) that year. */
  papers: number;
  pairPapers: number;
  share: number;
  ci95: Interval;
  /** Annual growth of pairPapers since the previous year of the series (annualised over gaps); null if undefined. */
  growth: number | null;
  /** Annual growth of the share since the previous year; null if undefined. */
  shareGrowth: number | null;
  /** growth minus the previous row's growth; null if undefined. */
  growthChange: number | null;
  /** p-value of "growth changed" for pairPapers (delta-method test on log counts, Poisson). */
  growthChangeP: number | null;
  /** p-value of the two-proportion z-test of this year's share against the previous year's. */
  shareChangeP: number | null;
}

export interface GrowthVerdict {
  basis: 'papers' | 'share';
  /** The three years compared: growth from years[0] to years[1] against growth from years[1] to years[2]. */
  years: number[];
  earlierGrowth: number | null;
  laterGrowth: number | null;
  /** laterGrowth - earlierGrowth. */
  change: number | null;
  z: number | null;
  p: number | null;
  verdict: 'slowing' | 'accelerating' | 'unchanged' | 'insufficient-data';
  /** p < 0.05. */
  significant: boolean;
  /** Plain statement, e.g. "Growth slowed from +45.0% to +12.0%; the difference is within the noise (p=0.31)." */
  sentence: string;
}

export interface TrendSeries {
  /** Venue name, or "all venues" for the combined series. */
  venue: string;
  /** Null when the series is empty. */
  firstYear: number | null;
  lastYear: number | null;
  rows: TrendRow[];
  /** Compound annual growth of pairPapers from the first to the last year; null if the first is 0. */
  cagr: number | null;
  /** Compound annual growth of the share. */
  shareCagr: number | null;
  /** Growth in the last interval against the one before. */
  slowing: { papers: GrowthVerdict; share: GrowthVerdict };
}

export interface Trend {
  pair: [string, string];
  /** All venues together, per year. */
  overall: TrendSeries;
  /** One series per venue, sorted by venue. */
  byVenue: TrendSeries[];
}

// ---- 3. fields ---------------------------------------------------------------------------------

export interface FieldRow {
  field: string;
  /** In-scope papers with the field (as primary field, or anywhere in `fields`). */
  allPapers: number;
  allShare: number;
  pairPapers: number;
  pairShare: number;
  pairCi95: Interval;
  /** pairShare / allShare: > 1 over-represented among collaboration papers. Null when allShare is 0. */
  lift: number | null;
  /** Fisher's exact test (two-sided): collaboration papers against the other in-scope papers. */
  p: number | null;
  /** Holm-adjusted p over all fields of the table. */
  pHolm: number | null;
  /** over/under when pHolm < 0.05, else none. */
  direction: 'over' | 'under' | 'none';
}

export interface FieldTable {
  /** primary: fields[0] (rows add up to the totals); any: the field anywhere in `fields` (rows overlap). */
  basis: 'primary' | 'any';
  allPapers: number;
  pairPapers: number;
  rows: FieldRow[];
}

export interface Fields {
  pair: [string, string];
  primary: FieldTable;
  any: FieldTable;
  /** Herfindahl index (sum of squared shares) of primary fields: higher = more concentrated. */
  concentration: { all: number; pair: number };
  findings: string[];
}

// ---- 4. institutions ---------------------------------------------------------------------------

export interface InstitutionRow {
  institution: string;
  institutionId: string | null;
  country: string;
  /** Collaboration papers with the institution on its side of the pair. */
  papers: number;
  /** Summed fractional weight of the institution's affiliations in collaboration papers. */
  fractional: number;
  shareOfPairPapers: number;
}

export interface InstitutionPairRow {
  a: { institution: string; institutionId: string | null };
  b: { institution: string; institutionId: string | null };
  /** Collaboration papers with both (each pair counted once per paper). */
  papers: number;
  shareOfPairPapers: number;
}

export interface Institutions {
  pair: [string, string];
  pairPapers: number;
  /** [A side, B side]: the top institutions. */
  sides: Array<{ country: string; institutions: number; rows: InstitutionRow[] }>;
  /** Distinct (A institution, B institution) pairs seen. */
  distinctPairs: number;
  pairs: InstitutionPairRow[];
}

// ---- 5. sectors --------------------------------------------------------------------------------

export interface SectorCell {
  /** Sector on side A (pair[0]) and on side B; "unknown" when the affiliation has none. */
  sectorA: string;
  sectorB: string;
  /** Collaboration papers with this combination (a paper counts once per combination it has). */
  combinations: number;
  /** combinations / total combinations. */
  share: number;
  /** Fractional: each paper's weight 1 split equally over its combinations (sums to pairPapers). */
  papers: number;
}

export interface SectorMatrix {
  pairPapers: number;
  /** Sum of `combinations` over the cells: the total the combination shares refer to. */
  combinations: number;
  cells: SectorCell[];
}

export interface Sectors {
  pair: [string, string];
  /** Axis order of both sides. */
  sectors: string[];
  overall: SectorMatrix;
  byYear: Array<{ year: number } & SectorMatrix>;
}

// ---- 6. network --------------------------------------------------------------------------------

export interface Community {
  /** 0 is the largest community. */
  id: number;
  institutions: number;
  /** Summed papers of its institutions. */
  papers: number;
  /** Institutions per country, largest first (top 5). */
  countries: Array<{ country: string; institutions: number }>;
  /** Institutions of A and of B in it. */
  pairInstitutions: [number, number];
  /** Its institutions with the most papers (top 8). */
  members: string[];
}

export interface Communities {
  algorithm: 'louvain';
  seed: number;
  /** Institutions of the corpus, and the ones kept in the graph (the most papers, ties by key). */
  institutions: number;
  nodes: number;
  edges: number;
  capped: boolean;
  maxNodes: number;
  count: number;
  modularity: number;
  /** A-B co-authorship ties (summed edge weight) and the share inside one community. */
  pairTies: { weight: number; withinCommunity: number; share: number };
  /** The largest communities (top N). */
  list: Community[];
}

export interface Bridge {
  institution: string;
  institutionId: string | null;
  country: string | null;
  papers: number;
  community: number;
  /** Share of shortest paths between A and B institutions that pass through it (hop distance). */
  pairBetweenness: number;
  /** Normalised betweenness centrality in the whole graph (graphology-metrics, hop distance). */
  betweenness: number;
  /** Co-authored papers with institutions of A and of B (summed edge weights). */
  tiesA: number;
  tiesB: number;
}

export interface NetworkYear {
  year: number;
  papers: number;
  /** Institutions appearing that year. */
  institutions: number;
  /**
   * Co-authorship ties over all institutions: one per pair of institutions on a paper (a paper with k
   * institutions gives k(k-1)/2), counting pairs whose countries are both known; and the cross-border share.
   */
  ties: number;
  crossBorderTieShare: number;
  /** Distinct edges that year among the graph's institutions (all of them unless capped), and the share
   * between different countries among edges with both countries known. */
  edges: number;
  crossBorderShare: number;
  /**
   * Distinct edges among institutions of A and B: within A, within B, across; acrossShare = across / all
   * three. `ties` and acrossTieShare: the same over all institutions, as ties.
   */
  pair: {
    withinA: number;
    withinB: number;
    across: number;
    acrossShare: number;
    ties: { withinA: number; withinB: number; across: number };
    acrossTieShare: number;
  };
}

export interface Network {
  pair: [string, string];
  communities: Communities;
  /**
   * The graph betweenness ran on: the whole community graph, or (capped) its top institutions by papers,
   * as many as keep nodes x edges within the budget (5e7).
   */
  bridgeGraph: { nodes: number; edges: number; capped: boolean };
  /** Institutions bridging A and B, by pairBetweenness (top N). */
  bridges: Bridge[];
  byYear: NetworkYear[];
}

// ---- 7. third countries ------------------------------------------------------------------------

export interface ThirdCountries {
  pair: [string, string];
  pairPapers: number;
  /** Collaboration papers with at least one country besides A and B. */
  withThird: Proportion;
  /** Third countries by collaboration papers they appear on (top N). */
  brokers: Array<{ country: string; papers: number; shareOfPairPapers: number; fractional: number }>;
  byYear: Array<{ year: number; pairPapers: number; withThird: number; share: number }>;
  /** Distinct country pairs co-authoring at least one paper. */
  countryPairs: number;
  /** The most frequent country pairs (full counting, every pair of countries on a paper; top N). */
  pairs: Array<{ a: string; b: string; papers: number; share: number }>;
  /** Top N countries by papers; cells[i][j] co-authored papers, cells[i][i] the country's papers. */
  matrix: { countries: string[]; cells: number[][] };
}

// ---- 8. dual affiliations ----------------------------------------------------------------------

export interface DualAffiliations {
  pair: [string, string];
  /** The rule in force (--dual-affiliation). */
  rule: 'count' | 'ignore';
  /** Author slots of in-scope papers. */
  authorships: number;
  /** Author slots with counted institutions in both A and B. */
  dualAuthorships: number;
  share: number;
  /** Distinct author names among them. */
  distinctAuthors: number;
  papersWithDual: number;
  /** Collaboration papers under each rule; onlyThroughDual = count - ignore. */
  pairPapers: { count: number; ignore: number; onlyThroughDual: number; shareOnlyThroughDual: number };
  /** Author slots with institutions in two or more countries (any countries). */
  multiCountryAuthorships: number;
  /** Country pairs of multi-country authors (top N). */
  countryPairs: Array<{ a: string; b: string; authorships: number }>;
  /** Institution combinations of the pair's dual authors (top N). */
  institutionPairs: Array<{ a: string; b: string; authorships: number }>;
  byYear: Array<{ year: number; authorships: number; dualAuthorships: number; papersWithDual: number; onlyThroughDual: number }>;
}

// ---- 9. sensitivity ----------------------------------------------------------------------------

export interface SensitivityRow {
  /** "baseline", or the definition varied. */
  definition: 'baseline' | keyof Definitions;
  value: string;
  definitions: Definitions;
  /** In-scope papers under these definitions. */
  papers: number;
  pairPapers: number;
  share: number;
  ci95: Interval;
  /** Against the baseline: papers, share (absolute), and relative change of pairPapers. */
  deltaPapers: number;
  deltaShare: number;
  relativeChange: number | null;
  /** Why the row cannot differ from the baseline (e.g. "no track information"); shown instead of the change. */
  note?: string;
}

export interface Sensitivity {
  pair: [string, string];
  /** Baseline first, then one row per definition with the other value (one change at a time). */
  rows: SensitivityRow[];
  range: { minPapers: number; maxPapers: number; minShare: number; maxShare: number };
}

// ---- 0. coverage ------------------------------------------------------------------------------

export interface CoverageRow {
  venue: string;
  /** null for the total row. */
  year: number | null;
  /** Papers in the track scope. */
  papers: number;
  /** Papers with at least one author located (any country). */
  anyLocated: number;
  /** Papers with every author located (papers without authors are not). */
  allLocated: number;
  /** Papers with no affiliation text at all. */
  noAffiliations: number;
  shareAnyLocated: number;
  shareAllLocated: number;
}

export interface Coverage {
  /** The denominator in force: 'located' shares leave out papers with no located (counted) author. */
  denominator: Definitions['denominator'];
  /** Venue-years under this share of papers with a located author get a warning. */
  threshold: number;
  total: CoverageRow;
  rows: CoverageRow[];
  warnings: string[];
}

export interface Analytics {
  coverage: Coverage;
  counting: Counting;
  trend: Trend;
  fields: Fields;
  institutions: Institutions;
  sectors: Sectors;
  network: Network;
  thirdCountries: ThirdCountries;
  dualAffiliations: DualAffiliations;
  sensitivity: Sensitivity;
}
