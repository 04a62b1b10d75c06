// The analytics as plain-text terminal tables, one section per summary.json key, at most 120 columns.
import { renderGatheredUnits } from './render-organisations.js';
import type { Analytics, AnalyzeOptions, TrendSeries } from './types.js';
import { denominatorCaption, renderCoverage } from './render-coverage.js';
import { clip, fixed, formatP, interval, pct, signedPct, signedPp } from './format.js';
import { definitionsLabel } from './sensitivity.js';

export const MAX_WIDTH = 120;

type Align = 'l' | 'r';

/** A table with a title; columns aligned as given (default: left for the first, right for the rest). */
export function table(title: string, header: string[], rows: string[][], align?: Align[]): string {
  const aligns = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => (aligns[col] === 'r' ? cell.padStart(widths[col]) : cell.padEnd(widths[col])))
      .join('  ')
      .trimEnd();
  const lines = [title, line(header), widths.map((w) => '-'.repeat(w)).join('  ').trimEnd(), ...rows.map(line)];
  if (rows.length === 0) lines.push('(none)');
  return lines.map((l) => clip(l, MAX_WIDTH)).join('\n');
}

/** The width prose is wrapped to: the terminal's (at most MAX_WIDTH) while a render runs. */
let proseWidth = MAX_WIDTH;

/** Wraps prose at word boundaries to the width, indenting continuation lines. */
export function wrap(text: string, width = proseWidth, indent = '  '): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const prefix = lines.length ? indent : '';
    if (current && prefix.length + current.length + 1 + word.length > width) {
      lines.push(prefix + current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push((lines.length ? indent : '') + current);
  return lines.join('\n');
}

const n = (value: number) => String(value);

const SECTOR_ABBREVIATIONS: Record<string, string> = {
  education: 'edu',
  company: 'company',
  government: 'gov',
  facility: 'facility',
  nonprofit: 'nonprofit',
  healthcare: 'health',
  other: 'other',
  unknown: 'unknown',
};
const frac = (value: number) => value.toFixed(1);

/** The sections of the terminal output, in order, as `analyze --sections` names them. */
export const ANALYTICS_SECTIONS = ['coverage', 'counting', 'trend', 'fields', 'institutions', 'sectors', 'network', 'third-countries', 'dual', 'sensitivity'] as const;

/**
 * Sections as they are pushed: text pushed after `begin(id)` belongs to that section, so a block that
 * only pushes text (sections.push) joins the section before it.
 */
class SectionList {
  readonly items: Array<{ id: string; text: string }> = [];
  private current = 'counting';
  begin(id: string): void {
    this.current = id;
  }
  push(text: string): void {
    this.items.push({ id: this.current, text });
  }
}

export interface RenderTextOptions {
  /** Only these sections (ids of ANALYTICS_SECTIONS); default all. */
  sections?: ReadonlySet<string>;
  /** Width prose is wrapped to (default MAX_WIDTH). */
  width?: number;
  /** At most this many rows in the ranked tables (institutions); default all of summary.json's. */
  rows?: number;
}

export function renderAnalyticsText(analytics: Analytics, options: AnalyzeOptions & RenderTextOptions): string {
  return renderAnalyticsSections(analytics, options)
    .filter((s) => !options.sections || options.sections.has(s.id))
    .map((s) => s.text)
    .join('\n\n');
}

export function renderAnalyticsSections(analytics: Analytics, options: AnalyzeOptions & RenderTextOptions): Array<{ id: string; text: string }> {
  const previousWidth = proseWidth;
  proseWidth = Math.max(40, Math.min(MAX_WIDTH, options.width ?? MAX_WIDTH));
  try {
    return sectionsOf(analytics, options);
  } finally {
    proseWidth = previousWidth;
  }
}

function sectionsOf(analytics: Analytics, options: AnalyzeOptions & RenderTextOptions): Array<{ id: string; text: string }> {
  const rowLimit = options.rows;
  const [A, B] = options.pair;
  const label = `${A}-${B}`;
  const sections = new SectionList();
  const over = denominatorCaption(options.definitions);

  // 0. coverage
  sections.begin('coverage');
  if (analytics.coverage) sections.push(renderCoverage(analytics.coverage));

  // 1. counting
  sections.begin('counting');
  {
    const { full, fractional } = analytics.counting;
    const fractionalOf = new Map(fractional.countries.map((c) => [c.country, c]));
    const top = full.countries.slice(0, options.topN ?? 15);
    const rows = top.map((c) => {
      const f = fractionalOf.get(c.country);
      return [c.country, n(c.papers), pct(c.share), interval(c.ci95), f ? frac(f.papers) : '0.0', f ? pct(f.share) : '-', f ? interval(f.ci95) : '-'];
    });
    rows.push(['unknown', '', '', '', frac(fractional.unknown), pct(full.papers ? fractional.unknown / full.papers : 0), '']);
    rows.push(['all', n(full.papers), '', '', frac(fractional.sum), '', '']);
    const contributions = fractional.pair.contributions.map((c) => `${c.part} ${frac(c.papers)} (${pct(c.share)})`).join(', ');
    sections.push(
      [
        table(
          `1. Counting: in-scope papers by country (full: once per country present; fractional: author shares); ${over}`,
          ['country', 'full', 'share', '95% CI', 'fractional', 'share', '95% CI'],
          rows,
        ),
        wrap(
          `${label} collaboration papers: ${full.pair.count} of ${full.papers} (${pct(full.pair.share, 2)}, 95% CI ${interval(full.pair.ci95, 2)}); ` +
            `international papers: ${full.international.count} (${pct(full.international.share)}).`,
        ),
        wrap(`Fractional authorship of the ${fractional.pair.papers} ${label} papers: ${contributions}.`),
      ].join('\n'),
    );
  }

  // 2. trend
  sections.begin('trend');
  {
    const { trend } = analytics;
    const series: TrendSeries[] = trend.byVenue.length > 1 && trend.overall ? [...trend.byVenue, trend.overall] : trend.byVenue;
    const rows = series.flatMap((s) =>
      s.rows.map((r) => [
        clip(s.venue, 16),
        n(r.year),
        n(r.papers),
        n(r.pairPapers),
        pct(r.share, 2),
        interval(r.ci95),
        signedPct(r.growth),
        signedPct(r.shareGrowth),
        r.growthChange === null ? '-' : `x${Math.exp(r.growthChange).toFixed(2)}`,
        formatP(r.growthChangeP),
        formatP(r.shareChangeP),
      ]),
    );
    const short = series.filter((s) => s.rows.length < 3).map((s) => s.venue);
    const notes = series
      .filter((s) => s.rows.length >= 3)
      .flatMap((s) => [
        `${s.venue} ${s.firstYear ?? ''}-${s.lastYear ?? ''}: compound annual growth of ${label} papers ${signedPct(s.cagr)}, of the share ${signedPct(s.shareCagr)}.`,
        s.slowing.share.sentence,
        s.slowing.papers.sentence,
      ]);
    if (short.length) notes.push(`Fewer than three years, so no change of growth is measured: ${short.join(', ')}.`);
    sections.push(
      [
        table(
          `2. Trend: ${label} collaboration per venue and year`,
          ['venue', 'year', 'papers', label, 'share', '95% CI', 'growth', 'share gr.', 'growth change', 'p(change)', 'p(share)'],
          rows,
          ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        ),
        wrap(
          "growth: year-over-year (annualised over gaps); growth change: this interval's growth factor divided by the previous " +
            "one's (x1.00 = unchanged); p(change): its test (log counts, quasi-Poisson dispersion of the series); " +
            'p(share): two-proportion z-test of the share against the previous year.',
        ),
        ...(trend.byVenue.length > 1 ? [wrap(trend.panel.note)] : []),
        ...notes.map((note) => wrap(note)),
      ].join('\n'),
    );
  }

  // 3. fields
  sections.begin('fields');
  {
    const { fields } = analytics;
    const stratified = fields.primary.test === 'cmh';
    const fieldRows = (t: typeof fields.primary) =>
      t.rows.map((r) => [
        clip(r.field, 28),
        n(r.allPapers),
        pct(r.allShare),
        n(r.pairPapers),
        pct(r.pairShare),
        interval(r.pairCi95),
        fixed(r.lift),
        ...(stratified ? [fixed(r.oddsRatio), formatP(r.pooledP)] : []),
        formatP(r.p),
        formatP(r.pHolm),
        r.direction === 'none' ? '' : r.direction,
      ]);
    const header = ['field', 'all', 'share', label, 'share', '95% CI', 'lift', ...(stratified ? ['MH OR', 'pooled p'] : []), stratified ? 'CMH p' : 'p', 'Holm p', 'significant'];
    const primaryRows = fieldRows(fields.primary);
    primaryRows.push(['total', n(fields.primary.allPapers), '100.0%', n(fields.primary.pairPapers), fields.primary.pairPapers ? '100.0%' : '-', '', '', ...(stratified ? ['', ''] : []), '', '', '']);
    const testTitle = stratified
      ? `CMH stratified by ${fields.primary.strata} venue-years, Holm`
      : "Fisher's exact test, Holm";
    sections.push(
      [
        table(`3. Fields: primary field of ${label} papers against all in-scope papers (${testTitle})`, header, primaryRows),
        '',
        table(`   Any field (a paper counts for every field it has; rows overlap)`, header, fieldRows(fields.any)),
        ...(stratified ? [wrap('MH OR: Mantel-Haenszel odds ratio over venue-years; pooled p: Fisher on all venue-years pooled (confounded by venue).')] : []),
        ...fields.findings.map((f) => wrap(f)),
      ].join('\n'),
    );
  }

  // 4. institutions
  sections.begin('institutions');
  {
    const { institutions } = analytics;
    const parts = institutions.sides.map((side) =>
      table(
        `4. Institutions: leading ${side.country} institutions on ${label} papers (${side.institutions} institutions, ${institutions.pairPapers} papers)`,
        ['#', 'institution', 'papers', 'fractional', 'share of papers'],
        side.rows.slice(0, rowLimit).map((r, i) => [n(i + 1), clip(r.institution, 60), n(r.papers), frac(r.fractional), pct(r.shareOfPairPapers)]),
        ['r', 'l', 'r', 'r', 'r'],
      ) + renderGatheredUnits(side.rows, options.definitions.institutionLevel),
    );
    parts.push(
      table(
        `   Most frequent institution pairs (${institutions.distinctPairs} distinct pairs)`,
        ['#', `${A} institution`, `${B} institution`, 'papers', 'share'],
        institutions.pairs.slice(0, rowLimit).map((p, i) => [n(i + 1), clip(p.a.institution, 44), clip(p.b.institution, 44), n(p.papers), pct(p.shareOfPairPapers)]),
        ['r', 'l', 'l', 'r', 'r'],
      ),
    );
    sections.push(parts.join('\n\n'));
  }

  // 5. sectors
  sections.begin('sectors');
  {
    const { sectors } = analytics;
    const { overall } = sectors;
    const present = (side: 'sectorA' | 'sectorB') => sectors.sectors.filter((s) => overall.cells.some((c) => c[side] === s));
    const rowsA = present('sectorA');
    const colsB = present('sectorB');
    const cell = (a: string, b: string) => overall.cells.find((c) => c.sectorA === a && c.sectorB === b)?.combinations ?? 0;
    const matrixRows = rowsA.map((a) => [a, ...colsB.map((b) => n(cell(a, b))), n(colsB.reduce((s, b) => s + cell(a, b), 0))]);
    matrixRows.push(['total', ...colsB.map((b) => n(rowsA.reduce((s, a) => s + cell(a, b), 0))), n(overall.combinations)]);
    // As many of the largest combinations as fit in the width.
    const short = (sector: string) => SECTOR_ABBREVIATIONS[sector] ?? sector;
    const comboLabel = (c: { sectorA: string; sectorB: string }) => `${short(c.sectorA)} x ${short(c.sectorB)}`;
    const topCells: typeof overall.cells = [];
    let used = 'year  papers  combinations'.length;
    for (const cell of overall.cells) {
      if (used + 2 + Math.max(6, comboLabel(cell).length) > MAX_WIDTH) break;
      used += 2 + Math.max(6, comboLabel(cell).length);
      topCells.push(cell);
    }
    const yearRows = sectors.byYear.map((y) => [
      n(y.year),
      n(y.pairPapers),
      n(y.combinations),
      ...topCells.map((t) => pct((y.cells.find((c) => c.sectorA === t.sectorA && c.sectorB === t.sectorB)?.combinations ?? 0) / (y.combinations || 1))),
    ]);
    sections.push(
      [
        table(
          `5. Sectors: ${A} sector (rows) x ${B} sector (columns) on ${overall.pairPapers} ${label} papers ` +
            `(a paper counts once per combination)`,
          [`${A} \\ ${B}`, ...colsB, 'total'],
          matrixRows,
        ),
        wrap(
          `The ${overall.combinations} combinations come from ${overall.pairPapers} papers; ` +
            `fractional (one per paper) in summary.json: sectors.overall.cells[].papers.`,
        ),
        '',
        table(
          `   Share of combinations per year (${A} x ${B}; edu = education, gov = government)`,
          ['year', 'papers', 'combinations', ...topCells.map(comboLabel)],
          yearRows,
        ),
      ].join('\n'),
    );
  }

  // 6. network
  sections.begin('network');
  {
    const { network } = analytics;
    const c = network.communities;
    const summaryLine =
      `${c.institutions} institutions; graph of ${c.nodes}${c.capped ? ` (capped to the ${c.maxNodes} with most papers)` : ''}, ` +
      `${c.edges} edges; ${c.count} Louvain communities, the best of ${c.restarts} seeded restarts (seeds ${c.seed}-${c.seed + c.restarts - 1}; ` +
      `reported: seed ${c.bestSeed}), modularity ${fixed(c.modularity, 3)} (range over restarts ${fixed(c.range.modularity[0], 3)}-${fixed(c.range.modularity[1], 3)}). ` +
      `${pct(c.pairTies.share)} of ${label} tie weight (${c.pairTies.weight}) lies inside a single community ` +
      `(${pct(c.range.pairShare[0])}-${pct(c.range.pairShare[1])} over all restarts; ${pct(c.range.nearBest.pairShare[0])}-${pct(c.range.nearBest.pairShare[1])} ` +
      `over the ${c.range.nearBest.runs} within ${c.range.nearBest.tolerance} of the best modularity).`;
    sections.push(
      [
        table(
          `6. Network: institution co-authorship communities (largest ${c.list.length})`,
          ['id', 'institutions', 'papers', A, B, 'countries', 'largest members'],
          c.list.map((x) => [
            n(x.id),
            n(x.institutions),
            n(x.papers),
            n(x.pairInstitutions[0]),
            n(x.pairInstitutions[1]),
            x.countries.slice(0, 3).map((y) => `${y.country} ${y.institutions}`).join(', '),
            clip(x.members.slice(0, 3).join('; '), 56),
          ]),
          ['r', 'r', 'r', 'r', 'r', 'l', 'l'],
        ),
        wrap(summaryLine),
        '',
        table(
          `   Bridges: institutions on shortest paths between ${A} and ${B} institutions, distance 1/papers` +
            (network.bridgeGraph.capped ? ` (top ${network.bridgeGraph.nodes} institutions)` : ''),
          ['institution', 'country', 'papers', 'comm.', 'pair betw.', 'by hops', 'hop rank', `ties ${A}`, `ties ${B}`],
          network.bridges.map((x) => [
            clip(x.institution, 40),
            x.country ?? '?',
            n(x.papers),
            n(x.community),
            x.pairBetweenness.toFixed(4),
            x.pairBetweennessHops.toFixed(4),
            x.rankHops === null ? '-' : n(x.rankHops),
            n(x.tiesA),
            n(x.tiesB),
          ]),
          ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        ),
        wrap('pair betw.: share of weighted shortest paths (a tie of k papers has length 1/k); by hops: every tie length 1.'),
        '',
        table(
          `   Cross-border links per year (are networks splitting along national lines?)`,
          ['year', 'papers', 'institutions', 'edges', 'cross-border', 'ties', 'cross-border', `${A}-${A}`, `${B}-${B}`, label, `${label} share`, 'of ties'],
          network.byYear.map((y) => [
            n(y.year),
            n(y.papers),
            n(y.institutions),
            n(y.edges),
            pct(y.crossBorderShare),
            n(y.ties),
            pct(y.crossBorderTieShare),
            n(y.pair.withinA),
            n(y.pair.withinB),
            n(y.pair.across),
            pct(y.pair.acrossShare),
            pct(y.pair.acrossTieShare),
          ]),
        ),
        wrap(
          `edges: distinct institution pairs that year${c.capped ? ` among the ${c.nodes} graph institutions` : ''}; ties: one per pair of ` +
            `institutions on a paper, all institutions. ${A}-${A}, ${B}-${B}, ${label}: distinct edges; share: ${label} edges among the three.`,
        ),
        '',
        table(
          `   Homophily against random mixing (country labels of the year's institutions permuted)`,
          ['year', 'ties', 'assortativity', '95% CI', 'random mixing 95%', 'p', 'E-I', 'random E-I', `${label} of ${A}/${B} ties`, 'random'],
          network.byYear.map((y) => {
            const m = y.mixing;
            return [
              n(y.year),
              n(m.ties),
              fixed(m.assortativity, 3),
              m.assortativityCi95 ? `${fixed(m.assortativityCi95[0], 3)} to ${fixed(m.assortativityCi95[1], 3)}` : '-',
              `${fixed(m.random.assortativityInterval[0], 3)} to ${fixed(m.random.assortativityInterval[1], 3)}`,
              formatP(m.p),
              fixed(m.eiIndex, 3),
              fixed(m.random.eiIndex, 3),
              pct(m.pairAcrossShare),
              pct(m.random.pairAcrossShare),
            ];
          }),
        ),
        wrap(network.nationalLines),
      ].join('\n'),
    );
  }

  // 7. third countries
  sections.begin('third-countries');
  {
    const t = analytics.thirdCountries;
    const m = t.matrix;
    // As many matrix columns as fit in the width.
    const cellWidth = Math.max(4, ...m.cells.flat().map((x) => String(x).length)) + 2;
    const fit = Math.max(1, Math.min(m.countries.length, Math.floor((MAX_WIDTH - 8) / cellWidth)));
    const shown = m.countries.slice(0, fit);
    sections.push(
      [
        table(
          `7. Third countries on ${label} papers: ${t.withThird.count} of ${t.pairPapers} (${pct(t.withThird.share)}, 95% CI ${interval(t.withThird.ci95)}) have one`,
          ['country', 'papers', `share of ${label}`, 'fractional'],
          t.brokers.map((b) => [b.country, n(b.papers), pct(b.shareOfPairPapers), frac(b.fractional)]),
        ),
        '',
        table(
          `   Per year`,
          ['year', `${label} papers`, 'with a third country', 'share'],
          t.byYear.map((y) => [n(y.year), n(y.pairPapers), n(y.withThird), pct(y.share)]),
        ),
        '',
        table(
          `   Most frequent country pairs (${t.countryPairs} distinct; a paper counts for every pair of its countries)`,
          ['pair', 'papers', 'share of papers'],
          t.pairs.map((p) => [`${p.a}-${p.b}`, n(p.papers), pct(p.share, 2)]),
        ),
        '',
        table(
          `   Collaboration matrix (diagonal: the country's papers)`,
          ['country', ...shown],
          shown.map((x, i) => [x, ...shown.map((_, j) => n(m.cells[i][j]))]),
        ),
      ].join('\n'),
    );
  }

  // 8. dual affiliations
  sections.begin('dual');
  {
    const d = analytics.dualAffiliations;
    sections.push(
      [
        table(
          `8. Dual affiliations: authors listing ${A} and ${B} institutions at once (rule in force: ${d.rule})`,
          ['year', 'authorships', `dual ${label}`, 'papers with dual', `${label} papers only through dual`],
          [
            ...d.byYear.map((y) => [n(y.year), n(y.authorships), n(y.dualAuthorships), n(y.papersWithDual), n(y.onlyThroughDual)]),
            ['all', n(d.authorships), n(d.dualAuthorships), n(d.papersWithDual), n(d.pairPapers.onlyThroughDual)],
          ],
        ),
        wrap(
          `${d.dualAuthorships} dual ${label} authorships (${pct(d.share, 2)} of ${d.authorships}; ${d.distinctAuthors} distinct names) on ${d.papersWithDual} papers. ` +
            `${label} papers with dual authors counted: ${d.pairPapers.count}; ignored: ${d.pairPapers.ignore}; ` +
            `${d.pairPapers.onlyThroughDual} (${pct(d.pairPapers.shareOnlyThroughDual)}) link the pair only through a dual author. ` +
            `Authors with institutions in two or more countries (any): ${d.multiCountryAuthorships}.`,
        ),
        '',
        table(
          `   Institution combinations of dual ${label} authors`,
          [`${A} institution`, `${B} institution`, 'authorships'],
          d.institutionPairs.map((p) => [clip(p.a, 50), clip(p.b, 50), n(p.authorships)]),
          ['l', 'l', 'r'],
        ),
        '',
        table(
          `   Country pairs of multi-country authors`,
          ['pair', 'authorships'],
          d.countryPairs.map((p) => [`${p.a}-${p.b}`, n(p.authorships)]),
        ),
      ].join('\n'),
    );
  }

  // 9. sensitivity
  sections.begin('sensitivity');
  {
    const s = analytics.sensitivity;
    const base = s.rows[0];
    sections.push(
      [
        table(
          `9. Definition sensitivity: ${label} headline with one definition changed at a time (each row's own denominator)`,
          ['definition', 'value', 'papers', label, 'share', '95% CI', 'change', 'share change', 'relative'],
          s.rows.map((r) => [
            r.definition,
            r.definition === 'baseline' ? 'as run' : r.value,
            n(r.papers),
            n(r.pairPapers),
            pct(r.share, 2),
            interval(r.ci95, 2),
            r.definition === 'baseline' ? '' : (r.note ?? `${r.deltaPapers >= 0 ? '+' : ''}${r.deltaPapers}`),
            r.definition === 'baseline' || r.note ? '' : signedPp(r.deltaShare, 2),
            r.definition === 'baseline' || r.note ? '' : signedPct(r.relativeChange),
          ]),
          ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        ),
        wrap(
          `baseline (as run) = ${definitionsLabel(base.definitions)} (chinaScope/multinational/dualAffiliation/affiliations/tracks/authors/unlocated/denominator); ${over}. ` +
            `\`collabscope grid <run dir>\` gives every combination at once. Across these definitions the ${label} count ranges ` +
            `${s.range.minPapers}-${s.range.maxPapers} and the share ${pct(s.range.minShare, 2)}-${pct(s.range.maxShare, 2)} ` +
            `(baseline ${base.pairPapers}, ${pct(base.share, 2)}).`,
        ),
      ].join('\n'),
    );
  }

  return sections.items;
}

