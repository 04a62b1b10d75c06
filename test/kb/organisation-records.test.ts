// The organisation graph's records: made from institution files, or taken from a resolver index of the
// same folders (src/kb/organisation-records.ts); both give the same records, so the roll-up is the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURATED_DIR } from '../../src/kb/load.js';
import { institutionsIn, offerOrganisationRecords, organisationRecords, organisationRecordsOf } from '../../src/kb/organisation-records.js';
import { OrganisationGraph } from '../../src/kb/organisations.js';
import { createResolver } from '../../src/resolve/index.js';
import { forgetIndex, lastIndexSource } from '../../src/resolve/prebuilt.js';

const home = mkdtempSync(join(tmpdir(), 'collabscope-orgrecords-'));
process.env.COLLABSCOPE_HOME = home;

const entries = (records: Map<string, unknown>) => [...records.entries()];

test('organisationRecords: the first record of an id wins, link fields get their defaults', () => {
  const records = organisationRecords([
    { id: 'xx-lab', name: 'Lab', country: 'US', sector: 'company', parent: 'xx-co', acronyms: ['XL', 'XLB'] },
    { id: 'xx-co', name: 'Co', country: 'US', sector: 'company' },
    { id: 'xx-lab', name: 'Imported copy', country: 'DE', sector: 'education' },
  ]);
  assert.deepEqual(entries(records), [
    ['xx-lab', { id: 'xx-lab', name: 'Lab', country: 'US', sector: 'company', parent: 'xx-co', parentKind: 'part', parentContested: false, parentSource: null, acronym: 'XL' }],
    ['xx-co', { id: 'xx-co', name: 'Co', country: 'US', sector: 'company', parent: null, parentKind: 'part', parentContested: false, parentSource: null, acronym: null }],
  ]);
});

test('organisationRecordsOf: the records a resolver index of the same folders offered, else the files', () => {
  const dir = join(home, 'kb-a');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.json'), JSON.stringify([{ id: 'xx-one', name: 'One', country: 'NZ', sector: 'education' }]));
  writeFileSync(join(dir, '.hidden.json'), JSON.stringify([{ id: 'xx-hidden', name: 'Hidden', country: 'NZ', sector: 'education' }]));
  assert.deepEqual([...organisationRecordsOf([dir]).keys()], ['xx-one'], 'from the files (hidden files skipped)');
  const offered = organisationRecords([{ id: 'xx-offered', name: 'Offered', country: 'NZ', sector: 'education' }]);
  offerOrganisationRecords([join(dir, '.')], offered);
  assert.equal(organisationRecordsOf([dir]), offered, 'the same folders, however written');
  assert.deepEqual([...organisationRecordsOf([dir, join(home, 'other')]).keys()], ['xx-one'], 'other folders: the files');
});

test('a resolver index (built, cached, read back) holds the same organisation records as the files', () => {
  const dir = join(home, 'kb-b');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'invented.json'),
    JSON.stringify([
      { id: 'nz-quill-lab', name: 'Quill Lab', country: 'NZ', sector: 'company', parent: 'nz-quill', parentKind: 'subsidiary', acronyms: ['QL'] },
      { id: 'nz-quill', name: 'Quill Group', country: 'NZ', sector: 'company' },
    ]),
  );
  const fromFiles = organisationRecords(institutionsIn([CURATED_DIR, dir]));
  assert.ok(fromFiles.size > 1000, 'the curated base is read');
  for (const source of ['built', 'loaded']) {
    forgetIndex(); // as a new process: the first built and cached, the second read back
    createResolver({ kbDirs: [dir], swot: false });
    assert.equal(lastIndexSource, source);
    const fromIndex = organisationRecordsOf([CURATED_DIR, dir]);
    assert.notEqual(fromIndex, fromFiles);
    assert.deepEqual(entries(fromIndex), entries(fromFiles));
    const graph = new OrganisationGraph(() => fromIndex);
    assert.equal(graph.rollUp('nz-quill-lab', 'parent', 'separate'), 'nz-quill-lab', 'a subsidiary stays itself at the parent level');
    assert.equal(graph.rollUp('nz-quill-lab', 'top', 'separate'), 'nz-quill');
  }
});
