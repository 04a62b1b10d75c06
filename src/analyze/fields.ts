// 3. Fields of collaboration papers against all in-scope papers: shares, lift, and a test with Holm's
// correction over the fields of a table. One venue-year: Fisher's exact test. Several venue-years:
// the Cochran-Mantel-Haenszel test stratified by venue-year and the Mantel-Haenszel pooled odds ratio,
// so that venues that are both richer in a field and in collaboration papers do not make the field
// look over-represented (the pooled Fisher p is kept beside it for comparison).
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { NO_FIELD } from './context.js';
import { interval } from './counting.js';
import { fixed, pct, pText } from './format.js';
import { compareStrings, fisherExact, herfindahl, holm, round } from './stats.js';
import { mantelHaenszel, type Table2x2 } from './stratified.js';
import type { FieldRow, Fields, FieldTable } from './types.js';

interface FieldCount {
  all: number;
  pair: number;
}

/** One venue-year: its papers, its collaboration papers, and per field the same two counts, on both bases. */
interface Stratum {
  all: number;
  pair: number;
  primary: Map<string, FieldCount>;
  any: Map<string, FieldCount>;
}

export function fieldsAccumulator(context: AnalysisContext): Accumulator<Fields> {
  const primary = new Map<string, FieldCount>();
  const any = new Map<string, FieldCount>();
  let all = 0;
  let pair = 0;
  const strata = new Map<string, Stratum>();
  const bump = (map: Map<string, FieldCount>, field: string, isPair: boolean) => {
    let entry = map.get(field);
    if (!entry) map.set(field, (entry = { all: 0, pair: 0 }));
    entry.all++;
    if (isPair) entry.pair++;
  };
  return {
    add(view: PaperView) {
      if (!view.inScope) return;
      all++;
      if (view.isPair) pair++;
      const key = `${view.paper.venue}\u0000${view.paper.year}`;
      let stratum = strata.get(key);
      if (!stratum) strata.set(key, (stratum = { all: 0, pair: 0, primary: new Map(), any: new Map() }));
      stratum.all++;
      if (view.isPair) stratum.pair++;
      bump(primary, view.primaryField, view.isPair);
      bump(stratum.primary, view.primaryField, view.isPair);
      const fields = view.paper.fields.length ? new Set(view.paper.fields) : new Set([NO_FIELD]);
      for (const field of fields) {
        bump(any, field, view.isPair);
        bump(stratum.any, field, view.isPair);
      }
    },
    finish() {
      const list = [...strata.values()];
      const primaryTable = fieldTable('primary', primary, all, pair, list);
      const anyTable = fieldTable('any', any, all, pair, list);
      const concentration = {
        all: round(herfindahl([...primary.values()].map((c) => c.all))),
        pair: round(herfindahl([...primary.values()].map((c) => c.pair))),
      };
      return {
        pair: context.pair,
        primary: primaryTable,
        any: anyTable,
        concentration,
        findings: fieldFindings(primaryTable, anyTable, concentration, `${context.pair[0]}-${context.pair[1]}`, context.topN, context.focusFields),
      };
    },
  };
}

/** The 2x2 table of one field in each stratum: [[pair & field, pair & other], [rest & field, rest & other]]. */
function fieldStrata(field: string, basis: FieldTable['basis'], strata: Stratum[]): Table2x2[] {
  return strata.map((s) => {
    const c = (basis === 'primary' ? s.primary : s.any).get(field) ?? { all: 0, pair: 0 };
    return [c.pair, s.pair - c.pair, c.all - c.pair, s.all - s.pair - (c.all - c.pair)];
  });
}

/**
 * The field table. With more than one stratum (venue-year) each field is tested by CMH stratified by
 * venue-year; with one (or none given), by Fisher's exact test. Holm over the fields either way.
 */
export function fieldTable(basis: FieldTable['basis'], counts: Map<string, FieldCount>, all: number, pair: number, strata: Stratum[] = []): FieldTable {
  const entries = [...counts].sort(([a, x], [b, y]) => y.all - x.all || y.pair - x.pair || compareStrings(a, b));
  const stratified = strata.length > 1;
  const testable = pair > 0 && pair < all;
  const pooledP = entries.map(([, c]) => (testable ? fisherExact(c.pair, pair - c.pair, c.all - c.pair, all - pair - (c.all - c.pair)) : null));
  const mh = entries.map(([field]) => (stratified && testable ? mantelHaenszel(fieldStrata(field, basis, strata)) : null));
  const pValues = stratified ? mh.map((m) => (m ? m.p : null)) : pooledP;
  const adjusted = holm(pValues);
  const rows: FieldRow[] = entries.map(([field, c], i) => {
    const allShare = all ? c.all / all : 0;
    const pairShare = pair ? c.pair / pair : 0;
    const lift = allShare > 0 && pair > 0 ? pairShare / allShare : null;
    const pHolm = adjusted[i];
    const m = mh[i];
    // Direction: of the pooled odds ratio when stratified (it can differ from the crude lift), else of the lift.
    const effect = stratified ? (m?.oddsRatio ?? null) : lift;
    return {
      field,
      allPapers: c.all,
      allShare: round(allShare),
      pairPapers: c.pair,
      pairShare: round(pairShare),
      pairCi95: interval(c.pair, pair),
      lift: lift === null ? null : round(lift),
      p: pValues[i] === null ? null : round(pValues[i] as number),
      pHolm: pHolm === null ? null : round(pHolm),
      direction: pHolm !== null && pHolm < 0.05 && effect !== null ? (effect > 1 ? 'over' : 'under') : 'none',
      pooledP: pooledP[i] === null ? null : round(pooledP[i] as number),
      oddsRatio: m && m.oddsRatio !== null && Number.isFinite(m.oddsRatio) ? round(m.oddsRatio) : null,
      oddsRatioCi95: m?.ci95 ? [round(m.ci95[0]), round(m.ci95[1])] : null,
    };
  });
  return { basis, allPapers: all, pairPapers: pair, test: stratified ? 'cmh' : 'fisher', strata: Math.max(1, strata.length), rows };
}

function fieldFindings(
  table: FieldTable,
  anyTable: FieldTable,
  concentration: Fields['concentration'],
  label: string,
  topN: number,
  focus: string[],
): string[] {
  if (table.pairPapers === 0) return [`No ${label} collaboration papers, so no field comparison.`];
  const stratified = table.test === 'cmh';
  const testName = stratified ? `stratified by venue-year, CMH` : 'Fisher';
  const evidence = (row: FieldRow) =>
    stratified
      ? `${testName} ${pText(row.p ?? 1)}, Holm-adjusted ${pText(row.pHolm ?? 1)}, Mantel-Haenszel odds ratio ${fixed(row.oddsRatio)}` +
        (row.oddsRatioCi95 ? ` [${fixed(row.oddsRatioCi95[0])}, ${fixed(row.oddsRatioCi95[1])}]` : '') +
        `; pooled over venues without strata: Fisher ${pText(row.pooledP ?? 1)}`
      : `${testName} ${pText(row.p ?? 1)}, Holm-adjusted ${pText(row.pHolm ?? 1)}`;
  const describe = (row: FieldRow, basis = 'primary field') =>
    `${row.field}: ${pct(row.pairShare)} of ${label} papers (${basis}) against ${pct(row.allShare)} of all papers, ` +
    `lift ${fixed(row.lift)}; ` +
    (row.direction === 'none' ? `not significantly different (${evidence(row)}).` : `${row.direction}-represented (${evidence(row)}).`);
  const byPair = [...table.rows].sort((a, b) => b.pairPapers - a.pairPapers || compareStrings(a.field, b.field));
  const findings: string[] = [];
  if (stratified) {
    findings.push(
      `The ${table.strata} venue-years are compared within themselves (Cochran-Mantel-Haenszel test stratified by venue-year, ` +
        `Holm over ${table.rows.length} fields), so a field is not over-represented merely because venues rich in it also have more ${label} papers.`,
    );
  }
  // The fields asked about by name (default llm-nlp), on both bases, whether large or not.
  for (const field of focus) {
    const primaryRow = table.rows.find((row) => row.field === field);
    const anyRow = anyTable.rows.find((row) => row.field === field);
    if (primaryRow) findings.push(`Is ${label} collaboration concentrated in ${field}? ${describe(primaryRow)}`);
    if (anyRow) findings.push(describe(anyRow, 'any of its fields'));
  }
  const shown = new Set(focus);
  const largest = byPair.filter((row) => row.pairPapers > 0 && !shown.has(row.field)).slice(0, 3);
  findings.push(...largest.map((row) => describe(row)));
  for (const row of largest) shown.add(row.field);
  const others = (direction: FieldRow['direction']) =>
    table.rows
      .filter((row) => row.direction === direction && !shown.has(row.field))
      .slice(0, topN)
      .map((row) => `${row.field} (lift ${fixed(row.lift)})`);
  const over = others('over');
  const under = others('under');
  if (over.length) findings.push(`Also over-represented after Holm correction: ${over.join(', ')}.`);
  if (under.length) findings.push(`Also under-represented after Holm correction: ${under.join(', ')}.`);
  if (!table.rows.some((row) => row.direction !== 'none')) {
    findings.push(`No primary field's share among ${label} papers differs from all papers beyond the noise after Holm correction (${table.rows.length} fields tested).`);
  }
  const anySignificant = anyTable.rows
    .filter((row) => row.direction !== 'none')
    .map((row) => `${row.field} ${row.direction} (lift ${fixed(row.lift)}${stratified ? `, MH odds ratio ${fixed(row.oddsRatio)}` : ''}, Holm ${pText(row.pHolm ?? 1)})`);
  if (anySignificant.length) findings.push(`Counting every field of a paper: ${anySignificant.join(', ')}.`);
  findings.push(
    `Concentration of primary fields (Herfindahl index, 1 = a single field): ${fixed(concentration.pair, 3)} for ${label} papers ` +
      `against ${fixed(concentration.all, 3)} for all papers.`,
  );
  return findings;
}
