#!/usr/bin/env node
// Node 20's test runner does not expand globs, so find the test files here and hand them over.
//
// Each process Node's runner starts costs about 0.6 s of CPU before the first test (Node, tsx's loader
// thread) and again for every source module the file loads, so most test files run in groups: one
// process per group, each file of it a suite named after the file (its own top-level hooks scoped to
// it, process.env and the working directory put back after it: what the file set as it loaded ends
// with it too). A file runs in a process of its own when it sets process-wide state as it loads (a line
// starting with `process.` or `globalThis.`, e.g. `process.env.COLLABSCOPE_HOME = home` of a folder its
// tests then look into), or when it is listed in ALONE below. One such line is no reason to be alone:
// `process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), '...'));`, an empty throwaway home that
// nothing names (the file only keeps its runs out of the user's home). In a group the next file may load
// while this one's tests run, and set a throwaway home of its own, so such a file's later tests may write
// into that one instead: as empty, as unnamed, and no module reads the home as it loads (src/home.ts is
// asked on every use). Such files share a process, and with it what they build alike, e.g. the index of
// a test fixture's folder (never cached on disk, so otherwise built again by every process).
// COLLABSCOPE_TEST_ISOLATE=1 runs every file in a process of its own.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { availableParallelism, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

/** Files that keep a process of their own: long ones (a group should not wait behind them), and those
 *  where the process is under test (modules a child loads, worker threads, a browser). */
const ALONE = new Set([
  'test/e2e.test.ts',
  'test/resolve/acceptance.test.ts',
  'test/browser/dashboard.test.ts',
  'test/browser/report.test.ts',
  'test/cli/lazy-loading.test.ts',
  'test/cli/bundle.test.ts',
  'test/classify/field-model.test.ts',
  'test/safety/property.test.ts',
  'test/workers/pool.test.ts',
  // sets V8's heap growth for the process while it runs (and starts a worker thread)
  'test/workers/classify-ahead.test.ts',
  // runs commands in-process in a home it names and reads back (kb import, then kb list): a file of its
  // group loading meanwhile sets process.env.COLLABSCOPE_HOME to a throwaway home of its own, and the
  // second command then read that one (seen once in a full run)
  'test/evaluate/cli.test.ts',
]);
/** The longest entries (a file, or the group that starts with it), the longest first: they start first,
 *  so that the end of a run is short files on both cores rather than one long file alone. The rest follow
 *  in the order of their paths. From one `npm test` on 2 cores (how long each process ran). */
const LONGEST_FIRST = [
  'test/resolve/prebuilt.test.ts',
  'test/e2e.test.ts',
  'test/browser/report.test.ts',
  'test/browser/dashboard.test.ts',
  'test/cli.test.ts',
  'test/classify/field-model.test.ts',
  'test/workers/pool.test.ts',
  'test/resolve/acceptance.test.ts',
  'test/safety/property.test.ts',
  'test/classify/field-vectors.test.ts',
  'test/cli/bundle.test.ts',
  'test/serve/api.test.ts',
  'test/safety/llm.test.ts',
  'test/store/duckdb.test.ts',
  'test/safety/db-commit.test.ts',
  'test/resolve/property.test.ts',
  'test/resolve/list-merge.test.ts',
  'test/evaluate/cli.test.ts',
  'test/kb/import.test.ts',
  'test/cli/lazy-loading.test.ts',
  'test/kb/organisation-records.test.ts',
];
/** At most this many files in one group (a directory's files are split into near-equal groups). */
const GROUP_SIZE = 6;

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

// `--list`: print the processes a run would start (a file, or a group's files), one a line, and stop.
const list = process.argv.includes('--list');
const filters = process.argv.slice(2).filter((a) => a !== '--list');
const files = findTests('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'collabscope-tests-'));
const isolateAll = process.env.COLLABSCOPE_TEST_ISOLATE === '1';
/** The one load-time line that does not keep a file alone: a home of its own that nothing else names. */
const THROWAWAY_HOME = /^process\.env\.COLLABSCOPE_HOME = mkdtempSync\(join\(tmpdir\(\), '[\w-]+'\)\);$/;
const setsProcessState = (file) => readFileSync(file, 'utf8').split(/\r?\n/).some((line) => /^(process|globalThis)\./.test(line) && !THROWAWAY_HOME.test(line));
const alone = (file) => isolateAll || ALONE.has(file.split('\\').join('/')) || setsProcessState(file);

/** The runner's entries: files alone, and one module per group that runs its files as suites in turn. */
function entries() {
  const out = [];
  const byDir = new Map();
  for (const file of files) {
    if (alone(file)) out.push({ first: file, entry: file });
    else byDir.set(dirname(file), [...(byDir.get(dirname(file)) ?? []), file]);
  }
  for (const [dir, group] of byDir) {
    const parts = Math.ceil(group.length / GROUP_SIZE);
    for (let p = 0; p < parts; p++) {
      const members = group.slice(Math.floor((p * group.length) / parts), Math.floor(((p + 1) * group.length) / parts));
      if (members.length === 1) {
        out.push({ first: members[0], entry: members[0] });
        continue;
      }
      const entry = join(tmp, `${dir.replace(/[\\/]/g, '-')}-${p + 1}.group.mjs`);
      writeFileSync(entry, groupModule(members));
      out.push({ first: members[0], entry, members });
    }
  }
  const rank = (e) => {
    const at = LONGEST_FIRST.indexOf(e.first.split('\\').join('/'));
    return at === -1 ? LONGEST_FIRST.length : at;
  };
  return out.sort((a, b) => rank(a) - rank(b) || (a.first < b.first ? -1 : 1));
}

function groupModule(members) {
  const list = JSON.stringify(members.map((f) => [f.split('\\').join('/'), pathToFileURL(resolve(f)).href]));
  return `// generated by scripts/run-tests.mjs: these test files, each a suite, in one process
import { after, describe, it } from 'node:test';
// One file at a time: describe() starts its callback at once, so without the wait the next file's import
// would load beside this one, and a module both import (evaluated once) could finish evaluating in the
// other file's context, hanging the second file's tests under the first's running test.
for (const [name, url] of ${list}) {
  let loaded;
  const imported = new Promise((resolve) => { loaded = resolve; });
  describe(name, async () => {
    // as they were before the file loaded, so that what it sets as it loads (a home of its own) ends with it
    const env = { ...process.env };
    const cwd = process.cwd();
    try {
      await import(url);
    } catch (error) {
      it('loads', () => { throw error; });
    } finally {
      loaded();
    }
    after(() => {
      for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
      Object.assign(process.env, env);
      process.chdir(cwd);
    });
  });
  await imported;
}
`;
}

// Test files run in parallel, each entry in its own process. Node's default is one fewer than the cores
// (one at a time on two cores); many files wait on child processes, a browser or servers, so use one
// more than the cores. COLLABSCOPE_TEST_CONCURRENCY overrides.
const planned = entries();
if (list) {
  for (const e of planned) console.log(e.members ? e.members.join(' ') : e.entry);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}
// The whole suite: first make sure the resolver's caches of the source modules are on disk, in one process.
// Their key hashes the code they are built by, so the files `npm ci` compiles (from dist/) do not serve the
// tests (run from src/ through tsx); on a fresh clone several test processes would otherwise each build the
// same index at once. About 1 s of CPU when the files are there (checked, not read); COLLABSCOPE_TEST_WARM=0
// skips it, =1 asks for it on a run of some files only.
const warm = process.env.COLLABSCOPE_TEST_WARM ?? (filters.length === 0 ? '1' : '0');
if (warm === '1' && existsSync(join('src', 'resolve', 'index.ts'))) {
  const code = `const { ensureIndexFile } = await import(${JSON.stringify(pathToFileURL(resolve('src', 'resolve', 'index.ts')).href)}); ensureIndexFile({ kbDirs: [] });`;
  const home = join(tmp, 'warm-home');
  const warmed = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: 'inherit', env: { ...process.env, COLLABSCOPE_HOME: home } });
  if (warmed.status !== 0) console.error('warning: the resolver caches could not be built before the tests; each test process builds what it needs');
}
const concurrency = Number(process.env.COLLABSCOPE_TEST_CONCURRENCY) || availableParallelism() + 1;
// Every temporary file the tests make (os.tmpdir() reads TMPDIR: homes, outputs, browser profiles, the CLI
// processes they start) goes under this run's folder, removed at the end, so no run leaves files behind
// (thousands of throwaway homes had piled up in /tmp). COLLABSCOPE_TEST_KEEP_TMP=1 keeps it to look at.
const testTmp = join(tmp, 'tmp');
mkdirSync(testTmp);
// The spec reporter for people; a TAP copy to read the totals from for the closing line.
const tapFile = join(tmp, 'results.tap');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...planned.map((e) => e.entry)],
  { stdio: 'inherit', env: { ...process.env, TMPDIR: testTmp, TMP: testTmp, TEMP: testTmp } },
);
const tap = readFileSync(tapFile, 'utf8');
if (process.env.COLLABSCOPE_TEST_KEEP_TMP === '1') console.log(`test files kept in ${testTmp}`);
else rmSync(tmp, { recursive: true, force: true });
const total = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
// a suite that failed by itself (a hook), not through a failing test in it, is not in the runner's count
const failedSuites = tap.split(/\n(?=\s*(?:not )?ok \d+ )/).filter((block) => /^\s*not ok /.test(block) && /^\s*type: 'suite'$/m.test(block) && !/failureType: 'subtestsFailed'/.test(block)).length;
console.log(`tests: ${total('pass')} passed, ${total('fail') + failedSuites} failed, ${total('skipped')} skipped`);
process.exit(result.status ?? 1);
