// Names that are never an institution node: a ministry named by a generic abbreviation ("MOE"), a word
// for a kind of unit ("Key Laboratory"). Data: data/analyze/not-institutions.json. Only names with no
// knowledge-base id are checked; the affiliation keeps its country, only the institution node is dropped.
import { join } from 'node:path';
import { DATA_DIR, loadDataFile } from '../kb/load.js';
import { lazyModule } from '../lazy-module.js';
import type { Affiliation } from '../types.js';

/** zod only to check the file when its checked form is not cached (kb/load.ts). */
const zod = await lazyModule<typeof import('../zod.js')>('../zod.js', import.meta.url, () => import('../zod.js'));
const schema = () => {
  const { z } = zod();
  return z.object({ $comment: z.string().optional(), names: z.array(z.string().min(1)) });
};

let names: Set<string> | undefined;

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function stoplist(): Set<string> {
  names ??= new Set(loadDataFile(join(DATA_DIR, 'analyze', 'not-institutions.json'), schema).names.map(normalizeName));
  return names;
}

/** Whether an affiliation's institution name is a generic word rather than one institution. */
export function isGenericInstitution(affiliation: Pick<Affiliation, 'institution' | 'institutionId'>): boolean {
  if (affiliation.institutionId || !affiliation.institution) return false;
  return stoplist().has(normalizeName(affiliation.institution));
}
