// A bulk-list name of a university the knowledge base holds answers with the knowledge base's entry
// (src/resolve/list-merge.ts): matched by web domain (or a subdomain of it) and country, not when the
// list's name is a shorter form of the entry's names or the domain is two entries'. Invented list
// records against the test fixture's knowledge base.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { attachToKnown, type ListMergeStats } from '../../src/resolve/list-merge.js';
import { convertUniversityList, useUniversityList, type RawUniversity } from '../../src/resolve/university-list.js';
import { createResolver } from '../../src/resolve/index.js';
import { forgetIndex } from '../../src/resolve/prebuilt.js';
import { loadCurated, type InstRecord } from '../../src/resolve/records.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'kb');

const LIST: RawUniversity[] = [
  // another spelling of two fixture entries, by their domains (one a subdomain)
  { name: 'Carnegie-Mellon Institute of Pittsburgh Tech', country: 'USA', domain: 'cmu.edu' },
  { name: 'Georgia Polytechnic Academy Atlanta', country: 'USA', domain: 'ece.gatech.edu' },
  // a shorter form of an entry's name: stands for more than the entry
  { name: 'Georgia Institute', country: 'USA', domain: 'gatech.edu' },
  // an entry's domain but another country: not the entry
  { name: 'Berkeley Overseas Music College', country: 'Germany', domain: 'berkeley.edu' },
  // no entry has the domain
  { name: 'Quenfold Valley University', country: 'USA', domain: 'quenfold.edu' },
];

function records(): { list: InstRecord[]; known: InstRecord[] } {
  return { list: convertUniversityList(LIST, '0.0.0-test').records, known: loadCurated(FIXTURE) };
}

test('attachToKnown: a list record whose domain is an entry’s, of its country, answers with the entry; others stay as they were', () => {
  const { list, known } = records();
  const stats: ListMergeStats = { attached: 0, shorterForm: 0 };
  const out = attachToKnown(list, known, stats);
  const byAlias = new Map(out.map((r) => [r.aliases[0] ?? r.name, r]));
  const cmu = byAlias.get('Carnegie-Mellon Institute of Pittsburgh Tech');
  assert.equal(cmu?.id, 'us-cmu');
  assert.equal(cmu?.name, 'Carnegie Mellon University');
  assert.equal(cmu?.source, 'unilist', 'the record keeps its source and rank');
  assert.deepEqual(cmu?.domains, [], 'the entry holds the domains');
  assert.equal(byAlias.get('Georgia Polytechnic Academy Atlanta')?.id, 'us-gatech', 'a subdomain of the entry’s domain');
  const shorter = out.find((r) => r.name === 'Georgia Institute');
  assert.equal(shorter?.id, null, 'a shorter form of the entry’s name is not attached');
  assert.equal(out.find((r) => r.name === 'Berkeley Overseas Music College')?.id, null, 'another country: not the entry');
  assert.equal(out.find((r) => r.name === 'Quenfold Valley University')?.id, null);
  assert.deepEqual(stats, { attached: 2, shorterForm: 1 });
});

test('attachToKnown: a domain two entries share attaches to neither', () => {
  const { list, known } = records();
  const twin = { ...known.find((r) => r.id === 'us-cmu')!, key: 'us-cmu-twin', id: 'us-cmu-twin', name: 'Mellon Twin Institute' };
  const out = attachToKnown(list, [...known, twin]);
  assert.equal(out.find((r) => r.name === 'Carnegie-Mellon Institute of Pittsburgh Tech')?.id, null);
});

test('in the resolver: the list’s spelling resolves to the entry with its id, and the entry named twice in one text is one affiliation', () => {
  useUniversityList(convertUniversityList(LIST, '0.0.0-test'));
  forgetIndex();
  try {
    const resolver = createResolver({ curatedDir: FIXTURE, kbDirs: [], swot: false, universities: true });
    const [one, ...rest] = resolver.resolve('Robotics Lab, Carnegie-Mellon Institute of Pittsburgh Tech');
    assert.equal(rest.length, 0);
    assert.equal(one.institutionId, 'us-cmu');
    assert.equal(one.institution, 'Carnegie Mellon University');
    assert.equal(one.country, 'US');
    const twice = resolver.resolve('Carnegie-Mellon Institute of Pittsburgh Tech (CMU)');
    assert.deepEqual(twice.map((a) => a.institutionId), ['us-cmu'], JSON.stringify(twice));
    const alone = resolver.resolve('Quenfold Valley University');
    assert.equal(alone[0].institution, 'Quenfold Valley University');
    assert.equal(alone[0].institutionId, null);
  } finally {
    useUniversityList(undefined);
    forgetIndex();
  }
});
