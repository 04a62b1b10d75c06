// eval --fields: primary-field accuracy against hand-labelled papers, for the classifier and (with --llm)
// a model given the same papers, against a local chat-completions stand-in. Invented papers only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli } from '../cli-helper.js';
import { startMockLlm, type ChatRequest } from '../mocks/llm-server.js';
import { scoreFields } from '../../src/evaluate/fields.js';
import { wilson } from '../../src/analyze/stats.js';
import type { RawPaper } from '../../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'collabscope-eval-fields-'));
const LIST = join(dir, 'inventedconf2024.json');
const listed = [
  { title: 'Policy gradient methods for multi-agent reinforcement learning in grid worlds', abstract: 'We study reinforcement learning agents with a new policy gradient estimator.', author: 'A. Author', aff: 'Example University' },
  { title: 'Semantic segmentation of street scenes with sparse labels', abstract: 'An object detection and semantic segmentation network for urban images.', author: 'B. Author', aff: 'Example University' },
];
writeFileSync(LIST, JSON.stringify(listed));
/** A label or list file in the test folder: a string as it is, anything else as JSON. */
function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const freshHome = () => ({ COLLABSCOPE_HOME: mkdtempSync(join(tmpdir(), 'collabscope-eval-fields-home-')) });
const sha = (title: string) => createHash('sha256').update(title).digest('hex').slice(0, 12);

const items = [
  { file: 'inventedconf2024.json', index: 0, titleSha256: sha(listed[0].title), primaryField: 'reinforcement-learning', secondField: null },
  { file: 'inventedconf2024.json', index: 1, titleSha256: sha(listed[1].title), primaryField: 'vision', secondField: null },
  { title: 'Machine translation with large language models for low-resource languages', abstract: 'We prompt a large language model to translate text.', primaryField: 'llm-nlp', secondField: null },
  // labelled as a benchmark paper, with vision second: the rules' and the stand-in's choices differ
  { title: 'A new benchmark for image recognition under distribution shift', abstract: 'We release an evaluation suite of image classification tasks.', primaryField: 'datasets-benchmarks', secondField: 'vision' },
];
const LABELS = join(dir, 'labels.json');
writeFileSync(LABELS, JSON.stringify({ items, secondLabeller: items.map((item, i) => ({ ...item, primaryField: i === 3 ? 'vision' : item.primaryField })) }));

test('scoreFields: accuracy, its interval, label among fields, label or second, confusions and per-field counts by hand', () => {
  const paper = { title: 't' } as RawPaper;
  const labelled = [
    { paper, primary: 'vision', second: null, secondLabeller: 'vision' },
    { paper, primary: 'vision', second: 'theory', secondLabeller: 'theory' },
    { paper, primary: 'llm-nlp', second: null, secondLabeller: 'llm-nlp' },
    { paper, primary: 'theory', second: 'optimization', secondLabeller: 'theory' },
  ];
  const s = scoreFields('x', labelled, [['vision'], ['theory', 'vision'], ['vision', 'multimodal'], ['optimization', 'theory']]);
  assert.equal(s.correct, 1);
  assert.equal(s.accuracy, 0.25);
  assert.deepEqual(s.interval, wilson(1, 4));
  assert.equal(s.amongFields, 3, 'papers 1, 2 and 4 have the label among their fields');
  assert.equal(s.labelOrSecond, 3, 'papers 1, 2 (second) and 4 (second)');
  assert.equal(s.correctSecondLabeller, 2, 'papers 1 and 2 match the second labeller');
  assert.deepEqual(s.confusions, [
    { label: 'llm-nlp', predicted: 'vision', count: 1 },
    { label: 'theory', predicted: 'optimization', count: 1 },
    { label: 'vision', predicted: 'theory', count: 1 },
  ]);
  assert.deepEqual(s.perField.find((f) => f.field === 'vision'), { field: 'vision', labelled: 2, correct: 1, predicted: 2 });
  assert.deepEqual(s.perField.find((f) => f.field === 'optimization'), { field: 'optimization', labelled: 0, correct: 0, predicted: 1 });
});

/** The stand-in reads the paper ids of each request and calls the benchmark paper a benchmark. */
function reply(request: ChatRequest) {
  const papers = (JSON.parse(request.messages[1].content) as { papers: Array<{ id: string; title: string }> }).papers;
  const fieldOf = (title: string) =>
    /benchmark/i.test(title) ? 'datasets-benchmarks' : /reinforcement/i.test(title) ? 'reinforcement-learning' : /segmentation/i.test(title) ? 'vision' : 'llm-nlp';
  return { content: JSON.stringify({ papers: papers.map((p) => ({ id: p.id, fields: [fieldOf(p.title)], technologies: [] })) }) };
}

test('eval --fields: the rules, and with --llm the model, scored on papers named in a list or written out; a re-run asks nothing', async () => {
  const env = { COLLABSCOPE_HOME: mkdtempSync(join(tmpdir(), 'collabscope-eval-fields-home-')) };
  const rules = await cli(['eval', '--fields', LABELS, LIST, '--json'], env);
  assert.equal(rules.code, 0, rules.stderr);
  const r = JSON.parse(rules.stdout);
  assert.equal(r.papers, 4);
  assert.equal(r.labellersAgree, 3);
  assert.equal(r.rules.papers, 4);
  assert.ok(r.rules.correct >= 3, `the three one-field papers are placed by their terms (${rules.stdout})`);
  assert.equal(r.llm, undefined);

  const server = await startMockLlm(reply);
  try {
    const args = ['eval', '--fields', LABELS, LIST, '--json', '--llm', '--llm-base-url', server.baseUrl, '--llm-model', 'stub'];
    const withLlm = await cli(args, env);
    assert.equal(withLlm.code, 0, withLlm.stderr);
    const l = JSON.parse(withLlm.stdout).llm;
    assert.equal(l.correct, 4);
    assert.equal(l.correctSecondLabeller, 3);
    assert.equal(l.requests, 1, 'four papers in one request');
    assert.equal(l.notAnswered, 0);
    const sent = JSON.parse(server.requests[0].messages[1].content) as { papers: Array<{ title: string }> };
    assert.deepEqual(sent.papers.map((p) => p.title), [listed[0].title, listed[1].title, items[2].title, items[3].title]);
    assert.ok(!server.requests[0].messages[1].content.includes('primaryField'), 'the labels are never sent');
    const again = await cli(args, env);
    assert.equal(JSON.parse(again.stdout).llm.fromCache, 4);
    assert.equal(server.requests.length, 1);
    const text = await cli(args.filter((a) => a !== '--json'), env);
    assert.match(text.stdout, /^rules +\d\/4 /m);
    assert.match(text.stdout, /^LLM \(stub\) +4\/4 +1\.000 /m);
    assert.match(text.stdout, /the two labellers choose the same primary field for 3\/4 papers/);
  } finally {
    await server.close();
  }
});

test('eval --fields: a bad label file is one line naming the file and the item, exit 1', async () => {
  const env = freshHome();
  const cases: Array<[string, RegExp, string[]?]> = [
    [write('notjson.json', '{ items: '), /notjson\.json: not JSON/],
    [write('unknown.json', [{ title: 'x', primaryField: 'alchemy' }]), /unknown\.json: item 1: unknown field "alchemy"/],
    [write('noid.json', [{ title: 'x', primaryField: 'vision' }, { abstract: 'y', primaryField: 'vision' }]), /noid\.json: item 2: each item needs a title, or a file and an index/],
    [write('nolist.json', [{ file: 'otherconf2023.json', index: 0, primaryField: 'vision' }]), /nolist\.json: item 1 names otherconf2023\.json, which is not among the paper lists given/],
    [write('norecord.json', [{ file: 'inventedconf2024.json', index: 9, primaryField: 'vision' }]), /norecord\.json: item 1 names record 9 of inventedconf2024\.json, which has no such record/, [LIST]],
    [write('wrongsha.json', [{ file: 'inventedconf2024.json', index: 0, titleSha256: 'abcdef', primaryField: 'vision' }]), /wrongsha\.json: item 1: record 0 of inventedconf2024\.json is not the labelled paper/, [LIST]],
    [write('second.json', { items: [{ title: 'x', primaryField: 'vision' }], secondLabeller: [] }), /second\.json: secondLabeller has 0 items, items has 1/],
  ];
  for (const [file, message, lists] of cases) {
    const run = await cli(['eval', '--fields', file, ...(lists ?? [])], env);
    assert.equal(run.code, 1, `${file}: ${run.stdout}`);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  }
  const both = await cli(['eval', '--fields', LABELS, '--gold', LABELS], env);
  assert.equal(both.code, 1);
  assert.match(both.stderr, /--gold or --fields, not both/);
});

test('scoreFields: a paper with no prediction (the model did not answer) is an error, shown as no answer', () => {
  const paper = { title: 't' } as RawPaper;
  const s = scoreFields('x', [{ paper, primary: 'vision', second: null }, { paper, primary: 'theory', second: null }], [[], ['theory']]);
  assert.equal(s.correct, 1);
  assert.equal(s.amongFields, 1);
  assert.equal(s.labelOrSecond, 1);
  assert.deepEqual(s.confusions, [{ label: 'vision', predicted: '(no answer)', count: 1 }]);
  assert.equal(s.perField.some((f) => f.field === '(no answer)'), false, 'no answer is not a predicted field');
});

test('eval --fields --llm: unanswered papers count as errors, and a refused answer is asked again on the next run', async () => {
  const env = { COLLABSCOPE_HOME: mkdtempSync(join(tmpdir(), 'collabscope-eval-fields-home-')) };
  const refusing = await startMockLlm(() => ({ content: 'not json' }));
  const args = (url: string) => ['eval', '--fields', LABELS, LIST, '--json', '--llm', '--llm-base-url', url, '--llm-model', 'stub'];
  try {
    const run = await cli(args(refusing.baseUrl), env);
    assert.equal(run.code, 0, run.stderr);
    const l = JSON.parse(run.stdout).llm;
    assert.equal(l.notAnswered, 4);
    assert.equal(l.correct, 0, 'a model that answers nothing scores nothing (not the rules\' figure)');
  } finally {
    await refusing.close();
  }
  const answering = await startMockLlm(reply);
  try {
    const run = await cli(args(answering.baseUrl), env);
    const l = JSON.parse(run.stdout).llm;
    assert.equal(l.fromCache, 0, 'the refused answers were not kept');
    assert.equal(l.correct, 4);
    assert.equal(answering.requests.length, 1);
  } finally {
    await answering.close();
  }
});

test('eval --fields: items, lists and options that cannot be read as asked are one line, exit 1; an upper-case title hash is read', async () => {
  const env = freshHome();
  const other = mkdtempSync(join(tmpdir(), 'collabscope-eval-fields-other-'));
  writeFileSync(join(other, 'inventedconf2024.json'), JSON.stringify(listed));
  const cases: Array<[string[], RegExp]> = [
    [['--fields', write('noindex.json', [{ title: listed[0].title, file: 'inventedconf2024.json', primaryField: 'vision' }]), LIST], /noindex\.json: item 1: a file goes with an index/],
    [['--fields', write('othertitle.json', [{ title: 'Another paper', file: 'inventedconf2024.json', index: 0, primaryField: 'vision' }]), LIST], /othertitle\.json: item 1: record 0 of inventedconf2024\.json is not the labelled paper \(its title/],
    [['--fields', LABELS, LIST, join(other, 'inventedconf2024.json')], /two paper lists are named inventedconf2024\.json/],
    [['--fields', LABELS, LIST, join(dir, 'missingconf2024.json')], /missingconf2024\.json: no such file/],
    [['--fields', LABELS, LIST, '--pair', 'US,DE'], /--pair does not go with --fields/],
    [['--fields', LABELS, LIST, '--errors', join(dir, 'e.tsv')], /--errors does not go with --fields/],
    [['--fields', write('secondsecond.json', { items: [{ title: 'x', primaryField: 'vision' }], secondLabeller: [{ title: 'x', primaryField: 'vision', secondField: 'alchemy' }] })], /item 1: unknown field "alchemy"/],
  ];
  for (const [args, message] of cases) {
    const run = await cli(['eval', ...args], env);
    assert.equal(run.code, 1, `${args.join(' ')}: ${run.stdout}`);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  }
  const upper = write('upper.json', [{ file: 'inventedconf2024.json', index: 0, titleSha256: sha(listed[0].title).toUpperCase(), primaryField: 'reinforcement-learning' }]);
  const run = await cli(['eval', '--fields', upper, LIST, '--json'], env);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).papers, 1);
});

test('eval --fields --venue --year: a paper list whose file name carries neither is read with them; elsewhere they are refused', async () => {
  const env = freshHome();
  const plain = join(mkdtempSync(join(tmpdir(), 'collabscope-eval-fields-plain-')), 'mylist.json');
  writeFileSync(plain, JSON.stringify(listed));
  const labels = write('plainlabels.json', [{ file: 'mylist.json', index: 1, titleSha256: sha(listed[1].title), primaryField: 'vision' }]);
  const without = await cli(['eval', '--fields', labels, plain], env);
  assert.equal(without.code, 1);
  assert.match(without.stderr, /mylist\.json: cannot tell the venue and year from the file name; pass --venue NAME --year YYYY/);
  const run = await cli(['eval', '--fields', labels, plain, '--venue', 'Invented', '--year', '2024', '--json'], env);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).rules.correct, 1);
  const refused = await cli(['eval', LIST, '--venue', 'Invented'], env);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /--venue and --year go with --fields/);
});
