// The one loop the run-level passes (corpus-context.ts, unlocated.ts) share: each author's affiliations
// that a pass may change, passed through its rewrite, and the papers where one changed.
import type { Affiliation, Author, Paper } from '../types.js';

/**
 * Replaces, in place, each author's affiliations that `isCandidate` picks by what `rewrite` returns (the
 * affiliation itself to keep it); returns the papers where one changed, in input order.
 */
export function rewriteAffiliations(
  papers: Paper[],
  isCandidate: (a: Affiliation) => boolean,
  rewrite: (a: Affiliation, author: Author, paper: Paper) => Affiliation,
): Paper[] {
  const changed: Paper[] = [];
  for (const paper of papers) {
    let any = false;
    for (const author of paper.authors) {
      if (!author.affiliations.some(isCandidate)) continue;
      author.affiliations = author.affiliations.map((a) => {
        if (!isCandidate(a)) return a;
        const next = rewrite(a, author, paper);
        if (next !== a) any = true;
        return next;
      });
    }
    if (any) changed.push(paper);
  }
  return changed;
}
