// Approximate matching: a word that is in no indexed name ("Univeristy", "Tsinghau") is replaced by the
// one word of the curated base's names at edit distance 1 (symmetric-delete look-up), then names are
// matched again.
import type { Token } from './normalize.js';

const MIN_LENGTH = 5;

export class FuzzyCorrector {
  private readonly deletes = new Map<string, string[]>();
  private readonly vocabulary: Set<string>;

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
    const found = new Set<string>();
    for (const key of [word, ...deletions(word)]) for (const w of this.deletes.get(key) ?? []) if (withinOneEdit(word, w)) found.add(w);
    return found.size === 1 ? [...found][0] : null;
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

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

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
