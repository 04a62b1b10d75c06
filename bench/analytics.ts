// Times analyzeCorpus on generated resolved corpora (no resolution involved): 100k and 1M papers,
// 20,000 institutions in 60 countries, ~5 authors a paper. Prints seconds and heap growth.
import { analyzeCorpus } from '../src/analyze/index.js';
import { mulberry32 } from '../src/analyze/stats.js';
import { paperCountries } from '../src/definitions.js';
import { DEFAULT_DEFINITIONS, SECTORS, type Affiliation, type Paper } from '../src/types.js';

export function generate(size: number, seed = 1): Paper[] {
  const rng = mulberry32(seed);
  const countries = ['US', 'CN', 'GB', 'DE', 'CA', 'FR', 'JP', 'KR', 'HK', 'TW', 'SG', 'CH', ...Array.from({ length: 48 }, (_, i) => `Z${String.fromCharCode(65 + (i % 26))}${i}`.slice(0, 2) + i)];
  const institutions: Affiliation[] = Array.from({ length: 20000 }, (_, i) => {
    // Skewed: the first countries and institutions are far more common.
    const country = countries[Math.floor(countries.length * rng() ** 3)];
    return {
      raw: `Institution ${i}`,
      institution: `Institution ${i}`,
      institutionId: `inst-${i}`,
      country,
      hqCountry: i % 50 === 0 ? 'US' : null,
      sector: SECTORS[Math.floor(SECTORS.length * rng() ** 2)],
      confidence: 1,
      method: 'alias',
      evidence: [],
    };
  });
  const fields = ['llm-nlp', 'vision', 'rl', 'theory', 'graphs', 'speech', 'robotics', 'optimization'];
  const papers: Paper[] = [];
  for (let i = 0; i < size; i++) {
    const authors = Array.from({ length: 1 + Math.floor(rng() * 8) }, (_, j) => ({
      name: `author ${Math.floor(rng() * size)}`,
      affiliations: Array.from({ length: rng() < 0.15 ? 2 : 1 }, () => institutions[Math.floor(institutions.length * rng() ** 2)]),
    }));
    const paper: Paper = {
      id: `p${i}`,
      source: { file: 'generated', index: i },
      venue: i % 3 === 0 ? 'ICML' : 'NeurIPS',
      year: 2013 + (i % 12),
      title: '',
      track: i % 20 === 0 ? 'Workshop' : null,
      status: null,
      topic: null,
      keywords: [],
      url: null,
      authors,
      countries: [],
      fields: [fields[Math.floor(fields.length * rng())]],
      fieldEvidence: [],
      technologies: [],
    };
    paper.countries = paperCountries(paper, DEFAULT_DEFINITIONS);
    papers.push(paper);
  }
  return papers;
}

export function benchAnalytics(sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number)): void {
  for (const size of sizes) {
    const papers = generate(size);
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const analytics = analyzeCorpus(papers, { pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS });
    const seconds = (performance.now() - started) / 1000;
    const growth = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    console.log(
      `analytics: ${String(size).padStart(8)} papers in ${seconds.toFixed(1)} s (${Math.round(size / seconds)} papers/s); ` +
        `heap +${growth.toFixed(0)} MB; ${analytics.network.communities.institutions} institutions, graph ${analytics.network.communities.nodes} nodes / ${analytics.network.communities.edges} edges`,
    );
  }
}
