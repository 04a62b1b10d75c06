// Shared look of the charts: fonts, colours (Okabe-Ito, readable with the common colour-vision
// deficiencies), number formats, and the sentence that states the definitions in force.
import type { Config } from 'vega-lite';
import type { Definitions } from '../../types.js';

/** Arial's metrics (Liberation Sans on Linux); the server measures text with the same table (metrics.ts). */
export const FONT = 'Arial, Liberation Sans, Helvetica, sans-serif';

export const COLORS = {
  /** First country of the pair. */
  a: '#0072B2',
  /** Second country of the pair. */
  b: '#D55E00',
  other: '#9a9a9a',
  neutral: '#4d4d4d',
  over: '#B35806',
  under: '#542788',
  none: '#8c8c8c',
  grid: '#e6e6e6',
  text: '#222222',
};

export const CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'bold',
    labelColor: COLORS.text,
    titleColor: COLORS.text,
    gridColor: COLORS.grid,
    domainColor: '#888',
    tickColor: '#888',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, labelColor: COLORS.text, titleColor: COLORS.text, orient: 'bottom', direction: 'horizontal' },
  header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold' },
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555', color: COLORS.text, offset: 10 },
  text: { fontSize: 11, color: COLORS.text },
};

export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

export function interval(ci: [number, number], digits = 1): string {
  return `${(ci[0] * 100).toFixed(digits)}–${(ci[1] * 100).toFixed(digits)}%`;
}

export function signed(n: number, digits = 0): string {
  const text = n.toFixed(digits);
  return n > 0 ? `+${text}` : n === 0 ? text.replace(/^-/, '') : text;
}

export function fixed(n: number | null, digits = 2): string {
  return n === null || !Number.isFinite(n) ? '–' : n.toFixed(digits);
}

export function pValue(p: number | null): string {
  if (p === null) return '–';
  return p < 0.001 ? '<0.001' : p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}

export function pairLabel(pair: readonly [string, string]): string {
  return `${pair[0]}-${pair[1]}`;
}

const DEFINITION_TEXT: { [K in keyof Definitions]: Record<Definitions[K], string> } = {
  chinaScope: { mainland: 'CN is mainland China (HK, MO, TW counted separately)', greater: 'CN includes HK, MO and TW' },
  multinational: { lab: "a multinational's lab counts in the country where it is", hq: "a multinational's lab counts in its headquarters' country" },
  dualAffiliation: {
    count: 'an author affiliated in both countries links them',
    ignore: 'an author affiliated in both countries does not by themself link them',
  },
  affiliations: { all: 'every affiliation of an author counts', first: "only each author's first affiliation counts" },
  tracks: { all: 'all tracks', main: 'main track only' },
  authors: {
    all: "every author's affiliations count",
    first: "only the first author's affiliations count",
    last: "only the last author's affiliations count",
    'first-last': "only the first and the last author's affiliations count",
  },
  unlocated: {
    infer: 'a company named without a site is placed from the same run (same author or a co-author at a located site), else at its headquarters',
    hq: "a company named without a site counts in its headquarters' country",
    exclude: 'a company named without a site counts as unknown',
  },
  denominator: {
    located: 'shares are over papers with at least one located author',
    all: 'shares are over all papers, including those with no located author',
  },
  institutionLevel: {
    unit: 'institutions as resolved (institutes and labs separate)',
    parent: 'institutes and labs counted as their parent organisation',
    top: 'institutions counted as their root organisation',
  },
  contestedParents: { separate: 'contested parent links not followed', follow: 'contested parent links followed' },
};

/** Labels of the switchable definitions and their values, for tables and controls. */
export const DEFINITION_LABELS: { [K in keyof Definitions]: { label: string; values: Record<Definitions[K], string> } } = {
  chinaScope: { label: 'China scope', values: { mainland: 'mainland', greater: 'greater China' } },
  multinational: { label: 'Multinational labs', values: { lab: 'where the lab is', hq: "headquarters' country" } },
  dualAffiliation: { label: 'Dual affiliations', values: { count: 'link the countries', ignore: 'ignored' } },
  affiliations: { label: 'Affiliations', values: { all: 'all', first: 'first only' } },
  tracks: { label: 'Tracks', values: { all: 'all', main: 'main only' } },
  authors: { label: 'Authors', values: { all: 'all', first: 'first only', last: 'last only', 'first-last': 'first and last' } },
  unlocated: { label: 'Company without a site', values: { infer: 'inferred from the run', hq: 'headquarters', exclude: 'unknown' } },
  denominator: { label: 'Denominator', values: { located: 'papers with a located author', all: 'all papers' } },
  institutionLevel: { label: 'Institutions', values: { unit: 'units as resolved', parent: 'parent organisation', top: 'root organisation' } },
  contestedParents: { label: 'Contested parents', values: { separate: 'kept separate', follow: 'followed' } },
};

/** One definition's value spelled out: "CN includes HK, MO and TW". */
export function definitionText<K extends keyof Definitions>(key: K, value: Definitions[K]): string {
  return (DEFINITION_TEXT[key] as Record<string, string>)[value as string] ?? `${key}=${value}`;
}

/** The command-line flag that sets a definition: `--china-scope greater`. */
export function definitionFlag<K extends keyof Definitions>(key: K, value: Definitions[K]): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${value}`;
}

/** "Definitions: CN is mainland China (...); a multinational's lab counts ...; ...; all tracks." */
export function describeDefinitions(definitions: Definitions): string {
  // runs written before a definition existed do not record it: left out rather than guessed
  const parts = (Object.keys(DEFINITION_TEXT) as Array<keyof Definitions>).filter((key) => definitions[key] !== undefined).map(
    (key) => (DEFINITION_TEXT[key] as Record<string, string>)[definitions[key]] ?? `${key}=${definitions[key]}`,
  );
  return `Definitions: ${parts.join('; ')}.`;
}

/** "1 paper", "2 papers". */
export function papersText(n: number): string {
  return `${n} ${n === 1 ? 'paper' : 'papers'}`;
}

/** Country names as prose takes them: "the US", "the UK", "China"; the code when the name is not known. */
const COUNTRY_PROSE: Record<string, string> = {
  US: 'the US', GB: 'the UK', CN: 'China', HK: 'Hong Kong', MO: 'Macau', TW: 'Taiwan', NL: 'the Netherlands', AE: 'the UAE',
  CA: 'Canada', DE: 'Germany', FR: 'France', JP: 'Japan', KR: 'South Korea', SG: 'Singapore', IN: 'India', AU: 'Australia',
  CH: 'Switzerland', IL: 'Israel', IT: 'Italy', ES: 'Spain', SE: 'Sweden', RU: 'Russia', BR: 'Brazil',
};

export function countryProse(code: string): string {
  return COUNTRY_PROSE[code] ?? code;
}

/** "US-CN papers": papers with authors affiliated in both countries of the pair. */
export function pairPapersPhrase(pair: readonly [string, string]): string {
  return `papers with at least one author affiliated in ${countryProse(pair[0])} and one in ${countryProse(pair[1])}`;
}

/** A compact description of the data for subtitles: "NeurIPS 2013-2018". */
export function corpusLabel(venues: string[], years: number[]): string {
  const span = years.length === 0 ? '' : years[0] === years[years.length - 1] ? `${years[0]}` : `${years[0]}–${years[years.length - 1]}`;
  const venueText = venues.length === 0 ? 'no papers' : venues.length <= 3 ? venues.join(', ') : `${venues.length} venues`;
  return span ? `${venueText} ${span}` : venueText;
}
