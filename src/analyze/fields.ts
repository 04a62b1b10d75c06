// 3. Fields of collaboration papers against all in-scope papers: shares, lift, Fisher's exact test
// with Holm's correction over the fields of a table.
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { NO_FIELD } from './context.js';
import { interval } from './counting.js';
import { fixed, pct, pText } from './format.js';
import { compareStrings, fisherExact, herfindahl, holm, round } from './stats.js';
import type { FieldRow, Fields, FieldTable } from './types.js';

interface FieldCount {
  all: number;
  pair: number;
}

export function fieldsAccumulator(context: AnalysisContext): Accumulator<Fields> {
  const primary = new Map<string, FieldCount>();
  const any = new Map<string, FieldCount>();
  let all = 0;
  let pair = 0;
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
      bump(primary, view.primaryField, view.isPair);
      const fields = view.paper.fields.length ? new Set(view.paper.fields) : new Set([NO_FIELD]);
      for (const field of fields) bump(any, field, view.isPair);
    },
    finish() {
      const primaryTable = fieldTable('primary', primary, all, pair);
      const anyTable = fieldTable('any', any, all, pair);
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

export function fieldTable(basis: FieldTable['basis'], counts: Map<string, FieldCount>, all: number, pair: number): FieldTable {
  const entries = [...counts].sort(([a, x], [b, y]) => y.all - x.all || y.pair - x.pair || compareStrings(a, b));
  const pValues = entries.map(([, c]) => (pair > 0 && pair < all ? fisherExact(c.pair, pair - c.pair, c.all - c.pair, all - pair - (c.all - c.pair)) : null));
  const adjusted = holm(pValues);
  const rows: FieldRow[] = entries.map(([field, c], i) => {
    const allShare = all ? c.all / all : 0;
    const pairShare = pair ? c.pair / pair : 0;
    const lift = allShare > 0 && pair > 0 ? pairShare / allShare : null;
    const pHolm = adjusted[i];
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
      direction: pHolm !== null && pHolm < 0.05 && lift !== null ? (lift > 1 ? 'over' : 'under') : 'none',
    };
  });
  return { basis, allPapers: all, pairPapers: pair, rows };
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
  const describe = (row: FieldRow, basis = 'primary field') =>
    `${row.field}: ${pct(row.pairShare)} of ${label} papers (${basis}) against ${pct(row.allShare)} of all papers, ` +
    `lift ${fixed(row.lift)}; ` +
    (row.direction === 'none'
      ? `not significantly different (Fisher ${pText(row.p ?? 1)}, Holm-adjusted ${pText(row.pHolm ?? 1)}).`
      : `${row.direction}-represented (Fisher ${pText(row.p ?? 1)}, Holm-adjusted ${pText(row.pHolm ?? 1)}).`);
  const byPair = [...table.rows].sort((a, b) => b.pairPapers - a.pairPapers || compareStrings(a.field, b.field));
  const findings: string[] = [];
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
    .map((row) => `${row.field} ${row.direction} (lift ${fixed(row.lift)}, Holm ${pText(row.pHolm ?? 1)})`);
  if (anySignificant.length) findings.push(`Counting every field of a paper: ${anySignificant.join(', ')}.`);
  findings.push(
    `Concentration of primary fields (Herfindahl index, 1 = a single field): ${fixed(concentration.pair, 3)} for ${label} papers ` +
      `against ${fixed(concentration.all, 3)} for all papers.`,
  );
  return findings;
}
