// `collabscope compare DIR --with openalex`: an independent check of our country sets. Our papers
// (DIR/papers.jsonl) are matched to OpenAlex works of the same venue and year by DOI, else by
// normalised title; for matched papers the country sets are compared, paper by paper and per country.
import { readPapers, readSummary } from '../output.js';
import { applyChinaScope } from '../definitions.js';
import { textTable, percent } from '../report/text-table.js';
import type { Definitions, Paper } from '../types.js';
import { normalizeTitle, shortVenue, type FetchContext } from './common.js';
import { fetchOpenAlexWorks, OPENALEX_SOURCES, workCountries, workDoi, type OpenAlexWork } from './openalex.js';

export interface CompareOptions {
  dir: string;
  ctx: Omit<FetchContext, 'year'>;
  /** OpenAlex source ids by venue name (NeurIPS -> S4306420609), over the known ones. */
  sources?: Record<string, string>;
  /** A source id for every venue-year (over the known ones). */
  defaultSource?: string | null;
  pair?: [string, string];
}

export interface PaperDifference {
  id: string;
  title: string;
  venue: string;
  year: number;
  openalexId: string;
  ours: string[];
  theirs: string[];
  onlyOurs: string[];
  onlyTheirs: string[];
}

export interface CountryDifference {
  country: string;
  /** Matched papers with the country in our set, in OpenAlex's, in both, in one only. */
  ours: number;
  theirs: number;
  both: number;
  onlyOurs: number;
  onlyTheirs: number;
}

export interface CompareReport {
  dir: string;
  with: 'openalex';
  chinaScope: Definitions['chinaScope'];
  slices: Array<{ venue: string; year: number; source: string | null; ours: number; theirs: number; matched: number }>;
  papers: { ours: number; theirs: number; matched: number; byDoi: number; byTitle: number; unmatchedOurs: number; unmatchedTheirs: number };
  countries: { comparable: number; agree: number; differ: number; agreement: number; emptyOurs: number; emptyTheirs: number };
  pair: { pair: [string, string]; ours: number; theirs: number; both: number } | null;
  perCountry: CountryDifference[];
  differences: PaperDifference[];
  notes: string[];
}

function paperDoi(paper: Paper): string | null {
  const match = paper.url?.match(/10\.\d{4,9}\/[^\s?#]+/);
  return match ? match[0].toLowerCase() : null;
}

export async function compareWithOpenAlex(options: CompareOptions): Promise<CompareReport> {
  const papers = readPapers(options.dir);
  let chinaScope: Definitions['chinaScope'] = 'mainland';
  try {
    const definitions = (readSummary(options.dir).definitions ?? {}) as Partial<Definitions>;
    if (definitions.chinaScope === 'greater') chinaScope = 'greater';
  } catch {
    // no summary.json: our countries are taken as written, OpenAlex's unfolded
  }
  const sources: Record<string, string> = {};
  for (const [venue, id] of Object.entries(OPENALEX_SOURCES)) sources[venue] = id;
  for (const [venue, id] of Object.entries(options.sources ?? {})) sources[shortVenue(venue)] = id;

  const slices = new Map<string, { venue: string; year: number; papers: Paper[] }>();
  for (const paper of papers) {
    const key = `${paper.venue}\t${paper.year}`;
    const slice = slices.get(key) ?? { venue: paper.venue, year: paper.year, papers: [] };
    slice.papers.push(paper);
    slices.set(key, slice);
  }

  const report: CompareReport = {
    dir: options.dir,
    with: 'openalex',
    chinaScope,
    slices: [],
    papers: { ours: papers.length, theirs: 0, matched: 0, byDoi: 0, byTitle: 0, unmatchedOurs: 0, unmatchedTheirs: 0 },
    countries: { comparable: 0, agree: 0, differ: 0, agreement: 0, emptyOurs: 0, emptyTheirs: 0 },
    pair: options.pair ? { pair: options.pair, ours: 0, theirs: 0, both: 0 } : null,
    perCountry: [],
    differences: [],
    notes: [],
  };
  const perCountry = new Map<string, CountryDifference>();
  const tally = (code: string) => {
    const row = perCountry.get(code) ?? { country: code, ours: 0, theirs: 0, both: 0, onlyOurs: 0, onlyTheirs: 0 };
    perCountry.set(code, row);
    return row;
  };

  for (const slice of [...slices.values()].sort((a, b) => a.venue.localeCompare(b.venue) || a.year - b.year)) {
    let venueKey: string;
    try {
      venueKey = shortVenue(slice.venue.replace(/[^A-Za-z0-9]/g, ''));
    } catch {
      venueKey = '';
    }
    const sourceId = options.defaultSource ?? sources[venueKey] ?? null;
    if (!sourceId) {
      report.notes.push(`${slice.venue} ${slice.year}: no OpenAlex source known; pass --openalex-source ${slice.venue}=S...`);
      report.slices.push({ venue: slice.venue, year: slice.year, source: null, ours: slice.papers.length, theirs: 0, matched: 0 });
      report.papers.unmatchedOurs += slice.papers.length;
      continue;
    }
    const works = await fetchOpenAlexWorks({ ...options.ctx, year: slice.year }, sourceId, slice.year);
    report.papers.theirs += works.length;
    const byDoi = new Map<string, OpenAlexWork>();
    const byTitle = new Map<string, OpenAlexWork>();
    for (const work of works) {
      const doi = workDoi(work);
      if (doi && !byDoi.has(doi)) byDoi.set(doi, work);
      const title = normalizeTitle(String(work.title ?? work.display_name ?? ''));
      if (title && !byTitle.has(title)) byTitle.set(title, work);
    }
    const used = new Set<string>();
    let matched = 0;
    for (const paper of slice.papers) {
      const doi = paperDoi(paper);
      let work = doi ? byDoi.get(doi) : undefined;
      const how = work ? 'doi' : 'title';
      if (!work) work = byTitle.get(normalizeTitle(paper.title));
      if (!work || used.has(work.id)) {
        report.papers.unmatchedOurs++;
        continue;
      }
      used.add(work.id);
      matched++;
      if (how === 'doi') report.papers.byDoi++;
      else report.papers.byTitle++;
      const ours = [...new Set(paper.countries.map((c) => applyChinaScope(c, chinaScope)))].sort();
      const theirs = [...new Set(workCountries(work).map((c) => applyChinaScope(c, chinaScope)))].sort();
      if (report.pair) {
        const [a, b] = report.pair.pair;
        const inOurs = ours.includes(a) && ours.includes(b);
        const inTheirs = theirs.includes(a) && theirs.includes(b);
        if (inOurs) report.pair.ours++;
        if (inTheirs) report.pair.theirs++;
        if (inOurs && inTheirs) report.pair.both++;
      }
      if (ours.length === 0) report.countries.emptyOurs++;
      if (theirs.length === 0) report.countries.emptyTheirs++;
      if (ours.length === 0 || theirs.length === 0) continue;
      report.countries.comparable++;
      const onlyOurs = ours.filter((c) => !theirs.includes(c));
      const onlyTheirs = theirs.filter((c) => !ours.includes(c));
      for (const c of ours) tally(c).ours++;
      for (const c of theirs) tally(c).theirs++;
      for (const c of ours) if (theirs.includes(c)) tally(c).both++;
      for (const c of onlyOurs) tally(c).onlyOurs++;
      for (const c of onlyTheirs) tally(c).onlyTheirs++;
      if (onlyOurs.length === 0 && onlyTheirs.length === 0) {
        report.countries.agree++;
      } else {
        report.countries.differ++;
        report.differences.push({
          id: paper.id,
          title: paper.title,
          venue: paper.venue,
          year: paper.year,
          openalexId: work.id.replace(/^https?:\/\/openalex\.org\//i, ''),
          ours,
          theirs,
          onlyOurs,
          onlyTheirs,
        });
      }
    }
    report.papers.matched += matched;
    report.papers.unmatchedTheirs += works.length - used.size;
    report.slices.push({ venue: slice.venue, year: slice.year, source: sourceId, ours: slice.papers.length, theirs: works.length, matched });
    if (works.length === 0) report.notes.push(`${slice.venue} ${slice.year}: OpenAlex lists no works of source ${sourceId} (its coverage of recent proceedings lags)`);
  }
  report.countries.agreement = report.countries.comparable ? report.countries.agree / report.countries.comparable : 0;
  report.perCountry = [...perCountry.values()].sort(
    (a, b) => b.onlyOurs + b.onlyTheirs - (a.onlyOurs + a.onlyTheirs) || b.ours + b.theirs - (a.ours + a.theirs) || a.country.localeCompare(b.country),
  );
  return report;
}

export function renderCompareText(report: CompareReport, limit = 20): string {
  const p = report.papers;
  const c = report.countries;
  const lines = [
    `Comparison with OpenAlex: ${report.dir}`,
    `papers: ours ${p.ours}, OpenAlex ${p.theirs}, matched ${p.matched} (by DOI ${p.byDoi}, by title ${p.byTitle}); unmatched: ours ${p.unmatchedOurs}, OpenAlex ${p.unmatchedTheirs}`,
    `country sets of matched papers: ${c.comparable} comparable, ${c.agree} agree (${percent(c.agreement)}), ${c.differ} differ; ` +
      `no countries: ours ${c.emptyOurs}, OpenAlex ${c.emptyTheirs}` +
      (report.chinaScope === 'greater' ? ' (HK, MO, TW folded into CN on both sides)' : ''),
  ];
  if (report.pair) {
    const [a, b] = report.pair.pair;
    lines.push(`${a}-${b} papers among matched: ours ${report.pair.ours}, OpenAlex ${report.pair.theirs}, both ${report.pair.both}`);
  }
  if (report.slices.length > 1) {
    lines.push('', textTable('By venue-year', ['venue', 'year', 'OpenAlex source', 'ours', 'OpenAlex', 'matched'], report.slices.map((s) => [s.venue, String(s.year), s.source ?? '-', s.ours, s.theirs, s.matched])));
  }
  const countries = report.perCountry.filter((r) => r.onlyOurs + r.onlyTheirs > 0).slice(0, limit);
  if (countries.length) {
    lines.push(
      '',
      textTable(
        'Per-country differences (matched papers with countries on both sides)',
        ['country', 'ours', 'OpenAlex', 'both', 'only ours', 'only OpenAlex'],
        countries.map((r) => [r.country, r.ours, r.theirs, r.both, r.onlyOurs, r.onlyTheirs]),
      ),
    );
  }
  if (report.differences.length) {
    lines.push('', `Papers whose country sets differ (${Math.min(limit, report.differences.length)} of ${report.differences.length}):`);
    for (const d of report.differences.slice(0, limit)) {
      const title = d.title.length > 70 ? `${d.title.slice(0, 67)}...` : d.title;
      const extra = [d.onlyOurs.length ? `only ours: ${d.onlyOurs.join(',')}` : '', d.onlyTheirs.length ? `only OpenAlex: ${d.onlyTheirs.join(',')}` : ''].filter(Boolean).join('; ');
      lines.push(`  ${d.id}  ${title}`, `      ours ${d.ours.join(',')} | OpenAlex ${d.theirs.join(',')} (${d.openalexId}) | ${extra}`);
    }
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
