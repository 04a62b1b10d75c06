// What the rules for one affiliation text share: the parts they read (indexes, gazetteer, tables), how
// sure each rule is, and the notes kept beside an affiliation for the author-level rules.
import type { Affiliation } from '../types.js';
import type { Gazetteer } from './places.js';
import type { NameIndex } from './name-index.js';
import type { FuzzyCorrector } from './fuzzy.js';
import type { InstRecord } from './records.js';
import type { Lexicon } from './lexicon.js';
import type { UnitIndex } from './units.js';
import type { LoneForms } from './lone-forms.js';

/** How sure each rule is. */
export const CONFIDENCE = {
  alias: 0.95,
  aliasBulk: 0.85,
  acronym: 0.9,
  compact: 0.85,
  fuzzy: 0.7,
  byPrior: 0.6,
  labLocated: 0.9,
  hqDefault: 0.6,
  patternCountry: 0.75,
  patternCity: 0.6,
  place: 0.55,
  placeNoInstitution: 0.4,
  domainInstitution: 0.75,
  domainCountry: 0.45,
  authorContext: 0.6,
  campusAbroad: 0.7,
  convention: 0.5,
} as const;

export interface TextResolverParts {
  names: NameIndex;
  places: Gazetteer;
  records: Map<string, InstRecord>;
  fuzzy: () => FuzzyCorrector;
  /** What a multinational named without a location gets: its headquarters' country, or nothing. */
  unlocatedMultinational: 'hq' | 'none';
  /** Region words that place a multinational's lab only ("NEC Labs America"). */
  labLocations: Map<string, string>;
  /** Each word's facts from both indexes, remembered. */
  lexicon: Lexicon;
  /** Units named beside their parent ("Institute of Automation, CAS"). */
  units: UnitIndex;
  /** Loosely written short texts ("ustc", "Uni Potsdam"). */
  loneForms: LoneForms;
}

/** Internal extra facts kept beside an affiliation for the author-level rules. */
export interface ResolutionNote {
  /** Other institutions the name could have meant, when a prior decided. */
  alternatives: InstRecord[];
  /** The text names no institution at all (only departments, places or nothing). */
  namesNoInstitution: boolean;
}

/** Notes on the affiliations that have something to note; none means no alternatives and an institution named. */
export const notes = new WeakMap<Affiliation, ResolutionNote>();

export function note(affiliation: Affiliation, alternatives: InstRecord[], namesNoInstitution: boolean): void {
  if (alternatives.length > 0 || namesNoInstitution) notes.set(affiliation, { alternatives, namesNoInstitution });
}
