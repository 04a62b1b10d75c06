// The rules for one affiliation text, in order: known names (aliases, acronyms, spaceless forms),
// then approximate names, then an institution-looking phrase or a place in the text, then the e-mail
// domain; otherwise unresolved with the reason. Every answer carries its evidence.
import type { Affiliation } from '../types.js';
import { cleanText, tokenize, type Token } from './normalize.js';
import { namesNoInstitution } from './word-lists.js';
import { domainLabelAffiliation, domainLabelRecord, respeltShortForm, SHORT_FORM_CONFIDENCE, shortFormAffiliation, shortFormRecord } from './short-form.js';
import { wordOrderMention } from './word-order.js';
import { plausibleCorrection, respellOneWord, swapUniversityOrder, touches } from './name-rewrites.js';
import { fromMentions } from './from-mentions.js';
import { fromContext, fromEmailDomain, noInstitution } from './from-context.js';
import { CONFIDENCE, type TextResolverParts } from './text-parts.js';
import { placeByLegalForm } from './legal-form.js';

/** A text that is only an e-mail address or a web domain ("someone@cs.example.ac.uk", "lab.example.cn"). */
const ADDRESS_ONLY = /^\s*(?:[\w.+-]+@)?((?:[a-z0-9-]+\.)+[a-z]{2,})\s*$/i;

export function resolveText(parts: TextResolverParts, raw: string, emailDomain: string | null): Affiliation[] {
  const address = ADDRESS_ONLY.exec(raw);
  if (address && /[@]|\.(?:[a-z]{2}|edu|org|com|net|gov)$/i.test(raw.trim())) {
    const domain = address[1].toLowerCase();
    const byDomain = fromEmailDomain(parts, raw, domain, `the text is an address (${domain}), not a name`);
    if (byDomain) return [byDomain];
  }
  const cleaned = cleanText(raw);
  let tokens = tokenize(cleaned);
  if (!tokens.some(hasLetter)) {
    return [noInstitution(parts, raw, emailDomain, 'the text is empty or has no words')];
  }
  const normText = tokens.map((t) => t.norm).join(' ');
  if (namesNoInstitution(normText)) {
    return [noInstitution(parts, raw, emailDomain, `'${cleaned}' names no institution`)];
  }
  let starts = parts.lexicon.startsOf(tokens);
  let mentions = parts.names.findMentions(tokens, starts.names);
  let fuzzyChanged: Set<number> | null = null;
  // typos corrected ("Obsrvatory"): used to name a known institution, else to read head words
  let corrected: { tokens: Token[]; changed: Set<number> } | null = null;
  if (mentions.length === 0) {
    const fixed = (corrected = parts.fuzzy().correctTokens(tokens));
    if (fixed.changed.size > 0) {
      mentions = parts.names.findMentions(fixed.tokens).filter((m) => plausibleCorrection(m, fixed.changed));
      if (mentions.length) fuzzyChanged = fixed.changed;
    }
  }
  if (mentions.length === 0) {
    // "University of Middlesex" for "Middlesex University", and the other way round
    const swapped = swapUniversityOrder(tokens);
    if (swapped) {
      const found = parts.names.findMentions(swapped.tokens).filter((m) => m.via === 'alias' && touches(m, swapped.changed));
      if (found.length) {
        mentions = found;
        fuzzyChanged = swapped.changed;
        tokens = swapped.tokens;
        starts = parts.lexicon.startsOf(tokens);
      }
    }
  }
  if (mentions.length === 0) {
    const respelt = respellOneWord(parts, tokens);
    if (respelt) {
      mentions = respelt.mentions;
      fuzzyChanged = respelt.changed;
      tokens = respelt.tokens;
      starts = parts.lexicon.startsOf(tokens);
    }
  }
  if (mentions.length === 0) {
    const short = shortFormRecord(parts.names, tokens);
    if (short) return [shortFormAffiliation(raw, short)];
    const respeltShort = tokens.length === 1 ? respeltShortForm(parts.names, parts.fuzzy(), (key) => parts.places.byKey.has(key), raw, tokens[0], CONFIDENCE.fuzzy) : null;
    if (respeltShort) return [respeltShort];
    const label = domainLabelRecord(parts.names, tokens);
    if (label) return [domainLabelAffiliation(raw, label)];
    const lone = parts.loneForms.resolve(raw, tokens);
    if (lone) return [lone];
  }
  if (mentions.length === 0) {
    const reordered = wordOrderMention(parts.names, tokens);
    if (reordered) mentions = [reordered];
  }
  // "Zorbex Inc" for the curated "Zorbex Ltd": a company found through its legal form
  const formed = mentions.length === 0 ? parts.loneForms.companyByLegalForm(cleaned, tokens) : null;
  if (formed) mentions = [formed.mention];
  if (mentions.length) mentions = parts.units.merge(tokens, mentions);
  const places = parts.places.find(tokens, starts.places);
  if (formed) return fromMentions(parts, raw, tokens, normText, mentions, places, emailDomain, null).map((a) => withEvidence(a, formed.evidence));
  if (mentions.length) return fromMentions(parts, raw, tokens, normText, mentions, places, emailDomain, fuzzyChanged);
  // head words read through corrected typos ("Zorbian Obsrvatory of Athens" is an institution-looking phrase)
  const read = corrected && corrected.changed.size > 0 && corrected.tokens.length === tokens.length ? corrected.tokens : tokens;
  // an unknown name left without a country: its legal form may belong to one jurisdiction (ISO 20275)
  return fromContext(parts, raw, cleaned, tokens, places, emailDomain, read).map(placeByLegalForm);
}

/** A name found through its legal form: one more line of evidence after the name's, at most a short form's confidence. */
function withEvidence(a: Affiliation, line: string): Affiliation {
  return { ...a, confidence: Math.min(a.confidence, SHORT_FORM_CONFIDENCE), evidence: [...a.evidence.slice(0, 1), line, ...a.evidence.slice(1)] };
}

const LETTER = /\p{L}/u;
function hasLetter(token: Token): boolean {
  return LETTER.test(token.norm);
}
