import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCorpus } from '../../src/analyze/index.js';
import { definitionNotices } from '../../src/summary.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { author, mit, paper, PAIR, tsinghua, unresolved } from './fixtures.js';

function corpus() {
  return [
    paper({ year: 2020, venue: 'A' }, [author('a', mit()), author('b', tsinghua())]), // every author located
    paper({ year: 2020, venue: 'A' }, [author('c', mit()), author('d', unresolved())]), // one located
    paper({ year: 2020, venue: 'A' }, [author('e'), author('f')]), // no affiliations at all
    paper({ year: 2021, venue: 'A' }, [author('g', tsinghua())]),
  ];
}

test('coverage per venue-year: any author located, every author located, no affiliations; a warning under 90%', () => {
  const { coverage, counting } = analyzeCorpus(corpus(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  assert.deepEqual(
    coverage.rows.map((r) => [r.venue, r.year, r.papers, r.anyLocated, r.allLocated, r.noAffiliations]),
    [
      ['A', 2020, 3, 2, 1, 1],
      ['A', 2021, 1, 1, 1, 0],
    ],
  );
  assert.deepEqual([coverage.total.papers, coverage.total.anyLocated, coverage.total.allLocated], [4, 3, 2]);
  assert.equal(coverage.warnings.length, 1);
  assert.match(coverage.warnings[0], /A 2020: only 2 of 3 papers \(66\.7%\) have a located author; 1 have none and they are left out of the denominator/);
  // the headline: 1 pair paper of the 3 located papers; of 4 with --denominator all
  assert.deepEqual([counting.full.pair.count, counting.full.pair.total], [1, 3]);
  const all = analyzeCorpus(corpus(), { pair: PAIR, definitions: { ...DEFAULT_DEFINITIONS, denominator: 'all' } });
  assert.deepEqual([all.counting.full.pair.count, all.counting.full.pair.total], [1, 4]);
  assert.match(all.coverage.warnings[0], /they stay in the denominator/);
});

test('track-less input: --tracks main is a warning and its sensitivity row says so instead of +0', () => {
  const papers = corpus();
  assert.deepEqual(definitionNotices(papers, DEFAULT_DEFINITIONS), []);
  assert.equal(definitionNotices(papers, { ...DEFAULT_DEFINITIONS, tracks: 'main' }).length, 1);
  const rows = analyzeCorpus(papers, { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).sensitivity.rows;
  assert.equal(rows.find((r) => r.definition === 'tracks')?.note, 'no track information');
  // with a track somewhere, the row is an ordinary comparison
  const tracked = [...papers, paper({ year: 2021, venue: 'A', track: 'Workshop' }, [author('h', mit())])];
  assert.equal(analyzeCorpus(tracked, { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).sensitivity.rows.find((r) => r.definition === 'tracks')?.note, undefined);
  assert.deepEqual(definitionNotices(tracked, { ...DEFAULT_DEFINITIONS, tracks: 'main' }), []);
});
