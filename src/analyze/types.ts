// The analytics written to summary.json (top-level keys: counting, trend, fields, institutions,
// sectors, network, thirdCountries, dualAffiliations, sensitivity). docs/analytics.md documents the
// same schema for readers. Shares are fractions (0.05 = 5%); "A" and "B" are the two countries of the
// pair in the order given (US, CN by default). Every list is sorted deterministically.
import type { OrganisationGraph } from '../kb/organisations.js';
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
  /** Seed of the PRNG handed to Louvain (default 1); restart r uses seed + r. Also seeds the mixing permutations. */
  seed?: number;
  /** Louvain restarts; the highest-modularity run is reported (default 20). */
  restarts?: number;
  /** Field ids the field findings always describe, on both bases (default ['llm-nlp']). */
  focusFields?: string[];
  /** Parent links for `definitions.institutionLevel` (default: curated base plus the user's imported files). */
  organisations?: OrganisationGraph;
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
  /**
   * Change of growth at this year, on the scale of its test: ln(growth factor this interval) - ln(growth
   * factor the interval before), i.e. the log of the ratio of the two annual growth factors (three years
   * ending here); null if undefined.
   */
  growthChange: number | null;
  /** p-value of "growth changed" for pairPapers (delta method on log counts, variance x the series' quasi-Poisson dispersion). */
  growthChangeP: number | null;
  /** p-value of the two-proportion z-test of this year's share against the previous year's. */
  shareChangeP: number | null;
}

export interface GrowthVerdict {
  basis: 'papers' | 'share';
  /** share: quasi-binomial (log link, papers as denominator); papers: quasi-Poisson. */
  model: 'quasi-binomial' | 'quasi-poisson';
  /** First year, break year and last year: average growth years[0]-years[1] against growth years[1]-years[2]. */
  years: number[];
  earlierGrowth: number | null;
  laterGrowth: number | null;
  /** The tested quantity: ln(later growth factor) - ln(earlier growth factor). Negative = slower. */
  change: number | null;
  /** exp(change): ratio of the annual growth factors, and its 95% interval. */
  ratio: number | null;
  ratioCi95: Interval | null;
  /** t statistic (df > 0) or z (three years). */
  statistic: number | null;
  /** Residual degrees of freedom of the break model (years - 3). */
  df: number | null;
  /** Pearson X^2 / df; the test uses max(1, dispersion). Null with three years (cannot be estimated). */
  dispersion: number | null;
  p: number | null;
  /** The significance level of the verdict (0.05). */
  level: number;
  /** slowing/accelerating only when p < level; no-evidence otherwise. */
  verdict: 'slowing' | 'accelerating' | 'no-evidence' | 'insufficient-data';
  significant: boolean;
  /** Plain statement of the verdict, the growth rates, the interval and the test. */
  sentence: string;
}

export interface TrendSeries {
  /** Venue name, or "all venues" for the pooled series. */
  venue: string;
  /** Null when the series is empty. */
  firstYear: number | null;
  lastYear: number | null;
  rows: TrendRow[];
  /** Compound annual growth of pairPapers from the first to the last year; null if the first is 0. */
  cagr: number | null;
  /** Compound annual growth of the share. */
  shareCagr: number | null;
  /** Growth in the last interval against the average before: the share test (size-adjusted) leads. */
  slowing: { share: GrowthVerdict; papers: GrowthVerdict };
}

/** Which venues the pooled series covers: those present in every year of the window (a balanced panel). */
export interface TrendPanel {
  /** Every year with in-scope papers (the window). */
  years: number[];
  /** Venues present in every one of them (pooled), and the others (not pooled). */
  venues: string[];
  excluded: string[];
  /** False when no venue is present in every year: no pooled series. */
  computed: boolean;
  note: string;
}

export interface Trend {
  pair: [string, string];
  /** The balanced panel's venues pooled, per year; null when no venue is present in every year. */
  overall: TrendSeries | null;
  panel: TrendPanel;
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
  /**
   * The table's test (two-sided): Fisher's exact test for one venue-year; for several, the
   * Cochran-Mantel-Haenszel test stratified by venue-year (continuity-corrected, 1 df).
   */
  p: number | null;
  /** Holm-adjusted p over all fields of the table. */
  pHolm: number | null;
  /** over/under when pHolm < 0.05 (by the pooled odds ratio when stratified, else the lift), else none. */
  direction: 'over' | 'under' | 'none';
  /** Fisher's exact test on the venue-years pooled into one table (equals p when there is one stratum). */
  pooledP: number | null;
  /** Mantel-Haenszel odds ratio over the venue-years and its 95% Robins-Breslow-Greenland interval (stratified only). */
  oddsRatio: number | null;
  oddsRatioCi95: Interval | null;
}

export interface FieldTable {
  /** primary: fields[0] (rows add up to the totals); any: the field anywhere in `fields` (rows overlap). */
  basis: 'primary' | 'any';
  allPapers: number;
  pairPapers: number;
  /** fisher: one venue-year; cmh: stratified by venue-year. */
  test: 'fisher' | 'cmh';
  /** Venue-years (strata) in the table. */
  strata: number;
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
  /** At institution level parent/top, when the row gathers other units: each unit and its papers on this side
   *  (a paper counts once in the row however many of its units appear, so these may sum to more). */
  units?: Array<{ institution: string; institutionId: string | null; papers: number }>;
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
  /** Louvain restarted with `restarts` consecutive seeds from `seed`; the run with the highest modularity is reported. */
  algorithm: 'louvain-best-of-restarts';
  seed: number;
  restarts: number;
  /** The seed of the reported (highest-modularity) run. */
  bestSeed: number;
  /** Institutions of the corpus, and the ones kept in the graph (the most papers, ties by key). */
  institutions: number;
  nodes: number;
  edges: number;
  capped: boolean;
  maxNodes: number;
  count: number;
  modularity: number;
  /** A-B co-authorship ties (summed edge weight) and the share inside one community (of the reported run). */
  pairTies: { weight: number; withinCommunity: number; share: number };
  /** Over all restarts: the range of the modularity and of pairTies.share (how much one seed could move them). */
  range: {
    modularity: [number, number];
    pairShare: [number, number];
    /** The restarts within `tolerance` of the best modularity (near-equally good partitions) and their pairShare range. */
    nearBest: { tolerance: number; runs: number; pairShare: [number, number] };
  };
  /** The largest communities (top N). */
  list: Community[];
}

export interface Bridge {
  institution: string;
  institutionId: string | null;
  country: string | null;
  papers: number;
  community: number;
  /** Share of shortest paths between A and B institutions that pass through it, distance = 1 / papers of a tie (the ranking). */
  pairBetweenness: number;
  /** The same with hop distance (every tie equal), and the institution's rank by it (1 = first; null when 0). */
  pairBetweennessHops: number;
  rankHops: number | null;
  /** Normalised betweenness centrality in the whole graph (graphology-metrics, hop distance). */
  betweenness: number;
  /** Co-authored papers with institutions of A and of B (summed edge weights). */
  tiesA: number;
  tiesB: number;
}

/** Assortativity of the last year minus the first, with a 95% bootstrap interval; the verdict needs the interval to exclude 0. */
export interface MixingChange {
  from: number;
  to: number;
  difference: number;
  ci95: Interval;
  replicates: number;
  verdict: 'more-national' | 'less-national' | 'no-evidence';
}

/** One year's ties against random mixing (country labels of its institutions permuted). */
export interface NetworkMixing {
  /** Tie weight (one per institution pair per paper, both countries known), institutions and countries in it. */
  ties: number;
  institutions: number;
  countries: number;
  /** Categorical country assortativity (Newman 2003): 0 = random mixing, 1 = only within-country ties. */
  assortativity: number;
  /** 95% bootstrap interval of the assortativity (the year's papers resampled, seeded); null without ties. */
  assortativityCi95: Interval | null;
  bootstrapReplicates: number;
  /** E-I index: (cross-border - within-country) / all tie weight. */
  eiIndex: number;
  /** A-B ties among ties with both ends in A or B; null when there are none. */
  pairAcrossShare: number | null;
  /** Under random mixing: permutations (seeded), mean and 95% range of each figure. */
  random: {
    permutations: number;
    seed: number;
    assortativity: number;
    assortativityInterval: Interval;
    eiIndex: number;
    eiInterval: Interval;
    pairAcrossShare: number | null;
    pairAcrossInterval: Interval | null;
  };
  /** One-sided permutation p of "more within-country than random mixing". */
  p: number;
  /** assortativity above the random-mixing range. */
  moreNationalThanRandom: boolean;
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
  /** Homophily against random mixing. */
  mixing: NetworkMixing;
}

export interface Network {
  pair: [string, string];
  communities: Communities;
  /**
   * The graph betweenness ran on: the whole community graph, or (capped) its top institutions by papers,
   * as many as keep nodes x edges within the budget (5e7).
   */
  bridgeGraph: { nodes: number; edges: number; capped: boolean };
  /** Institutions bridging A and B, by weighted pairBetweenness (top N). */
  bridges: Bridge[];
  byYear: NetworkYear[];
  /** First against last year's assortativity; null with fewer than two years of ties, or when the two years' venues differ. */
  mixingChange: MixingChange | null;
  /** "Splitting along national lines?" answered from byYear[].mixing and mixingChange. */
  nationalLines: string;
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
