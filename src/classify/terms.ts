// Phrase matching over word tokens: every field's terms in one index, greedy longest match, so that a
// phrase ("hate speech") is read as one term and its words ("speech") do not fire on their own.
import { lowerText, normalizeToken } from './text.js';
import { StartFilter, WordBuffer } from './start-filter.js';

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
  /** The memo's entries by the start filter's node of the whole word (no word cut out or hashed); one
   *  slot per node, made when the nodes are known (a sparse array would be a slower dictionary). */
  private byNode: Array<MemoEntry | undefined> = [];
  /** Which raw words can start a term at all: the others are skipped without being cut out of the text. */
  private readonly startFilter = new StartFilter();
  /** Word bounds and start nodes of the text being matched (reused between calls). */
  private readonly words = new WordBuffer();
  /** Tokens of the text being matched, by word; a slot is this text's when its stamp is the call's. */
  private tokens: Array<string | undefined> = [];
  private tokenStamps: Uint32Array = new Uint32Array(256);
  private stamp = 0;

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
      // pushed in place: a bucket may be a memo entry's candidate list, but the memo is cleared below
      const terms = bucket.get(first.text);
      if (terms) terms.push(term);
      else bucket.set(first.text, [term]);
      if (first.prefix) this.maxPrefix = Math.max(this.maxPrefix, first.text.length);
      if (first.prefix) this.startFilter.addPrefix(first.text);
      else this.startFilter.addWord(first.text);
    }
    if (score) term.scores.push(score);
    this.memo.clear();
    this.byNode = [];
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
    const count = this.startFilter.scan(lower, this.words);
    const { starts, ends, nodes } = this.words;
    if (this.byNode.length === 0) this.byNode = Array.from({ length: this.startFilter.nodeCount() }, () => undefined);
    // tokens of this text, made when first needed; tokenStamp marks which slots belong to this call
    if (this.tokens.length < count) this.tokens.length = count;
    const stamp = this.stampToken(count);
    const found = new Map<Term, number>();
    let i = 0;
    while (i < count) {
      let best: Term | null = null;
      const node = nodes[i];
      if (node >= 0) {
        const entry = node > 0 ? (this.byNode[node] ??= this.lookup(lower.slice(starts[i], ends[i]))) : this.lookup(lower.slice(starts[i], ends[i]));
        this.tokens[i] = entry.token;
        this.tokenStamps[i] = stamp;
        // longest first (ties in the order added): the first that matches is the longest match
        for (const term of entry.candidates) {
          if (this.matchesAfterFirst(term, lower, i, count, stamp)) {
            best = term;
            break;
          }
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

  /**
   * Whether the term's words after its first match the text's words from `start` on (its first word
   * matches by construction: it was found by the token or a prefix of it).
   */
  private matchesAfterFirst(term: Term, lower: string, start: number, count: number, stamp: number): boolean {
    const words = term.words;
    if (start + words.length > count) return false;
    for (let k = 1; k < words.length; k++) {
      const token = this.tokenAt(lower, start + k, stamp);
      const word = words[k];
      if (word.prefix ? !token.startsWith(word.text) : token !== word.text) return false;
    }
    return true;
  }

  private tokenAt(lower: string, k: number, stamp: number): string {
    if (this.tokenStamps[k] === stamp) return this.tokens[k] as string;
    const token = normalizeToken(lower.slice(this.words.starts[k], this.words.ends[k]));
    this.tokens[k] = token;
    this.tokenStamps[k] = stamp;
    return token;
  }

  /** A new stamp for a text of `count` words (the stamps array grown to fit). */
  private stampToken(count: number): number {
    if (this.tokenStamps.length < count) {
      const stamps = new Uint32Array(Math.max(count, this.tokenStamps.length * 2));
      stamps.set(this.tokenStamps);
      this.tokenStamps = stamps;
    }
    if (++this.stamp === 0xffffffff) {
      this.tokenStamps.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
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

  /**
   * Terms that can start at a token: by the word itself, then by its prefixes; longest first, terms of
   * one length in that order (so the first that matches is the one the greedy longest match takes).
   */
  private candidatesOf(token: string): Term[] {
    let found = this.byWord.get(token) ?? NONE;
    for (let n = 1; n <= Math.min(token.length, this.maxPrefix); n++) {
      const terms = this.byPrefix.get(token.slice(0, n));
      if (terms) found = [...found, ...terms];
    }
    return found.length > 1 ? [...found].sort((x, y) => y.words.length - x.words.length) : found;
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
