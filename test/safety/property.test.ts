// A property over generated arguments and input files: whatever the user passes, the command line
// exits 0 or 1, says what went wrong in one line (never a stack trace or an internal error), and
// changes nothing outside the paths it was told to write (--out, --db, --html, --png, kb --out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { changedPaths, run, snapshot, tempDir, writeCsv } from './harness.js';

// Modest by default (under a minute); COLLABSCOPE_PROPERTY_RUNS=500 explores further.
const RUNS = Number(process.env.COLLABSCOPE_PROPERTY_RUNS ?? 25);

/** Places a user might point an output option at: new, nested, their own files and folders, inputs, odd. */
const OUT_TARGETS = ['out', 'new/nested/out', 'run', 'user', 'user/notes.txt', 'afile.txt', 'in', '../in/testconf2024.csv', '.', '..', '', '/proc/self/x', 'run/sub'];
const DB_TARGETS = ['db.duckdb', 'user', 'afile.txt', 'out/x.duckdb', 'run/x.duckdb', '/proc/self/db'];

const inputText = fc.oneof(
  // a well-formed wide CSV with generated titles and affiliations (control characters, markup, any script)
  fc.array(fc.record({ title: fc.string({ unit: 'grapheme', maxLength: 30 }), authors: fc.string({ maxLength: 20 }), affiliations: fc.string({ unit: 'binary', maxLength: 30 }) }), { maxLength: 4 }).map((rows) => ({ kind: 'csv' as const, rows })),
  fc.uint8Array({ maxLength: 120 }).map((bytes) => ({ kind: 'bytes' as const, bytes: Buffer.from(bytes) })),
  fc.json({ maxDepth: 3 }).map((text) => ({ kind: 'text' as const, text })),
  fc.array(fc.dictionary(fc.constantFrom('title', 'author', 'aff', 'authors', 'affiliations', 'id', 'year', 'venue'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), { maxLength: 4 }).map((records) => ({ kind: 'text' as const, text: JSON.stringify(records) })),
  fc.array(fc.dictionary(fc.constantFrom('title', 'authors', 'affiliations', 'id'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { maxLength: 4 }).map((rows) => ({ kind: 'text' as const, text: rows.map((r) => JSON.stringify(r)).join('\n') })),
);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const invocation = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    command: fc.constant('analyze' as const),
    out: fc.constantFrom(...OUT_TARGETS),
    db: optional(fc.constantFrom(...DB_TARGETS)),
    pair: optional(fc.oneof(fc.constantFrom('US,CN', 'XX,US', 'UK,CN', 'US', 'GB-DE', 'us,us'), fc.string({ maxLength: 6 }))),
    format: optional(fc.constantFrom('csv', 'jsonl', 'papercopilot', 'neurips', 'bogus')),
    year: optional(fc.oneof(fc.constant('2024'), fc.string({ maxLength: 5 }))),
    json: fc.boolean(),
  }) },
  { weight: 1, arbitrary: fc.record({ command: fc.constant('report' as const), html: fc.constantFrom(...OUT_TARGETS, 'r.html', 'user/r.html'), png: optional(fc.constantFrom('pngs', 'user', 'afile.txt')) }) },
  { weight: 1, arbitrary: fc.record({ command: fc.constant('sql' as const), query: fc.oneof(fc.constantFrom("COPY papers TO 'x.csv'", "SELECT * FROM read_text('afile.txt')", 'SELECT count(*) FROM papers', 'DROP TABLE papers'), fc.string({ maxLength: 30 })), db: fc.constantFrom(...DB_TARGETS) }) },
  { weight: 1, arbitrary: fc.record({ command: fc.constant('kb' as const), format: fc.constantFrom('hipo', 'ror', 'x'), out: fc.constantFrom('kb', 'user', 'afile.txt'), name: optional(fc.constantFrom('hipo.json', 'notes.txt', '../x.json')) }) },
  { weight: 1, arbitrary: fc.record({ command: fc.constant('explain' as const), id: fc.string({ maxLength: 20 }), out: fc.constantFrom('run', 'user', 'afile.txt', 'nothing') }) },
);

type Invocation = typeof invocation extends fc.Arbitrary<infer T> ? T : never;

function argsOf(inv: Invocation, input: string): { args: string[]; writes: string[] } {
  switch (inv.command) {
    case 'analyze': {
      const args = ['analyze', input, '--out', inv.out, '--workers', '1'];
      if (inv.db !== undefined) args.push('--db', inv.db);
      if (inv.pair !== undefined) args.push('--pair', inv.pair);
      if (inv.format !== undefined) args.push('--format', inv.format);
      if (inv.year !== undefined) args.push('--year', inv.year, '--venue', 'TESTCONF');
      if (inv.json) args.push('--json');
      return { args, writes: [inv.out, ...(inv.db !== undefined ? [inv.db] : [])] };
    }
    case 'report':
      return { args: ['report', '--from', 'run', '--html', inv.html, ...(inv.png ? ['--png', inv.png] : [])], writes: [inv.html, ...(inv.png ? [inv.png] : [])] };
    case 'sql':
      return { args: ['sql', inv.query, '--db', inv.db], writes: [] };
    case 'kb':
      return { args: ['kb', 'import', '--format', inv.format, input, '--out', inv.out, ...(inv.name ? ['--name', inv.name] : [])], writes: [inv.name ? join(inv.out, inv.name) : join(inv.out, `${inv.format}.json`)] };
    case 'explain':
      return { args: ['explain', inv.id, '--out', inv.out], writes: [] };
  }
}

test('any arguments and file contents: exit 0 or 1, one line on failure, nothing touched outside the outputs', { timeout: 3_600_000 }, async () => {
  const saved = process.env.COLLABSCOPE_HOME;
  process.env.COLLABSCOPE_HOME = tempDir('collabscope-property-home-');
  // one earlier run and one database, shared by the report, sql and explain cases
  const seed = tempDir();
  writeCsv(join(seed, 'testconf2024.csv'));
  const earlier = await run(['analyze', join(seed, 'testconf2024.csv'), '--out', 'run', '--db', 'run.duckdb', '--workers', '1'], { cwd: seed });
  assert.equal(earlier.code, 0, earlier.stderr);
  try {
    await fc.assert(
      fc.asyncProperty(inputText, fc.constantFrom('csv', 'json', 'jsonl', 'txt'), fc.boolean(), invocation, async (content, ext, bom, inv) => {
        const root = tempDir();
        const cwd = join(root, 'cwd');
        mkdirSync(cwd);
        mkdirSync(join(root, 'in'));
        mkdirSync(join(cwd, 'user'));
        writeFileSync(join(cwd, 'user', 'notes.txt'), 'my notes');
        writeFileSync(join(cwd, 'afile.txt'), 'a file of mine');
        const input = join(root, 'in', `testconf2024.${ext}`);
        if (content.kind === 'csv') writeCsv(input, content.rows);
        else writeFileSync(input, Buffer.concat([Buffer.from(bom ? '\uFEFF' : ''), content.kind === 'bytes' ? content.bytes : Buffer.from(content.text)]));
        // an earlier run in cwd/run (and its database) for report, sql and explain
        cpSync(join(seed, 'run'), join(cwd, 'run'), { recursive: true });
        cpSync(join(seed, 'run.duckdb'), join(cwd, 'run.duckdb'));
        const { args, writes } = argsOf(inv, relative(cwd, input));
        const before = snapshot(root);
        const result = await run(args, { cwd });
        const after = snapshot(root);
        const context = `args: ${JSON.stringify(args)}\nstdout: ${result.stdout.slice(0, 300)}\nstderr: ${result.stderr}`;
        assert.ok(result.code === 0 || result.code === 1, context);
        assert.doesNotMatch(result.stderr, /\n\s+at |internal error|THROWN/, context);
        if (result.code === 1) assert.equal(result.stderr.trimEnd().split('\n').filter((l) => l.startsWith('collabscope: ')).length, 1, context);
        if (result.code === 1) assert.equal(result.stderr.trimEnd().split('\n').length, 1, context);
        const allowed = writes.filter((w) => w !== '').map((w) => relative(root, resolve(cwd, w))).filter((w) => !w.startsWith('..'));
        assert.deepEqual(changedPaths(before, after, allowed), [], context);
      }),
      { numRuns: RUNS },
    );
  } finally {
    if (saved === undefined) delete process.env.COLLABSCOPE_HOME;
    else process.env.COLLABSCOPE_HOME = saved;
  }
});
