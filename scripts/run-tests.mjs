#!/usr/bin/env node
// Node 20's test runner does not expand globs, so find the test files here and hand them over.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const filters = process.argv.slice(2);
const files = findTests('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
// Test files run in parallel, each in its own process. Node's default is one fewer than the cores (one
// at a time on two cores); many files wait on child processes, a browser or servers, so use one more
// than the cores. COLLABSCOPE_TEST_CONCURRENCY overrides.
const concurrency = Number(process.env.COLLABSCOPE_TEST_CONCURRENCY) || availableParallelism() + 1;
// The spec reporter for people; a TAP copy to read the totals from for the closing line.
const tapDir = mkdtempSync(join(tmpdir(), 'collabscope-tap-'));
const tapFile = join(tapDir, 'results.tap');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files],
  { stdio: 'inherit' },
);
const tap = readFileSync(tapFile, 'utf8');
rmSync(tapDir, { recursive: true, force: true });
const total = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
console.log(`tests: ${total('pass')} passed, ${total('fail')} failed, ${total('skipped')} skipped`);
process.exit(result.status ?? 1);
