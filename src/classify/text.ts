// Word tokens for term matching: lower case, split on anything but letters and digits, plural 's' dropped.

const WORD = /[a-z0-9]+/g;

/** "Large Language Models (LLMs)" -> ["large", "language", "model", "llm"]. */
export function tokenize(text: string): string[] {
  return wordsOf(text).map(normalizeToken);
}

/** Lower-case words before normalisation. */
export function wordsOf(text: string): string[] {
  return lowerText(text).match(WORD) ?? [];
}

/** The text the words are read from: lower case, accents dropped. Its words are the runs of [a-z0-9]. */
export function lowerText(text: string): string {
  return stripAccents(text.toLowerCase());
}

function stripAccents(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
}

/**
 * The singular of a plural word, by spelling alone: policies -> policy, boxes -> box, images -> image.
 * Applied to text and terms alike, so it only has to be consistent, not linguistically right.
 */
export function normalizeToken(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:xes|ches|shes|sses)$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.slice(0, -1);
}

/** Venue labels and track names compared as phrases: lower case, '&' as "and", punctuation to spaces. */
export function normalizeLabel(label: string): string {
  return stripAccents(label.toLowerCase())
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
