// Data files checked once per content (src/kb/load.ts checkedOnce): the checked form is kept in the user
// cache and read back instead of checking again; a damaged copy is checked again; a file that fails its
// schema is never kept and still gives its one-line error; the package's own data files are kept
// install-wide (every home reads them), a user's in that user's cache; the schema is asked for only when
// a file is checked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR, loadDataFile } from '../../src/kb/load.js';
import { CollabscopeError } from '../../src/errors.js';
import { TaxonomyFileSchema } from '../../src/classify/schema.js';

const home = mkdtempSync(join(tmpdir(), 'collabscope-checked-'));
process.env.COLLABSCOPE_HOME = home;
const Schema = z.object({ words: z.array(z.string()).default([]), n: z.number() }).strict();
const checkedDir = join(home, 'cache', 'checked');

describe('checked data files', () => {
  it('keeps the checked form and reads it back instead of checking again', () => {
    const file = join(home, 'words.json');
    writeFileSync(file, JSON.stringify({ n: 1 }));
    assert.deepEqual(loadDataFile(file, Schema), { words: [], n: 1 }, 'the default filled in by the schema');
    const kept = readdirSync(checkedDir);
    assert.equal(kept.length, 1);
    // what is read back is the kept form: a stand-in put there is what the next load returns
    writeFileSync(join(checkedDir, kept[0]), JSON.stringify({ words: ['kept'], n: 1 }));
    assert.deepEqual(loadDataFile(file, Schema), { words: ['kept'], n: 1 });
    // a damaged copy is checked again and replaced
    writeFileSync(join(checkedDir, kept[0]), '{"words": [');
    assert.deepEqual(loadDataFile(file, Schema), { words: [], n: 1 });
    assert.deepEqual(loadDataFile(file, Schema), { words: [], n: 1 });
    // another content is another key
    writeFileSync(file, JSON.stringify({ n: 2 }));
    assert.deepEqual(loadDataFile(file, Schema), { words: [], n: 2 });
    assert.equal(readdirSync(checkedDir).length, 2);
  });

  it('never keeps a file that fails its schema', () => {
    const file = join(home, 'bad.json');
    writeFileSync(file, JSON.stringify({ n: 'one' }));
    const before = readdirSync(checkedDir).length;
    for (let i = 0; i < 2; i++) assert.throws(() => loadDataFile(file, Schema), (e: unknown) => e instanceof CollabscopeError && /bad\.json: n:/.test(e.message));
    assert.equal(readdirSync(checkedDir).length, before);
  });

  it("asks for the schema only to check; keeps the package's own files for every home, a user's for theirs", () => {
    let asked = 0;
    const schema = () => (asked++, Schema);
    const inHome = (dir: string) => {
      process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), dir));
    };
    const file = join(home, 'user-words.json');
    writeFileSync(file, JSON.stringify({ n: 3 }));
    inHome('collabscope-checked-a-');
    assert.deepEqual(loadDataFile(file, schema), { words: [], n: 3 });
    assert.deepEqual(loadDataFile(file, schema), { words: [], n: 3 });
    assert.equal(asked, 1, 'checked once in a home');
    inHome('collabscope-checked-b-');
    loadDataFile(file, schema);
    assert.equal(asked, 2, "another home checks a user's file again");
    // a file of the package, with its own schema (what is kept install-wide is what every run reads)
    const packaged = join(DATA_DIR, 'taxonomy', 'fields.json');
    let packagedAsked = 0;
    const first = loadDataFile(packaged, () => (packagedAsked++, TaxonomyFileSchema));
    inHome('collabscope-checked-c-');
    assert.deepEqual(loadDataFile(packaged, () => (packagedAsked++, TaxonomyFileSchema)), first);
    assert.ok(packagedAsked <= 1, 'a new home reads the package file checked install-wide');
    process.env.COLLABSCOPE_HOME = home;
  });
});
