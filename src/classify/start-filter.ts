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

export class StartFilter {
  /** Each node's child per letter; 0 for none (the root, node 0, is no one's child). Not filled: memory
   *  never written stays untouched, which on the 2-core VM is most of the table's cost. */
  private next = new Int32Array(ALPHABET * 64);
  private flags = new Uint8Array(64);
  private nodes = 1;

  /**
   * A term's first word (a token): the raw words whose token it is are the word itself, the word
   * + s, + es, and for a word ending in y, -y + ies (normalizeToken's inverses).
   */
  addWord(token: string): void {
    for (const spelling of spellings(token)) this.insert(spelling, EXACT);
  }

  /** A prefix term's first word ("segment*"): tokens starting with it; -y + ies when it ends in y. */
  addPrefix(prefix: string): void {
    if (!prefix) return; // an empty prefix matches nothing (see TermIndex.candidatesOf)
    this.insert(prefix, PREFIX);
    if (prefix.endsWith('y')) this.insert(`${prefix.slice(0, -1)}ies`, PREFIX);
  }

  /** Whether the word text[start, end) (lower case, [a-z0-9] only) may start a term. */
  mayStart(text: string, start: number, end: number): boolean {
    let node = 0;
    for (let k = start; k < end; k++) {
      const c = letter(text.charCodeAt(k));
      if (c < 0) return false;
      node = this.next[node * ALPHABET + c];
      if (node === 0) return false;
      if (this.flags[node] & PREFIX) return true;
    }
    return (this.flags[node] & EXACT) !== 0;
  }

  private insert(word: string, flag: number): void {
    let node = 0;
    for (let k = 0; k < word.length; k++) {
      const c = letter(word.charCodeAt(k));
      if (c < 0) return; // not a word of the text's alphabet: no text word is spelt so
      let child = this.next[node * ALPHABET + c];
      if (child === 0) {
        child = this.newNode();
        this.next[node * ALPHABET + c] = child;
      }
      node = child;
    }
    this.flags[node] |= flag;
  }

  private newNode(): number {
    if (this.nodes === this.flags.length) {
      const next = new Int32Array(this.next.length * 2);
      next.set(this.next);
      this.next = next;
      const flags = new Uint8Array(this.flags.length * 2);
      flags.set(this.flags);
      this.flags = flags;
    }
    return this.nodes++;
  }
}

function spellings(token: string): string[] {
  const forms = [token, `${token}s`, `${token}es`];
  if (token.endsWith('y')) forms.push(`${token.slice(0, -1)}ies`);
  return forms;
}
