// The test runner (scripts/run-tests.mjs) on a folder of invented test files: grouped files are each a
// suite whose changes to process.env and the working directory do not reach the next file; a file that
// sets process-wide state as it loads runs alone; a failing test, a failing hook and a file that does
// not load all count in the closing line.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../shared.js';

const RUNNER = join(REPO_ROOT, 'scripts', 'run-tests.mjs');
// inside the checkout (git-ignored), so that the runner's `--import tsx` resolves from there
mkdirSync(join(REPO_ROOT, 'test-artifacts'), { recursive: true });
const root = mkdtempSync(join(REPO_ROOT, 'test-artifacts', 'runner-'));
after(() => rmSync(root, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'a.test.ts': `import { test, after } from 'node:test';
test('a passes', () => {});
after(() => { throw new Error('a: the after hook fails'); });
`,
  'b.test.ts': `import { test } from 'node:test';
throw new Error('b does not load');
test('b never runs', () => {});
`,
  'c.test.ts': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
test('c fails', () => assert.equal(1, 2));
test('c changes the environment and the working directory', () => {
  process.env.RUNNER_FIXTURE_LEAK = 'c';
  process.chdir(mkdtempSync(join(tmpdir(), 'runner-cwd-')));
});
`,
  'd.test.ts': `import { test } from 'node:test';
import assert from 'node:assert/strict';
const cwd = process.cwd();
test('d sees nothing of c', () => {
  assert.equal(process.env.RUNNER_FIXTURE_LEAK, undefined);
  assert.equal(process.cwd(), cwd);
});
`,
  'e.test.ts': `import { test } from 'node:test';
import assert from 'node:assert/strict';
process.env.RUNNER_FIXTURE_OWN = 'e';
test('e runs with what it set as it loaded', () => assert.equal(process.env.RUNNER_FIXTURE_OWN, 'e'));
`,
  // a throwaway home that nothing names is no reason to be alone; it ends with the file
  'h.test.ts': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'runner-home-'));
test('h runs with the throwaway home it set as it loaded', () => assert.match(process.env.COLLABSCOPE_HOME ?? '', /runner-home-/));
`,
  'i.test.ts': `import { test } from 'node:test';
import assert from 'node:assert/strict';
test('i runs without the home h set', () => assert.doesNotMatch(process.env.COLLABSCOPE_HOME ?? '', /runner-home-/));
`,
};
mkdirSync(join(root, 'test', 'x'), { recursive: true });
for (const [name, text] of Object.entries(FILES)) writeFileSync(join(root, 'test', 'x', name), text);
// Two files of one group sharing a module that awaits as it loads: loaded side by side, the second file's
// module finished evaluating in the first file's context, so its tests ran inside the first file's suite.
const SHARED: Record<string, string> = {
  'shared.ts': `await new Promise((resolve) => setTimeout(resolve, 100));
export const ready = true;
`,
  'f.test.ts': `import { test } from 'node:test';
import { ready } from './shared.js';
test('f waits', async () => { await new Promise((resolve) => setTimeout(resolve, 300)); if (!ready) throw new Error('not ready'); });
`,
  'g.test.ts': `import { test } from 'node:test';
import { ready } from './shared.js';
test('g runs in its own suite', () => { if (!ready) throw new Error('not ready'); });
`,
};
mkdirSync(join(root, 'test', 'y'), { recursive: true });
for (const [name, text] of Object.entries(SHARED)) writeFileSync(join(root, 'test', 'y', name), text);

// a file that makes a temporary folder and notes where (outside the temporary folders)
mkdirSync(join(root, 'test', 'z'), { recursive: true });
writeFileSync(
  join(root, 'test', 'z', 'k.test.ts'),
  `import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
test('k makes a temporary folder', () => writeFileSync(${JSON.stringify(join(root, 'k-made.txt'))}, mkdtempSync(join(tmpdir(), 'leftover-'))));
`,
);

function runner(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string } {
  // without NODE_TEST_CONTEXT, which tells a test process it reports to a parent runner
  const { NODE_TEST_CONTEXT: _, ...outer } = process.env;
  const result = spawnSync(process.execPath, [RUNNER, ...args], { cwd: root, encoding: 'utf8', env: { ...outer, COLLABSCOPE_TEST_CONCURRENCY: '2', ...env } });
  return { status: result.status, stdout: result.stdout };
}

test('the runner groups the files that may share a process and keeps a file that sets process state alone', () => {
  const { status, stdout } = runner(['--list', 'test/x/']);
  assert.equal(status, 0);
  assert.deepEqual(stdout.trim().split('\n'), ['test/x/a.test.ts test/x/b.test.ts test/x/c.test.ts test/x/d.test.ts test/x/h.test.ts test/x/i.test.ts', 'test/x/e.test.ts']);
  assert.deepEqual(runner(['--list', 'test/x/'], { COLLABSCOPE_TEST_ISOLATE: '1' }).stdout.trim().split('\n'), Object.keys(FILES).map((f) => `test/x/${f}`));
});

// (with every file alone, Node's runner starts a process per file as before: not run again here, it costs
// a process per file)
test('grouped: a failing test, hook or load counts, and no file sees another\'s changes', () => {
  const { status, stdout } = runner(['test/x/']);
  assert.equal(status, 1);
  assert.match(stdout, /✔ d sees nothing of c/);
  assert.match(stdout, /✔ e runs with what it set as it loaded/);
  assert.match(stdout, /✔ h runs with the throwaway home it set as it loaded/);
  assert.match(stdout, /✔ i runs without the home h set/);
  assert.equal(stdout.trim().split('\n').at(-1), 'tests: 6 passed, 3 failed, 0 skipped');
});

test('grouped: files load one after the other, so each file\'s tests stay in its own suite', () => {
  const { status, stdout } = runner(['test/y/']);
  assert.equal(status, 0);
  assert.match(stdout, /▶ test\/y\/g\.test\.ts\n\s+✔ g runs in its own suite/);
  assert.equal(stdout.trim().split('\n').at(-1), 'tests: 2 passed, 0 failed, 0 skipped');
});

test('the tests\' temporary files go under the run\'s own folder, removed when the run ends', async () => {
  const { existsSync, readFileSync } = await import('node:fs');
  const { status, stdout } = runner(['test/z/']);
  assert.equal(status, 0, stdout);
  const made = readFileSync(join(root, 'k-made.txt'), 'utf8');
  assert.match(made, /collabscope-tests-[^/\\]+[/\\]tmp[/\\]leftover-/);
  assert.equal(existsSync(made), false);
});

