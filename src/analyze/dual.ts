// 8. Authors who list institutions in both countries of the pair at once (e.g. a professor at a US
// university and a Chinese company), counted separately, with the pair count under both rules.
import { paperHasPair } from '../definitions.js';
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { increment } from './context.js';
import { NodeNames } from './institutions.js';
import { compareStrings, round } from './stats.js';
import type { DualAffiliations } from './types.js';

interface YearDual {
  authorships: number;
  dualAuthorships: number;
  papersWithDual: number;
  onlyThroughDual: number;
}

export function dualAccumulator(context: AnalysisContext): Accumulator<DualAffiliations> {
  const [a, b] = context.pair;
  const countDefinitions = { ...context.definitions, dualAffiliation: 'count' as const };
  const ignoreDefinitions = { ...context.definitions, dualAffiliation: 'ignore' as const };
  const names = new NodeNames();
  let authorships = 0;
  let dualAuthorships = 0;
  let papersWithDual = 0;
  let pairCount = 0;
  let pairIgnore = 0;
  let multiCountry = 0;
  const distinct = new Set<string>();
  const countryPairs = new Map<string, number>();
  const institutionPairs = new Map<string, number>();
  const byYear = new Map<number, YearDual>();
  return {
    add(view: PaperView) {
      if (!view.inScope) return;
      let year = byYear.get(view.paper.year);
      if (!year) byYear.set(view.paper.year, (year = { authorships: 0, dualAuthorships: 0, papersWithDual: 0, onlyThroughDual: 0 }));
      authorships += view.authors.length;
      year.authorships += view.authors.length;
      let duals = 0;
      for (const author of view.authors) {
        if (author.countries.length >= 2) {
          multiCountry++;
          const c = author.countries;
          for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) increment(countryPairs, `${c[i]}\t${c[j]}`);
        }
        if (!author.dual) continue;
        duals++;
        distinct.add(author.name.trim().toLowerCase());
        const sideA = new Set<string>();
        const sideB = new Set<string>();
        for (const affiliation of author.affiliations) {
          if (affiliation.node === null) continue;
          names.note(affiliation);
          if (affiliation.country === a) sideA.add(affiliation.node);
          if (affiliation.country === b) sideB.add(affiliation.node);
        }
        for (const x of sideA) for (const y of sideB) increment(institutionPairs, `${x}\t${y}`);
      }
      dualAuthorships += duals;
      year.dualAuthorships += duals;
      // Without dual authors the two rules agree, so the other rule is only evaluated when one is present.
      let withCount = view.isPair;
      let withIgnore = view.isPair;
      if (duals > 0) {
        papersWithDual++;
        year.papersWithDual++;
        if (context.definitions.dualAffiliation === 'count') withIgnore = paperHasPair(view.paper, context.pair, ignoreDefinitions);
        else withCount = paperHasPair(view.paper, context.pair, countDefinitions);
      }
      if (withCount) pairCount++;
      if (withIgnore) pairIgnore++;
      if (withCount && !withIgnore) year.onlyThroughDual++;
    },
    finish() {
      const ranked = (map: Map<string, number>) =>
        [...map]
          .sort(([x, m], [y, n]) => n - m || compareStrings(x, y))
          .slice(0, context.topN)
          .map(([key, n]) => [...key.split('\t'), n] as [string, string, number]);
      const only = pairCount - pairIgnore;
      return {
        pair: context.pair,
        rule: context.definitions.dualAffiliation,
        authorships,
        dualAuthorships,
        share: authorships ? round(dualAuthorships / authorships) : 0,
        distinctAuthors: distinct.size,
        papersWithDual,
        pairPapers: { count: pairCount, ignore: pairIgnore, onlyThroughDual: only, shareOnlyThroughDual: pairCount ? round(only / pairCount) : 0 },
        multiCountryAuthorships: multiCountry,
        countryPairs: ranked(countryPairs).map(([x, y, n]) => ({ a: x, b: y, authorships: n })),
        institutionPairs: ranked(institutionPairs).map(([x, y, n]) => ({
          a: names.get(x).institution,
          b: names.get(y).institution,
          authorships: n,
        })),
        byYear: [...byYear].sort(([x], [y]) => x - y).map(([year, c]) => ({ year, ...c })),
      };
    },
  };
}
