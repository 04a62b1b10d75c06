// Author-level rules, applied after each of an author's affiliation texts is resolved on its own:
// a text naming no institution ("Computer Science Department") takes the institution the author's other
// text names; a shared name decided only by default ("NTU") follows the author's other affiliations;
// a text that is a unit's name ("Institute of Automation") beside another text naming the unit's parent
// ("CAS") names the unit, and so does the parent's text (one institution, not the unit and its parent).
import type { Affiliation } from '../types.js';
import { CONFIDENCE, notes } from './text-parts.js';
import type { InstRecord } from './records.js';

/** The unit of the institution `parentId` that a whole text names ("Institute of Automation" of CAS), if any. */
export type UnitLookup = (parentId: string, raw: string) => InstRecord | null;

export function applyAuthorContext(perText: ReadonlyArray<readonly Affiliation[]>, unitOf?: UnitLookup): Affiliation[] {
  // (loops, not flat and flatMap: this runs once per author, and V8's flat is slow for short arrays)
  const all: Affiliation[] = [];
  for (const affiliations of perText) for (const a of affiliations) all.push(a);
  // one affiliation (most authors) has no sibling to learn from
  if (all.length <= 1) return all;
  const settled = all.filter((a) => a.method !== 'unresolved' && a.institution !== null && a.country !== null && !notes.get(a)?.alternatives.length);
  const units = new Map<string, { unit: InstRecord; raw: string }>();
  const out = all.map((a) => fromSiblings(a, settled, unitOf, units));
  return units.size === 0 ? out : out.map((a) => asUnit(a, units));
}

/** The parent's own text, once another text of the author named its unit: that unit. */
function asUnit(affiliation: Affiliation, units: Map<string, { unit: InstRecord; raw: string }>): Affiliation {
  const found = affiliation.institutionId ? units.get(`${affiliation.institutionId}|${affiliation.country}`) : undefined;
  if (!found || found.raw === affiliation.raw) return affiliation;
  return {
    ...affiliation,
    institution: found.unit.name,
    institutionId: found.unit.id,
    sector: found.unit.sector,
    method: 'author-context',
    confidence: CONFIDENCE.authorContext,
    evidence: [...affiliation.evidence, `the author's other affiliation '${found.raw}' names its unit ${found.unit.name} (${found.unit.id}): counted as that unit`],
  };
}

function fromSiblings(affiliation: Affiliation, settled: Affiliation[], unitOf: UnitLookup | undefined, units: Map<string, { unit: InstRecord; raw: string }>): Affiliation {
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
  const unitOfSibling = unitOf ? unitFromSiblings(affiliation, others, unitOf) : null;
  if (unitOfSibling) {
    const { unit, parent } = unitOfSibling;
    units.set(`${parent.institutionId}|${parent.country}`, { unit, raw: affiliation.raw });
    return {
      ...affiliation,
      institution: unit.name,
      institutionId: unit.id,
      country: parent.country,
      hqCountry: parent.hqCountry,
      sector: unit.sector,
      method: 'author-context',
      confidence: CONFIDENCE.authorContext,
      evidence: [...affiliation.evidence, `'${affiliation.raw}' is the name of a unit of ${parent.institution}, which the author's other affiliation '${parent.raw}' names: ${unit.name} (${unit.id})`],
      reason: undefined,
    };
  }
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

/** A unit of a sibling's institution, in that sibling's country, that this text names as a whole. */
function unitFromSiblings(affiliation: Affiliation, others: Affiliation[], unitOf: UnitLookup): { unit: InstRecord; parent: Affiliation } | null {
  for (const parent of others) {
    if (!parent.institutionId) continue;
    const unit = unitOf(parent.institutionId, affiliation.raw);
    if (unit && unit.country === parent.country) return { unit, parent };
  }
  return null;
}
