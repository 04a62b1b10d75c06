// The install step that compiles the resolver's package data (scripts/compile-caches.mjs, run by npm as
// postinstall and after prepare's build), so that no run pays for it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILT = existsSync(join(ROOT, 'dist', 'resolve', 'index.js'));

describe('compiling the resolver data at install', () => {
  it('writes the compiled package data to a cache folder and says so', { skip: !BUILT && 'no build in dist/ (run npm run build)' }, () => {
    const home = mkdtempSync(join(tmpdir(), 'collabscope-compile-'));
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'compile-caches.mjs')], { env: { ...process.env, COLLABSCOPE_HOME: home }, encoding: 'utf8' });
    assert.match(out, /resolver data compiled \(or already up to date\) in \d+\.\d s/);
    const folders = [join(ROOT, 'node_modules', '.cache', 'collabscope'), join(home, 'cache')];
    for (const prefix of ['swot-', 'cities-', 'name-keys-']) {
      const found = folders.some((folder) => existsSync(folder) && readdirSync(folder).some((f) => f.startsWith(prefix)));
      assert.ok(found, `no ${prefix}* cache written`);
    }
  });
});
