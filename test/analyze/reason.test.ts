// Why a paper counts: sides, dual affiliations, headquarters placements, and the paper selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairReason, reasonKind, reasonSentence, UNATTRIBUTED_AUTHOR } from '../../src/analyze/reason.js';
import { selectPapers } from '../../src/analyze/select.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { aff, author, paper } from './fixtures.js';

const pair: [string, string] = ['US', 'CN'];
const westU = () => aff('West Plains University', 'US');
const eastU = () => aff('East River University', 'CN');
const otherU = () => aff('Lakeside Institute', 'FR');
/** A company named with no place: put at its headquarters (US) by the resolver. */
const bigCo = () => ({ ...aff('Bigco', 'US', 'company', 'US'), method: 'hq-default' as const });
/** A lab of a US company located in CN. */
const bigCoLab = () => aff('Bigco Lab East', 'CN', 'company', 'US');

test('a direct collaboration names the author and institution on each side', () => {
  const p = paper({ year: 2020 }, [author('Ann', westU()), author('Bo', eastU()), author('Cy', otherU())]);
  const r = pairReason(p, pair, DEFAULT_DEFINITIONS);
  assert.equal(r.counts, true);
  assert.deepEqual(r.sides[0].map((m) => [m.author, m.institutions]), [['Ann', ['West Plains University']]]);
  assert.deepEqual(r.sides[1].map((m) => [m.author, m.institutions]), [['Bo', ['East River University']]]);
  assert.equal(reasonKind(r), 'direct');
  assert.equal(
    reasonSentence(r),
    'Counts as US-CN (authors in both countries, not only through a dual affiliation or a headquarters placement): US side Ann (West Plains University); CN side Bo (East River University).',
  );
});

test('a link made only by one author with institutions in both countries is "only through a dual affiliation"', () => {
  const p = paper({ year: 2020 }, [author('Ann', westU(), eastU()), author('Cy', westU())]);
  const r = pairReason(p, pair, DEFAULT_DEFINITIONS);
  assert.equal(r.onlyThroughDual, true);
  assert.equal(reasonKind(r), 'only through a dual affiliation');
  // Under --dual-affiliation ignore the same paper does not count, and the sentence says what is missing.
  const ignored = pairReason(p, pair, { ...DEFAULT_DEFINITIONS, dualAffiliation: 'ignore' });
  assert.equal(ignored.counts, false);
  assert.equal(reasonSentence(ignored), 'Does not count as US-CN: no author counts for CN (only US).');
});

test('a US side made only of a company placed at its headquarters is "only through a headquarters placement"', () => {
  const p = paper({ year: 2020 }, [author('Ann', bigCo()), author('Bo', eastU())]);
  const r = pairReason(p, pair, DEFAULT_DEFINITIONS);
  assert.equal(r.onlyThroughHeadquarters, true);
  assert.equal(r.sides[0][0].headquarters, true);
  assert.equal(reasonKind(r), 'only through a headquarters placement');
  // With a located US author as well, the placement is noted but the link does not depend on it.
  const both = pairReason(paper({ year: 2020 }, [author('Ann', bigCo()), author('Di', westU()), author('Bo', eastU())]), pair, DEFAULT_DEFINITIONS);
  assert.equal(reasonKind(both), 'with a headquarters placement');
});

test('a side made by a slot past the last author names no author, and a headquarters placement there is one too', () => {
  const p = paper({ year: 2020, unattributed: [eastU()] }, [author('Ann', westU())]);
  const r = pairReason(p, pair, DEFAULT_DEFINITIONS);
  assert.equal(r.counts, true);
  assert.deepEqual(r.sides[1].map((m) => [m.author, m.institutions, m.dual]), [[UNATTRIBUTED_AUTHOR, ['East River University'], false]]);
  assert.equal(r.onlyThroughUnattributed, true);
  assert.equal(reasonKind(r), 'only through a slot past the last author');
  assert.equal(pairReason(p, pair, { ...DEFAULT_DEFINITIONS, authors: 'first' }).counts, false);
  // with both countries among the authors too, the slot changes nothing
  const also = pairReason(paper({ year: 2020, unattributed: [eastU()] }, [author('Ann', westU()), author('Bo', eastU())]), pair, DEFAULT_DEFINITIONS);
  assert.deepEqual([also.onlyThroughUnattributed, reasonKind(also)], [false, 'direct']);
  const placed = pairReason(paper({ year: 2020, unattributed: [bigCo()] }, [author('Bo', eastU())]), pair, DEFAULT_DEFINITIONS);
  assert.equal(placed.onlyThroughHeadquarters, true);
});

test('--multinational hq moves a located lab to its headquarters, and the reason says so', () => {
  const p = paper({ year: 2020 }, [author('Ann', bigCoLab()), author('Bo', eastU())]);
  assert.equal(pairReason(p, pair, DEFAULT_DEFINITIONS).counts, false);
  const hq = { ...DEFAULT_DEFINITIONS, multinational: 'hq' as const };
  const r = pairReason(paper({ year: 2020 }, [author('Ann', bigCoLab()), author('Bo', eastU())], hq), pair, hq);
  assert.equal(r.counts, true);
  assert.equal(r.onlyThroughHeadquarters, true);
});

test('selection by institution (exact name or id first, else a part of the name), field, year and technology', () => {
  const papers = [
    paper({ year: 2020, fields: ['vision'] }, [author('Ann', westU()), author('Bo', eastU())]),
    paper({ year: 2021, fields: ['llm-nlp', 'vision'] }, [author('Ann', westU()), author('Bo', bigCoLab())]),
    paper({ year: 2021, fields: ['llm-nlp'] }, [author('Cy', otherU()), author('Bo', eastU())]),
  ];
  const select = (extra: object) => selectPapers(papers, DEFAULT_DEFINITIONS, { pair, pairOnly: true, ...extra }).map((s) => s.paper.id);
  assert.deepEqual(select({}), [papers[0].id, papers[1].id]);
  assert.deepEqual(select({ field: 'vision' }), [papers[0].id, papers[1].id]);
  assert.deepEqual(select({ field: 'llm-nlp' }), [papers[1].id]);
  assert.deepEqual(select({ year: 2020 }), [papers[0].id]);
  assert.deepEqual(select({ institution: 'east river university' }), [papers[0].id]);
  assert.deepEqual(select({ institution: 'bigco-lab-east' }), [papers[1].id]);
  assert.deepEqual(select({ institution: 'Bigco' }), [papers[1].id]); // no exact match: part of a name
  assert.deepEqual(select({ institution: 'Lakeside Institute' }), []); // not on a side of the pair
  assert.deepEqual(selectPapers(papers, DEFAULT_DEFINITIONS, { pair, pairOnly: false, institution: 'Lakeside Institute' }).map((s) => s.paper.id), [papers[2].id]);
  papers[1].technologies = [{ id: 'widgetnet', name: 'WidgetNet', origin: { organization: 'Bigco', country: 'US' }, matched: ['WidgetNet-2'], where: ['title'] }];
  assert.deepEqual(select({ technology: 'widgetnet' }), [papers[1].id]);
  assert.deepEqual(select({ technology: 'WidgetNet-2' }), [papers[1].id]);
  assert.deepEqual(selectPapers(papers, DEFAULT_DEFINITIONS, { pair, pairOnly: false, country: 'FR' }).map((s) => s.paper.id), [papers[2].id]);
});

test('--institution finds a paper through the organisation its unit rolls up to (curated base)', () => {
  // A unit of the curated base whose parent is the Chinese Academy of Sciences (cn-cas).
  const unit = { ...aff('Institute of Automation, Chinese Academy of Sciences', 'CN', 'government'), institutionId: 'cn-cas-ia' };
  const papers = [paper({ year: 2024 }, [author('Ann', westU()), author('Bo', unit)])];
  const ids = (level: 'unit' | 'parent') =>
    selectPapers(papers, { ...DEFAULT_DEFINITIONS, institutionLevel: level }, { pair, pairOnly: true, institution: 'cn-cas' }).map((s) => s.paper.id);
  assert.deepEqual(ids('parent'), [papers[0].id]);
  assert.deepEqual(ids('unit'), []);
});
