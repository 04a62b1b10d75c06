// Which technologies' triggers occur in a paper's lower-cased text: one pass over the text, so that only
// those technologies' regular expressions run (technologies.ts). A trigger that extends another ("t5-"
// after "t5") is folded into the shorter one, so no key is a prefix of another and at most one key
// starts at any position of the text.
//
// The pass looks up the first two code units at each position (for two-unit keys) and a hash of the first
// three (for longer ones) in two small tables, filters that skip the positions where no key starts; the
// keys filed in a marked slot are checked in place. It finds exactly what one
// alternation of the keys (`transformer|bert|t5|...`, tried at every position) finds: on the 26 lists
// that expression took some 130 ms of CPU, this pass a fraction of it.

/** The filters' slots: 7 bits of each of the first two code units; with the third, 16 bits of a hash. */
function pairSlot(first: number, second: number): number {
  return ((first & 0x7f) << 7) | (second & 0x7f);
}

function tripleSlot(first: number, second: number, third: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b) ^ Math.imul(third, 0xc2b2ae35)) >>> 16;
}

export class TriggerScanner {
  /** Each key (a folded trigger) with the technologies it stands for. */
  private readonly owners = new Map<string, number[]>();
  /** Two-unit keys by their pair slot, longer keys by the slot of their first three units. A key is
   *  looked for at a position only when the position's slot is marked. */
  private readonly pairs = new Uint8Array(1 << 14);
  /** The pair slots of every key's first two units: most positions stop at this one test. */
  private readonly starts = new Uint8Array(1 << 14);
  private readonly triples = new Uint8Array(1 << 16);
  private readonly byPair = new Map<number, string[]>();
  private readonly byTriple = new Map<number, string[]>();
  /** The alternation, when a key is too short for the pair filter (the file schema forbids such triggers). */
  private readonly fallback: RegExp | null = null;

  constructor(triggersOf: readonly (readonly string[])[]) {
    const all = [...new Set(triggersOf.flat())].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    const shortest = (trigger: string) => all.find((other) => trigger.startsWith(other)) ?? trigger;
    triggersOf.forEach((triggers, i) => {
      for (const trigger of triggers) {
        const key = shortest(trigger);
        const owners = this.owners.get(key) ?? [];
        if (!owners.includes(i)) owners.push(i);
        this.owners.set(key, owners);
      }
    });
    const keys = [...this.owners.keys()];
    if (keys.some((key) => key.length < 2)) this.fallback = new RegExp(keys.map(escapeRegex).join('|'), 'g');
    else for (const key of keys) this.file(key);
  }

  private file(key: string): void {
    const [table, byslot, slot] =
      key.length === 2
        ? [this.pairs, this.byPair, pairSlot(key.charCodeAt(0), key.charCodeAt(1))]
        : [this.triples, this.byTriple, tripleSlot(key.charCodeAt(0), key.charCodeAt(1), key.charCodeAt(2))];
    table[slot] = 1;
    this.starts[pairSlot(key.charCodeAt(0), key.charCodeAt(1))] = 1;
    const list = byslot.get(slot);
    if (list) list.push(key);
    else byslot.set(slot, [key]);
  }

  /** Indices of the technologies whose triggers occur in any of the (lower-cased) texts. */
  scan(texts: readonly string[]): Set<number> {
    const found = new Set<number>();
    for (const text of texts) {
      if (this.fallback) this.scanByRegex(this.fallback, text, found);
      else this.scanText(text, found);
    }
    return found;
  }

  private scanText(text: string, found: Set<number>): void {
    const { starts, pairs, triples } = this;
    const length = text.length;
    let b = text.charCodeAt(0);
    let c = text.charCodeAt(1);
    for (let p = 0; p + 1 < length; p++) {
      const a = b;
      b = c;
      c = p + 2 < length ? text.charCodeAt(p + 2) : -1;
      if (starts[pairSlot(a, b)] === 0) continue;
      if (pairs[pairSlot(a, b)] === 1) this.check(this.byPair.get(pairSlot(a, b)), text, p, found);
      if (c >= 0 && triples[tripleSlot(a, b, c)] === 1) this.check(this.byTriple.get(tripleSlot(a, b, c)), text, p, found);
    }
  }

  /** The owners of the key (of those filed in one slot) that starts at `p`, if any. */
  private check(keys: string[] | undefined, text: string, p: number, found: Set<number>): void {
    for (const key of keys ?? []) {
      if (text.startsWith(key, p)) {
        for (const i of this.owners.get(key) as number[]) found.add(i);
        return; // no key is a prefix of another: no other key starts here
      }
    }
  }

  private scanByRegex(regex: RegExp, text: string, found: Set<number>): void {
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(text)) !== null) {
      for (const i of this.owners.get(m[0]) ?? []) found.add(i);
      regex.lastIndex = m.index + 1;
    }
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
