// The hard cases against the real curated knowledge base, and the acceptance figures on the
// shared Paper Copilot lists (skipped when shared/data is not beside the checkout).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NO_PAPERLISTS, paperListFiles } from '../shared.js';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-accept-'));
const { createResolver } = await import('../../src/resolve/index.js');
const { evaluateFiles } = await import('../../src/evaluate/eval.js');
const resolver = createResolver();

function countries(text: string): string[] {
  return [...new Set(resolver.resolve(text).map((a) => a.country ?? '-'))].sort();
}

describe('hard cases with the curated knowledge base', () => {
  const cases: Array<[string, string[]]> = [
    ['Dept. of Earth Sciences, University of California, Berkeley, CA 94709', ['US']],
    ['MIT CSAIL, Google Research', ['US']],
    ['Institute of Automation, Chinese Academy of Sciences', ['CN']],
    ['Microsoft Research Asia', ['CN']],
    ["Huawei Noah's Ark Lab, Montreal", ['CA']],
    ['Google DeepMind', ['GB']],
    ['Northeastern University, Shenyang, China', ['CN']],
    ['Northeastern University, Huntington Hall, Boston, MA', ['US']],
    ['NTU, Singapore', ['SG']],
    ['HKUST', ['HK']],
    ['National Taiwan University', ['TW']],
    ['Universit ¨at M ¨unchen', ['DE']],
    ['Shanghai Jiaotong University', ['CN']],
    ['Tsinghua University, Haidian, Beijing 100083, China', ['CN']],
    ['Computer Science Department', ['-']],
    ['Independent Researcher', ['-']],
  ];
  for (const [text, expected] of cases) it(`${text} -> ${expected.join(',')}`, () => assert.deepEqual(countries(text), expected));

  for (const [acronym, country] of Object.entries({ CMU: 'US', MIT: 'US', UCLA: 'US', USTC: 'CN', CUHK: 'HK', SJTU: 'CN', ZJU: 'CN', NUS: 'SG', KAIST: 'KR', EPFL: 'CH', ETH: 'CH', 'MPI-IS': 'DE', INRIA: 'FR', CAS: 'CN', MSRA: 'CN', DeepMind: 'GB' })) {
    it(`${acronym} -> ${country}`, () => assert.deepEqual(countries(acronym), [country]));
  }

  it("a multinational's alias that names its site is located by it, not hq-default ('Microsoft Research, Redmond')", () => {
    const [a] = resolver.resolve('Microsoft Research, Redmond');
    assert.equal(a.country, 'US');
    assert.equal(a.method, 'alias');
    assert.match(a.evidence.join(' '), /Redmond/);
    assert.equal(resolver.resolve('Microsoft Research')[0].method, 'hq-default');
    // a site city several countries share is the one in the company's country; a country inside a name is no site
    assert.equal(resolver.resolve('IBM Research, Cambridge')[0].country, 'US');
    assert.equal(resolver.resolve('MicrosoftResearchNew-England')[0].country, 'US');
  });

  it('reports its index build time', () => assert.ok(resolver.stats().buildMs > 0 && resolver.stats().institutions > 20000));
});

describe('acceptance on the shared Paper Copilot lists', { skip: NO_PAPERLISTS }, () => {
  it('strings only: agreement >= 0.96 and US-CN F1 >= 0.95', () => {
    const metrics = evaluateFiles(paperListFiles(), { resolver, noEmail: true });
    assert.ok(metrics.evaluated > 8000);
    assert.ok(metrics.agreement >= 0.96, `agreement ${metrics.agreement}`);
    assert.ok(metrics.pairScores.f1 >= 0.95, `F1 ${metrics.pairScores.f1}`);
  });

  it('with e-mail domains as evidence: fewer than 2% of affiliation strings unresolved', () => {
    const metrics = evaluateFiles(paperListFiles(), { resolver });
    assert.ok(metrics.unresolvedRate < 0.02, `unresolved ${metrics.unresolvedRate}`);
    assert.ok(metrics.agreement >= 0.96, `agreement ${metrics.agreement}`);
  });
});
