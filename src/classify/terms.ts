// Phrase matching over word tokens: every field's terms in one index, greedy longest match, so that a
// phrase ("hate speech") is read as one term and its words ("speech") do not fire on their own.
import { lowerText, normalizeToken } from './text.js';
import { StartFilter } from './start-filter.js';

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
  /** Which raw words can start a term at all: the others are skipped without being cut out of the text. */
  private readonly startFilter = new StartFilter();
  /** Word bounds of the text being matched (reused between calls). */
  private wordStarts: Int32Array = new Int32Array(256);
  private wordEnds: Int32Array = new Int32Array(256);

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
      if (first.prefix) this.startFilter.addPrefix(first.text);
      else this.startFilter.addWord(first.text);
    }
    if (score) term.scores.push(score);
    this.memo.clear();
  }

  /**
   * Each term found in a text with its number of occurrences. Greedy longest match over the words
   * (see matchesAt); only words that can start a term are cut out of the text and looked up, and a
   * following word's token is made only when a term starting before it is checked. With `lead`, the
   * terms that start in the text's first sentence are also counted there.
   */
  matchText(text: string, lead?: Map<Term, number>): Map<Term, number> {
    const lower = lowerText(text);
    const leadEnd = lead ? firstSentenceEnd(lower) : -1;
    const count = this.bounds(lower);
    const starts = this.wordStarts;
    const ends = this.wordEnds;
    const tokens = new Array<string | undefined>(count);
    const tokenAt = (k: number): string => (tokens[k] ??= normalizeToken(lower.slice(starts[k], ends[k])));
    const found = new Map<Term, number>();
    let i = 0;
    while (i < count) {
      let best: Term | null = null;
      if (this.startFilter.mayStart(lower, starts[i], ends[i])) {
        const entry = this.lookup(lower.slice(starts[i], ends[i]));
        tokens[i] = entry.token;
        for (const term of entry.candidates) {
          if ((!best || term.words.length > best.words.length) && matchesAt(term, tokenAt, i, count)) best = term;
        }
      }
      if (best) {
        found.set(best, (found.get(best) ?? 0) + 1);
        if (lead && starts[i] < leadEnd) lead.set(best, (lead.get(best) ?? 0) + 1);
        i += best.words.length;
      } else {
        i += 1;
      }
    }
    return found;
  }

  /** Fills the word bounds (runs of [a-z0-9]) of a lowered text; returns their number. */
  private bounds(lower: string): number {
    let count = 0;
    let start = -1;
    for (let k = 0; k <= lower.length; k++) {
      const code = k < lower.length ? lower.charCodeAt(k) : 0;
      const word = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
      if (word) {
        if (start < 0) start = k;
      } else if (start >= 0) {
        if (count === this.wordEnds.length) this.grow();
        this.wordStarts[count] = start;
        this.wordEnds[count] = k;
        count++;
        start = -1;
      }
    }
    return count;
  }

  private grow(): void {
    const starts = new Int32Array(this.wordEnds.length * 2);
    const ends = new Int32Array(this.wordEnds.length * 2);
    starts.set(this.wordStarts);
    ends.set(this.wordEnds);
    this.wordStarts = starts;
    this.wordEnds = ends;
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

/** Where a text's first sentence ends: after its first full stop followed by a space, within 400 characters. */
export function firstSentenceEnd(text: string): number {
  const end = text.slice(0, 400).search(/[.!?]\s/);
  return end < 0 ? Math.min(text.length, 400) : end + 1;
}

function parsePhrase(phrase: string): WordMatcher[] {
  return phrase
    .split(/[^a-z0-9*]+/)
    .filter(Boolean)
    .map((word) => (word.endsWith('*') ? { text: word.slice(0, -1), prefix: true } : { text: normalizeToken(word), prefix: false }));
}

function matchesAt(term: Term, tokenAt: (k: number) => string, start: number, count: number): boolean {
  if (start + term.words.length > count) return false;
  return term.words.every((word, k) => {
    const token = tokenAt(start + k);
    return word.prefix ? token.startsWith(word.text) : token === word.text;
  });
}
