// The headline under every combination of the switchable definitions at once (`collabscope grid`),
// from resolved papers, without resolving again. One pass: each paper is seen under the 24 ways an
// affiliation can count (chinaScope x multinational x unlocated x affiliations); under each, every
// author gets a mask (in A, in B, located), and the 4 author selections x 2 dual-affiliation rules
// give the paper's (pair, located) bits, tallied with whether it is main-track. Every combination's
// count and denominator is a sum of those tallies, so the grid costs ~200 increments a paper.
import { affiliationCountry, countedAffiliations, countedAuthors, isMainTrack } from '../definitions.js';
import { DEFAULT_DEFINITIONS, DEFINITION_CHOICES, HEADLINE_DEFINITIONS, type Affiliation, type Author, type Definitions, type Paper } from '../types.js';
import { interval } from './counting.js';
import { round, wilson } from './stats.js';
import type { Interval } from './types.js';

export interface GridRow {
  definitions: Definitions;
  pairPapers: number;
  /** The denominator under these definitions. */
  papers: number;
  share: number;
  ci95: Interval;
  /** With a target: |share - target share|, and whether the share is inside the target's own 95% interval. */
  distance?: number;
  withinTarget?: boolean;
}

export interface GridTarget {
  count: number;
  total: number;
}

/** The definitions the grid varies: those that move the headline (HEADLINE_DEFINITIONS); the rest keep their defaults. */
export const DEFINITION_KEYS = HEADLINE_DEFINITIONS;

/** Every combination of the definitions' values, in DEFINITION_CHOICES order (the last key varies fastest). */
export function allCombinations(): Definitions[] {
  let combos: Array<Partial<Definitions>> = [{ ...DEFAULT_DEFINITIONS }];
  for (const key of DEFINITION_KEYS) {
    combos = combos.flatMap((c) => (DEFINITION_CHOICES[key] as readonly string[]).map((value) => ({ ...c, [key]: value })));
  }
  return combos as Definitions[];
}

const SELECTIONS = DEFINITION_CHOICES.authors;
const DUALS = DEFINITION_CHOICES.dualAffiliation;
type Mode = Pick<Definitions, 'chinaScope' | 'multinational' | 'unlocated' | 'affiliations'>;
const MODES: Definitions[] = [];
for (const chinaScope of DEFINITION_CHOICES.chinaScope)
  for (const multinational of DEFINITION_CHOICES.multinational)
    for (const unlocated of DEFINITION_CHOICES.unlocated)
      for (const affiliations of DEFINITION_CHOICES.affiliations)
        MODES.push({ ...DEFAULT_DEFINITIONS, chinaScope, multinational, unlocated, affiliations });

const modeIndex = (d: Mode) =>
  MODES.findIndex((m) => m.chinaScope === d.chinaScope && m.multinational === d.multinational && m.unlocated === d.unlocated && m.affiliations === d.affiliations);

const IN_A = 1;
const IN_B = 2;
const LOCATED = 4;

function authorMask(author: Author, mode: Definitions, a: string, b: string): number {
  return affiliationsMask(countedAffiliations(author, mode), mode, a, b);
}

function affiliationsMask(affiliations: readonly Affiliation[], mode: Definitions, a: string, b: string): number {
  let mask = 0;
  for (const affiliation of affiliations) {
    const country = affiliationCountry(affiliation, mode);
    if (country === null) continue;
    mask |= LOCATED;
    if (country === a) mask |= IN_A;
    else if (country === b) mask |= IN_B;
  }
  return mask;
}

/** Tallies indexed by mode, author selection, dual rule, then located/pair/main bits. */
export class GridTally {
  readonly counts = new Float64Array(MODES.length * SELECTIONS.length * DUALS.length * 8);
  private readonly masks: number[] = [];

  constructor(private readonly pair: readonly [string, string]) {}

  add(paper: Pick<Paper, 'authors' | 'track' | 'unattributed'>): void {
    const main = isMainTrack(paper.track) ? 1 : 0;
    const [a, b] = this.pair;
    const n = paper.authors.length;
    for (let m = 0; m < MODES.length; m++) {
      const masks = this.masks;
      for (let i = 0; i < n; i++) masks[i] = authorMask(paper.authors[i], MODES[m], a, b);
      // the affiliations no author holds, each its own (never dual), only where all authors and affiliations count
      const loose = paper.unattributed && MODES[m].affiliations === 'all' ? affiliationsMask(paper.unattributed, MODES[m], a, b) : 0;
      for (let s = 0; s < SELECTIONS.length; s++) {
        const chosen = countedAuthors(indices(n), { authors: SELECTIONS[s] });
        for (let d = 0; d < DUALS.length; d++) {
          let any = SELECTIONS[s] === 'all' ? loose : 0;
          for (const i of chosen) {
            const mask = masks[i];
            if (DUALS[d] === 'ignore' && (mask & (IN_A | IN_B)) === (IN_A | IN_B)) any |= mask & LOCATED;
            else any |= mask;
          }
          const located = any & LOCATED ? 1 : 0;
          const isPair = (any & (IN_A | IN_B)) === (IN_A | IN_B) ? 1 : 0;
          this.counts[(((m * SELECTIONS.length + s) * DUALS.length + d) << 3) | (located << 2) | (isPair << 1) | main]++;
        }
      }
    }
  }

  /** The headline of one combination. */
  row(definitions: Definitions): GridRow {
    const m = modeIndex(definitions);
    const s = SELECTIONS.indexOf(definitions.authors);
    const d = DUALS.indexOf(definitions.dualAffiliation);
    const base = ((m * SELECTIONS.length + s) * DUALS.length + d) << 3;
    let papers = 0;
    let pairPapers = 0;
    for (let bits = 0; bits < 8; bits++) {
      const main = bits & 1;
      const isPair = (bits >> 1) & 1;
      const located = (bits >> 2) & 1;
      if (definitions.tracks === 'main' && !main) continue;
      if (definitions.denominator === 'located' && !located) continue;
      const count = this.counts[base | bits];
      papers += count;
      if (isPair) pairPapers += count;
    }
    return { definitions, pairPapers, papers, share: papers ? round(pairPapers / papers) : 0, ci95: interval(pairPapers, papers) };
  }
}

const INDEX_CACHE: number[][] = [];
function indices(n: number): number[] {
  return (INDEX_CACHE[n] ??= Array.from({ length: n }, (_, i) => i));
}

/**
 * Every combination's headline, sorted by share (highest first), or with a target by distance to
 * the target's share (then to its count).
 */
export function computeGrid(papers: Iterable<Pick<Paper, 'authors' | 'track' | 'unattributed'>>, pair: readonly [string, string], target?: GridTarget): GridRow[] {
  const tally = new GridTally(pair);
  for (const paper of papers) tally.add(paper);
  const rows = allCombinations().map((definitions) => tally.row(definitions));
  if (!target) return rows.sort((x, y) => y.share - x.share || y.pairPapers - x.pairPapers);
  const targetShare = target.total ? target.count / target.total : 0;
  const [low, high] = wilson(target.count, target.total);
  for (const row of rows) {
    const share = row.papers ? row.pairPapers / row.papers : 0;
    row.distance = round(Math.abs(share - targetShare));
    row.withinTarget = share >= low && share <= high;
  }
  return rows.sort((x, y) => (x.distance ?? 0) - (y.distance ?? 0) || Math.abs(x.pairPapers - target.count) - Math.abs(y.pairPapers - target.count));
}
