// Author-level rules, applied after each of an author's affiliation texts is resolved on its own:
// a text naming no institution ("Computer Science Department") takes the institution the author's other
// text names; a shared name decided only by default ("NTU") follows the author's other affiliations.
import type { Affiliation } from '../types.js';
import { CONFIDENCE, notes } from './resolve-text.js';

export function applyAuthorContext(perText: ReadonlyArray<readonly Affiliation[]>): Affiliation[] {
  const all = perText.flat();
  const settled = all.filter((a) => a.method !== 'unresolved' && a.institution !== null && a.country !== null && !notes.get(a)?.alternatives.length);
  return perText.flatMap((affiliations) => affiliations.map((a) => fromSiblings(a, settled)));
}

function fromSiblings(affiliation: Affiliation, settled: Affiliation[]): Affiliation {
  const note = notes.get(affiliation);
  const others = settled.filter((s) => s.raw !== affiliation.raw);
  if (others.length === 0 || !note) return affiliation;
  if (note.alternatives.length && affiliation.country) {
    const countries = new Set(others.map((o) => o.country));
    if (!countries.has(affiliation.country)) {
      const alternative = note.alternatives.find((alt) => alt.country && countries.has(alt.country));
      if (alternative) {
        return {
          ...affiliation,
          institution: alternative.name,
          institutionId: alternative.id,
          country: alternative.country,
          sector: alternative.sector,
          hqCountry: null,
          method: 'author-context',
          confidence: CONFIDENCE.authorContext,
          evidence: [...affiliation.evidence, `the author's other affiliation '${others[0].raw}' is in ${alternative.country}: took ${alternative.name} instead`],
        };
      }
    }
    return affiliation;
  }
  const needsInstitution = note.namesNoInstitution && (affiliation.method === 'unresolved' || affiliation.institution === null);
  if (!needsInstitution) return affiliation;
  const source = others.find((o) => !affiliation.country || o.country === affiliation.country) ?? (affiliation.country ? null : others[0]);
  if (!source) return affiliation;
  return {
    ...affiliation,
    institution: source.institution,
    institutionId: source.institutionId,
    country: source.country,
    hqCountry: source.hqCountry,
    sector: source.sector,
    method: 'author-context',
    confidence: CONFIDENCE.authorContext,
    evidence: [...affiliation.evidence, `${affiliation.reason ?? 'names no institution'}; the author's other affiliation '${source.raw}' names ${source.institution} (${source.country})`],
    reason: undefined,
  };
}
