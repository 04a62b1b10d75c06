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

describe('derived cache files of one family', () => {
  it('keep the one in use and the newest two others; other families and other files stay', async () => {
    const { pruneFamily, KEEP_FAMILY } = await import('../../src/resolve/cache.js');
    const { utimesSync, writeFileSync } = await import('node:fs');
    const folder = mkdtempSync(join(tmpdir(), 'collabscope-family-'));
    const names = ['unilist-1.0.0-aaaa.json', 'unilist-1.0.0-bbbb.json', 'unilist-1.0.0-cccc.json', 'unilist-1.0.0-dddd.json', 'unilist-1.0.0-eeee.json'];
    names.forEach((name, i) => {
      writeFileSync(join(folder, name), '[]');
      utimesSync(join(folder, name), 1000 + i, 1000 + i); // aaaa oldest, eeee newest
    });
    for (const other of ['unilist-0.9.0-ffff.json', 'swot-countries-2.0-6-aaaa.json', 'notes.txt']) writeFileSync(join(folder, other), 'x');
    pruneFamily(folder, 'unilist-1.0.0', 'unilist-1.0.0-aaaa.json');
    assert.equal(KEEP_FAMILY, 2);
    assert.deepEqual(readdirSync(folder).sort(), ['notes.txt', 'swot-countries-2.0-6-aaaa.json', 'unilist-0.9.0-ffff.json', 'unilist-1.0.0-aaaa.json', 'unilist-1.0.0-dddd.json', 'unilist-1.0.0-eeee.json']);
  });
});
