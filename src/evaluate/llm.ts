// `eval --llm`: the same evaluation without and with the language-model pass, so a user can see
// whether it helps. The model is asked about the strings the rules left unresolved or unsure.
import { createResolver, type Resolver } from '../resolve/index.js';
import { askAboutStrings, assertSomeAnswer, needsLlm, withAnswer, type LlmAffiliationReport, type LlmRunOptions } from '../llm/affiliations.js';
import { evaluateFiles, renderEval, type EvalMetrics, type EvalOptions } from './eval.js';

export interface LlmEvalResult {
  without: EvalMetrics;
  withLlm: EvalMetrics;
  llm: LlmAffiliationReport;
  /** Distinct strings the model placed in a country. */
  placed: number;
}

export async function evaluateWithLlm(files: string[], options: EvalOptions, llm: LlmRunOptions): Promise<LlmEvalResult> {
  const base = options.resolver ?? createResolver(options.resolverOptions);
  const candidates = new Set<string>();
  const recording: Resolver = {
    ...base,
    resolveAuthor(author) {
      const affiliations = base.resolveAuthor(author);
      for (const a of affiliations) if (needsLlm(a, llm.threshold)) candidates.add(a.raw);
      return affiliations;
    },
  };
  const without = evaluateFiles(files, { ...options, resolver: recording });
  const { outcomes, report, sent } = await askAboutStrings([...candidates], llm);
  assertSomeAnswer(sent);
  const refined: Resolver = {
    ...base,
    resolveAuthor(author) {
      return base.resolveAuthor(author).map((a) => {
        const outcome = needsLlm(a, llm.threshold) ? outcomes.get(a.raw) : undefined;
        return outcome ? withAnswer(a, outcome, llm.endpoint.model) : a;
      });
    },
  };
  const withLlm = evaluateFiles(files, { ...options, resolver: refined });
  const placed = [...outcomes.values()].filter((o) => o.ok && o.answer.country !== null).length;
  return { without, withLlm, llm: report, placed };
}

export function renderLlmEval(result: LlmEvalResult): string {
  const { without, withLlm, llm } = result;
  const row = (label: string, m: EvalMetrics) =>
    `${label.padEnd(12)} agreement ${m.agreement.toFixed(4)}  ${m.pairScores.pair.join('-')} P ${m.pairScores.precision.toFixed(4)} R ${m.pairScores.recall.toFixed(4)} F1 ${m.pairScores.f1.toFixed(4)}  unresolved ${(m.unresolvedRate * 100).toFixed(1)}%`;
  return [
    renderEval(withLlm),
    '',
    `with and without the LLM pass (${llm.model}, ${llm.promptVersion}; ${llm.candidates} strings asked about, ${llm.fromCache} from cache, ${llm.requests} requests; ${result.placed} placed):`,
    row('rules only', without),
    row('with --llm', withLlm),
  ].join('\n');
}
