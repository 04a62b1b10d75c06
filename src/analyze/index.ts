// Collaboration analytics: turns the resolved corpus into the findings of summary.json (counting,
// trend, fields, institutions, sectors, network, thirdCountries, dualAffiliations, sensitivity).
//
// One linear pass over the papers feeds every accumulator; each paper is seen through the definitions
// once (viewPaper) and the view is dropped. Only the network keeps per-edge state, and its
// communities and betweenness run on the `networkMaxNodes` institutions with the most papers.
import type { Paper } from '../types.js';
import { viewPaper, type Accumulator, type AnalysisContext } from './context.js';
import { countingAccumulator } from './counting.js';
import { trendAccumulator } from './trend.js';
import { fieldsAccumulator } from './fields.js';
import { institutionsAccumulator } from './institutions.js';
import { sectorsAccumulator } from './sectors.js';
import { DEFAULT_NETWORK_MAX_NODES, DEFAULT_SEED, networkAccumulator } from './network.js';
import { thirdCountriesAccumulator } from './third-countries.js';
import { dualAccumulator } from './dual.js';
import { sensitivityAccumulator } from './sensitivity.js';
import { coverageAccumulator } from './coverage.js';
import type { Analytics, AnalyzeOptions } from './types.js';
import { loadOrganisations } from '../kb/organisations.js';

export type * from './types.js';
export { renderAnalyticsText } from './render.js';
export { wilson, fisherExact, holm, twoProportionZ, growthChangeTest, cagr } from './stats.js';

export const DEFAULT_TOP_N = 15;
/** Fields the findings always describe, whatever their size (taxonomy ids). */
export const DEFAULT_FOCUS_FIELDS = ['llm-nlp'];

export function analyzeCorpus(papers: Paper[], options: AnalyzeOptions): Analytics {
  const context: AnalysisContext = {
    pair: options.pair,
    definitions: options.definitions,
    topN: options.topN ?? DEFAULT_TOP_N,
    focusFields: options.focusFields ?? DEFAULT_FOCUS_FIELDS,
    organisations: options.organisations ?? loadOrganisations(),
  };
  const accumulators = {
    coverage: coverageAccumulator(context),
    counting: countingAccumulator(context),
    trend: trendAccumulator(context),
    fields: fieldsAccumulator(context),
    institutions: institutionsAccumulator(context),
    sectors: sectorsAccumulator(context),
    network: networkAccumulator({
      ...context,
      networkMaxNodes: options.networkMaxNodes ?? DEFAULT_NETWORK_MAX_NODES,
      seed: options.seed ?? DEFAULT_SEED,
      restarts: options.restarts,
    }),
    thirdCountries: thirdCountriesAccumulator(context),
    dualAffiliations: dualAccumulator(context),
    sensitivity: sensitivityAccumulator(context),
  };
  const all: Array<Accumulator<unknown>> = Object.values(accumulators);
  for (const paper of papers) {
    const view = viewPaper(paper, context);
    for (const accumulator of all) accumulator.add(view);
  }
  return {
    coverage: accumulators.coverage.finish(),
    counting: accumulators.counting.finish(),
    trend: accumulators.trend.finish(),
    fields: accumulators.fields.finish(),
    institutions: accumulators.institutions.finish(),
    sectors: accumulators.sectors.finish(),
    network: accumulators.network.finish(),
    thirdCountries: accumulators.thirdCountries.finish(),
    dualAffiliations: accumulators.dualAffiliations.finish(),
    sensitivity: accumulators.sensitivity.finish(),
  };
}
