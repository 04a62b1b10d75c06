// A pre-filter for term matching: a character trie of the spellings a text word can have when its
// token (text.ts normalizeToken) is a term's first word, or starts with a prefix term's first word.
// A word the trie rejects cannot start a term, so it is skipped without being cut out of the text
// or looked up. The filter may pass words that start nothing (the look-up decides); it never rejects
// one that starts a term.

const ALPHABET = 36; // a-z, 0-9
const EXACT = 1;
const PREFIX = 2;

function letter(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return -1;
}

/** A text's words (bounds) and each word's start node (StartFilter.startNode), filled by StartFilter.scan. */
export class WordBuffer {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  nodes = new Int32Array(256);

  /** Room for the words of a text of `length` characters (at most one per two characters, rounded up). */
  fit(length: number): void {
    if (this.ends.length < (length + 1) >>> 1) this.grow(Math.max((length + 1) >>> 1, this.ends.length * 2));
  }

  private grow(size: number): void {
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const nodes = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    nodes.set(this.nodes);
    this.starts = starts;
    this.ends = ends;
    this.nodes = nodes;
  }
}

export class StartFilter {
  /** Each node's child per letter; 0 for none (the root, node 0, is no one's child). Built on the first
   *  look-up after words were added, at its exact size (16-bit entries when the nodes fit): a table grown
   *  by doubling copied and zeroed twice its size, which on the 2-core VM cost more than the look-ups of a
   *  small run. */
  private next: Uint16Array | Int32Array = new Uint16Array(ALPHABET);
  private flags = new Uint8Array(1);
  private nodes = 1;
  /** Every spelling added (each with its flag), in the order added. */
  private readonly spellings: string[] = [];
  private readonly spellingFlags: number[] = [];
  /** Spellings added since the table was built. */
  private dirty = false;

  /**
   * A term's first word (a token): the raw words whose token it is are the word itself, the word
   * + s, + es, and for a word ending in y, -y + ies (normalizeToken's inverses).
   */
  addWord(token: string): void {
    for (const spelling of spellings(token)) this.add(spelling, EXACT);
  }

  /** A prefix term's first word ("segment*"): tokens starting with it; -y + ies when it ends in y. */
  addPrefix(prefix: string): void {
    if (!prefix) return; // an empty prefix matches nothing (see TermIndex.candidatesOf)
    this.add(prefix, PREFIX);
    if (prefix.endsWith('y')) this.add(`${prefix.slice(0, -1)}ies`, PREFIX);
  }

  /** Whether the word text[start, end) (lower case, [a-z0-9] only) may start a term. */
  mayStart(text: string, start: number, end: number): boolean {
    if (this.dirty) this.build();
    const next = this.next;
    let node = 0;
    for (let k = start; k < end; k++) {
      const c = letter(text.charCodeAt(k));
      if (c < 0) return false;
      node = next[node * ALPHABET + c];
      if (node === 0) return false;
      if (this.flags[node] & PREFIX) return true;
    }
    return (this.flags[node] & EXACT) !== 0;
  }

  /**
   * The same test, with where it ends: -1 when the word cannot start a term, else the trie node of the
   * whole word (one node per spelling: a caller may keep what it learns about the word there), or 0
   * when the word passes by a prefix and goes on beyond the trie. Node numbers change when spellings
   * are added.
   */
  startNode(text: string, start: number, end: number): number {
    if (this.dirty) this.build();
    const next = this.next;
    let node = 0;
    let passed = false;
    for (let k = start; k < end; k++) {
      const c = letter(text.charCodeAt(k));
      if (c < 0) return passed ? 0 : -1;
      node = next[node * ALPHABET + c];
      if (node === 0) return passed ? 0 : -1;
      if (this.flags[node] & PREFIX) passed = true;
    }
    return passed || (this.flags[node] & EXACT) !== 0 ? node : -1;
  }

  /** How many nodes the trie has (node numbers are below it). */
  nodeCount(): number {
    if (this.dirty) this.build();
    return this.nodes;
  }

  /**
   * The words of a lower-case text (runs of [a-z0-9]) into `words`, each with its startNode, in one
   * pass: the trie is walked while the word's letters are read (no second look at them). Returns the
   * number of words.
   */
  scan(text: string, words: WordBuffer): number {
    if (this.dirty) this.build();
    const next = this.next;
    const flags = this.flags;
    words.fit(text.length);
    const { starts, ends, nodes } = words;
    const length = text.length;
    let count = 0;
    let start = -1;
    let node = 0;
    let alive = false;
    let passed = false;
    for (let k = 0; k <= length; k++) {
      const code = k < length ? text.charCodeAt(k) : 0;
      const c = code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 48 + 26 : -1;
      if (c >= 0) {
        if (start < 0) {
          start = k;
          node = 0;
          alive = true;
          passed = false;
        }
        if (alive) {
          const child = next[node * ALPHABET + c];
          if (child === 0) alive = false;
          else {
            node = child;
            if (flags[child] & PREFIX) passed = true;
          }
        }
      } else if (start >= 0) {
        starts[count] = start;
        ends[count] = k;
        nodes[count] = alive ? (passed || (flags[node] & EXACT) !== 0 ? node : -1) : passed ? 0 : -1;
        count++;
        start = -1;
      }
    }
    return count;
  }

  private add(spelling: string, flag: number): void {
    // the part in the text's alphabet: no text word is spelt with another letter, so only it is stored
    let length = 0;
    while (length < spelling.length && letter(spelling.charCodeAt(length)) >= 0) length++;
    this.spellings.push(spelling.slice(0, length));
    this.spellingFlags.push(length === spelling.length ? flag : 0);
    this.dirty = true;
  }

  /** The table of every spelling added: nodes counted first (the distinct prefixes), then filled. */
  private build(): void {
    const count = 1 + distinctPrefixes(this.spellings);
    this.next = count <= 0xffff ? new Uint16Array(count * ALPHABET) : new Int32Array(count * ALPHABET);
    this.flags = new Uint8Array(count);
    this.nodes = 1;
    for (let i = 0; i < this.spellings.length; i++) this.insert(this.spellings[i], this.spellingFlags[i]);
    this.dirty = false;
  }

  private insert(word: string, flag: number): void {
    const next = this.next;
    let node = 0;
    for (let k = 0; k < word.length; k++) {
      const slot = node * ALPHABET + letter(word.charCodeAt(k));
      let child = next[slot];
      if (child === 0) {
        child = this.nodes++;
        next[slot] = child;
      }
      node = child;
    }
    this.flags[node] |= flag;
  }
}

/** How many distinct non-empty prefixes the words have (the trie's nodes besides its root). */
function distinctPrefixes(words: readonly string[]): number {
  const sorted = [...words].sort();
  let count = 0;
  let previous = '';
  for (const word of sorted) {
    let common = 0;
    const limit = Math.min(word.length, previous.length);
    while (common < limit && word.charCodeAt(common) === previous.charCodeAt(common)) common++;
    count += word.length - common;
    previous = word;
  }
  return count;
}

function spellings(token: string): string[] {
  const forms = [token, `${token}s`, `${token}es`];
  if (token.endsWith('y')) forms.push(`${token.slice(0, -1)}ies`);
  return forms;
}
