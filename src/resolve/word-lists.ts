// The resolver's generic word lists (data/resolve/generic-words.json), read once: words that name no
// institution in particular (generic, field, department words) and whole texts that name none.
import { nameKey } from './normalize.js';
import { readDataJson } from './data.js';

interface GenericWords {
  generic: string[];
  departments: string[];
  fields: string[];
  noInstitution: string[];
  noInstitutionModifiers: string[];
  noInstitutionRoles: string[];
}

interface WordLists {
  generic: Set<string>;
  departments: Set<string>;
  fields: Set<string>;
  noInstitution: Set<string>;
  /** Keys (nameKey) of the words that open a role naming no institution ("independent", "self employed"). */
  noInstitutionModifiers: string[];
  noInstitutionRoles: Set<string>;
}

let genericWords: WordLists | null = null;
export function wordLists(): WordLists {
  if (!genericWords) {
    const data = readDataJson<GenericWords>('generic-words.json');
    const keys = (words: string[]) => new Set(words.flatMap((w) => nameKey(w).split(' ')).filter(Boolean));
    genericWords = {
      generic: keys(data.generic),
      departments: keys(data.departments),
      fields: keys(data.fields),
      noInstitution: new Set(data.noInstitution.map((w) => nameKey(w))),
      noInstitutionModifiers: [...new Set(data.noInstitutionModifiers.map((w) => nameKey(w)))],
      noInstitutionRoles: keys(data.noInstitutionRoles),
    };
  }
  return genericWords;
}

/**
 * Whether a whole text (its normalised words joined by spaces) names no institution: one of the listed
 * texts ("unaffiliated"), or a modifier, then field words, ending with a role word ("independent ai
 * consultant", "freelance data scientist"). A text with any other word ("Independent University") names one.
 */
export function namesNoInstitution(normText: string): boolean {
  const lists = wordLists();
  if (lists.noInstitution.has(normText)) return true;
  const modifier = lists.noInstitutionModifiers.find((m) => normText.startsWith(`${m} `));
  if (modifier === undefined) return false;
  const rest = normText.slice(modifier.length + 1).split(' ');
  return lists.noInstitutionRoles.has(rest[rest.length - 1]) && rest.every((w) => lists.noInstitutionRoles.has(w) || lists.fields.has(w));
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
