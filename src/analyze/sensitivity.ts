// 9. Definition sensitivity: the headline pair count and share with each switchable definition
// flipped, one at a time, from the definitions in force. No re-resolution: affiliations carry both
// the lab's country and the headquarters' country, and the definitions are pure functions of them.
import { paperHasPair, paperInScope } from '../definitions.js';
import type { Definitions } from '../types.js';
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { interval } from './counting.js';
import { round } from './stats.js';
import type { Sensitivity, SensitivityRow } from './types.js';

/** Definitions that move the headline (the institution level only regroups institutions). */
type HeadlineDefinition = Exclude<keyof Definitions, 'institutionLevel' | 'contestedParents'>;
const ALTERNATIVES: { [K in HeadlineDefinition]: [Definitions[K], Definitions[K]] } = {
  chinaScope: ['mainland', 'greater'],
  multinational: ['lab', 'hq'],
  dualAffiliation: ['count', 'ignore'],
  affiliations: ['all', 'first'],
  tracks: ['all', 'main'],
};

/** The baseline, then the baseline with each definition switched to its other value. */
export function definitionVariants(baseline: Definitions): Array<{ definition: SensitivityRow['definition']; definitions: Definitions }> {
  const variants: Array<{ definition: SensitivityRow['definition']; definitions: Definitions }> = [{ definition: 'baseline', definitions: baseline }];
  for (const key of Object.keys(ALTERNATIVES) as HeadlineDefinition[]) {
    const [x, y] = ALTERNATIVES[key];
    variants.push({ definition: key, definitions: { ...baseline, [key]: baseline[key] === x ? y : x } });
  }
  return variants;
}

export function sensitivityAccumulator(context: AnalysisContext): Accumulator<Sensitivity> {
  const variants = definitionVariants(context.definitions).map((variant) => ({ ...variant, papers: 0, pairPapers: 0 }));
  return {
    add(view: PaperView) {
      for (const variant of variants) {
        const isBaseline = variant.definition === 'baseline';
        if (!(isBaseline ? view.inScope : paperInScope(view.paper, variant.definitions))) continue;
        variant.papers++;
        if (isBaseline ? view.isPair : paperHasPair(view.paper, context.pair, variant.definitions)) variant.pairPapers++;
      }
    },
    finish() {
      const base = variants[0];
      const baseShare = base.papers ? base.pairPapers / base.papers : 0;
      const rows: SensitivityRow[] = variants.map((variant) => {
        const share = variant.papers ? variant.pairPapers / variant.papers : 0;
        return {
          definition: variant.definition,
          value: variant.definition === 'baseline' ? definitionsLabel(variant.definitions) : String(variant.definitions[variant.definition]),
          definitions: variant.definitions,
          papers: variant.papers,
          pairPapers: variant.pairPapers,
          share: round(share),
          ci95: interval(variant.pairPapers, variant.papers),
          deltaPapers: variant.pairPapers - base.pairPapers,
          deltaShare: round(share - baseShare),
          relativeChange: base.pairPapers ? round((variant.pairPapers - base.pairPapers) / base.pairPapers) : null,
        };
      });
      return {
        pair: context.pair,
        rows,
        range: {
          minPapers: Math.min(...rows.map((r) => r.pairPapers)),
          maxPapers: Math.max(...rows.map((r) => r.pairPapers)),
          minShare: Math.min(...rows.map((r) => r.share)),
          maxShare: Math.max(...rows.map((r) => r.share)),
        },
      };
    },
  };
}

/** "mainland/lab/count/all/all": the values in the order chinaScope, multinational, dualAffiliation, affiliations, tracks. */
export function definitionsLabel(definitions: Definitions): string {
  return (Object.keys(ALTERNATIVES) as Array<keyof Definitions>).map((key) => definitions[key]).join('/');
}
