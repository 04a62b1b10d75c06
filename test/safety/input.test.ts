// Bad input files: a byte-order mark is accepted in every format, bytes that are not UTF-8 are
// counted under warnings, a field of the wrong type is named, and control sequences in titles and
// affiliations never reach the terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from './harness.js';
import { escapeTerminal } from '../../src/report/terminal.js';

const BOM = '\uFEFF';

function summaryOf(out: string): { papersInScope: number; warnings: { count: number; byCode: Record<string, number> } } {
  return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
}

test('a byte-order mark is accepted in Paper Copilot JSON, NeurIPS JSON, JSONL and CSV', async () => {
  const root = tempDir();
  const files = {
    'testconf2024.json': `${BOM}${JSON.stringify([{ id: 'a', title: 'An invented paper', author: 'Ann Example', aff: 'Stanford University' }])}`,
    'neurips2024.json': `${BOM}${JSON.stringify({ count: 1, results: [{ id: 1, uid: 'u1', name: 'An invented talk', eventtype: 'Poster', authors: [{ fullname: 'Bo Sample', institution: 'Peking University' }] }] })}`,
    'testconf2024.jsonl': `${BOM}${JSON.stringify({ id: 'b', title: 'An invented line', authors: 'Cy Person', affiliations: 'University of Oxford' })}\n`,
    'testconf2024.csv': `${BOM}id,title,authors,affiliations\nc,An invented row,Di Person,University of Cambridge\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, name);
    writeFileSync(path, text);
    const result = await run(['analyze', path, '--out', join(root, `out-${name}`), '--json']);
    assert.equal(result.code, 0, `${name}: ${result.stderr}`);
    assert.equal(summaryOf(join(root, `out-${name}`)).papersInScope, 1, name);
  }
});

test('bytes that are not UTF-8 are counted under warnings (JSON, JSONL, CSV)', async () => {
  const root = tempDir();
  const bad = Buffer.from([0xff, 0xfe, 0xc3]); // not UTF-8; a U+FFFD written as such is not counted
  const cases: Array<[string, Buffer]> = [
    ['testconf2024.json', Buffer.concat([Buffer.from('[{"id":"a","title":"Invented '), bad, Buffer.from(' \uFFFD","author":"Ann Example","aff":"Stanford University"}]')])],
    ['testconf2024.jsonl', Buffer.concat([Buffer.from('{"id":"b","title":"Invented '), bad, Buffer.from('","authors":"Cy Person","affiliations":"University of Oxford"}\n')])],
    ['testconf2024.csv', Buffer.concat([Buffer.from('id,title,authors,affiliations\nc,Invented '), bad, Buffer.from(',Di Person,University of Cambridge\n')])],
  ];
  for (const [name, bytes] of cases) {
    const path = join(root, name);
    writeFileSync(path, bytes);
    const out = join(root, `out-${name}`);
    const result = await run(['analyze', path, '--out', out]);
    assert.equal(result.code, 0, `${name}: ${result.stderr}`);
    const { warnings } = summaryOf(out);
    assert.equal(warnings.byCode['invalid-utf8'], 1, name);
    assert.match(result.stdout, /warnings: .*1 invalid-utf8/);
  }
  const clean = join(root, 'clean2024.json');
  writeFileSync(clean, JSON.stringify([{ id: 'a', title: 'Invented \uFFFD on purpose', author: 'Ann Example', aff: 'Stanford University' }]));
  assert.equal((await run(['analyze', clean, '--out', join(root, 'out-clean'), '--venue', 'TESTCONF'])).code, 0);
  assert.equal(summaryOf(join(root, 'out-clean')).warnings.byCode['invalid-utf8'], undefined);
});

test('a title of the wrong type is named as such', async () => {
  const root = tempDir();
  for (const [name, text, why] of [
    ['testconf2024.json', JSON.stringify([{ id: 'a', title: ['An', 'array'], author: 'Ann Example', aff: 'Stanford University' }]), /record 0: title is an array, expected text/],
    ['testconf2024.jsonl', `${JSON.stringify({ id: 'b', title: { text: 'x' }, authors: 'Cy Person', affiliations: 'MIT' })}\n`, /record 0: title is an object, expected text/],
    ['neurips2024.json', JSON.stringify({ results: [{ id: 1, name: true, eventtype: 'Poster', authors: [] }] }), /record 0: name \(the title\) is a boolean, expected text/],
  ] as const) {
    const path = join(root, name);
    writeFileSync(path, text);
    const result = await run(['analyze', path, '--out', join(root, 'out')]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, why);
  }
});

test('control sequences in titles and affiliations are escaped in explain, unresolved and analyze', async () => {
  const root = tempDir();
  const evil = {
    title: 'Clear \u001b[2J screen \u001b]0;owned\u0007 title \u001b]8;;http://x.invalid\u001b\\link\u001b]8;;\u001b\\ \u009b31m',
    aff: 'Zzq Unknown \u001b[31mRed\u001b[0m Lab\r',
  };
  const input = join(root, 'testconf2024.json');
  writeFileSync(input, JSON.stringify([{ id: 'e1', title: evil.title, author: 'Ann \u001b[1mBold\u001b[0m', aff: evil.aff }, { id: 'e2', title: 'Plain', author: 'Bo Sample', aff: 'Stanford University' }]));
  const out = join(root, 'out');
  const outputs = [
    await run(['analyze', input, '--out', out]),
    await run(['explain', 'testconf2024:e1', '--out', out]),
    await run(['unresolved', '--out', out]),
    await run(['analyze', input, '--out', out, '--json']),
  ];
  for (const result of outputs) {
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout + result.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, result.stdout.slice(0, 200));
  }
  assert.match(outputs[1].stdout, /Clear \\u001b\[2J screen/);
  assert.match(outputs[2].stdout, /Zzq Unknown \\u001b\[31mRed/);
  // JSON stays valid and means the same text
  assert.equal(JSON.parse(outputs[3].stdout).papers, 2);
  assert.equal(escapeTerminal('a\tb\nc\u001bd\u202ee'), 'a\tb\nc\\u001bd\\u202ee');
});
