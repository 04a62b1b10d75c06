// The papers behind a number: the papers of a run that match a pair, field, institution, technology,
// year or country, each with the reason it counts (src/analyze/reason.ts). Pure: the CLI reads the run.
import { CollabscopeError } from '../errors.js';
import type { Definitions, Paper } from '../types.js';
import { pairReason, type PairReason } from './reason.js';
import { paperMatchesInstitution } from '../kb/organisations.js';
import { allAffiliations } from '../definitions.js';

export interface PaperFilter {
  pair: [string, string];
  /** false: every in-scope paper matching the other filters, pair or not. */
  pairOnly: boolean;
  field?: string;
  institution?: string;
  technology?: string;
  year?: number;
  country?: string;
}

export interface SelectedPaper {
  paper: Paper;
  reason: PairReason;
}

const norm = (text: string) => text.trim().toLowerCase();

/**
 * Papers matching every filter, in input order. An institution matches a side of the pair by exact name
 * or knowledge-base id (case-insensitive), or through the organisation its unit rolls up to under
 * `--institution-level`; when no paper has an exact match, by a part of the name.
 */
export function selectPapers(papers: Paper[], definitions: Definitions, filter: PaperFilter): SelectedPaper[] {
  const selected: SelectedPaper[] = [];
  for (const paper of papers) {
    if (filter.year !== undefined && paper.year !== filter.year) continue;
    if (filter.field !== undefined && !paper.fields.includes(filter.field)) continue;
    if (filter.country !== undefined && !paper.countries.includes(filter.country)) continue;
    if (filter.technology !== undefined && !usesTechnology(paper, filter.technology)) continue;
    const reason = pairReason(paper, filter.pair, definitions);
    if (!reason.inScope) continue;
    if (filter.pairOnly && !reason.counts) continue;
    selected.push({ paper, reason });
  }
  if (filter.institution === undefined) return selected;
  const wanted = norm(filter.institution);
  // Exact: a unit's name or id on a side, or the organisation it rolls up to at --institution-level.
  const exact = selected.filter((s) => onSide(s, (name, id) => name === wanted || id === wanted) || paperMatchesInstitution(s.paper, wanted, definitions));
  return exact.length > 0 ? exact : selected.filter((s) => onSide(s, (name) => name.includes(wanted)));
}

function usesTechnology(paper: Paper, technology: string): boolean {
  const wanted = norm(technology);
  return paper.technologies.some((t) => norm(t.id) === wanted || norm(t.name) === wanted || t.matched.some((m) => norm(m) === wanted));
}

/** Whether an institution on either side of the pair (or, for a non-pair paper, any affiliation) matches. */
function onSide(selected: SelectedPaper, match: (name: string, id: string) => boolean): boolean {
  const { paper, reason } = selected;
  if (reason.counts) return reason.sides.flat().some((m) => m.institutions.some((name) => match(norm(name), '')) || m.institutionIds.some((id) => match('', norm(id))));
  for (const a of allAffiliations(paper)) if (match(norm(a.institution ?? ''), norm(a.institutionId ?? ''))) return true;
  return false;
}

export function checkField(field: string, known: Iterable<string>): void {
  const list = [...known];
  if (!list.includes(field)) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--field must be one of the run's fields: ${list.join(', ')} (got "${field}")`);
  }
}
