// 1. Full and fractional counting of in-scope papers by country, and the pair's collaboration share.
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { increment } from './context.js';
import { compareStrings, round, wilson } from './stats.js';
import type { Counting, CountryCount, Proportion } from './types.js';

export function proportion(count: number, total: number): Proportion {
  return { count, total, share: total ? round(count / total) : 0, ci95: interval(count, total) };
}

export function interval(count: number, total: number): [number, number] {
  const [low, high] = wilson(count, total);
  return [round(low), round(high)];
}

function countryRows(counts: Map<string, number>, total: number): CountryCount[] {
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || compareStrings(a, b))
    .map(([country, papers]) => ({ country, papers: round(papers), share: total ? round(papers / total) : 0, ci95: interval(papers, total) }));
}

export function countingAccumulator(context: AnalysisContext): Accumulator<Counting> {
  const [a, b] = context.pair;
  let papers = 0;
  let withCountry = 0;
  let pairPapers = 0;
  let international = 0;
  const full = new Map<string, number>();
  const fractional = new Map<string, number>();
  let unknown = 0;
  const contributions = { a: 0, b: 0, third: 0, unknown: 0 };
  return {
    add(view: PaperView) {
      if (!view.inScope) return;
      papers++;
      if (view.countries.length > 0) withCountry++;
      if (view.countries.length > 1) international++;
      for (const country of view.countries) increment(full, country);
      if (view.isPair) pairPapers++;
      unknown += view.unknownWeight;
      if (view.isPair) contributions.unknown += view.unknownWeight;
      for (const author of view.authors) {
        for (const affiliation of author.affiliations) {
          if (affiliation.country === null) continue;
          increment(fractional, affiliation.country, affiliation.weight);
          if (!view.isPair) continue;
          if (affiliation.country === a) contributions.a += affiliation.weight;
          else if (affiliation.country === b) contributions.b += affiliation.weight;
          else contributions.third += affiliation.weight;
        }
      }
    },
    finish() {
      const fullRows = countryRows(full, papers);
      const side = (country: string): CountryCount =>
        fullRows.find((row) => row.country === country) ?? { country, papers: 0, share: 0, ci95: interval(0, papers) };
      const fractionalTotal = [...fractional.values()].reduce((s, w) => s + w, 0) + unknown;
      const part = (name: string, weight: number) => ({ part: name, papers: round(weight), share: pairPapers ? round(weight / pairPapers) : 0 });
      return {
        pair: context.pair,
        full: {
          papers,
          papersWithCountry: withCountry,
          countries: fullRows,
          sides: [side(a), side(b)],
          pair: proportion(pairPapers, papers),
          international: proportion(international, papers),
        },
        fractional: {
          papers,
          countries: countryRows(fractional, papers),
          unknown: round(unknown),
          sum: round(fractionalTotal),
          pair: {
            papers: pairPapers,
            contributions: [
              part(a, contributions.a),
              part(b, contributions.b),
              part('third countries', contributions.third),
              part('unknown', contributions.unknown),
            ],
          },
        },
      };
    },
  };
}
