// 7. Third countries on the pair's collaboration papers (who brokers most), and the collaboration
// matrix of all country pairs (full counting: a paper counts once for every pair of its countries).
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { increment } from './context.js';
import { proportion } from './counting.js';
import { compareStrings, round } from './stats.js';
import type { ThirdCountries } from './types.js';

export function thirdCountriesAccumulator(context: AnalysisContext): Accumulator<ThirdCountries> {
  const [a, b] = context.pair;
  let papers = 0;
  let pairPapers = 0;
  let withThird = 0;
  const brokers = new Map<string, number>();
  const brokerWeight = new Map<string, number>();
  const byYear = new Map<number, { pairPapers: number; withThird: number }>();
  const countryPapers = new Map<string, number>();
  const pairs = new Map<string, number>();
  return {
    add(view: PaperView) {
      if (!view.inScope) return;
      papers++;
      const countries = view.countries; // sorted
      for (let i = 0; i < countries.length; i++) {
        increment(countryPapers, countries[i]);
        for (let j = i + 1; j < countries.length; j++) increment(pairs, `${countries[i]}\t${countries[j]}`);
      }
      if (!view.isPair) return;
      pairPapers++;
      const third = countries.filter((c) => c !== a && c !== b);
      let year = byYear.get(view.paper.year);
      if (!year) byYear.set(view.paper.year, (year = { pairPapers: 0, withThird: 0 }));
      year.pairPapers++;
      if (third.length) {
        withThird++;
        year.withThird++;
      }
      for (const country of third) increment(brokers, country);
      for (const author of view.authors) {
        for (const affiliation of author.affiliations) {
          if (affiliation.country !== null && affiliation.country !== a && affiliation.country !== b) {
            increment(brokerWeight, affiliation.country, affiliation.weight);
          }
        }
      }
    },
    finish() {
      const topCountries = [...countryPapers]
        .sort(([x, m], [y, n]) => n - m || compareStrings(x, y))
        .slice(0, context.topN)
        .map(([country]) => country);
      for (const country of context.pair) if (countryPapers.has(country) && !topCountries.includes(country)) topCountries.push(country);
      const pairCount = (x: string, y: string) => (x === y ? (countryPapers.get(x) ?? 0) : (pairs.get(x < y ? `${x}\t${y}` : `${y}\t${x}`) ?? 0));
      return {
        pair: context.pair,
        pairPapers,
        withThird: proportion(withThird, pairPapers),
        brokers: [...brokers]
          .sort(([x, m], [y, n]) => n - m || (brokerWeight.get(y) ?? 0) - (brokerWeight.get(x) ?? 0) || compareStrings(x, y))
          .slice(0, context.topN)
          .map(([country, n]) => ({
            country,
            papers: n,
            shareOfPairPapers: pairPapers ? round(n / pairPapers) : 0,
            fractional: round(brokerWeight.get(country) ?? 0),
          })),
        byYear: [...byYear]
          .sort(([x], [y]) => x - y)
          .map(([year, c]) => ({ year, pairPapers: c.pairPapers, withThird: c.withThird, share: c.pairPapers ? round(c.withThird / c.pairPapers) : 0 })),
        countryPairs: pairs.size,
        pairs: [...pairs]
          .sort(([x, m], [y, n]) => n - m || compareStrings(x, y))
          .slice(0, context.topN)
          .map(([key, n]) => {
            const [x, y] = key.split('\t');
            return { a: x, b: y, papers: n, share: papers ? round(n / papers) : 0 };
          }),
        matrix: { countries: topCountries, cells: topCountries.map((x) => topCountries.map((y) => pairCount(x, y))) },
      };
    },
  };
}
