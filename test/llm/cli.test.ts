// analyze --llm end to end against a local chat-completions stand-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli } from '../cli-helper.js';
import { startMockLlm } from '../mocks/llm-server.js';

/** A list whose first author's affiliation no rule can place. */
function inputFile(dir: string): string {
  const path = join(dir, 'nips2018.json');
  writeFileSync(path, JSON.stringify([
    { id: '1', title: 'A paper', author: 'Ann A;Bo B', aff: 'Zzyzx Quiet Collective;Tsinghua University' },
    { id: '2', title: 'Another', author: 'Cy C', aff: 'Massachusetts Institute of Technology' },
  ]));
  return path;
}

test('analyze --llm: dry run sends nothing; a run places the long tail; a re-run asks nothing', async () => {
  const server = await startMockLlm(() => ({ content: JSON.stringify({ institution: 'Zzyzx Quiet Collective', country: 'DE', sector: 'nonprofit', confidence: 0.9 }) }));
  try {
    const root = mkdtempSync(join(tmpdir(), 'collabscope-llm-cli-'));
    const input = inputFile(root);
    const env = { COLLABSCOPE_HOME: join(root, 'home'), OPENAI_API_KEY: 'sk-test' };
    const base = ['analyze', input, '--llm', '--llm-base-url', server.baseUrl, '--llm-model', 'stub'];

    const dry = await cli([...base, '--dry-run', '--out', join(root, 'dry')], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /dry run: \d+ affiliation strings would go to stub/);
    assert.equal(server.requests.length, 0);
    assert.equal(existsSync(join(root, 'dry')), false);

    const run = await cli([...base, '--out', join(root, 'run')], env);
    assert.equal(run.code, 0, run.stderr);
    const asked = server.requests.length;
    assert.ok(asked > 0);
    assert.equal(server.requests[0].authorization, 'Bearer sk-test');
    const summary = JSON.parse(readFileSync(join(root, 'run', 'summary.json'), 'utf8'));
    assert.equal(summary.llm.model, 'stub');
    assert.ok(summary.llm.resolved > 0);
    const papers = readFileSync(join(root, 'run', 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const placed = papers[0].authors[0].affiliations[0];
    assert.equal(placed.method, 'llm');
    assert.equal(placed.country, 'DE');
    assert.deepEqual(papers[0].countries, ['CN', 'DE']);
    assert.equal(papers[1].authors[0].affiliations[0].method === 'llm', false, 'resolved strings are not sent');

    const again = await cli([...base, '--out', join(root, 'again')], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(server.requests.length, asked, 'the second run is answered from the cache');
  } finally {
    await server.close();
  }
});

test("analyze --llm --llm-fields --llm-fields-scope all: the dry run counts the papers; a run replaces every paper's fields, keeping the classifier's evidence", async () => {
  const server = await startMockLlm((request) => {
    const content = request.messages[1].content;
    const body = (content.startsWith('{') ? JSON.parse(content) : {}) as { papers?: Array<{ id: string }> };
    if (!body.papers) return { content: JSON.stringify({ institution: null, country: null, sector: null, confidence: 0 }) };
    return { content: JSON.stringify({ papers: body.papers.map((p) => ({ id: p.id, fields: ['theory'], technologies: [] })) }) };
  });
  try {
    const root = mkdtempSync(join(tmpdir(), 'collabscope-llm-fields-cli-'));
    const input = inputFile(root);
    const env = { COLLABSCOPE_HOME: join(root, 'home'), OPENAI_API_KEY: 'sk-test' };
    const base = ['analyze', input, '--llm', '--llm-fields', '--llm-fields-scope', 'all', '--llm-base-url', server.baseUrl, '--llm-model', 'stub'];

    const dry = await cli([...base, '--dry-run', '--out', join(root, 'dry')], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /and 2 papers' fields in 1 requests/);
    assert.equal(server.requests.length, 0);

    const run = await cli([...base, '--out', join(root, 'run')], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /LLM fields \(stub, fields-v2\): 2 papers \(all\)/);
    const summary = JSON.parse(readFileSync(join(root, 'run', 'summary.json'), 'utf8'));
    assert.equal(summary.llmFields.scope, 'all');
    assert.equal(summary.llmFields.filled, 2);
    const papers = readFileSync(join(root, 'run', 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const paper of papers) {
      assert.deepEqual(paper.fields, ['theory']);
      assert.equal(paper.fieldEvidence[0].signal, 'llm');
    }

    // one budget for the run: the affiliation string takes the one request, the fields step gets none
    const asked = server.requests.length;
    const budget = await cli([...base, '--llm-max-requests', '1', '--out', join(root, 'budget')], { ...env, COLLABSCOPE_HOME: join(root, 'home-budget') });
    assert.equal(budget.code, 0, budget.stderr);
    assert.equal(server.requests.length, asked + 1, 'affiliation strings and fields share --llm-max-requests');
    const spent = JSON.parse(readFileSync(join(root, 'budget', 'summary.json'), 'utf8'));
    assert.equal(spent.llm.requests, 1);
    assert.equal(spent.llmFields.requests, 0);
    assert.equal(spent.llmFields.budgetExhausted, true);

    for (const [args, message] of [
      [['analyze', input, '--llm-fields', '--out', join(root, 'x')], /--llm-fields goes with --llm/],
      [['analyze', input, '--llm-fields-scope', 'all', '--out', join(root, 'x')], /--llm-fields-scope goes with --llm-fields/],
      [['analyze', input, '--llm-fields-scope', 'every', '--out', join(root, 'x')], /--llm-fields-scope must be one of unplaced, all \(got "every"\)/],
      [[...base.map((a) => (a === 'all' ? 'every' : a)), '--out', join(root, 'y')], /--llm-fields-scope must be one of unplaced, all \(got "every"\)/],
    ] as const) {
      const refused = await cli([...args], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, message);
      assert.equal(refused.stderr.trim().split('\n').length, 1);
      assert.equal(existsSync(join(root, 'x')) || existsSync(join(root, 'y')), false);
    }
  } finally {
    await server.close();
  }
});
