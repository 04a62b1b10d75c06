// LLM-assisted resolution of the long tail: affiliation strings the rules left unresolved or unsure.
import { z } from 'zod';
// the library without its 80 locale files (its main module loads them all): only English is registered, where used
import countries from 'i18n-iso-countries/index.js';
import { SECTORS, type Affiliation, type Paper, type Sector } from '../types.js';
import { AnswerCache } from './cache.js';
import { chatCompletion, type ChatMessage, type LlmEndpoint } from './client.js';
import { modelTextProblem } from './text-check.js';
import { CollabscopeError } from '../errors.js';
import { allAffiliations } from '../definitions.js';

export const AFFILIATION_PROMPT_VERSION = 'affiliation-v1';

const SYSTEM_PROMPT = `You identify the institution named in one author affiliation string from a research paper.
Answer with one JSON object with exactly these keys:
- "institution": the institution's canonical English name, or null if the string names none
- "country": ISO 3166-1 alpha-2 code (upper case) of where this affiliation is located; Hong Kong is HK, Macau MO, Taiwan TW; null if unknown
- "sector": one of ${SECTORS.map((s) => `"${s}"`).join(', ')}, or null
- "confidence": a number from 0 to 1
Do not guess: a string that names no institution (e.g. "Independent Researcher") gets institution null, country null, confidence 0.`;

const AnswerSchema = z
  .object({
    institution: z
      .string()
      .min(1)
      .nullable()
      .superRefine((value, ctx) => {
        const problem = value === null ? null : modelTextProblem(value);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
    country: z
      .string()
      .nullable()
      .refine((c) => c === null || (/^[A-Z]{2}$/.test(c) && countries.isValid(c)), 'country must be an ISO 3166-1 alpha-2 code'),
    sector: z.enum(SECTORS as [Sector, ...Sector[]]).nullable(),
    confidence: z.number().min(0).max(1),
  })
  .strict();

export type AffiliationAnswer = z.infer<typeof AnswerSchema>;

/** What is cached for one string: a valid answer, or why none could be had. */
export type Outcome = { ok: true; answer: AffiliationAnswer } | { ok: false; reason: string };

export interface LlmRunOptions {
  endpoint: LlmEndpoint;
  cachePath: string;
  /** Affiliations below this confidence (and all unresolved ones) are asked about. */
  threshold: number;
  /** At most this many HTTP requests in the run (cache hits are free). */
  maxRequests: number;
  concurrency: number;
}

export interface LlmAffiliationReport {
  model: string;
  promptVersion: string;
  candidates: number;
  fromCache: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Strings the model placed in a country. */
  resolved: number;
  /** Affiliation instances changed in the corpus. */
  changedAffiliations: number;
  notAnswered: Array<{ raw: string; reason: string }>;
  budgetExhausted: boolean;
}

export function needsLlm(affiliation: Affiliation, threshold: number): boolean {
  return affiliation.raw.trim() !== '' && (affiliation.country === null || affiliation.confidence < threshold);
}

/** Distinct affiliation strings that would go to the model, in first-seen order. */
export function llmCandidates(papers: Paper[], threshold: number): string[] {
  const seen = new Set<string>();
  for (const paper of papers) for (const a of allAffiliations(paper)) if (needsLlm(a, threshold)) seen.add(a.raw);
  return [...seen];
}

export function cacheKey(raw: string, model: string): string {
  return AnswerCache.key(AFFILIATION_PROMPT_VERSION, model, raw);
}

export interface LlmEstimate {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** USD at the given prices per million input/output tokens. */
  cost: number;
}

/** Rough figures for --dry-run: one request per uncached string, ~4 characters a token, ~40 tokens an answer. */
export function estimateAffiliationRun(
  papers: Paper[],
  options: Pick<LlmRunOptions, 'threshold' | 'cachePath' | 'endpoint'>,
  [inPrice, outPrice]: [number, number] = [0, 0],
): LlmEstimate {
  const cache = new AnswerCache(options.cachePath);
  const uncached = llmCandidates(papers, options.threshold).filter((raw) => !cache.has(cacheKey(raw, options.endpoint.model)));
  const promptTokens = uncached.reduce((sum, raw) => sum + Math.ceil((SYSTEM_PROMPT.length + raw.length) / 4) + 8, 0);
  const completionTokens = uncached.length * 40;
  return { requests: uncached.length, promptTokens, completionTokens, cost: (promptTokens * inPrice + completionTokens * outPrice) / 1e6 };
}

/** Asks the model about every candidate string (cache first) and patches the papers in place. */
export async function resolveWithLlm(papers: Paper[], options: LlmRunOptions): Promise<LlmAffiliationReport> {
  const { outcomes, report, sent } = await askAboutStrings(llmCandidates(papers, options.threshold), options);
  assertSomeAnswer(sent);
  applyOutcomes(papers, outcomes, options.threshold, options.endpoint.model, report);
  return report;
}

/** The model's answer (or why there is none) for each string: from the cache, else asked. */
export async function askAboutStrings(
  candidates: string[],
  options: LlmRunOptions,
): Promise<{ outcomes: Map<string, Outcome>; report: LlmAffiliationReport; sent: SentQuestions }> {
  const sent: SentQuestions = { asked: 0, failed: [] };
  const cache = new AnswerCache(options.cachePath);
  const model = options.endpoint.model;
  const report: LlmAffiliationReport = {
    model,
    promptVersion: AFFILIATION_PROMPT_VERSION,
    candidates: candidates.length,
    fromCache: 0,
    requests: 0,
    promptTokens: 0,
    completionTokens: 0,
    resolved: 0,
    changedAffiliations: 0,
    notAnswered: [],
    budgetExhausted: false,
  };
  const outcomes = new Map<string, Outcome>();
  const queue = [...candidates];
  const worker = async () => {
    for (let raw = queue.shift(); raw !== undefined; raw = queue.shift()) {
      const key = cacheKey(raw, model);
      const cached = recheck(cache.get(key) as Outcome | undefined);
      if (cached) {
        report.fromCache++;
        outcomes.set(raw, cached);
        continue;
      }
      if (report.requests >= options.maxRequests) {
        report.budgetExhausted = true;
        outcomes.set(raw, { ok: false, reason: 'LLM request budget exhausted' });
        continue;
      }
      sent.asked++;
      try {
        const outcome = await askAboutAffiliation(raw, options.endpoint, report, options.maxRequests);
        // only an accepted answer is kept: a refused one (or one cut short by the budget) is asked again next run
        if (outcome.ok) cache.set(key, outcome);
        outcomes.set(raw, outcome);
      } catch (error) {
        sent.failed.push((error as Error).message);
        outcomes.set(raw, { ok: false, reason: `LLM request failed: ${(error as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { outcomes, report, sent };
}

/** One question; an invalid answer is asked again once, then given up with the reason. */
async function askAboutAffiliation(raw: string, endpoint: LlmEndpoint, report: LlmAffiliationReport, maxRequests: number): Promise<Outcome> {
  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: raw },
  ];
  let problem = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt > 0 && report.requests >= maxRequests) return { ok: false, reason: `invalid answer (${problem}); budget exhausted before retry` };
    report.requests++;
    const answer = await chatCompletion(endpoint, messages);
    report.promptTokens += answer.promptTokens;
    report.completionTokens += answer.completionTokens;
    const checked = validateAnswer(answer.content);
    if (checked.ok) return checked;
    problem = checked.reason;
    messages.push({ role: 'assistant', content: answer.content }, { role: 'user', content: `That answer is invalid: ${problem}. Answer again with only the JSON object.` });
  }
  return { ok: false, reason: `invalid answer twice (${problem})` };
}

/** A cached answer is checked again (an older version may have accepted what is refused now). */
function recheck(outcome: Outcome | undefined): Outcome | undefined {
  if (!outcome || !outcome.ok) return outcome;
  const parsed = AnswerSchema.safeParse(outcome.answer);
  return parsed.success ? outcome : { ok: false, reason: `cached answer refused (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})` };
}

/** Questions that went to the endpoint (not answered from the cache) and why those that failed did. */
export interface SentQuestions {
  asked: number;
  failed: string[];
}

/**
 * A run that asked and never got an answer (endpoint unreachable, refused, every request failed)
 * is an error, not a run with nothing resolved: exit 1, and the previous output is kept.
 */
export function assertSomeAnswer(sent: SentQuestions): void {
  if (sent.asked > 0 && sent.failed.length === sent.asked) {
    throw new CollabscopeError('E_LLM', `no request to the LLM endpoint succeeded (${sent.asked} failed; first: ${sent.failed[0]}); nothing was written`);
  }
}

export function validateAnswer(content: string): Outcome {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = AnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'answer'}: ${issue.message}` };
  }
  return { ok: true, answer: parsed.data };
}

function applyOutcomes(papers: Paper[], outcomes: Map<string, Outcome>, threshold: number, model: string, report: LlmAffiliationReport): void {
  const counted = new Set<string>();
  const answer = (affiliation: Affiliation): Affiliation => {
    const outcome = needsLlm(affiliation, threshold) ? outcomes.get(affiliation.raw) : undefined;
    if (!outcome) return affiliation;
    const replaced = withAnswer(affiliation, outcome, model);
    const first = !counted.has(affiliation.raw);
    counted.add(affiliation.raw);
    if (replaced.method === 'llm') {
      if (first) report.resolved++;
      report.changedAffiliations++;
    } else if (first) report.notAnswered.push({ raw: affiliation.raw, reason: notPlacedReason(outcome) });
    return replaced;
  };
  for (const paper of papers) {
    for (const author of paper.authors) author.affiliations = author.affiliations.map(answer);
    // the affiliations no author holds get the same answer for the same text
    if (paper.unattributed) paper.unattributed = paper.unattributed.map(answer);
  }
}

function notPlacedReason(outcome: Outcome): string {
  return outcome.ok ? `the model could not place it (confidence ${outcome.answer.confidence})` : outcome.reason;
}

/**
 * The affiliation after the model's answer: replaced when the model placed it in a country with more
 * confidence than the rules had; otherwise kept, with the reason added when it had no country.
 */
export function withAnswer(affiliation: Affiliation, outcome: Outcome, model: string): Affiliation {
  if (!outcome.ok || outcome.answer.country === null || outcome.answer.confidence <= affiliation.confidence) {
    return affiliation.country === null ? { ...affiliation, reason: `${affiliation.reason ?? 'unresolved'}; ${notPlacedReason(outcome)}` } : affiliation;
  }
  const { answer } = outcome;
  return {
    raw: affiliation.raw,
    institution: answer.institution,
    institutionId: null,
    country: answer.country,
    hqCountry: null,
    sector: answer.sector,
    confidence: answer.confidence,
    method: 'llm',
    model,
    evidence: [...affiliation.evidence, `llm ${model} (${AFFILIATION_PROMPT_VERSION}) answered ${answer.institution ?? '?'}, ${answer.country}`],
  };
}
