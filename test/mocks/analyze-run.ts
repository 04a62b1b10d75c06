// A small analyze output directory for compare tests: papers.jsonl and summary.json as `analyze` writes
// them (only the fields compare reads are filled in).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An analyze output directory: papers.jsonl lines as `analyze` writes them (the fields compare reads). */
export function writeRun(dir: string, chinaScope: 'mainland' | 'greater' = 'mainland'): string {
  const paper = (id: string, title: string, countries: string[], url: string | null = null) => ({
    id,
    source: { file: 'neurips-2025-orals-posters.json', index: 0 },
    venue: 'NeurIPS',
    year: 2025,
    title,
    track: 'main',
    status: 'Accept (poster)',
    topic: null,
    keywords: [],
    url,
    authors: [],
    countries,
    fields: [],
    fieldEvidence: [],
    technologies: [],
  });
  const papers = [
    paper('neurips-2025-1', 'Scaling Sparse Mixtures of Experts Across Continents', ['CA', 'CN', 'US']),
    paper('neurips-2025-2', 'Provable Guarantees for Diffusion Samplers', ['GB', 'JP']),
    paper('neurips-2025-3', 'Learning to Route Tokens in Multilingual Models', ['CN', 'FR', 'IN']),
    paper('neurips-2025-4', 'OceanBench — a different title, matched by DOI', ['BR', 'CN'], 'https://doi.org/10.52202/079017-0001'),
    paper('neurips-2025-5', 'A Paper Only We Have', ['US']),
    paper('neurips-2025-6', 'Position: Benchmarks Should Report Compute', []),
  ];
  writeFileSync(join(dir, 'papers.jsonl'), papers.map((p) => JSON.stringify(p)).join('\n') + '\n');
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ papers: papers.length, definitions: { chinaScope, multinational: 'lab', dualAffiliation: 'count', affiliations: 'all', tracks: 'all' } }));
  return dir;
}

