// Generated corpora whose vocabulary grows with their size, for the scale benchmark: affiliation strings
// are synthesised department, lab and city variants of the knowledge base's institutions, author names
// are new (syllables), and each paper draws its authors from a pool that grows with the corpus, so the
// distinct strings, the authors and the co-authorship network all grow with the number of papers.
// Titles and abstracts mix the taxonomy's own terms with filler words. Deterministic (seeded).
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { mulberry32 } from '../src/analyze/stats.js';

const ROOT = join(import.meta.dirname, '..');

interface Institution {
  name: string;
  city?: string;
}

const UNITS = ['Department of', 'School of', 'Institute of', 'Laboratory for', 'Center for', 'Faculty of', 'Lab of', 'Research Group on'];
const SUBJECTS = [
  'Computer Science', 'Electrical Engineering', 'Statistics', 'Mathematics', 'Physics', 'Robotics', 'Data Science',
  'Artificial Intelligence', 'Information Engineering', 'Applied Mathematics', 'Cognitive Science', 'Automation',
  'Software Engineering', 'Operations Research', 'Biomedical Engineering', 'Mechanical Engineering', 'Neuroscience',
  'Industrial Engineering', 'Economics', 'Linguistics', 'Computational Biology', 'Machine Intelligence',
];
const SYLLABLES = ['an', 'be', 'chi', 'da', 'el', 'fa', 'go', 'ha', 'in', 'jo', 'ka', 'li', 'mo', 'na', 'or', 'pe', 'qi', 'ra', 'so', 'ta', 'ul', 'va', 'wei', 'xu', 'ya', 'zo', 'ren', 'lin', 'mar', 'tor'];
const FILLER = 'we propose a novel method for the problem of learning with results on several benchmarks showing that our approach improves over prior work under realistic settings and scales to large data while remaining simple to implement'.split(' ');

/** A small seeded generator, so that a run can be repeated. */
const random = (seed: number): (() => number) => mulberry32(seed);

function institutions(): Institution[] {
  const dir = join(ROOT, 'data', 'kb', 'institutions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Institution[])
    .filter((i) => typeof i.name === 'string');
}

function taxonomyTerms(): string[] {
  const taxonomy = JSON.parse(readFileSync(join(ROOT, 'data', 'taxonomy', 'fields.json'), 'utf8')) as { fields: { terms: Record<string, number> }[] };
  return taxonomy.fields.flatMap((f) => Object.keys(f.terms)).map((t) => t.replace(/\*/g, 's'));
}

export interface GrowingCorpusStats {
  papers: number;
  distinctAffiliations: number;
  authors: number;
}

/**
 * Writes `size` papers as JSONL (the wide format `analyze` reads). About one distinct affiliation string
 * per 4 papers and one author per 2 papers: both grow linearly with size.
 */
export async function writeGrowingCorpus(path: string, size: number, seed = 17): Promise<GrowingCorpusStats> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const insts = institutions();
  const terms = taxonomyTerms();
  const affiliationPool = Math.max(50, Math.floor(size / 4));
  const authorPool = Math.max(100, Math.floor(size / 2));
  const affiliation = (k: number): string => {
    // k fixes institution, unit, subject and lab number: distinct k, (almost always) distinct strings
    const inst = insts[k % insts.length];
    const variant = Math.floor(k / insts.length);
    const unit = UNITS[variant % UNITS.length];
    const subject = SUBJECTS[Math.floor(variant / UNITS.length) % SUBJECTS.length];
    const lab = Math.floor(variant / (UNITS.length * SUBJECTS.length));
    const city = inst.city && variant % 3 === 0 ? `, ${inst.city}` : '';
    return `${unit} ${subject}${lab ? ` ${lab + 1}` : ''}, ${inst.name}${city}`;
  };
  const authorName = (k: number): string => {
    const r = random(k * 7919 + 1);
    const part = (n: number) => Array.from({ length: n }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
    const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
    return `${cap(part(2))} ${cap(part(2 + (k % 2)))} ${k.toString(36)}`.trim();
  };
  // authors belong to one institution variant (a lab), and collaborate mostly near their own number
  const authorAffiliation = (a: number) => affiliation(Math.floor((a / authorPool) * affiliationPool) % affiliationPool);
  const usedAffiliations = new Set<string>();
  const usedAuthors = new Set<number>();
  const out = createWriteStream(path);
  for (let i = 0; i < size; i++) {
    const count = 2 + Math.floor(next() * 5);
    const lead = Math.floor(next() * authorPool);
    const authors: number[] = [];
    for (let j = 0; j < count; j++) {
      const a = next() < 0.7 ? (lead + Math.floor(next() * 40)) % authorPool : Math.floor(next() * authorPool);
      if (!authors.includes(a)) authors.push(a);
    }
    const affs = authors.map(authorAffiliation);
    for (const a of authors) usedAuthors.add(a);
    for (const a of affs) usedAffiliations.add(a);
    const words = (n: number) => Array.from({ length: n }, () => (next() < 0.15 ? pick(terms) : pick(FILLER))).join(' ');
    const row = {
      id: `g${i}`,
      title: `${pick(terms)} ${words(6)}`,
      venue: 'GEN',
      year: 2020 + (i % 6),
      abstract: words(120),
      track: 'main',
      keywords: `${pick(terms)}; ${pick(terms)}`,
      authors: authors.map(authorName).join('; '),
      affiliations: affs.join('; '),
    };
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { papers: size, distinctAffiliations: usedAffiliations.size, authors: usedAuthors.size };
}
