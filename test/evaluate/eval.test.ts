// `collabscope eval`: country sets compared with Paper Copilot's labels, their skip rules, the US-CN
// scores, and the rule that only src/evaluate/ reads the label fields.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT } from '../shared.js';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-eval-'));
const { evaluateFiles, renderEval } = await import('../../src/evaluate/eval.js');
const { labelCountryCode, paperLabel } = await import('../../src/evaluate/labels.js');
const { createResolver } = await import('../../src/resolve/index.js');

const FILE = join(import.meta.dirname, 'fixtures', 'evalpapers2024.json');
const resolver = createResolver({ curatedDir: join(REPO_ROOT, 'test', 'resolve', 'fixtures', 'kb'), kbDirs: [], swot: false });

describe('labels', () => {
  it('maps label country names to codes, odd spellings included', () => {
    assert.equal(labelCountryCode('United States'), 'US');
    assert.equal(labelCountryCode('South Korea'), 'KR');
    assert.equal(labelCountryCode('Russian Federation'), 'RU');
    assert.equal(labelCountryCode('Türkiye'), 'TR');
    assert.equal(labelCountryCode('Kingdom of Saudi Arabia'), 'SA');
    assert.equal(labelCountryCode('Czech Republic'), 'CZ');
    assert.equal(labelCountryCode('Vietnam'), 'VN');
    assert.equal(labelCountryCode(''), null);
    assert.equal(labelCountryCode('Unknown'), null);
  });

  it('folds Hong Kong, Macau and Taiwan into China as the labels do', () => {
    assert.deepEqual(paperLabel({ aff: 'a;b', aff_country_unique: 'Taiwan;Hong Kong', aff_country_unique_index: '0;1' }), { status: 'labelled', countries: ['CN'] });
  });
});

describe('evaluateFiles', () => {
  const withEmail = evaluateFiles([FILE], { resolver });
  const noEmail = evaluateFiles([FILE], { resolver, noEmail: true });

  it('skips papers without affiliations and papers with unlabelled authors', () => {
    assert.equal(withEmail.papers, 8);
    assert.equal(withEmail.skipped.noAffiliations, 1);
    assert.equal(withEmail.skipped.unlabelled, 2);
    assert.equal(withEmail.evaluated, 5);
  });

  it('counts agreement of whole country sets', () => {
    assert.equal(withEmail.agreed, 4);
    assert.equal(withEmail.agreement, 4 / 5);
    assert.equal(withEmail.disagreements.length, 1);
    assert.equal(withEmail.disagreements[0].title, 'We miss a country');
    assert.deepEqual(withEmail.disagreements[0].labels, ['DE']);
  });

  it('scores the US-CN collaboration', () => {
    const s = withEmail.pairScores;
    assert.deepEqual([s.truePositives, s.falsePositives, s.falseNegatives], [2, 0, 0]);
    assert.equal(s.f1, 1);
  });

  it('--no-email ignores aff_domain', () => {
    assert.equal(noEmail.email, false);
    assert.equal(noEmail.agreed, 3, 'the e-mail-only paper is lost without e-mail');
    assert.ok(noEmail.unresolved > withEmail.unresolved);
  });

  it('counts unresolved affiliation strings', () => {
    assert.equal(withEmail.affiliationStrings, 12);
    assert.ok(withEmail.unresolved >= 2);
    assert.match(renderEval(withEmail), /agreement \(same country set\): 4\/5/);
  });

  it('names disagreements by the id analyze gives the paper, and lists as many as it says', () => {
    // The fixture's records have no id: analyze names record 5 of evalpapers2024.json by its position.
    assert.equal(withEmail.disagreements[0].id, 'evalpapers2024:evalpapers2024.json#5');
    const text = renderEval(withEmail);
    assert.match(text, /disagreements \(1 of 1 shown; /);
    assert.equal(text.split('\n').filter((line) => line.startsWith('  evalpapers2024:')).length, 1);
    const none = renderEval(evaluateFiles([FILE], { resolver, sampleSize: 0 }));
    assert.match(none, /\ndisagreements: 1 \(--sample N lists them\)$/);
  });
});

describe('only src/evaluate/ reads the label fields', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  }
  it('no other source file names aff_unique_*, aff_country_*, aff_campus_*', () => {
    const offenders = files(join(REPO_ROOT, 'src'))
      .filter((f) => !f.includes(join('src', 'evaluate')) && !f.endsWith(join('cli', 'commands', 'eval.ts'))) // eval's --help names them
      .filter((f) => /aff_(unique|country|campus)_/.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')));
    assert.deepEqual(offenders, []);
  });
});
