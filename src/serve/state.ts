// The dashboard's data: one analyze run held in memory, and the analysis of any filtered subset under
// any pair and definitions, recomputed on demand (analyzeCorpus, the same code as `analyze`) and kept
// in a small cache, so switching back and forth between views is instant.
import type { Paper } from '../types.js';
import type { Summary } from '../run.js';
import { SECTORS } from '../types.js';
import { summarizeHeadline } from '../summary.js';
import { analyzeCorpus } from '../analyze/index.js';
import { loadOrganisations } from '../kb/organisations.js';
import { summarizeTechFlow } from '../classify/index.js';
import { buildCharts, layoutNetwork, type Chart } from '../report/charts/index.js';
import { summaryLabel } from '../report/html.js';
import type { Run } from '../report/build.js';
import { matchesDrill, matchesFilters, NO_FIELD, NO_SECTOR, viewKey, withCountries, type Query } from './query.js';
import { allAffiliations } from '../definitions.js';

export interface View {
  query: Query;
  /** Papers passing the filters, with countries under the view's definitions. */
  papers: Paper[];
  summary: Summary;
  charts: Chart[];
  label: string;
}

export interface Meta {
  source: string;
  papers: number;
  pair: [string, string];
  definitions: Run['summary']['definitions'];
  label: string;
  venues: string[];
  years: number[];
  fields: string[];
  sectors: string[];
  /** Institutions with the most papers, for the filter's suggestions. */
  institutions: string[];
}

const CACHE_SIZE = 24;

export class DashboardData {
  private readonly cache = new Map<string, View>();
  private readonly byId: Map<string, Paper>;
  readonly meta: Meta;

  constructor(
    readonly run: Run,
    source: string,
  ) {
    this.byId = new Map(run.papers.map((p) => [p.id, p]));
    this.meta = buildMeta(run, source);
  }

  get defaults(): { pair: [string, string]; definitions: Run['summary']['definitions'] } {
    return { pair: this.run.summary.pair, definitions: this.run.summary.definitions };
  }

  view(query: Query): View {
    const key = viewKey(query);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const { pair, definitions, filters } = query;
    const papers = withCountries(this.run.papers, definitions, this.run.summary.definitions).filter((p) => matchesFilters(p, filters, definitions));
    const corpus = { papers, warnings: [], skipped: [] };
    const summary: Summary = {
      ...summarizeHeadline(corpus, pair, definitions),
      // Warnings and skipped records belong to the run, not to a subset of its papers.
      warnings: this.run.summary.warnings,
      skipped: this.run.summary.skipped,
      ...analyzeCorpus(papers, { pair, definitions }),
      // `used` hits, as the drill-down (matchesDrill) counts them
      techFlow: summarizeTechFlow(papers, { count: 'used' }),
    };
    const charts = buildCharts({ summary, network: layoutNetwork(papers, pair, definitions, { bridgeList: summary.network?.bridges }) });
    const view: View = { query, papers, summary, charts, label: papers.length ? summaryLabel(summary) : 'no papers match the filters' };
    this.cache.set(key, view);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return view;
  }

  /** The papers behind a number: the view's papers that match the drill, in year then id order. */
  papers(query: Query): { total: number; papers: Paper[] } {
    const selected = this.view(query).papers.filter((p) => matchesDrill(p, query));
    selected.sort((a, b) => a.year - b.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { total: selected.length, papers: selected.slice(query.offset, query.offset + query.limit) };
  }

  paper(id: string): Paper | undefined {
    return this.byId.get(id);
  }
}

function buildMeta(run: Run, source: string): Meta {
  const { papers, summary } = run;
  const venues = new Set<string>();
  const years = new Set<number>();
  const fields = new Set<string>();
  const institutions = new Map<string, number>();
  const organisations = loadOrganisations();
  for (const paper of papers) {
    venues.add(paper.venue);
    years.add(paper.year);
    if (paper.fields.length === 0) fields.add(NO_FIELD);
    for (const field of paper.fields) fields.add(field);
    const names = new Set<string>();
    for (const a of allAffiliations(paper)) {
      if (a.institution) names.add(a.institution);
      // the organisations it rolls up to, so the filter suggests them too (institution level)
      if (a.institutionId) for (const id of organisations.chain(a.institutionId).slice(1)) names.add(organisations.get(id)?.name ?? id);
    }
    for (const name of names) institutions.set(name, (institutions.get(name) ?? 0) + 1);
  }
  return {
    source,
    papers: papers.length,
    pair: summary.pair,
    definitions: summary.definitions,
    label: summaryLabel(summary),
    venues: [...venues].sort(),
    years: [...years].sort((a, b) => a - b),
    fields: [...fields].sort(),
    sectors: [...SECTORS, NO_SECTOR],
    institutions: [...institutions]
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
      .slice(0, 500)
      .map(([name]) => name),
  };
}
