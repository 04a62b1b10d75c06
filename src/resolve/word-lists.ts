// The resolver's generic word lists (data/resolve/generic-words.json), read once: words that name no
// institution in particular (generic, field, department words) and whole texts that name none.
import { nameKey } from './normalize.js';
import { readDataJson } from './data.js';

interface GenericWords {
  generic: string[];
  departments: string[];
  fields: string[];
  noInstitution: string[];
}

let genericWords: { generic: Set<string>; departments: Set<string>; fields: Set<string>; noInstitution: Set<string> } | null = null;
export function wordLists() {
  if (!genericWords) {
    const data = readDataJson<GenericWords>('generic-words.json');
    const keys = (words: string[]) => new Set(words.flatMap((w) => nameKey(w).split(' ')).filter(Boolean));
    genericWords = {
      generic: keys(data.generic),
      departments: keys(data.departments),
      fields: keys(data.fields),
      noInstitution: new Set(data.noInstitution.map((w) => nameKey(w))),
    };
  }
  return genericWords;
}

/** A name made only of generic, field and department words (and numbers). */
export function genericKey(key: string): boolean {
  return allGenericWords(key.split(' '));
}

/** genericKey of a key's words (key.split(' ')), for a caller that has them. */
export function allGenericWords(words: readonly string[]): boolean {
  const { generic, fields, departments } = wordLists();
  return words.every((w) => generic.has(w) || fields.has(w) || departments.has(w) || /^\d+$/.test(w));
}
