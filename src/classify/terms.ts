// Phrase matching over word tokens: every field's terms in one index, greedy longest match, so that a
// phrase ("hate speech") is read as one term and its words ("speech") do not fire on their own.
import { normalizeToken, wordsOf } from './text.js';

/** One word of a term: exact after normalisation, or a prefix ("segment*"). */
interface WordMatcher {
  text: string;
  prefix: boolean;
}

export interface TermScore {
  field: string;
  weight: number;
}

export interface Term {
  /** The phrase as written in the taxonomy. */
  phrase: string;
  words: WordMatcher[];
  /** Fields this phrase points to; empty for a neutral phrase. */
  scores: TermScore[];
}

interface MemoEntry {
  token: string;
  candidates: Term[];
}

const NONE: Term[] = [];
/** Distinct words remembered before the memo starts again (bounds memory on huge corpora). */
const MEMO_LIMIT = 200_000;

export class TermIndex {
  private readonly byWord = new Map<string, Term[]>();
  private readonly byPrefix = new Map<string, Term[]>();
  private readonly byPhrase = new Map<string, Term>();
  private maxPrefix = 0;
  private readonly memo = new Map<string, MemoEntry>();

  /** Adds a phrase for a field (weight) or as neutral (no field). */
  add(phrase: string, score: TermScore | null): void {
    const key = phrase.trim().toLowerCase();
    let term = this.byPhrase.get(key);
    if (!term) {
      term = { phrase: key, words: parsePhrase(key), scores: [] };
      if (term.words.length === 0) return;
      this.byPhrase.set(key, term);
      const first = term.words[0];
      const bucket = first.prefix ? this.byPrefix : this.byWord;
      bucket.set(first.text, [...(bucket.get(first.text) ?? []), term]);
      if (first.prefix) this.maxPrefix = Math.max(this.maxPrefix, first.text.length);
    }
    if (score) term.scores.push(score);
    this.memo.clear();
  }

  /** Each term found in a text with its number of occurrences. */
  matchText(text: string): Map<Term, number> {
    const words = wordsOf(text);
    const tokens = new Array<string>(words.length);
    const candidates = new Array<Term[]>(words.length);
    for (let i = 0; i < words.length; i++) {
      const entry = this.lookup(words[i]);
      tokens[i] = entry.token;
      candidates[i] = entry.candidates;
    }
    return this.scan(tokens, candidates);
  }

  /** Longest match first at each position; a matched term consumes its words. */
  private scan(tokens: string[], candidates: Term[][]): Map<Term, number> {
    const found = new Map<Term, number>();
    let i = 0;
    while (i < tokens.length) {
      let best: Term | null = null;
      for (const term of candidates[i]) {
        if ((!best || term.words.length > best.words.length) && matchesAt(term, tokens, i)) best = term;
      }
      if (best) {
        found.set(best, (found.get(best) ?? 0) + 1);
        i += best.words.length;
      } else {
        i += 1;
      }
    }
    return found;
  }

  /** A raw lower-case word's normalised token and the terms that can start there. Memoised. */
  private lookup(word: string): MemoEntry {
    let entry = this.memo.get(word);
    if (!entry) {
      const token = normalizeToken(word);
      entry = { token, candidates: this.candidatesOf(token) };
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(word, entry);
    }
    return entry;
  }

  /** Terms that can start at a token: by the word itself, then by its prefixes. */
  private candidatesOf(token: string): Term[] {
    let found = this.byWord.get(token) ?? NONE;
    for (let n = 1; n <= Math.min(token.length, this.maxPrefix); n++) {
      const terms = this.byPrefix.get(token.slice(0, n));
      if (terms) found = [...found, ...terms];
    }
    return found;
  }
}

function parsePhrase(phrase: string): WordMatcher[] {
  return phrase
    .split(/[^a-z0-9*]+/)
    .filter(Boolean)
    .map((word) => (word.endsWith('*') ? { text: word.slice(0, -1), prefix: true } : { text: normalizeToken(word), prefix: false }));
}

function matchesAt(term: Term, tokens: string[], start: number): boolean {
  if (start + term.words.length > tokens.length) return false;
  return term.words.every((word, k) => {
    const token = tokens[start + k];
    return word.prefix ? token.startsWith(word.text) : token === word.text;
  });
}
