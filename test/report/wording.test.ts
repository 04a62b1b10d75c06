// Report wording and scales: one scale for the two institution panels, "1 paper", "affiliated in the US".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartsOf, readRun } from '../../src/report/build.js';
import { countryProse, pairPapersPhrase, papersText } from '../../src/report/charts/theme.js';
import { writeFixtureRun } from './fixtures.js';

test('plural and country wording', () => {
  assert.equal(papersText(1), '1 paper');
  assert.equal(papersText(0), '0 papers');
  assert.equal(papersText(12), '12 papers');
  assert.equal(pairPapersPhrase(['US', 'CN']), 'papers with at least one author affiliated in the US and one in China');
  assert.equal(countryProse('ZZ'), 'ZZ');
});

test('the two institution panels share one scale: the larger side sets it for both', () => {
  const run = writeFixtureRun();
  const charts = chartsOf(readRun(run.dir));
  const institutions = charts.find((c) => c.id === 'institutions');
  assert.ok(institutions);
  const panels = (institutions.spec as unknown as { hconcat: Array<{ encoding: { x: { scale: { domain: number[] } } }; data: { values: Array<{ papers: number }> } }> }).hconcat;
  assert.equal(panels.length, 2);
  const max = Math.max(...panels.flatMap((p) => p.data.values.map((v) => v.papers)));
  for (const p of panels) assert.deepEqual(p.encoding.x.scale.domain, [0, max]);
  for (const chart of charts) assert.doesNotMatch(chart.caption, /\b1 papers\b|affiliated in [A-Z]{2}\b/, chart.id);
});
