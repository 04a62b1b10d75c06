// 4. The leading institutions on each side of the pair within collaboration papers, and the most
// frequent cross-border institution pairs.
import type { Accumulator, AffiliationView, AnalysisContext, PaperView } from './context.js';
import { increment, pairSides } from './context.js';
import { compareStrings, round } from './stats.js';
import type { InstitutionRow, Institutions } from './types.js';

export interface NodeInfo {
  institution: string;
  institutionId: string | null;
  country: string | null;
}

/** Names of institution nodes: the first canonical name seen for a key. */
export class NodeNames {
  private readonly info = new Map<string, NodeInfo>();

  note(affiliation: AffiliationView): void {
    if (affiliation.node !== null && !this.info.has(affiliation.node)) {
      this.info.set(affiliation.node, {
        institution: affiliation.affiliation.institution?.trim() || affiliation.affiliation.institutionId || affiliation.node,
        institutionId: affiliation.affiliation.institutionId,
        country: affiliation.country,
      });
    }
  }

  get(key: string): NodeInfo {
    return this.info.get(key) ?? { institution: key, institutionId: null, country: null };
  }
}

export function institutionsAccumulator(context: AnalysisContext): Accumulator<Institutions> {
  const names = new NodeNames();
  let pairPapers = 0;
  const papers = [new Map<string, number>(), new Map<string, number>()];
  const fractional = [new Map<string, number>(), new Map<string, number>()];
  const pairs = new Map<string, number>();
  return {
    add(view: PaperView) {
      if (!view.inScope || !view.isPair) return;
      pairPapers++;
      const sides = pairSides(view, context.pair);
      const distinct = sides.map((side, s) => {
        const keys = new Set<string>();
        for (const affiliation of side) {
          if (affiliation.node === null) continue;
          names.note(affiliation);
          keys.add(affiliation.node);
          increment(fractional[s], affiliation.node, affiliation.weight);
        }
        for (const key of keys) increment(papers[s], key);
        return [...keys];
      });
      for (const a of distinct[0]) for (const b of distinct[1]) increment(pairs, `${a}\t${b}`);
    },
    finish() {
      const share = (n: number) => (pairPapers ? round(n / pairPapers) : 0);
      const sides = context.pair.map((country, s) => {
        const rows: InstitutionRow[] = [...papers[s]]
          .map(([key, n]) => ({ key, n, w: fractional[s].get(key) ?? 0 }))
          .sort((x, y) => y.n - x.n || y.w - x.w || compareStrings(x.key, y.key))
          .slice(0, context.topN)
          .map(({ key, n, w }) => {
            const info = names.get(key);
            return { institution: info.institution, institutionId: info.institutionId, country, papers: n, fractional: round(w), shareOfPairPapers: share(n) };
          });
        return { country, institutions: papers[s].size, rows };
      });
      const pairRows = [...pairs]
        .sort(([x, m], [y, n]) => n - m || compareStrings(x, y))
        .slice(0, context.topN)
        .map(([key, n]) => {
          const [a, b] = key.split('\t').map((k) => names.get(k));
          return {
            a: { institution: a.institution, institutionId: a.institutionId },
            b: { institution: b.institution, institutionId: b.institutionId },
            papers: n,
            shareOfPairPapers: share(n),
          };
        });
      return { pair: context.pair, pairPapers, sides, distinctPairs: pairs.size, pairs: pairRows };
    },
  };
}
