// Approximate matching: a word that is in no indexed name ("Univeristy", "Tsinghau") is replaced by the
// one word of the curated base's names at edit distance 1 (symmetric-delete look-up), then names are
// matched again.
import type { Token } from './normalize.js';

const MIN_LENGTH = 5;

export class FuzzyCorrector {
  private readonly deletes = new Map<string, string[]>();
  private readonly vocabulary: Set<string>;
  private readonly corrections = new Map<string, string | null>();

  /** `vocabulary`: words never corrected; `targets`: words corrected towards (the curated base's). */
  constructor(vocabulary: Set<string>, targets: Set<string> = vocabulary) {
    this.vocabulary = vocabulary;
    for (const word of targets) {
      if (word.length < MIN_LENGTH - 1 || !/^[a-z]+$/.test(word)) continue;
      this.addDelete(word, word);
      for (let i = 0; i < word.length; i++) this.addDelete(word.slice(0, i) + word.slice(i + 1), word);
    }
  }

  private addDelete(key: string, word: string): void {
    const list = this.deletes.get(key);
    if (!list) this.deletes.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  }

  /** The vocabulary word one edit away from `word`, when exactly one is. */
  correct(word: string): string | null {
    if (word.length < MIN_LENGTH || this.vocabulary.has(word) || !/^[a-z]+$/.test(word)) return null;
    // the same unknown words come back in many texts ("Berekely"): each is looked up once
    const known = this.corrections.get(word);
    if (known !== undefined) return known;
    let found: string | null = null;
    let ambiguous = false;
    const consider = (key: string) => {
      const list = this.deletes.get(key);
      if (!list) return;
      for (const w of list) {
        if (w === found || !withinOneEdit(word, w)) continue;
        if (found === null) found = w;
        else ambiguous = true;
      }
    };
    consider(word);
    for (let i = 0; i < word.length; i++) consider(word.slice(0, i) + word.slice(i + 1));
    const result = ambiguous ? null : found;
    if (this.corrections.size < MAX_REMEMBERED) this.corrections.set(word, result);
    return result;
  }

  /**
   * The curated words one edit away from a word that is itself indexed somewhere ("plank", "hanover",
   * a bulk list's typo): tried only for a text that names nothing, one word at a time, and kept only
   * when the corrected words then spell a whole curated name (see name-rewrites' respelling step).
   */
  neighbours(word: string, limit = 3): readonly string[] {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return [];
    // the same words come back in many texts: each is looked up once (per limit)
    let memo = neighbourMemos.get(this);
    if (!memo) neighbourMemos.set(this, (memo = new Map()));
    const memoKey = limit === 3 ? word : `${limit} ${word}`;
    const known = memo.get(memoKey);
    if (known) return known;
    const found = Object.freeze(this.findNeighbours(word, limit));
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(memoKey, found);
    return found;
  }

  private findNeighbours(word: string, limit: number): string[] {
    const out: string[] = [];
    const consider = (key: string) => {
      const list = this.deletes.get(key);
      if (!list) return;
      for (const w of list) if (w !== word && !out.includes(w) && withinOneEdit(word, w)) out.push(w);
    };
    consider(word);
    for (let i = 0; i < word.length && out.length <= limit; i++) consider(word.slice(0, i) + word.slice(i + 1));
    return out.length <= limit ? out : [];
  }

  /** The tokens with unknown words corrected, and which positions changed. */
  correctTokens(tokens: Token[]): { tokens: Token[]; changed: Set<number> } {
    const changed = new Set<number>();
    const out = tokens.map((t, i) => {
      const fixed = this.correct(t.norm);
      if (!fixed) return t;
      changed.add(i);
      return { ...t, norm: fixed };
    });
    return { tokens: out, changed };
  }
}

/** Unknown words remembered with their correction (bounded: a long run meets ever new typos). */
const MAX_REMEMBERED = 100_000;

/** neighbours' answers per corrector, kept beside it (not in it: the prebuilt index holds the corrector, not what a run asked). */
const neighbourMemos = new WeakMap<FuzzyCorrector, Map<string, readonly string[]>>();

/** Levenshtein distance <= 1, or one transposition of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
