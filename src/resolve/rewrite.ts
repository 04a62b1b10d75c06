// The one loop the run-level passes (corpus-context.ts, unlocated.ts) share: each author's affiliations
// that a pass may change, passed through its rewrite, and the papers where one changed.
import type { Affiliation, Author, Paper } from '../types.js';

/**
 * Replaces, in place, each author's affiliations that `isCandidate` picks by what `rewrite` returns (the
 * affiliation itself to keep it); returns the papers where one changed, in input order. With
 * `unattributed`, the paper's affiliations no author holds (Paper.unattributed) are rewritten too, with
 * `author` null: a pass whose rule needs no author (the same text elsewhere in the run) reads them alike.
 */
export function rewriteAffiliations(
  papers: Paper[],
  isCandidate: (a: Affiliation) => boolean,
  rewrite: (a: Affiliation, author: Author | null, paper: Paper) => Affiliation,
  options: { unattributed?: boolean } = {},
): Paper[] {
  const changed: Paper[] = [];
  for (const paper of papers) {
    let any = false;
    const pass = (list: Affiliation[], author: Author | null): Affiliation[] =>
      list.map((a) => {
        if (!isCandidate(a)) return a;
        const next = rewrite(a, author, paper);
        if (next !== a) any = true;
        return next;
      });
    // only a list with a candidate is replaced (an author may be a shared, frozen object otherwise)
    for (const author of paper.authors) if (author.affiliations.some(isCandidate)) author.affiliations = pass(author.affiliations, author);
    if (options.unattributed && paper.unattributed?.some(isCandidate)) paper.unattributed = pass(paper.unattributed, null);
    if (any) changed.push(paper);
  }
  return changed;
}
