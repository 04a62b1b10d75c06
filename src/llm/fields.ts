// LLM-assisted fields and technologies: by default only for papers the deterministic classifier could not
// place (primary field "other" by fallback), or for every paper (scope 'all'). Several papers per
// request; answers cached per paper.
import { z } from 'zod';
import type { Paper, TechnologyHit } from '../types.js';
import type { TaxonomyFile, TechnologyFile } from '../classify/schema.js';
import { AnswerCache } from './cache.js';
import { chatCompletion, type ChatMessage } from './client.js';
import { assertSomeAnswer, type LlmRunOptions, type SentQuestions } from './affiliations.js';
import { isUnclassified, keepsText, type LlmFieldsScope } from './unclassified.js';

export { isUnclassified, type LlmFieldsScope } from './unclassified.js';

export const FIELDS_PROMPT_VERSION = 'fields-v2';
export const PAPERS_PER_REQUEST = 8;
const ABSTRACT_CHARS = 1500;

export interface PaperText {
  id: string;
  title: string;
  keywords: string[];
  abstract: string | null;
}

export interface LlmFieldsReport {
  model: string;
  promptVersion: string;
  scope: LlmFieldsScope;
  candidates: number;
  fromCache: number;
  requests: number;
  filled: number;
  /** Papers the classifier had placed whose primary field the model changed (scope 'all'). */
  primaryChanged: number;
  technologiesAdded: number;
  notAnswered: Array<{ id: string; reason: string }>;
  budgetExhausted: boolean;
}

const ROLE_GUIDE: Record<string, string> = {
  concern: 'is primary when that concern is the main contribution, whatever the data or modality',
  method: 'is primary only when the technique itself is the contribution, not when it is applied to a topic field',
};

function systemPrompt(taxonomy: TaxonomyFile, technologies: TechnologyFile): string {
  const byRole = (role: string) => taxonomy.fields.filter((f) => f.role === role).map((f) => f.id);
  const roles = Object.entries(ROLE_GUIDE)
    .filter(([role]) => byRole(role).length > 0)
    .map(([role, guide]) => `Each of ${byRole(role).join(', ')} ${guide}.`);
  return [
    'You classify research papers. For each paper, choose its research fields from this taxonomy (primary first, at most 3):',
    ...taxonomy.fields.map((f) => `- ${f.id}: ${f.covers}`),
    "The primary field is what the paper is mainly about: its main contribution, not every area it touches.",
    ...roles,
    'Also list which of these models or architectures each paper builds on or evaluates (none is fine):',
    ...technologies.technologies.map((t) => `- ${t.id}: ${t.name}`),
    'Answer one JSON object: {"papers": [{"id": "<paper id>", "fields": ["<field id>", ...], "technologies": ["<technology id>", ...]}]}, one entry for every paper given, using only the ids above.',
  ].join('\n');
}

function answerSchema(fieldIds: string[], techIds: string[], paperIds: string[]) {
  const oneOf = (ids: string[], what: string) => z.string().refine((v) => ids.includes(v), `unknown ${what}`);
  return z
    .object({
      papers: z
        .array(z.object({ id: oneOf(paperIds, 'paper id'), fields: z.array(oneOf(fieldIds, 'field id')).min(1).max(3), technologies: z.array(oneOf(techIds, 'technology id')) }).strict())
        .refine((list) => paperIds.every((id) => list.some((p) => p.id === id)), 'an entry for every paper'),
    })
    .strict();
}

export type PaperAnswer = { fields: string[]; technologies: string[] };
export type FieldsOutcome = { ok: true; answer: PaperAnswer } | { ok: false; reason: string };

function cacheKey(text: PaperText, model: string): string {
  return AnswerCache.key(FIELDS_PROMPT_VERSION, model, JSON.stringify([text.title, text.keywords, text.abstract ?? '']));
}

export interface FieldsAnswers {
  outcomes: Map<string, FieldsOutcome>;
  fromCache: number;
  requests: number;
  budgetExhausted: boolean;
}

/**
 * Asks the model for the fields (and technologies) of these papers, several per request, from the
 * cache where it can; every text gets an outcome. Throws if requests were made and none succeeded.
 */
export async function askFieldsOf(texts: PaperText[], taxonomy: TaxonomyFile, technologies: TechnologyFile, options: LlmRunOptions): Promise<FieldsAnswers> {
  const model = options.endpoint.model;
  const cache = new AnswerCache(options.cachePath);
  const answers: FieldsAnswers = { outcomes: new Map(), fromCache: 0, requests: 0, budgetExhausted: false };
  const uncached: PaperText[] = [];
  for (const text of texts) {
    const cached = cache.get(cacheKey(text, model)) as FieldsOutcome | undefined;
    if (cached) {
      answers.fromCache++;
      answers.outcomes.set(text.id, cached);
    } else uncached.push(text);
  }
  const batches: PaperText[][] = [];
  for (let i = 0; i < uncached.length; i += PAPERS_PER_REQUEST) batches.push(uncached.slice(i, i + PAPERS_PER_REQUEST));
  const system = systemPrompt(taxonomy, technologies);
  const fieldIds = taxonomy.fields.map((f) => f.id);
  const techIds = technologies.technologies.map((t) => t.id);
  const sent: SentQuestions = { asked: 0, failed: [] };
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let result: Map<string, FieldsOutcome>;
      if (answers.requests >= options.maxRequests) {
        answers.budgetExhausted = true;
        result = new Map(batch.map((t) => [t.id, { ok: false, reason: 'LLM request budget exhausted' }]));
      } else {
        sent.asked++;
        try {
          result = await askAboutBatch(batch, system, answerSchema(fieldIds, techIds, batch.map((t) => t.id)), options, answers);
          // only accepted answers are kept: a paper refused or left out is asked again next run
          for (const text of batch) {
            const outcome = result.get(text.id);
            if (outcome?.ok) cache.set(cacheKey(text, model), outcome);
          }
        } catch (error) {
          sent.failed.push((error as Error).message);
          result = new Map(batch.map((t) => [t.id, { ok: false, reason: `LLM request failed: ${(error as Error).message}` }]));
        }
      }
      for (const [id, outcome] of result) answers.outcomes.set(id, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  assertSomeAnswer(sent);
  return answers;
}

export interface FieldsEstimate {
  papers: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
}

/** Rough figures for --dry-run: uncached papers in batches, ~4 characters a token, ~30 tokens an answer per paper. */
export function estimateFieldsRun(texts: PaperText[], taxonomy: TaxonomyFile, technologies: TechnologyFile, options: Pick<LlmRunOptions, 'cachePath' | 'endpoint'>, [inPrice, outPrice]: [number, number] = [0, 0]): FieldsEstimate {
  const cache = new AnswerCache(options.cachePath);
  const uncached = texts.filter((t) => !cache.has(cacheKey(t, options.endpoint.model)));
  const requests = Math.ceil(uncached.length / PAPERS_PER_REQUEST);
  const system = systemPrompt(taxonomy, technologies).length;
  const payload = uncached.reduce((sum, t) => sum + t.title.length + t.keywords.join('; ').length + Math.min(ABSTRACT_CHARS, (t.abstract ?? '').length) + 40, 0);
  const promptTokens = Math.ceil((requests * system + payload) / 4);
  const completionTokens = uncached.length * 30;
  return { papers: uncached.length, requests, promptTokens, completionTokens, cost: (promptTokens * inPrice + completionTokens * outPrice) / 1e6 };
}

/**
 * Fills the fields of the papers in scope from the model's answers, in place. Unplaced papers also
 * take the technologies the model names (a detected one is never replaced); papers the classifier had
 * placed (scope 'all') take only the fields, their own evidence kept after the model's.
 */
export async function classifyWithLlm(
  papers: Paper[],
  texts: Map<string, PaperText>,
  taxonomy: TaxonomyFile,
  technologies: TechnologyFile,
  options: LlmRunOptions,
  scope: LlmFieldsScope = 'unplaced',
): Promise<LlmFieldsReport> {
  const model = options.endpoint.model;
  const candidates = papers.filter((p) => keepsText(p, scope) && texts.has(p.id));
  const answers = await askFieldsOf(candidates.map((p) => texts.get(p.id)!), taxonomy, technologies, options);
  const report: LlmFieldsReport = {
    model, promptVersion: FIELDS_PROMPT_VERSION, scope, candidates: candidates.length, fromCache: answers.fromCache, requests: answers.requests,
    filled: 0, primaryChanged: 0, technologiesAdded: 0, notAnswered: [], budgetExhausted: answers.budgetExhausted,
  };
  const techById = new Map(technologies.technologies.map((t) => [t.id, t]));
  for (const paper of candidates) {
    const outcome = answers.outcomes.get(paper.id)!;
    if (!outcome.ok) {
      report.notAnswered.push({ id: paper.id, reason: outcome.reason });
      continue;
    }
    report.filled++;
    const unplaced = isUnclassified(paper);
    if (!unplaced && paper.fields[0] !== outcome.answer.fields[0]) report.primaryChanged++;
    const said = outcome.answer.fields.map((field) => ({ field, signal: 'llm', terms: [`${model} (${FIELDS_PROMPT_VERSION})`], score: 0 }));
    paper.fields = outcome.answer.fields;
    paper.fieldEvidence = unplaced ? said : [...said, ...paper.fieldEvidence];
    if (!unplaced) continue;
    for (const id of outcome.answer.technologies) {
      if (paper.technologies.some((t) => t.id === id)) continue;
      const t = techById.get(id)!;
      const hit: TechnologyHit = { id, name: t.name, origin: { organization: t.organization, country: t.country }, matched: [`(named by ${model})`], where: ['llm'] };
      paper.technologies.push(hit);
      report.technologiesAdded++;
    }
  }
  return report;
}

async function askAboutBatch(batch: PaperText[], system: string, schema: ReturnType<typeof answerSchema>, options: LlmRunOptions, report: { requests: number }): Promise<Map<string, FieldsOutcome>> {
  const payload = batch.map((t) => ({ id: t.id, title: t.title, keywords: t.keywords, abstract: (t.abstract ?? '').slice(0, ABSTRACT_CHARS) }));
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: JSON.stringify({ papers: payload }) },
  ];
  let problem = '';
  for (let attempt = 0; attempt < 2 && report.requests < options.maxRequests; attempt++) {
    report.requests++;
    const answer = await chatCompletion(options.endpoint, messages);
    let json: unknown;
    try {
      json = JSON.parse(answer.content);
    } catch {
      problem = 'not JSON';
      messages.push({ role: 'assistant', content: answer.content }, { role: 'user', content: 'That answer is not JSON. Answer again with only the JSON object.' });
      continue;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return new Map(parsed.data.papers.map((p) => [p.id, { ok: true, answer: { fields: [...new Set(p.fields)], technologies: [...new Set(p.technologies)] } }]));
    const issue = parsed.error.issues[0];
    problem = `${issue.path.join('.')}: ${issue.message}`;
    messages.push({ role: 'assistant', content: answer.content }, { role: 'user', content: `That answer is invalid (${problem}). Answer again with only the JSON object.` });
  }
  return new Map(batch.map((t) => [t.id, { ok: false, reason: `invalid answer (${problem})` }]));
}
