// `collabscope eval --gold`: string-level gold sets (affiliation<TAB>country, a header, an optional
// third column with an institution name or ROR id). Each string is resolved on its own (no e-mail) and
// its predicted set of countries compared with {gold}: coverage, exact, contains, overall, per country,
// with vs without a trailing country name, the most frequent confusions, and every error.
import { basename } from 'node:path';
import { CollabscopeError } from '../errors.js';
import { readTextFile } from '../sources/common.js';
import { createResolver, type Resolver, type ResolverOptions } from '../resolve/index.js';
import { countryCodeOf } from '../resolve/places.js';
import { SILENT_PROGRESS, type Progress } from '../pipeline.js';

export interface GoldRow {
  file: string;
  line: number;
  affiliation: string;
  country: string;
  institution: string | null;
}

export interface GoldScores {
  rows: number;
  covered: number;
  exact: number;
  contains: number;
  /** covered / rows */
  coverage: number;
  /** exact / rows: a row without a country counts as wrong */
  overall: number;
  /** exact / covered */
  exactWhereCovered: number;
  /** contains / rows */
  containsRate: number;
}

export interface GoldError {
  file: string;
  line: number;
  affiliation: string;
  gold: string;
  predicted: string[];
  institutions: string[];
  methods: string[];
  reason: string | null;
}

export interface GoldMetrics {
  files: Array<{ file: string } & GoldScores>;
  combined: GoldScores;
  trailingCountry: GoldScores;
  noTrailingCountry: GoldScores;
  perCountry: Array<{ country: string } & GoldScores>;
  /** (gold, predicted) pairs of the errors, most frequent first; predicted '-' is no country. */
  confusions: Array<{ gold: string; predicted: string; count: number }>;
  errorCount: number;
  errors: GoldError[];
  resolver: { institutions: number; buildMs: number; resolveMs: number };
}

export interface GoldOptions {
  resolver?: Resolver;
  resolverOptions?: ResolverOptions;
  /** How many confusions to list (default 20). */
  topConfusions?: number;
  progress?: Progress;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Reads one gold TSV: a header, then affiliation<TAB>country[<TAB>institution]. */
export function readGoldFile(path: string): GoldRow[] {
  const text = readTextFile(path).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const file = basename(path);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  if (header.length < 2 || header[0] !== 'affiliation' || header[1] !== 'country') {
    throw new CollabscopeError('E_UNKNOWN_FORMAT', `${file}: a gold file starts with the header "affiliation<TAB>country" (got "${lines[0]?.slice(0, 60) ?? ''}")`);
  }
  const rows: GoldRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split('\t');
    const affiliation = cells[0]?.trim() ?? '';
    const country = cells[1]?.trim().toUpperCase() ?? '';
    if (affiliation === '' || !COUNTRY_CODE.test(country)) {
      throw new CollabscopeError('E_BAD_RECORD', `${file}: line ${i + 1}: expected an affiliation, a tab and a two-letter country code`);
    }
    rows.push({ file, line: i + 1, affiliation, country, institution: cells[2]?.trim() || null });
  }
  if (rows.length === 0) throw new CollabscopeError('E_BAD_RECORD', `${file}: no gold rows after the header`);
  return rows;
}

/** Whether the text's last comma segment is a country name ("..., Italy", "..., P.R. China."). */
export function endsWithCountry(text: string): boolean {
  const segments = text.split(/[,;]/);
  const last = (segments[segments.length - 1] ?? '')
    .replace(/\b\d[\d\s-]*\b/g, ' ')
    .replace(/[.()\s]+$/g, '')
    .replace(/^[.()\s]+/g, '')
    .trim();
  if (last === '') return false;
  return countryCodeOf(last) !== null;
}

interface Tally {
  rows: number;
  covered: number;
  exact: number;
  contains: number;
}

const newTally = (): Tally => ({ rows: 0, covered: 0, exact: 0, contains: 0 });

function scores(t: Tally): GoldScores {
  const r = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    ...t,
    coverage: r(t.covered, t.rows),
    overall: r(t.exact, t.rows),
    exactWhereCovered: r(t.exact, t.covered),
    containsRate: r(t.contains, t.rows),
  };
}

function add(t: Tally, covered: boolean, exact: boolean, contains: boolean): void {
  t.rows++;
  if (covered) t.covered++;
  if (exact) t.exact++;
  if (contains) t.contains++;
}

export function evaluateGold(paths: string[], options: GoldOptions = {}): GoldMetrics {
  if (paths.length === 0) throw new CollabscopeError('E_BAD_ARGUMENT', '--gold needs at least one TSV file');
  const perFile = paths.map((path) => ({ file: basename(path), rows: readGoldFile(path) }));
  const resolver = options.resolver ?? createResolver(options.resolverOptions);
  const progress = options.progress ?? SILENT_PROGRESS;
  const combined = newTally();
  const trailing = newTally();
  const notTrailing = newTally();
  const byCountry = new Map<string, Tally>();
  const confusions = new Map<string, number>();
  const errors: GoldError[] = [];
  const fileScores: Array<{ file: string } & GoldScores> = [];
  let resolveMs = 0;
  for (const { file, rows } of perFile) {
    const tally = newTally();
    progress.start(`eval --gold ${file}`, rows.length);
    for (const row of rows) {
      progress.tick();
      const started = performance.now();
      const affiliations = resolver.resolve(row.affiliation, null);
      resolveMs += performance.now() - started;
      const predicted = [...new Set(affiliations.map((a) => a.country).filter((c): c is string => !!c))].sort();
      const covered = predicted.length > 0;
      const exact = predicted.length === 1 && predicted[0] === row.country;
      const contains = predicted.includes(row.country);
      for (const t of [tally, combined, endsWithCountry(row.affiliation) ? trailing : notTrailing]) add(t, covered, exact, contains);
      let countryTally = byCountry.get(row.country);
      if (!countryTally) byCountry.set(row.country, (countryTally = newTally()));
      add(countryTally, covered, exact, contains);
      if (exact) continue;
      const key = `${row.country}\t${predicted.join('+') || '-'}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
      errors.push({
        file,
        line: row.line,
        affiliation: row.affiliation,
        gold: row.country,
        predicted,
        institutions: affiliations.map((a) => a.institution ?? '-'),
        methods: affiliations.map((a) => a.method),
        reason: affiliations.find((a) => a.reason)?.reason ?? null,
      });
    }
    progress.stop();
    fileScores.push({ file, ...scores(tally) });
  }
  const stats = resolver.stats();
  return {
    files: fileScores,
    combined: scores(combined),
    trailingCountry: scores(trailing),
    noTrailingCountry: scores(notTrailing),
    perCountry: [...byCountry.entries()]
      .map(([country, t]) => ({ country, ...scores(t) }))
      .sort((a, b) => b.rows - a.rows || a.country.localeCompare(b.country)),
    confusions: [...confusions.entries()]
      .map(([key, count]) => {
        const [gold, predicted] = key.split('\t');
        return { gold, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted))
      .slice(0, options.topConfusions ?? 20),
    errorCount: errors.length,
    errors,
    resolver: { institutions: stats.institutions, buildMs: Math.round(stats.buildMs), resolveMs: Math.round(resolveMs) },
  };
}

const TSV_UNSAFE = /[\t\r\n]/g;

/** Every error as TSV: file, line, gold, predicted, institutions, methods, reason, affiliation. */
export function goldErrorsTsv(errors: GoldError[]): string {
  const clean = (s: string) => s.replace(TSV_UNSAFE, ' ');
  const lines = ['file\tline\tgold\tpredicted\tinstitutions\tmethods\treason\taffiliation'];
  for (const e of errors) {
    lines.push(
      [e.file, String(e.line), e.gold, e.predicted.join('+') || '-', e.institutions.join(' | '), e.methods.join(' | '), e.reason ?? '', e.affiliation]
        .map(clean)
        .join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The gold figures as text: one line per file and group, the per-country table, the top confusions. */
export function renderGold(metrics: GoldMetrics, topCountries = 25): string {
  const f = (x: number) => x.toFixed(4);
  const line = (label: string, s: GoldScores) =>
    `${label.padEnd(26)} ${String(s.rows).padStart(6)} ${f(s.coverage)} ${f(s.overall)} ${f(s.exactWhereCovered)} ${f(s.containsRate)}`;
  const header = `${''.padEnd(26)} ${'rows'.padStart(6)} cover  overall exact|cov contains`;
  const lines = [header];
  for (const file of metrics.files) lines.push(line(file.file, file));
  if (metrics.files.length > 1) lines.push(line('combined', metrics.combined));
  lines.push(line('  ending with a country', metrics.trailingCountry), line('  no trailing country', metrics.noTrailingCountry));
  lines.push('', `per gold country (top ${Math.min(topCountries, metrics.perCountry.length)} of ${metrics.perCountry.length} by rows):`, header);
  for (const c of metrics.perCountry.slice(0, topCountries)) lines.push(line(c.country, c));
  if (metrics.confusions.length) {
    lines.push('', 'most frequent confusions (gold -> predicted, "-" = no country):');
    lines.push(metrics.confusions.map((c) => `${c.gold}->${c.predicted} ${c.count}`).join(', '));
  }
  lines.push(
    '',
    `errors: ${metrics.errorCount}; resolver: ${metrics.resolver.institutions} institutions indexed in ${metrics.resolver.buildMs} ms; resolving took ${metrics.resolver.resolveMs} ms`,
  );
  return lines.join('\n');
}
