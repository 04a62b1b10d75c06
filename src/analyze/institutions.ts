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
        institution: affiliation.nodeName ?? affiliation.node,
        institutionId: affiliation.nodeId,
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
  // Per side and node, the units rolled into it and their papers (only when a node gathers another unit).
  const units = [new Map<string, Map<string, number>>(), new Map<string, Map<string, number>>()];
  const unitNames = new Map<string, { institution: string; institutionId: string | null }>();
  const noteUnit = (affiliation: AffiliationView) => {
    if (affiliation.unitNode === null || unitNames.has(affiliation.unitNode)) return;
    const a = affiliation.affiliation;
    unitNames.set(affiliation.unitNode, { institution: a.institution?.trim() || a.institutionId || affiliation.unitNode, institutionId: a.institutionId });
  };
  return {
    add(view: PaperView) {
      if (!view.inScope || !view.isPair) return;
      pairPapers++;
      const sides = pairSides(view, context.pair);
      const distinct = sides.map((side, s) => {
        const keys = new Set<string>();
        const unitKeys = new Map<string, string>();
        for (const affiliation of side) {
          if (affiliation.node === null) continue;
          names.note(affiliation);
          keys.add(affiliation.node);
          increment(fractional[s], affiliation.node, affiliation.weight);
          if (affiliation.unitNode !== null && affiliation.unitNode !== affiliation.node) noteUnit(affiliation);
          if (affiliation.unitNode !== null) unitKeys.set(affiliation.unitNode, affiliation.node);
        }
        for (const key of keys) increment(papers[s], key);
        for (const [unit, node] of unitKeys) {
          let byUnit = units[s].get(node);
          if (!byUnit) units[s].set(node, (byUnit = new Map()));
          increment(byUnit, unit);
        }
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
            const row: InstitutionRow = { institution: info.institution, institutionId: info.institutionId, country, papers: n, fractional: round(w), shareOfPairPapers: share(n) };
            const gathered = units[s].get(key);
            if (gathered && [...gathered.keys()].some((unit) => unit !== key)) {
              row.units = [...gathered]
                .sort(([x, m], [y, k]) => k - m || compareStrings(x, y))
                .map(([unit, count]) => {
                  const named = unitNames.get(unit) ?? names.get(unit);
                  return { institution: named.institution, institutionId: named.institutionId, papers: count };
                });
            }
            return row;
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
