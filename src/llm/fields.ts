// LLM-assisted fields and technologies: only for papers the deterministic classifier could not place
// (primary field "other" by fallback). Several papers per request; answers cached per paper.
import { z } from 'zod';
import type { Paper, TechnologyHit } from '../types.js';
import type { TaxonomyFile, TechnologyFile } from '../classify/schema.js';
import { AnswerCache } from './cache.js';
import { chatCompletion, type ChatMessage } from './client.js';
import { assertSomeAnswer, type LlmRunOptions, type SentQuestions } from './affiliations.js';
import { isUnclassified } from './unclassified.js';

export { isUnclassified };

export const FIELDS_PROMPT_VERSION = 'fields-v1';
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
  candidates: number;
  fromCache: number;
  requests: number;
  filled: number;
  technologiesAdded: number;
  notAnswered: Array<{ id: string; reason: string }>;
  budgetExhausted: boolean;
}


function systemPrompt(taxonomy: TaxonomyFile, technologies: TechnologyFile): string {
  return [
    'You classify research papers. For each paper, choose its research fields from this taxonomy (primary first, at most 3):',
    ...taxonomy.fields.map((f) => `- ${f.id}: ${f.covers}`),
    'and list which of these models or architectures the paper builds on or evaluates (none is fine):',
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

type PaperAnswer = { fields: string[]; technologies: string[] };
type Outcome = { ok: true; answer: PaperAnswer } | { ok: false; reason: string };

function cacheKey(text: PaperText, model: string): string {
  return AnswerCache.key(FIELDS_PROMPT_VERSION, model, JSON.stringify([text.title, text.keywords, text.abstract ?? '']));
}

/** Fills fields (and adds technologies) of unclassified papers in place; never touches the others. */
export async function classifyWithLlm(
  papers: Paper[],
  texts: Map<string, PaperText>,
  taxonomy: TaxonomyFile,
  technologies: TechnologyFile,
  options: LlmRunOptions,
): Promise<LlmFieldsReport> {
  const model = options.endpoint.model;
  const cache = new AnswerCache(options.cachePath);
  const candidates = papers.filter((p) => isUnclassified(p) && texts.has(p.id));
  const report: LlmFieldsReport = { model, promptVersion: FIELDS_PROMPT_VERSION, candidates: candidates.length, fromCache: 0, requests: 0, filled: 0, technologiesAdded: 0, notAnswered: [], budgetExhausted: false };
  const outcomes = new Map<string, Outcome>();
  const uncached: PaperText[] = [];
  for (const paper of candidates) {
    const cached = cache.get(cacheKey(texts.get(paper.id)!, model)) as Outcome | undefined;
    if (cached) {
      report.fromCache++;
      outcomes.set(paper.id, cached);
    } else uncached.push(texts.get(paper.id)!);
  }
  const batches: PaperText[][] = [];
  for (let i = 0; i < uncached.length; i += PAPERS_PER_REQUEST) batches.push(uncached.slice(i, i + PAPERS_PER_REQUEST));
  const system = systemPrompt(taxonomy, technologies);
  const fieldIds = taxonomy.fields.map((f) => f.id);
  const techIds = technologies.technologies.map((t) => t.id);
  const sent: SentQuestions = { asked: 0, failed: [] };
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let result: Map<string, Outcome>;
      if (report.requests >= options.maxRequests) {
        report.budgetExhausted = true;
        result = new Map(batch.map((t) => [t.id, { ok: false, reason: 'LLM request budget exhausted' }]));
      } else {
        sent.asked++;
        try {
          result = await askAboutBatch(batch, system, answerSchema(fieldIds, techIds, batch.map((t) => t.id)), options, report);
          for (const text of batch) cache.set(cacheKey(text, model), result.get(text.id));
        } catch (error) {
          sent.failed.push((error as Error).message);
          result = new Map(batch.map((t) => [t.id, { ok: false, reason: `LLM request failed: ${(error as Error).message}` }]));
        }
      }
      for (const [id, outcome] of result) outcomes.set(id, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  assertSomeAnswer(sent);
  const techById = new Map(technologies.technologies.map((t) => [t.id, t]));
  for (const paper of candidates) {
    const outcome = outcomes.get(paper.id)!;
    if (!outcome.ok) {
      report.notAnswered.push({ id: paper.id, reason: outcome.reason });
      continue;
    }
    report.filled++;
    paper.fields = outcome.answer.fields;
    paper.fieldEvidence = outcome.answer.fields.map((field) => ({ field, signal: 'llm', terms: [`${model} (${FIELDS_PROMPT_VERSION})`], score: 0 }));
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

async function askAboutBatch(batch: PaperText[], system: string, schema: ReturnType<typeof answerSchema>, options: LlmRunOptions, report: LlmFieldsReport): Promise<Map<string, Outcome>> {
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
