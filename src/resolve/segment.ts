// Segments: the comma-separated parts of an affiliation text, each classified as a place ("Beijing,
// China"), a department ("School of Computer Science"), an institution-looking phrase ("Hangzhou Dianzi
// University") or another name ("SenseTime"). Used when the text names no known institution.
import type { Token } from './normalize.js';
import { isSegmentBreak, POSTCODE_PART, type PlaceHit } from './places.js';
import { wordLists } from './word-lists.js';
import { HEAD_WORDS } from './head-words.js';

export type SegmentKind = 'place' | 'department' | 'institution' | 'other';

export interface Segment {
  start: number;
  end: number;
  kind: SegmentKind;
  text: string;
}

/** Words that make a phrase an organisation even when every other word is generic ("National University of Defense Technology"). */
const ORGANISATION_WORDS = new Set([
  'university', 'universitat', 'universite', 'universidad', 'universita', 'universiteit', 'universitet', 'uniwersytet',
  'universidade', 'polytechnic', 'politecnico', 'polytechnique', 'academy', 'hochschule', 'inc', 'corporation', 'ltd',
  'gmbh', 'company', 'hospital', 'foundation', 'ministry', 'universitatea', 'universitesi', 'universitas', 'yliopisto',
  'politechnika', 'egyetem', 'sveuciliste', 'univerza', 'daigaku', 'ammattikorkeakoulu',
]);

const ALWAYS_UNITS = new Set(['department', 'departments', 'dept', 'depts', 'faculty', 'division', 'chair']);

const NON_PLACE_FILLERS = /^\d+$/;

/** Legal forms: a segment of these alone ("COGNANO, Inc.", "X Co., Ltd.") is the end of the name before it, never a name. */
const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'corp', 'corporation', 'company', 'co', 'gmbh', 'ag', 'sa',
  'srl', 'spa', 'bv', 'nv', 'pte', 'pvt', 'bhd', 'sdn', 'oy', 'oyj', 'ab', 'as', 'kk', 'sas', 'sarl', 'lp', 's', 'r', 'l', 'p',
  'a', 'b', 'v', 'se', 'jsc', 'pty',
]);

/** Whether a segment's words are all legal-form words ("Inc", "Co Ltd", "S.r.l."). */
export function isLegalFormOnly(tokens: Token[], start: number, end: number): boolean {
  // a letter alone ("P", a cut "P.R. China") is no legal form; "S.r.l." is three of them
  if (end - start === 1 && tokens[start].norm.length === 1) return false;
  for (let i = start; i < end; i++) if (!LEGAL_FORMS.has(tokens[i].norm)) return false;
  return end > start;
}

export function segmentTokens(tokens: Token[], text: string, places: PlaceHit[]): Segment[] {
  const inPlace = new Array<boolean>(tokens.length).fill(false);
  for (const hit of places) for (let i = hit.start; i < hit.end; i++) inPlace[i] = true;
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || isSegmentBreak(tokens[i].gapBefore)) {
      // "COGNANO, Inc.": a legal form after a comma stays with the name before it
      if (i < tokens.length && tokens[i].gapBefore === ',' && isLegalFormOnly(tokens, i, segmentEnd(tokens, i))) continue;
      const slice = tokens.slice(start, i);
      const kind = classify(slice, inPlace.slice(start, i));
      segments.push({ start, end: i, kind, text: text.slice(slice[0].start, slice[slice.length - 1].end) });
      start = i;
    }
  }
  return segments;
}

function segmentEnd(tokens: Token[], from: number): number {
  let end = from + 1;
  while (end < tokens.length && !isSegmentBreak(tokens[end].gapBefore)) end++;
  return end;
}

function classify(tokens: Token[], inPlace: boolean[]): SegmentKind {
  const words = tokens.map((t) => t.norm);
  if (tokens.every((t, i) => inPlace[i] || NON_PLACE_FILLERS.test(t.norm) || t.norm.length === 1 || POSTCODE_PART.test(t.surface))) return 'place';
  if (isDepartment(words)) return 'department';
  if (words.some((w) => HEAD_WORDS.has(w))) return 'institution';
  return 'other';
}

/** "Department of Computer Science", "School of EECS", "Machine Learning Department", "State Key Lab of ...". */
export function isDepartment(words: string[]): boolean {
  const { departments, fields, generic } = wordLists();
  const flat = words.flatMap((w) => w.split(' '));
  if (flat.length === 0) return false;
  const topical = (w: string) => fields.has(w) || generic.has(w) || departments.has(w) || /^\d+$/.test(w);
  if (flat.some((w) => ORGANISATION_WORDS.has(w))) return false;
  // "Department of ..." is a department whatever its subject; "School of ..." and "Center for ..." only with topical words
  if (ALWAYS_UNITS.has(flat[0])) return true;
  if (flat.every(topical)) return true;
  const joined = flat.join(' ');
  if (/\bkey laboratory\b/.test(joined)) return true;
  return departments.has(flat[0]) && flat.slice(1).every(topical);
}

/**
 * The phrase most likely to name the unknown institution: the last institution-looking segment (the
 * organisation comes after its departments), else the last segment that is neither place nor department.
 */
export function institutionPhrase(segments: Segment[]): Segment | null {
  const institutions = segments.filter((s) => s.kind === 'institution');
  if (institutions.length) return institutions[institutions.length - 1];
  const others = segments.filter((s) => s.kind === 'other');
  return others.length ? others[others.length - 1] : null;
}
