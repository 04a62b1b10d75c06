// eval --llm: the same evaluation with and without the model, against a local chat-completions stand-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli } from '../cli-helper.js';
import { REPO_ROOT } from '../shared.js';
import { startMockLlm, type ChatRequest } from '../mocks/llm-server.js';

const EVAL_FILE = join(REPO_ROOT, 'test', 'evaluate', 'fixtures', 'evalpapers2024.json');

/** Places only "Frobnitz Labs" (in Germany, as the fixture's label says); knows nothing else. */
function reply(request: ChatRequest) {
  const raw = request.messages[1].content;
  const answer = raw === 'Frobnitz Labs'
    ? { institution: 'Frobnitz Labs', country: 'DE', sector: 'company', confidence: 0.9 }
    : { institution: null, country: null, sector: null, confidence: 0 };
  return { content: JSON.stringify(answer) };
}

test('eval --llm reports agreement with and without the model; a re-run asks nothing', async () => {
  const server = await startMockLlm(reply);
  try {
    const env = { COLLABSCOPE_HOME: mkdtempSync(join(tmpdir(), 'collabscope-eval-llm-')) };
    const args = ['eval', EVAL_FILE, '--no-email', '--json', '--llm', '--llm-base-url', server.baseUrl, '--llm-model', 'stub'];
    const run = await cli(args, env);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.ok(server.requests.some((r) => r.messages[1].content === 'Frobnitz Labs'));
    assert.equal(result.placed, 1);
    assert.ok(result.withLlm.agreement > result.without.agreement, 'placing Frobnitz Labs in DE agrees with one more label');
    assert.equal(result.withLlm.methods.llm > 0, true);
    assert.equal(result.without.methods.llm, undefined);
    const asked = server.requests.length;
    const again = await cli(args.filter((a) => a !== '--json'), env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /rules only\s+agreement/);
    assert.match(again.stdout, /with --llm\s+agreement/);
    assert.equal(server.requests.length, asked, 'answers come from the cache the second time');
  } finally {
    await server.close();
  }
});
