// Units named beside their parent: "Institute of Automation, CAS", "Shenzhen Graduate School, Peking
// Univ.", "Center for X, Universidad Y", "Noah's Ark Lab, Huawei, London". A knowledge-base entry with a
// parent link (followed up to three levels) gives its parent, and every ancestor, a *unit name*: the
// entry's own names with the ancestor's name, alias or acronym taken off their start or end
// ("Institute of Automation, Chinese Academy of Sciences" -> "institute of automation"), and the
// entry's names that do not contain it. A unit name that stands, within one author slot, as its own
// segment right before a mention of that ancestor (a comma or "of" between) or right after it, names the
// unit: the two are read as one mention of the unit, not as the parent, nor as two institutions. Unit
// names are only ever read beside their parent ("Institute of Automation" alone names nothing).
//
// Also: a multinational named with a place abroad ("Acme, Seattle") where the knowledge base lists
// exactly one national subsidiary of it there, named as the company and that country ("Acme America"),
// is that subsidiary; and a whole text that is a unit's name ("Institute of Automation") can be looked
// up against an institution the author's other text names (author.ts).
import { cachedNameKey, cleanText, nameKey, tokenize, type Token } from './normalize.js';
import { isSegmentBreak } from './places.js';
import type { Mention } from './name-index.js';
import type { InstRecord } from './records.js';

/** How many parent links a unit name is registered up. */
const MAX_DEPTH = 3;

interface UnitHit {
  start: number;
  end: number;
  unitKey: string;
  parent: InstRecord;
  units: InstRecord[];
}

/** What the unit index needs to know of words: places, generic names, the country a region word names. */
export interface UnitWords {
  /** The key is a place name or only place names ("shenzhen", "cambridge uk"): left to the place rules. */
  isPlace(key: string): boolean;
  /** The key is made only of generic and field words ("ai laboratory"). */
  isGeneric(key: string): boolean;
  /** The country a word or words name ("america" -> US, "canada" -> CA), if any. */
  countryOf(key: string): string | null;
}

export class UnitIndex {
  /** By ancestor key: unit name key -> the units so named, for names read before the parent... */
  private readonly before = new Map<string, Map<string, InstRecord[]>>();
  /** ...and for names read after it. */
  private readonly after = new Map<string, Map<string, InstRecord[]>>();
  /** By ancestor key: the last words of its unit names read before it, and the first of those read after (a quick test). */
  private readonly lastWords = new Map<string, Set<string>>();
  private readonly firstWords = new Map<string, Set<string>>();
  /** By multinational key, then country: its national subsidiary there ("Tencent America"). */
  private readonly national = new Map<string, Map<string, InstRecord[]>>();
  private maxWords = 0;
  /** What each merged mention stands for, for the evidence. */
  readonly notes = new WeakMap<Mention, string>();

  constructor(records: Map<string, InstRecord>, words: UnitWords) {
    // names as keys (remembered across runs by the key cache); tokens, for the punctuation, only when a
    // parent's name is found at a key's start or end
    const parentKeys = new Map<string, string[]>();
    const keysOf = (ancestor: InstRecord) => {
      let keys = parentKeys.get(ancestor.key);
      if (!keys) parentKeys.set(ancestor.key, (keys = unique([ancestor.name, ...ancestor.aliases, ...ancestor.acronyms].map(cachedNameKey).filter(Boolean))));
      return keys;
    };
    for (const record of records.values()) {
      if (!record.parentId) continue;
      const ownNames = unique([record.name, ...record.aliases]).map((name) => ({ name, key: cachedNameKey(name) })).filter((n) => n.key !== '');
      let ancestor = records.get(record.parentId);
      for (let depth = 0; ancestor && depth < MAX_DEPTH && ancestor !== record; depth++) {
        this.register(record, ancestor, ownNames, keysOf(ancestor), words);
        ancestor = ancestor.parentId ? records.get(ancestor.parentId) : undefined;
      }
    }
  }

  private register(unit: InstRecord, ancestor: InstRecord, ownNames: Array<{ name: string; key: string }>, parentKeys: string[], words: UnitWords): void {
    // a national subsidiary is named as the company and its country ("Tencent America"), in its own name
    if (ancestor.multinational && unit.country && ownNames.length > 0) {
      const national = splitOff(ownNames[0], parentKeys[0] ?? '').some((r) => !r.separated && words.countryOf(r.key) === unit.country);
      if (national) add(this.national, ancestor.key, unit.country, unit);
    }
    for (const own of ownNames) {
      const split = parentKeys.flatMap((p) => splitOff(own, p));
      // a unit's own name that does not contain the parent's ("Noah's Ark Lab" of Huawei) stands as it is
      const names = split.length > 0 ? split : [{ key: own.key, separated: true }];
      for (const name of names) {
        if (parentKeys.includes(name.key) || words.isPlace(name.key)) continue;
        // "Didi AI Labs" gives no unit "AI Labs": generic words are a unit's name only when the name
        // itself sets them apart from the parent's ("Institute of Automation, Chinese Academy of Sciences")
        if (!name.separated && words.isGeneric(name.key)) continue;
        const count = name.key.split(' ').length;
        this.maxWords = Math.max(this.maxWords, count);
        const nameWords = name.key.split(' ');
        if (count >= 2) {
          add(this.before, ancestor.key, name.key, unit);
          addWord(this.lastWords, ancestor.key, nameWords[nameWords.length - 1]);
        }
        add(this.after, ancestor.key, name.key, unit);
        addWord(this.firstWords, ancestor.key, nameWords[0]);
      }
    }
  }

  /**
   * The mentions with every "unit beside its parent" read as one mention of the unit; the mentions
   * the unit's words overlapped (a shorter name inside the unit's, the parent itself) are dropped.
   */
  merge(tokens: Token[], mentions: Mention[]): Mention[] {
    let out = mentions;
    for (let n = 0; n < out.length; n++) {
      const hit = this.unitBeside(tokens, out[n]);
      if (!hit) continue;
      const merged: Mention = { start: hit.start, end: hit.end, via: 'alias', key: hit.unitKey, candidates: hit.units };
      const side = hit.start < out[n].start ? 'before' : 'after';
      this.notes.set(merged, `unit '${hit.unitKey}' named ${side} its parent ${hit.parent.name} (${hit.parent.id ?? hit.parent.key}): the unit, not the parent`);
      out = out.filter((m) => m.end <= hit.start || m.start >= hit.end);
      out.push(merged);
      out.sort((a, b) => a.start - b.start);
      n = out.indexOf(merged);
    }
    return out;
  }

  /** The unit named right before or right after a mention of its parent, the longest first. */
  private unitBeside(tokens: Token[], mention: Mention): UnitHit | null {
    for (const parent of mention.candidates) {
      const before = this.before.get(parent.key);
      const after = this.after.get(parent.key);
      if (!before && !after) continue;
      const found = (before && this.findBefore(tokens, mention, before, this.lastWords.get(parent.key))) || (after && this.findAfter(tokens, mention, after, this.firstWords.get(parent.key)));
      if (found) return { ...found, parent };
    }
    return null;
  }

  private findBefore(tokens: Token[], mention: Mention, units: Map<string, InstRecord[]>, lastWords: Set<string> | undefined): Omit<UnitHit, 'parent'> | null {
    if (mention.start === 0 || joinsInstitutions(tokens[mention.start].gapBefore)) return null;
    // "Shenzhen Graduate School of Peking University": an "of" between, written without punctuation
    const ofBetween = tokens[mention.start - 1].norm === 'of' && tokens[mention.start].gapBefore === '';
    if (!ofBetween && tokens[mention.start].gapBefore === '') return null;
    const end = ofBetween ? mention.start - 1 : mention.start;
    if (end === 0 || !lastWords?.has(lastWord(tokens[end - 1]))) return null;
    let best: Omit<UnitHit, 'parent'> | null = null;
    let key = '';
    for (let s = end - 1; s >= 0 && end - s <= this.maxWords; s--) {
      if (s < end - 1 && joinsInstitutions(tokens[s + 1].gapBefore)) break;
      key = s === end - 1 ? tokens[s].norm : `${tokens[s].norm} ${key}`;
      // the unit's name is its own segment: it starts the text or follows a comma, a parenthesis...
      if (s > 0 && !isSegmentBreak(tokens[s].gapBefore)) continue;
      const found = units.get(key);
      if (found) best = { start: s, end: mention.end, unitKey: key, units: found };
    }
    return best;
  }

  private findAfter(tokens: Token[], mention: Mention, units: Map<string, InstRecord[]>, firstWords: Set<string> | undefined): Omit<UnitHit, 'parent'> | null {
    const from = mention.end;
    if (from >= tokens.length || joinsInstitutions(tokens[from].gapBefore) || tokens[from].gapBefore === '') return null;
    if (!firstWords?.has(firstWord(tokens[from]))) return null;
    let best: Omit<UnitHit, 'parent'> | null = null;
    let key = '';
    for (let e = from + 1; e <= tokens.length && e - from <= this.maxWords; e++) {
      if (e > from + 1 && joinsInstitutions(tokens[e - 1].gapBefore)) break;
      key = e === from + 1 ? tokens[from].norm : `${key} ${tokens[e - 1].norm}`;
      if (e < tokens.length && !isSegmentBreak(tokens[e].gapBefore)) continue;
      const found = units.get(key);
      if (found) best = { start: mention.start, end: e, unitKey: key, units: found };
    }
    return best;
  }

  /** The one unit of an institution whose name a whole text is ("Institute of Automation" of CAS), if any. */
  unitNamed(parentKey: string, text: string): InstRecord | null {
    const units = this.after.get(parentKey)?.get(nameKey(text));
    return units && units.length === 1 ? units[0] : null;
  }

  /** A multinational's national subsidiary in a country ("Tencent America"), when the knowledge base lists exactly one. */
  unitIn(root: InstRecord, country: string): InstRecord | null {
    const units = this.national.get(root.key)?.get(country);
    return units && units.length === 1 ? units[0] : null;
  }
}

/** ';', '|' and '+' separate institutions: nothing is read across them. */
function joinsInstitutions(gap: string): boolean {
  return gap === ';' || gap === '|' || gap === '+';
}

/**
 * A unit's name without its parent's name at the start or the end, and without the "of" that joined
 * them ("Institute of Automation of the Chinese Academy of Sciences" -> "institute of automation");
 * `separated` when a comma, a parenthesis or that "of" stood between them.
 */
export function remainderOf(tokens: Token[], parentKey: string): Array<{ key: string; separated: boolean }> {
  const parent = parentKey.split(' ');
  const norms = tokens.flatMap((t) => t.norm.split(' '));
  if (norms.length !== tokens.length || parent.length >= tokens.length) return [];
  const out: Array<{ key: string; separated: boolean }> = [];
  const at = tokens.length - parent.length;
  if (parent.every((w, k) => norms[at + k] === w)) {
    let end = at;
    const of = norms[end - 1] === 'of';
    if (of) end--;
    const gap = tokens[at].gapBefore;
    if (end > 0) out.push({ key: norms.slice(0, end).join(' '), separated: of || gap === ',' || gap === '(' });
  }
  if (parent.every((w, k) => norms[k] === w)) {
    let from = parent.length;
    const gap = tokens[from].gapBefore;
    const of = norms[from] === 'of';
    if (of) from++;
    if (from < tokens.length) out.push({ key: norms.slice(from).join(' '), separated: of || gap === ',' || gap === '(' || gap === '-' });
  }
  return out;
}

/** remainderOf for a name whose key is known: tokenised only when the parent's key starts or ends it. */
function splitOff(own: { name: string; key: string }, parentKey: string): Array<{ key: string; separated: boolean }> {
  if (!parentKey || !(own.key.endsWith(` ${parentKey}`) || own.key.startsWith(`${parentKey} `))) return [];
  return remainderOf(tokenize(cleanText(own.name)), parentKey);
}

function addWord(map: Map<string, Set<string>>, key: string, word: string): void {
  let words = map.get(key);
  if (!words) map.set(key, (words = new Set()));
  words.add(word);
}

/** A token's last and first words (a token's normal form may hold several: "jiao tong"). */
function lastWord(token: Token): string {
  const at = token.norm.lastIndexOf(' ');
  return at === -1 ? token.norm : token.norm.slice(at + 1);
}

function firstWord(token: Token): string {
  const at = token.norm.indexOf(' ');
  return at === -1 ? token.norm : token.norm.slice(0, at);
}

function add(map: Map<string, Map<string, InstRecord[]>>, outer: string, inner: string, record: InstRecord): void {
  let byName = map.get(outer);
  if (!byName) map.set(outer, (byName = new Map()));
  const list = byName.get(inner);
  if (!list) byName.set(inner, [record]);
  else if (!list.includes(record)) list.push(record);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
