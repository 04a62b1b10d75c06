// 9. Definition sensitivity: the headline pair count and share with each switchable definition
// flipped, one at a time, from the definitions in force. No re-resolution: affiliations carry both
// the lab's country and the headquarters' country, and the definitions are pure functions of them.
import { paperHasPair, paperInScope } from '../definitions.js';
import { DEFAULT_DEFINITIONS, DEFINITION_CHOICES, HEADLINE_DEFINITIONS, type Definitions } from '../types.js';
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { interval } from './counting.js';
import { round } from './stats.js';
import type { Sensitivity, SensitivityRow } from './types.js';

/** The baseline, then the baseline with each definition switched to each of its other values. */
export function definitionVariants(baseline: Definitions): Array<{ definition: SensitivityRow['definition']; definitions: Definitions }> {
  const variants: Array<{ definition: SensitivityRow['definition']; definitions: Definitions }> = [{ definition: 'baseline', definitions: baseline }];
  for (const key of DEFINITION_KEYS) {
    for (const value of DEFINITION_CHOICES[key]) {
      if (value !== baseline[key]) variants.push({ definition: key, definitions: { ...baseline, [key]: value } });
    }
  }
  return variants;
}

const DEFINITION_KEYS = HEADLINE_DEFINITIONS;

/** Said instead of a change when a row cannot differ from the baseline for want of data. */
export const NO_TRACK_INFORMATION = 'no track information';

export function sensitivityAccumulator(context: AnalysisContext): Accumulator<Sensitivity> {
  const variants = definitionVariants(context.definitions).map((variant) => ({ ...variant, papers: 0, pairPapers: 0 }));
  let withTrack = 0;
  return {
    add(view: PaperView) {
      if (view.paper.track?.trim()) withTrack++;
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
          ...(variant.definition === 'tracks' && withTrack === 0 ? { note: NO_TRACK_INFORMATION } : {}),
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

/**
 * "mainland/lab/count/all/all/all/infer/located": the values in the order chinaScope, multinational,
 * dualAffiliation, affiliations, tracks, authors, unlocated, denominator.
 */
export function definitionsLabel(definitions: Definitions): string {
  return DEFINITION_KEYS.map((key) => definitions[key] ?? DEFAULT_DEFINITIONS[key]).join('/');
}
