// Free text from a language model (an institution's name) is data, never trusted: it must be short,
// printable, free of markup and of text addressed to a model or a browser, before it is cached,
// counted or shown.

export const MAX_MODEL_TEXT = 200;

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const MARKUP = /[<>`]|\{\{|\}\}|\[[^\]]*\]\([^)]*\)|&#?\w+;/;
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/|\bjavascript:|\bdata:/i;
const INJECTION = [
  /\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(instructions?|prompts?|rules|above|previous|prior)\b/i,
  /\bsystem\s+prompt\b/i,
  /\byou\s+are\s+(now\s+)?(an?\s+)?(ai|assistant|chatgpt|language model)\b/i,
  /\b(assistant|system|user)\s*:/i,
  /\bon(error|load|click|mouseover)\s*=/i,
];

/** Why a model's text is refused, or null when it may be used. */
export function modelTextProblem(text: string, maxLength = MAX_MODEL_TEXT): string | null {
  if (text.trim() === '') return 'empty';
  if (text.length > maxLength) return `longer than ${maxLength} characters`;
  if (CONTROL.test(text)) return 'contains control or invisible formatting characters';
  if (MARKUP.test(text)) return 'contains markup';
  if (URL_LIKE.test(text)) return 'contains a URL';
  if (INJECTION.some((pattern) => pattern.test(text))) return 'reads like instructions, not a name';
  if (!/\p{L}/u.test(text)) return 'has no letters';
  return null;
}
