// Other readings of a text's words, tried when no known name matched as written: a university's name in
// the other English word order, and one misspelt word respelt as a curated word one edit away.
import type { Token } from './normalize.js';
import { isSegmentBreak } from './places.js';
import type { Mention } from './name-index.js';
import type { TextResolverParts } from './text-parts.js';

/**
 * "University of Middlesex" / "Middlesex University": a university named by one capitalised word, written
 * alone in its segment, in the other of the two English word orders. The words are merged into one token
 * read in the other order (only the first such name of a text); null when the text has none.
 */
export function swapUniversityOrder(tokens: Token[]): { tokens: Token[]; changed: Set<number> } | null {
  const capital = (t: Token) => /^\p{Lu}\p{Ll}/u.test(t.surface);
  const segmentEndsAt = (i: number) => i >= tokens.length || isSegmentBreak(tokens[i].gapBefore);
  const segmentStartsAt = (i: number) => i === 0 || isSegmentBreak(tokens[i].gapBefore);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].norm !== 'university' || (!segmentStartsAt(i) && !(i > 0 && segmentStartsAt(i - 1)))) continue;
    const of = tokens[i + 1];
    const name = tokens[i + 2];
    if (segmentStartsAt(i) && of?.norm === 'of' && name && of.gapBefore === '' && name.gapBefore === '' && capital(name) && segmentEndsAt(i + 3)) {
      return merge(tokens, i, i + 3, `${name.norm} university`);
    }
    const before = tokens[i - 1];
    if (i > 0 && segmentStartsAt(i - 1) && tokens[i].gapBefore === '' && capital(before) && segmentEndsAt(i + 1)) {
      return merge(tokens, i - 1, i + 1, `university of ${before.norm}`);
    }
  }
  return null;
}

function merge(tokens: Token[], from: number, to: number, norm: string): { tokens: Token[]; changed: Set<number> } {
  const first = tokens[from];
  const merged: Token = {
    surface: tokens.slice(from, to).map((t) => t.surface).join(' '),
    norm,
    start: first.start,
    end: tokens[to - 1].end,
    gapBefore: first.gapBefore,
    hyphenated: first.hyphenated,
  };
  return { tokens: [...tokens.slice(0, from), merged, ...tokens.slice(to)], changed: new Set([from]) };
}

/**
 * "Zorbe Univrsity", "Max Plank Institute ...": one word of at least five letters, though indexed
 * somewhere (bulk lists carry typos), respelt as a curated word one edit away, so that the words of its
 * segment spell exactly one curated name of at least two words. Tried only when nothing else matched;
 * null when no respelling does, or when more than one does (a word one edit from two curated words,
 * "Zorban" from "Zorbane" and "Zorbanz", is read as neither: the first found is not the likelier).
 */
export function respellOneWord(parts: TextResolverParts, tokens: Token[]): { tokens: Token[]; mentions: Mention[]; changed: Set<number> } | null {
  if (tokens.length > 12) return null;
  const fuzzy = parts.fuzzy();
  let found: { tokens: Token[]; mentions: Mention[]; changed: Set<number> } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    for (const word of fuzzy.neighbours(tokens[i].norm)) {
      const changedTokens = tokens.slice();
      changedTokens[i] = { ...tokens[i], norm: word };
      const changed = new Set([i]);
      const mentions = parts.names
        .findMentions(changedTokens)
        .filter((m) => m.via === 'alias' && plausibleCorrection(m, changed) && m.candidates.some((c) => c.source === 'curated') && spansSegment(m, changedTokens));
      if (mentions.length !== 1) continue;
      if (!found) found = { tokens: changedTokens, mentions, changed };
      else if (readingOf(found.mentions[0]) !== readingOf(mentions[0])) return null;
    }
  }
  return found;
}

/** The institutions a mention may name, as one comparable key. */
const readingOf = (m: Mention): string => m.candidates.map((c) => c.key).sort().join(' ');

/** A mention that is its whole comma segment. */
function spansSegment(m: Mention, tokens: Token[]): boolean {
  const startsSegment = m.start === 0 || isSegmentBreak(tokens[m.start].gapBefore);
  const endsSegment = m.end === tokens.length || isSegmentBreak(tokens[m.end].gapBefore);
  return startsSegment && endsSegment;
}

/** A corrected name counts when it is at least two words long and only one of them was corrected ("Tsinghua Univeristy"). */
export function plausibleCorrection(m: Mention, changed: Set<number>): boolean {
  let corrected = 0;
  for (let i = m.start; i < m.end; i++) if (changed.has(i)) corrected++;
  return corrected === 1 && m.end - m.start >= 2 && m.via !== 'acronym';
}

export function touches(m: Mention, changed: Set<number>): boolean {
  for (let i = m.start; i < m.end; i++) if (changed.has(i)) return true;
  return false;
}
