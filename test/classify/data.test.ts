import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createClassifier, loadTaxonomy, loadTechnologies, TAXONOMY_FILE, TECHNOLOGIES_FILE } from '../../src/classify/index.js';
import { CollabscopeError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'collabscope-classify-'));
function writeVariant(name: string, source: string, change: (json: any) => void): string {
  const json = JSON.parse(readFileSync(source, 'utf8'));
  change(json);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

test('data files: the shipped taxonomy and technology files validate', () => {
  assert.ok(loadTaxonomy().fields.length >= 14);
  assert.ok(loadTechnologies().technologies.length >= 22);
});

test('data files: an unknown field in a venue-label rule is rejected with the file and place', () => {
  const path = writeVariant('bad-taxonomy.json', TAXONOMY_FILE, (json) => json.venueLabels.rules[0].fields.push('no-such-field'));
  assert.throws(() => loadTaxonomy(path), (e: unknown) => e instanceof CollabscopeError && e.code === 'E_KB' && /no-such-field/.test(e.message) && e.message.includes(path));
});

test('data files: a broken regular expression in a technology is rejected', () => {
  const path = writeVariant('bad-tech.json', TECHNOLOGIES_FILE, (json) => (json.technologies[0].patterns[0].regex = '(unclosed'));
  assert.throws(() => loadTechnologies(path), (e: unknown) => e instanceof CollabscopeError && e.code === 'E_KB' && /regular expression/.test(e.message));
});

test('data files: weak patterns need a context; triggers must be lower case', () => {
  const noContext = writeVariant('no-context.json', TECHNOLOGIES_FILE, (json) => {
    const llama = json.technologies.find((t: any) => t.id === 'llama');
    delete llama.context;
  });
  assert.throws(() => loadTechnologies(noContext), /weak patterns need a context/);
  const upper = writeVariant('upper.json', TECHNOLOGIES_FILE, (json) => (json.technologies[0].triggers = ['Transformer']));
  assert.throws(() => loadTechnologies(upper), /lower case/);
});

test('data files: createClassifier can load other files', () => {
  const path = writeVariant('one-tech.json', TECHNOLOGIES_FILE, (json) => (json.technologies = json.technologies.filter((t: any) => t.id === 'qwen')));
  const classifier = createClassifier({ technologiesFile: path });
  const paper = { sourceId: null, source: { file: 'x', index: 0 }, venue: 'X', year: 2024, title: 'Qwen2 and GPT-4', abstract: null, track: null, status: null, topic: null, keywords: [], url: null, authors: [] };
  assert.deepEqual(classifier.detectTechnologies(paper).map((h) => h.id), ['qwen']);
});

test('docs: docs/classify.md lists every field and every technology', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'classify.md'), 'utf8');
  for (const field of loadTaxonomy().fields) assert.ok(doc.includes(`| \`${field.id}\` |`), `field ${field.id} missing from the docs`);
  for (const tech of loadTechnologies().technologies) {
    assert.ok(doc.includes(`| \`${tech.id}\` | ${tech.name.replace(/\|/g, '\\|')} | ${tech.organization} | ${tech.country} |`), `technology ${tech.id} missing or out of date in the docs`);
  }
});
