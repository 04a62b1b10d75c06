// `collabscope unresolved`: the most frequent unresolved and low-confidence strings of an analyze run.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unresolvedReport, renderUnresolved } from '../../src/evaluate/unresolved.js';
import { isCollabscopeError } from '../../src/errors.js';
import type { Affiliation } from '../../src/types.js';

function affiliation(raw: string, country: string | null, confidence: number, method: Affiliation['method'], reason?: string): Affiliation {
  return { raw, institution: null, institutionId: null, country, hqCountry: null, sector: null, confidence, method, evidence: ['e'], ...(reason ? { reason } : {}) };
}

function paper(id: string, affiliations: Affiliation[]) {
  return { id, authors: [{ name: 'A', affiliations }] };
}

const dir = mkdtempSync(join(tmpdir(), 'collabscope-unres-'));
writeFileSync(
  join(dir, 'papers.jsonl'),
  [
    paper('p1', [affiliation('Frobnitz Labs', null, 0, 'unresolved', 'unknown institution'), affiliation('Tsinghua University', 'CN', 0.95, 'alias')]),
    paper('p2', [affiliation('Frobnitz Labs', null, 0, 'unresolved', 'unknown institution')]),
    paper('p3', [affiliation('Dept. of Physics, Beijing', 'CN', 0.4, 'place')]),
    // a slot past the last author (no author's) is read too
    { ...paper('p4', []), unattributed: [affiliation('Frobnitz Labs', null, 0, 'unresolved', 'unknown institution')] },
  ]
    .map((p) => JSON.stringify(p))
    .join('\n') + '\n',
);

describe('unresolvedReport', () => {
  const report = unresolvedReport(dir);

  it('counts unresolved and low-confidence affiliations', () => {
    assert.equal(report.papers, 4);
    assert.equal(report.affiliations, 5);
    assert.equal(report.unresolved, 3);
    assert.equal(report.low, 1);
  });

  it('lists the most frequent strings first, with the reason', () => {
    assert.equal(report.entries[0].raw, 'Frobnitz Labs');
    assert.equal(report.entries[0].count, 3);
    assert.equal(report.entries[0].why, 'unknown institution');
    assert.equal(report.entries[1].kind, 'low');
    assert.match(renderUnresolved(report), /Frobnitz Labs/);
  });

  it('names an example paper by the id explain and papers take', () => {
    assert.match(renderUnresolved(report), /\n {4}3 {2}unresolved {2}Frobnitz Labs {2}-> {2}unknown institution {2}\(e\.g\. p1\)\n/);
  });

  it('honours --min-confidence and --top', () => {
    assert.equal(unresolvedReport(dir, { minConfidence: 0.3 }).low, 0);
    assert.equal(unresolvedReport(dir, { top: 1 }).entries.length, 1);
  });

  it('names the file and line of a broken papers.jsonl', () => {
    const bad = mkdtempSync(join(tmpdir(), 'collabscope-unres-bad-'));
    writeFileSync(join(bad, 'papers.jsonl'), '{"id":"x","authors":[]}\n{oops\n');
    assert.throws(() => unresolvedReport(bad), (e: unknown) => isCollabscopeError(e) && /papers\.jsonl: line 2: malformed JSON/.test((e as Error).message));
  });

  it('says to run analyze first when there is no output', () => {
    const empty = mkdtempSync(join(tmpdir(), 'collabscope-unres-empty-'));
    mkdirSync(join(empty, 'out'));
    assert.throws(() => unresolvedReport(join(empty, 'out')), /run collabscope analyze/);
    assert.throws(() => unresolvedReport(join(empty, 'missing')), /no such directory/);
  });
});
