// Building RawPaper objects for classifier tests.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTaxonomy, TAXONOMY_FILE } from '../../src/classify/data.js';
import type { TaxonomyFile } from '../../src/classify/schema.js';
import { readPaperCopilot } from '../../src/sources/papercopilot.js';
import type { FieldEvidence, RawPaper } from '../../src/types.js';

export function rawPaper(fields: Partial<RawPaper> & { title: string }): RawPaper {
  return {
    sourceId: null,
    source: { file: 'test.json', index: 0 },
    venue: 'TEST',
    year: 2024,
    abstract: null,
    track: null,
    status: null,
    topic: null,
    keywords: [],
    url: null,
    authors: [],
    ...fields,
  };
}

/** An invented taxonomy: the given fields (id -> terms) with the shipped scoring, no roles, labels or tracks. */
export function inventedTaxonomy(fields: Record<string, Record<string, number>>): TaxonomyFile {
  const shipped = loadTaxonomy();
  return {
    version: 1,
    scoring: { ...shipped.scoring, methodYield: undefined, concernFactor: undefined },
    fields: Object.entries(fields).map(([id, terms]) => ({ id, name: id, covers: `invented field ${id}`, terms })),
    neutral: { phrases: [] },
    venueLabels: { rules: [] },
    tracks: { rules: [] },
  };
}

/** A record of a shared paper list by file and index, checked against the SHA-256 prefix of its title. */
export function createSharedRecords(dir: string): (ref: { file: string; index: number; titleSha256: string }) => RawPaper {
  const lists = new Map<string, Map<number, RawPaper>>();
  return ({ file, index, titleSha256 }) => {
    let list = lists.get(file);
    if (!list) {
      list = new Map([...readPaperCopilot(join(dir, file)).papers].map((p) => [p.source.index, p]));
      lists.set(file, list);
    }
    const paper = list.get(index);
    assert.ok(paper, `${file} record ${index} not read`);
    assert.equal(createHash('sha256').update(paper.title).digest('hex').slice(0, 12), titleSha256, `${file} record ${index} is not the labelled paper`);
    return paper;
  };
}

/** A copy of the shipped taxonomy changed by `change`, written to a temporary file; its path. */
export function taxonomyVariant(change: (json: any) => void): string {
  const json = JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8'));
  change(json);
  const path = join(mkdtempSync(join(tmpdir(), 'collabscope-taxonomy-')), 'fields.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

/** A result's points records (the taxonomy's evidence) without the model's records and contributions. */
export function pointsOf(evidence: FieldEvidence[]): Array<Omit<FieldEvidence, 'contribution'>> {
  return evidence.filter((e) => e.signal !== 'model' && e.signal !== 'text-model' && e.signal !== 'vectors-model').map(({ field, signal, terms, score }) => ({ field, signal, terms, score }));
}
