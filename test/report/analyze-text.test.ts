// What analyze prints: a short default with a line naming the rest, --sections, prose wrapped at word
// boundaries to the terminal width, and every column headed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../src/run.js';
import { DEFAULT_SECTIONS, parseSections, renderAnalyzeText } from '../../src/report/analyze-text.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { aff, author, paper } from '../analyze/fixtures.js';

const westU = () => aff('West Plains University', 'US');
const eastU = () => aff('East River University', 'CN');
const papers = [2019, 2020, 2021].flatMap((year) => [
  paper({ year, fields: ['vision'] }, [author('Ann', westU()), author('Bo', eastU())]),
  paper({ year, fields: ['theory'] }, [author('Cy', westU())]),
  paper({ year, fields: ['theory'] }, [author('Di', eastU())]),
]);
const summary = summarize({ papers, warnings: [], skipped: [] }, ['US', 'CN'], DEFAULT_DEFINITIONS);
const options = { pair: ['US', 'CN'] as [string, string], definitions: DEFAULT_DEFINITIONS };

test('the default shows the short sections and says how to get the rest', () => {
  const text = renderAnalyzeText(summary, options);
  assert.match(text, /^US-CN collaboration by year/);
  assert.match(text, /\n2\. Trend: /);
  assert.match(text, /\n4\. Institutions: /);
  assert.match(text, /\n9\. Definition sensitivity/);
  assert.doesNotMatch(text, /\n1\. Counting/);
  assert.doesNotMatch(text, /\n3\. Fields/);
  assert.match(text, /\nmore: --sections counting,fields,sectors,network,third-countries,dual \(or --sections all\); everything is also in summary\.json$/);
  assert.ok(DEFAULT_SECTIONS.includes('headline'));
});

test('--sections picks sections in output order; all prints everything with no "more" line', () => {
  const fields = renderAnalyzeText(summary, { ...options, sections: parseSections('fields,headline') });
  assert.match(fields, /^US-CN collaboration by year[\s\S]*\n3\. Fields: /);
  assert.doesNotMatch(fields, /2\. Trend/);
  const all = renderAnalyzeText(summary, { ...options, sections: parseSections('all') });
  for (const title of ['1. Counting', '2. Trend', '3. Fields', '4. Institutions', '5. Sectors', '6. Network', '7. Third countries', '8. Dual', '9. Definition sensitivity', 'Technology flow']) {
    assert.ok(all.includes(title), title);
  }
  assert.doesNotMatch(all, /\nmore: /);
  assert.throws(() => parseSections('trend,everything'), /--sections: no section "everything"; the sections are headline, coverage, counting, trend/);
});

test('prose wraps at word boundaries to the width; every table column has a header', () => {
  const text = renderAnalyzeText(summary, { ...options, sections: ['all'], width: 60 });
  const lines = text.split('\n');
  // Table lines may be wider; prose lines (sentences, not tables) fit and never end mid-word.
  const rule = (l: string | undefined) => l !== undefined && /^-+( {2}-+)*$/.test(l);
  const prose = lines.filter((l, i) => /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(l) && !/ {2}/.test(l.trim()) && !rule(lines[i + 2]) && !rule(lines[i + 1]));
  assert.ok(prose.length > 5);
  for (const line of prose) assert.ok(line.length <= 60 || !line.includes(' '), line);
  // A header row is followed by a rule of dashes: each dash group sits under a non-blank header cell.
  for (let i = 1; i < lines.length; i++) {
    if (!/^-+( {2}-+)*$/.test(lines[i])) continue;
    const header = lines[i - 1];
    for (const match of lines[i].matchAll(/-+/g)) {
      const cell = header.slice(match.index, match.index + match[0].length).trim();
      assert.notEqual(cell, '', `unheaded column under "${header}"`);
    }
  }
});
