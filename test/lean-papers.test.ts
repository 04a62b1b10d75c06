// Lean papers (src/lean-papers.ts): what the analytics read is kept, equal values, the parts that repeat
// across papers are shared and frozen, and the rest is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperLightener } from '../src/lean-papers.js';
import { aff, author, paper } from './analyze/fixtures.js';

test('lightened papers keep the analytics fields, share repeated authors and lists, and are frozen', () => {
  const here = Object.freeze(aff('Invented Institute', 'US'));
  const there = Object.freeze(aff('Other Invented College', 'CN'));
  const one = paper({ year: 2020, fields: ['vision', 'robotics'] }, [{ ...author('A. Person', here), emailDomain: 'example.org', ids: ['x1'] }, author('B. Person', there)]);
  const two = paper({ year: 2021, fields: ['vision', 'robotics'] }, [author('A. Person', here), author('B. Person', here)]);
  one.title = 'A title';
  one.keywords = ['kw'];
  const before = structuredClone([one.authors, two.authors, one.countries, two.countries]);
  const lighten = paperLightener();
  lighten(one);
  lighten(two);
  // equal values, without e-mail domains and ids
  assert.deepEqual(
    one.authors,
    (before[0] as typeof one.authors).map((a) => ({ name: a.name, affiliations: a.affiliations })),
  );
  assert.deepEqual(two.authors, before[1]);
  assert.deepEqual([one.countries, two.countries], [before[2], before[3]]);
  // same name and same affiliations: one object; same name, other affiliations: another
  assert.equal(one.authors[0], two.authors[0]);
  assert.notEqual(one.authors[1], two.authors[1]);
  assert.equal(one.fields, two.fields);
  assert.deepEqual(one.fields, ['vision', 'robotics']);
  assert.notEqual(one.countries, two.countries); // US+CN against US alone
  assert.equal(one.fieldEvidence, two.fieldEvidence);
  assert.equal(one.technologies, two.technologies);
  assert.equal(one.title, '');
  assert.equal(one.keywords.length, 0);
  for (const shared of [one.authors[0], one.authors[0].affiliations, one.fields, one.countries, one.fieldEvidence, one.keywords]) assert.ok(Object.isFrozen(shared));
  assert.throws(() => one.fields.push('other'));
});

test('technology hits: equal lists shared and frozen, none the shared empty list', () => {
  const hit = () => ({ id: 'tech-x', name: 'Tech X', origin: { organization: 'Maker', country: 'US' }, matched: ['Tech X'], where: ['abstract' as const], use: 'used' as const });
  const one = paper({ year: 2022 }, [author('C', aff('Invented Institute', 'US'))]);
  const two = paper({ year: 2022 }, [author('D', aff('Invented Institute', 'US'))]);
  const three = paper({ year: 2022 }, []);
  one.technologies = [hit()];
  two.technologies = [hit()];
  const lighten = paperLightener();
  [one, two, three].forEach(lighten);
  assert.equal(one.technologies, two.technologies);
  assert.deepEqual(one.technologies, [hit()]);
  assert.ok(Object.isFrozen(one.technologies[0].origin));
  assert.equal(three.technologies.length, 0);
  assert.equal(three.authors.length, 0);
});
