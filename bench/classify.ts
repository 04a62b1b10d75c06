// Classifier benchmark: fields and technologies of every record of the shared paper lists and of a
// 20k growing corpus (bench/growing.ts), alone (no reading, resolving or writing timed), best of eight
// passes over the same records in one process, so that a change to the classifier can be measured
// beside the run-to-run spread of a whole `analyze`. Prints a digest of the results: a speed change
// must leave it as it was.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PAPERLISTS_DIR } from './analyze.js';
import { writeGrowingCorpus } from './growing.js';
import { readSource } from '../src/sources/index.js';
import { createClassifier } from '../src/classify/index.js';
import type { RawPaper } from '../src/types.js';

const PASSES = 8;

function measure(label: string, papers: RawPaper[]): void {
  const classifier = createClassifier();
  const times: number[] = [];
  let digest = '';
  for (let pass = 0; pass < PASSES; pass++) {
    const hash = createHash('sha256');
    const started = process.cpuUsage();
    for (const paper of papers) {
      const { fields, evidence } = classifier.classifyFields(paper);
      const technologies = classifier.detectTechnologies(paper);
      if (pass === 0) hash.update(JSON.stringify([fields, evidence, technologies]));
    }
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1e6);
    if (pass === 0) digest = hash.digest('hex').slice(0, 16);
  }
  // the first pass also hashes: the best of the others is the figure
  const best = Math.min(...times.slice(1));
  console.log(`classify: ${label.padEnd(14)} ${String(papers.length).padStart(6)} papers  best ${best.toFixed(2)} s CPU (${((best / papers.length) * 1e6).toFixed(0)} µs a paper; passes ${times.map((t) => t.toFixed(2)).join(' ')})  results ${digest}`);
}

export async function benchClassify(): Promise<void> {
  if (existsSync(PAPERLISTS_DIR)) {
    const files = readdirSync(PAPERLISTS_DIR).filter((f) => f.endsWith('.json')).sort();
    measure('shared lists', files.flatMap((f) => readSource(join(PAPERLISTS_DIR, f)).papers));
  }
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-classify-'));
  try {
    const file = join(dir, 'growing.jsonl');
    await writeGrowingCorpus(file, 20_000);
    measure('growing 20k', readSource(file).papers);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
