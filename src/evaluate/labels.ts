// Paper Copilot's own country labels (aff_country_unique, aff_country_unique_index), read for evaluation
// only: nothing outside src/evaluate/ may look at these fields, and the resolver never sees them.
import { countryCodeOf } from '../resolve/places.js';

/** Spellings in the labels that the country tables do not know; null means "no country". */
const LABEL_SPELLINGS: Record<string, string | null> = {
  Unknown: null,
  'Kingdom of Saudi Arabia': 'SA',
  Czechia: 'CZ',
  Türkiye: 'TR',
  Macau: 'MO',
  'Hong Kong SAR': 'HK',
};

const GREATER_CHINA = new Set(['HK', 'MO', 'TW']);

export function foldGreaterChina(code: string): string {
  return GREATER_CHINA.has(code) ? 'CN' : code;
}

/** An ISO code for a label's country name, or null when the label names none. */
export function labelCountryCode(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  if (trimmed in LABEL_SPELLINGS) return LABEL_SPELLINGS[trimmed];
  return countryCodeOf(trimmed);
}

export type PaperLabel =
  | { status: 'labelled'; countries: string[] }
  | { status: 'no-affiliations' | 'unlabelled'; why: string };

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The set of countries Paper Copilot gives a paper (HK/MO/TW folded into CN, as its labels do), or why it
 * is not usable: no affiliation at all; fewer label entries than non-empty affiliation slots (an author
 * left unlabelled); an empty or unknown country among the labels; a country name we cannot map.
 */
export function paperLabel(record: Record<string, unknown>): PaperLabel {
  const slots = text(record.aff ?? record.affs).split(';').filter((s) => s.trim() !== '');
  if (slots.length === 0) return { status: 'no-affiliations', why: 'no affiliation text' };
  const names = text(record.aff_country_unique).split(';');
  const index = text(record.aff_country_unique_index).split(';').filter((s) => s.trim() !== '');
  if (index.length < slots.length) return { status: 'unlabelled', why: `${index.length} label entries for ${slots.length} affiliation slots` };
  const codes: Array<string | null> = names.map(labelCountryCode);
  if (codes.some((c) => c === null)) return { status: 'unlabelled', why: 'an empty or unknown country among the labels' };
  const countries = new Set<string>();
  for (const entry of index) {
    for (const part of entry.split('+')) {
      const i = Number(part.trim());
      if (!Number.isInteger(i) || i < 0 || i >= codes.length) return { status: 'unlabelled', why: `label index '${part}' out of range` };
      countries.add(foldGreaterChina(codes[i] as string));
    }
  }
  return { status: 'labelled', countries: [...countries].sort() };
}
