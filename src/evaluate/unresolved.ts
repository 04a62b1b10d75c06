// `collabscope unresolved`: the affiliation strings of an analyze run (DIR/papers.jsonl) that were not
// resolved or only weakly, most frequent first, so that the knowledge base can be extended where it matters.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CollabscopeError } from '../errors.js';
import type { Affiliation, Paper } from '../types.js';

export interface UnresolvedEntry {
  raw: string;
  count: number;
  /** 'unresolved' (no country) or 'low' (a country with confidence under the threshold). */
  kind: 'unresolved' | 'low';
  method: string;
  country: string | null;
  confidence: number;
  /** The resolver's reason, or its evidence for low-confidence answers. */
  why: string;
  examplePaper: string;
}

export interface UnresolvedReport {
  file: string;
  papers: number;
  affiliations: number;
  unresolved: number;
  low: number;
  distinct: number;
  entries: UnresolvedEntry[];
}

export interface UnresolvedOptions {
  /** Answers with confidence below this are listed as low (default 0.5). */
  minConfidence?: number;
  /** How many strings to list (default 50). */
  top?: number;
}

export function unresolvedReport(outDir: string, options: UnresolvedOptions = {}): UnresolvedReport {
  const file = join(outDir, 'papers.jsonl');
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new CollabscopeError('E_FILE_NOT_FOUND', `${outDir}: no such directory (run collabscope analyze --out ${outDir} first)`);
  if (!existsSync(file)) throw new CollabscopeError('E_FILE_NOT_FOUND', `${file}: no such file (run collabscope analyze --out ${outDir} first)`);
  const min = options.minConfidence ?? 0.5;
  const byRaw = new Map<string, UnresolvedEntry>();
  let papers = 0;
  let affiliations = 0;
  let unresolved = 0;
  let low = 0;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, n) => {
    if (line.trim() === '') return;
    const paper = parseLine(line, file, n + 1);
    papers++;
    // every author's affiliations, then those no author holds (slots past the last author)
    for (const list of [...(paper.authors ?? []).map((author) => author.affiliations ?? []), paper.unattributed ?? []]) {
      for (const a of list) {
        affiliations++;
        const kind = classify(a, min);
        if (!kind) continue;
        if (kind === 'unresolved') unresolved++;
        else low++;
        const entry = byRaw.get(a.raw);
        if (entry) entry.count++;
        else byRaw.set(a.raw, toEntry(a, kind, paper.id));
      }
    }
  });
  const entries = [...byRaw.values()].sort((a, b) => b.count - a.count || a.raw.localeCompare(b.raw));
  return { file, papers, affiliations, unresolved, low, distinct: entries.length, entries: entries.slice(0, options.top ?? 50) };
}

function parseLine(line: string, file: string, lineNumber: number): Paper {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new CollabscopeError('E_BAD_JSON', `${file}: line ${lineNumber}: malformed JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as Paper).authors)) {
    throw new CollabscopeError('E_BAD_RECORD', `${file}: line ${lineNumber}: not a paper (no authors list)`);
  }
  return value as Paper;
}

function classify(a: Affiliation, min: number): 'unresolved' | 'low' | null {
  if (a.method === 'unresolved' || !a.country) return 'unresolved';
  return a.confidence < min ? 'low' : null;
}

function toEntry(a: Affiliation, kind: 'unresolved' | 'low', paperId: string): UnresolvedEntry {
  return {
    raw: a.raw,
    count: 1,
    kind,
    method: a.method,
    country: a.country,
    confidence: a.confidence,
    why: a.reason ?? a.evidence.join('; '),
    examplePaper: paperId,
  };
}

export function renderUnresolved(report: UnresolvedReport): string {
  const lines = [
    `${report.file}: ${report.papers} papers, ${report.affiliations} affiliations; ${report.unresolved} unresolved, ${report.low} low-confidence (${report.distinct} distinct strings)`,
    '',
    'count  kind        string  ->  why  (e.g. a paper id for collabscope explain)',
  ];
  for (const e of report.entries) {
    const what = e.kind === 'low' ? `${e.country} by ${e.method} (${e.confidence.toFixed(2)})` : 'unresolved';
    lines.push(`${String(e.count).padStart(5)}  ${what.padEnd(10)}  ${e.raw}  ->  ${e.why}  (e.g. ${e.examplePaper})`);
  }
  if (report.entries.length === 0) lines.push('  (none)');
  return lines.join('\n');
}
