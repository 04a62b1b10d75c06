// The --llm flags of analyze: endpoint, model, threshold, budget, and how the estimate and report read.
import { join } from 'node:path';
import type { Command } from 'commander';
import { CollabscopeError } from '../errors.js';
import { collabscopeHome } from '../home.js';
import { apiKeyFromEnv, splitCredentials } from '../llm/client.js';
import type { LlmAffiliationReport, LlmEstimate, LlmRunOptions } from '../llm/affiliations.js';
import type { FieldsEstimate, LlmFieldsReport } from '../llm/fields.js';
import { LLM_FIELDS_SCOPES, type LlmFieldsScope } from '../llm/unclassified.js';
import { percent } from '../report/text-table.js';

export interface LlmFlags {
  llm?: boolean;
  llmFields?: boolean;
  llmFieldsScope: string;
  llmBaseUrl: string;
  llmModel: string;
  llmThreshold: string;
  llmMaxRequests: string;
  llmConcurrency: string;
  llmPrice?: string;
  dryRun?: boolean;
}

/** The options of analyze: the endpoint ones plus fields, price and the dry run. */
export function addLlmOptions(command: Command): Command {
  return addLlmEndpointOptions(command)
    .option('--llm-fields', 'with --llm: also ask the model about papers\' fields (several papers per request); which papers: --llm-fields-scope')
    .option('--llm-fields-scope <scope>', "with --llm-fields: 'unplaced' asks only about papers the classifier could not place (they also take the technologies the model names); 'all' asks about every paper and its answer replaces the classifier's fields (for a paper the classifier had placed, its evidence is kept after the model's and its technologies stay the detector's; unplaced papers are filled as under 'unplaced')", 'unplaced')
    .option('--llm-price <in/out>', 'USD per million input/output tokens, for the --dry-run estimate', '0.15/0.6')
    .option('--dry-run', 'with --llm: print the request and cost estimate, send nothing, write nothing');
}

/** --llm and the endpoint, model, threshold and budget options (analyze and eval). */
export function addLlmEndpointOptions(command: Command): Command {
  return command
    .option('--llm', 'send affiliation strings the rules left unresolved or unsure (with eval --fields: the labelled papers, for their fields) to an OpenAI-compatible model (key from OPENAI_API_KEY or COLLABSCOPE_LLM_KEY)')
    .option('--llm-base-url <url>', 'chat-completions endpoint base (llama.cpp, Ollama: http://127.0.0.1:11434/v1)', 'https://api.openai.com/v1')
    .option('--llm-model <name>', 'model name', 'gpt-4o-mini')
    .option('--llm-threshold <0-1>', 'also ask about affiliations resolved with confidence below this', '0.5')
    .option('--llm-max-requests <n>', 'request budget for the run, affiliation strings and fields together (cached answers are free)', '500')
    .option('--llm-concurrency <n>', 'requests in flight at once', '4');
}

function numberFlag(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--${name} must be a number from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

export function llmOptionsFrom(flags: LlmFlags): LlmRunOptions {
  // A key written into the URL (http://user:KEY@host/v1) is taken out of it: it is sent as the bearer
  // key and never written to summary.json, papers.jsonl or a message.
  const { baseUrl, key } = splitCredentials(flags.llmBaseUrl);
  return {
    endpoint: { baseUrl, model: flags.llmModel, apiKey: apiKeyFromEnv() ?? key },
    cachePath: join(collabscopeHome(), 'llm-cache', 'answers.jsonl'),
    threshold: numberFlag(flags.llmThreshold, 'llm-threshold', 0, 1),
    maxRequests: Math.floor(numberFlag(flags.llmMaxRequests, 'llm-max-requests', 0, 1e9)),
    concurrency: Math.floor(numberFlag(flags.llmConcurrency, 'llm-concurrency', 1, 64)),
  };
}

export function llmPrices(flags: LlmFlags): [number, number] {
  const price = flags.llmPrice ?? '0.15/0.6';
  const parts = price.split('/');
  if (parts.length !== 2) throw new CollabscopeError('E_BAD_ARGUMENT', `--llm-price must look like 0.15/0.6 (got "${price}")`);
  return [numberFlag(parts[0], 'llm-price', 0, 1e6), numberFlag(parts[1], 'llm-price', 0, 1e6)];
}

/** --llm-fields and its scope: undefined when the fields are not asked about. */
export function llmFieldsFrom(flags: LlmFlags): LlmFieldsScope | undefined {
  const scope = LLM_FIELDS_SCOPES.find((s) => s === flags.llmFieldsScope);
  if (!scope) throw new CollabscopeError('E_BAD_ARGUMENT', `--llm-fields-scope must be one of ${LLM_FIELDS_SCOPES.join(', ')} (got "${flags.llmFieldsScope}")`);
  if (!flags.llmFields) {
    if (scope !== 'unplaced') throw new CollabscopeError('E_BAD_ARGUMENT', '--llm-fields-scope goes with --llm-fields (it says which papers the model is asked about)');
    return undefined;
  }
  if (!flags.llm) throw new CollabscopeError('E_BAD_ARGUMENT', '--llm-fields goes with --llm (the model to ask is set by the --llm options)');
  return scope;
}

export function describeEstimate(e: LlmEstimate & { fields?: FieldsEstimate }, llm: LlmRunOptions): string {
  const fields = e.fields;
  const requests = e.requests + (fields?.requests ?? 0);
  return [
    `dry run: ${e.requests} affiliation strings would go to ${llm.endpoint.model} (uncached)` +
      (fields ? `, and ${fields.papers} papers' fields in ${fields.requests} requests` : '') +
      `; the budget allows ${Math.min(requests, llm.maxRequests)} of ${requests} requests`,
    `estimated tokens: ~${e.promptTokens + (fields?.promptTokens ?? 0)} in, ~${e.completionTokens + (fields?.completionTokens ?? 0)} out; estimated cost: ~$${(e.cost + (fields?.cost ?? 0)).toFixed(4)} (prices from --llm-price)`,
    'nothing was sent and nothing was written.',
  ].join('\n');
}

export function describeLlmFieldsReport(r: LlmFieldsReport): string {
  const asked = r.scope === 'all' ? `${r.candidates} papers (all)` : `${r.candidates} unplaced papers`;
  const changed = r.scope === 'all' ? ` (${r.primaryChanged} of them papers the classifier had placed, now with another primary field)` : '';
  return `LLM fields (${r.model}, ${r.promptVersion}): ${asked}; ${r.fromCache} from cache, ${r.requests} requests; filled ${r.filled}${changed}, added ${r.technologiesAdded} technologies; ${r.notAnswered.length} left as they were${r.budgetExhausted ? '; the request budget ran out' : ''}`;
}

export function describeLlmReport(r: LlmAffiliationReport): string {
  return [
    `LLM (${r.model}, ${r.promptVersion}): ${r.candidates} strings asked about; ${r.fromCache} from cache, ${r.requests} requests (${r.promptTokens} + ${r.completionTokens} tokens)`,
    `  placed ${r.resolved} strings (${r.changedAffiliations} affiliation instances changed, ${percent(r.candidates ? r.resolved / r.candidates : 0)} of those asked); ${r.notAnswered.length} left as they were${r.budgetExhausted ? '; the request budget ran out' : ''}`,
  ].join('\n');
}
