// Papers cut down, once written, to what the analytics read (AnalyzeRequest.leanPapers), with the parts
// that repeat across papers shared: an author with the same name and the same (pooled) affiliations on
// many papers is one object, equal country and field lists are one array each, and the empty lists
// are one frozen array. On a million papers this keeps about a third of the memory the papers took.
// Shared parts are frozen, so a later change in place fails loudly instead of changing other papers.
import type { Author, Paper, TechnologyHit } from './types.js';

const EMPTY = Object.freeze([]) as unknown as never[];

/** A tree of lists by their items: the node after a list's last item holds the shared list. */
interface ListNode {
  list?: string[];
  next?: Map<string, ListNode>;
}

/** Lightens papers one by one; its tables live as long as the returned function. */
export function paperLightener(): (paper: Paper) => void {
  // by name: the one lean author of that name so far, or all of them when their affiliations differ
  const authors = new Map<string, Author | Author[]>();
  const technologies = new Map<string, TechnologyHit[]>();

  const sharedAuthor = (author: Author): Author => {
    const seen = authors.get(author.name);
    const candidates = seen === undefined ? EMPTY : Array.isArray(seen) ? seen : [seen];
    for (const known of candidates as Author[]) if (sameItems(known.affiliations, author.affiliations)) return known;
    const lean: Author = Object.freeze({ name: author.name, affiliations: freezeList(author.affiliations) });
    authors.set(author.name, seen === undefined ? lean : [...(candidates as Author[]), lean]);
    return lean;
  };
  // equal lists found by walking a tree of their items (no key string made per paper)
  const sharedList = (root: ListNode, list: string[]): string[] => {
    if (list.length === 0) return EMPTY;
    let node = root;
    for (const item of list) {
      node.next ??= new Map();
      let child = node.next.get(item);
      if (!child) node.next.set(item, (child = {}));
      node = child;
    }
    return (node.list ??= freezeList(list));
  };
  const countryLists: ListNode = {};
  const fieldLists: ListNode = {};
  const sharedTechnologies = (hits: TechnologyHit[]): TechnologyHit[] => {
    if (hits.length === 0) return EMPTY;
    const key = JSON.stringify(hits);
    let shared = technologies.get(key);
    if (!shared) technologies.set(key, (shared = freezeList(hits.map(deepFreeze))));
    return shared;
  };

  return (paper) => {
    paper.fieldEvidence = EMPTY;
    paper.title = '';
    paper.keywords = EMPTY;
    paper.topic = null;
    paper.url = null;
    paper.status = null;
    paper.authors = paper.authors.length ? paper.authors.map(sharedAuthor) : EMPTY;
    paper.countries = sharedList(countryLists, paper.countries);
    paper.fields = sharedList(fieldLists, paper.fields);
    paper.technologies = sharedTechnologies(paper.technologies);
  };
}

function sameItems<T>(x: readonly T[], y: readonly T[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function freezeList<T>(list: readonly T[]): T[] {
  return Object.freeze([...list]) as T[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
