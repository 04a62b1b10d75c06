// `analyze --out` never destroys a user's files: each finding of the reliability probe, reproduced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedPaths, run, snapshot, tempDir, writeCsv } from './harness.js';
import { RUN_MARKER, writeOutputDir } from '../../src/output.js';

function oneLine(stderr: string): void {
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.doesNotMatch(stderr, /\n\s+at |internal error/);
}

test('a non-empty directory without the marker is refused, its files untouched', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  mkdirSync(join(root, 'd'));
  writeFileSync(join(root, 'd', 'notes.txt'), 'x');
  const before = snapshot(root);
  const result = await run(['analyze', input, '--out', join(root, 'd')]);
  assert.equal(result.code, 1);
  oneLine(result.stderr);
  assert.match(result.stderr, /--out .*d: is not empty and holds no earlier collabscope run/);
  assert.deepEqual(changedPaths(before, snapshot(root)), []);
});

test('a file, the input itself, a symbolic link and "" are refused', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  writeFileSync(join(root, 'afile.txt'), 'keep me');
  mkdirSync(join(root, 'real'));
  writeFileSync(join(root, 'real', 'x'), 'x');
  symlinkSync(join(root, 'real'), join(root, 'link'));
  const before = snapshot(root);
  for (const [out, why] of [
    [join(root, 'afile.txt'), /exists and is not a directory/],
    [input, /is or contains the input/],
    [join(root, 'link'), /symbolic link/],
    ['', /empty path/],
    [root, /is or contains the input/],
  ] as const) {
    const result = await run(['analyze', input, '--out', out]);
    assert.equal(result.code, 1, `${out}: ${result.stderr}`);
    oneLine(result.stderr);
    assert.match(result.stderr, why);
  }
  assert.deepEqual(changedPaths(before, snapshot(root)), []);
  assert.equal(readFileSync(join(root, 'afile.txt'), 'utf8'), 'keep me');
});

test('the current directory and its ancestors are refused even when empty of user files', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const d = join(root, 'd');
  mkdirSync(d);
  writeFileSync(join(d, 'notes.txt'), 'x');
  const before = snapshot(root);
  for (const out of ['.', '..', d]) {
    const result = await run(['analyze', '../in.csv', '--out', out], { cwd: d });
    assert.equal(result.code, 1, result.stderr);
    oneLine(result.stderr);
    assert.match(result.stderr, /current directory|input/);
  }
  // even a previous run's directory, while it is the current directory (renaming it would strand the shell)
  const out = join(root, 'out');
  assert.equal((await run(['analyze', input, '--out', out])).code, 0);
  const result = await run(['analyze', input, '--out', '.'], { cwd: out });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /current directory/);
  assert.deepEqual(changedPaths(before, snapshot(root), ['out']), []);
});

test('a new, an empty and a previous-run directory are written; the marker says who wrote it', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  mkdirSync(join(root, 'empty'));
  for (const out of [join(root, 'new', 'nested'), join(root, 'empty')]) {
    const first = await run(['analyze', input, '--out', out, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(readdirSync(out).sort(), [RUN_MARKER, 'papers.jsonl', 'summary.json']);
    const marker = JSON.parse(readFileSync(join(out, RUN_MARKER), 'utf8'));
    assert.equal(marker.tool, 'collabscope');
    assert.match(marker.created, /^\d{4}-\d\d-\d\dT/);
    const again = await run(['analyze', input, '--out', out, '--json']);
    assert.equal(again.code, 0, again.stderr);
  }
  assert.deepEqual(readdirSync(root).sort(), ['empty', 'in.csv', 'new']);
});

test('leftovers of interrupted runs of the same directory are removed; others are not', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const deadPid = 2 ** 22 + 12345; // above Linux's pid_max: never a running process
  for (const name of [`.out.tmp-${deadPid}-1700000000000`, `.out.old-${deadPid}-1700000000001`, `.other.tmp-${deadPid}-1`, '.out.tmp-notapid', `.out.tmp-${process.ppid}-5`]) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'big'), 'x'.repeat(1000));
  }
  const result = await run(['analyze', input, '--out', join(root, 'out')]);
  assert.equal(result.code, 0, result.stderr);
  // the parent process is running: its directory may be a run under way and stays
  assert.deepEqual(readdirSync(root).sort(), [`.other.tmp-${deadPid}-1`, '.out.tmp-notapid', `.out.tmp-${process.ppid}-5`, 'in.csv', 'out'].sort());
});

test('0 papers is an error that keeps the previous output', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const out = join(root, 'out');
  assert.equal((await run(['analyze', input, '--out', out])).code, 0);
  const before = snapshot(root);
  const empty = join(root, 'empty.csv');
  writeFileSync(empty, 'id,title,venue,year,authors,affiliations\n');
  const result = await run(['analyze', empty, '--out', out]);
  assert.equal(result.code, 1);
  oneLine(result.stderr);
  assert.match(result.stderr, /no papers in .*empty\.csv; nothing was written/);
  assert.deepEqual(changedPaths(before, snapshot(root), ['empty.csv']), []);
});

test('an unwritable place gives one line: /proc, a read-only parent', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const proc = await run(['analyze', input, '--out', '/proc/self/x']);
  assert.equal(proc.code, 1);
  oneLine(proc.stderr);
  assert.match(proc.stderr, /--out \/proc\/self\/x: cannot write/);
  // a parent that cannot be written even as root (sysfs answers EPERM or EACCES)
  const sys = await run(['analyze', input, '--out', '/sys/collabscope-safety-x']);
  assert.equal(sys.code, 1);
  oneLine(sys.stderr);
  assert.match(sys.stderr, /--out \/sys\/collabscope-safety-x: cannot write \(E[A-Z]+/);
  if (process.getuid?.() !== 0) {
    const { chmodSync } = await import('node:fs');
    mkdirSync(join(root, 'ro'));
    chmodSync(join(root, 'ro'), 0o500);
    const ro = await run(['analyze', input, '--out', join(root, 'ro', 'out')]);
    assert.equal(ro.code, 1);
    oneLine(ro.stderr);
    assert.match(ro.stderr, /cannot write \(EACCES/);
  }
  const underFile = await run(['analyze', input, '--out', join(input, 'out')]);
  assert.equal(underFile.code, 1);
  oneLine(underFile.stderr);
});

test('writeOutputDir: a failure leaves the previous output and no temporary directory', async () => {
  const root = tempDir();
  const out = join(root, 'out');
  await writeOutputDir(out, async (dir) => writeFileSync(join(dir, 'a'), '1'));
  await assert.rejects(writeOutputDir(out, async (dir) => {
    writeFileSync(join(dir, 'a'), '2');
    throw new Error('mid-way');
  }), /mid-way/);
  assert.equal(readFileSync(join(out, 'a'), 'utf8'), '1');
  assert.deepEqual(readdirSync(root), ['out']);
  assert.ok(statSync(join(out, RUN_MARKER)).isFile());
  assert.equal(existsSync(join(root, 'never')), false);
});
