// Place hits: what a run of gazetteer entries found among a text's tokens says (kind, countries by
// population, US states), whether it stands as an address segment of its own, and the clean-ups of
// abbreviations read in the wrong country (places.ts finds the hits).
import type { Token } from './normalize.js';
import { surfaceOf } from './normalize.js';
import { keepWhere } from './arrays.js';
import type { PlaceEntry, PlaceHit, PlaceKind } from './places.js';

/** Words that may stand in an address segment next to place names without making it something else. */
const ADDRESS_FILLERS = new Set([
  'province', 'city', 'district', 'county', 'prefecture', 'region', 'sar', 'special', 'administrative', 'municipality',
  'state', 'area', 'territories', 'new', 'zip', 'pr', 'p', 'r', 'of', 'republic', 'people', 'peoples', 'and', 'campus',
  'usa', 'us', 'uk', 'cedex', 'ny', 'road', 'rd', 'street', 'st', 'avenue', 'ave', 'no', 'box', 'po', 'p.o',
]);

/** "Toronto, ON, CA": a "CA" right after a Canadian province is Canada, not California. */
export function canadaAfterProvince(hits: PlaceHit[]): void {
  for (let i = 1; i < hits.length; i++) {
    const before = hits[i - 1];
    const hit = hits[i];
    if (hit.kind === 'state' && hit.text === 'CA' && before.kind === 'province' && before.countries[0] === 'CA' && before.end === hit.start) {
      hits[i] = { start: hit.start, end: hit.end, kind: 'country', text: hit.text, countries: ['CA'], populations: undefined, usStates: [], standalone: hit.standalone };
    }
  }
}

/**
 * "..., A VIC" (a company's name cut in two) is no Australian address: an abbreviation of a state outside
 * the US ("VIC", "SP") counts only beside another place of its country ("Melbourne, VIC") or before a
 * postcode ("Richmond VIC 3121"). Abbreviations the US shares ("WA") are settled by countryFromPlaces.
 */
export function dropUnsupportedForeignAbbreviations(hits: PlaceHit[], tokens: Token[]): void {
  keepWhere(hits, (hit) => {
    if (hit.kind !== 'state' || hit.end - hit.start !== 1 || hit.countries.includes('US') || hit.text !== hit.text.toUpperCase()) return true;
    if (/^\d{4,5}$/.test(tokens[hit.end]?.surface ?? '')) return true;
    return hits.some((other) => other !== hit && other.countries.some((c) => hit.countries.includes(c)));
  });
}

interface EntrySummary {
  kind: PlaceKind;
  countries: string[];
  populations?: number[];
  usStates: string[];
}

/** What a list of gazetteer entries says, worked out once per list. */
const summaries = new WeakMap<PlaceEntry[], EntrySummary>();

function summarize(entries: PlaceEntry[]): EntrySummary {
  const known = summaries.get(entries);
  if (known) return known;
  const kinds: PlaceKind[] = ['country', 'state', 'province', 'city'];
  const kind = kinds.find((k) => entries.some((e) => e.kind === k)) ?? 'city';
  const chosen = entries.filter((e) => e.kind === kind);
  let summary: EntrySummary;
  if (kind !== 'city') {
    summary = { kind, countries: unique(chosen.map((e) => e.country)), usStates: chosen.filter((e) => e.admin).map((e) => e.admin as string) };
  } else {
    const byCountry = new Map<string, number>();
    const usStates: string[] = [];
    for (const e of chosen) {
      byCountry.set(e.country, Math.max(byCountry.get(e.country) ?? 0, e.population));
      if (e.country === 'US' && e.admin) usStates.push(e.admin);
    }
    const ranked = [...byCountry.entries()].sort((x, y) => y[1] - x[1]);
    summary = { kind, countries: ranked.map((r) => r[0]), populations: ranked.map((r) => r[1]), usStates };
  }
  summaries.set(entries, summary);
  return summary;
}

export function toHit(tokens: Token[], start: number, end: number, entries: PlaceEntry[]): PlaceHit {
  const text = surfaceOf(tokens, start, end);
  const { kind, countries, populations, usStates } = summarize(entries);
  // one object shape for every hit (the same fields in the same order): the code reading hits stays monomorphic
  return { start, end, kind, text, countries, populations, usStates, standalone: false };
}

/** A hit is standalone when its comma-separated segment holds only place words, fillers and numbers. */
export function markStandalone(tokens: Token[], hits: PlaceHit[]): void {
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (let h = 0; h < hits.length; h++) for (let i = hits[h].start; i < hits[h].end; i++) covered[i] = true;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h];
    const a = segmentStart(tokens, hit.start);
    const b = segmentEnd(tokens, hit.end);
    let ok = true;
    for (let i = a; i < b && ok; i++) {
      if (covered[i]) continue;
      // numbers, fillers, Canadian ("H3A 0G4") and British ("OX1 3RH", "CB3 0WA") postcode halves
      ok = /^\d+$/.test(tokens[i].norm) || ADDRESS_FILLERS.has(tokens[i].norm) || POSTCODE_PART.test(tokens[i].surface);
    }
    hit.standalone = ok;
  }
}

/** Halves of Canadian ("H3A 0G4") and British ("OX1 3RH", "CB3 0WA") postcodes. */
export const POSTCODE_PART = /^[A-Z]\d[A-Z]$|^\d[A-Z]\d$|^[A-Z]{1,2}\d[A-Z\d]?$|^\d[A-Z]{2}$/;

/** The first token of the comma-separated segment that holds token `i`. */
export function segmentStart(tokens: readonly Token[], i: number): number {
  let a = i;
  while (a > 0 && !isSegmentBreak(tokens[a].gapBefore)) a--;
  return a;
}

/** One past the last token of the segment that goes on at token `end` (`end` itself when a segment starts there). */
export function segmentEnd(tokens: readonly Token[], end: number): number {
  let b = end;
  while (b < tokens.length && !isSegmentBreak(tokens[b].gapBefore)) b++;
  return b;
}

export function isSegmentBreak(gap: string): boolean {
  return gap === ',' || gap === ';' || gap === '+' || gap === '(' || gap === ')' || gap === '|' || gap === ':';
}

/** The gazetteer key of a hit's words. */
export function keyOf(tokens: Token[], hit: PlaceHit): string {
  return hit.end - hit.start === 1 ? tokens[hit.start].norm : tokens.slice(hit.start, hit.end).map((t) => t.norm).join(' ');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

