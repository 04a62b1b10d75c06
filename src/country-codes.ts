// ISO 3166-1 alpha-2 codes as the command line, the API and the dashboard take them, with a hint for
// the usual near misses: UK (GB), EL (GR, the EU's code), alpha-3 codes (USA) and English names.
// the library without its 80 locale files (its main module loads them all): only English is registered, where used
import countries from 'i18n-iso-countries/index.js';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let localeLoaded = false;

function loadLocale(): void {
  if (localeLoaded) return;
  countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
  localeLoaded = true;
}

/** Codes people use that ISO 3166-1 gives to another (or to no) country. */
const NEAR_MISSES: Record<string, string> = { UK: 'GB', EL: 'GR', EN: 'GB' };

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** Null for a valid alpha-2 code; otherwise what is wrong, with "did you mean" when one is likely. */
export function countryCodeProblem(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (isCountryCode(code)) return null;
  loadLocale();
  const hint =
    NEAR_MISSES[code] ??
    (/^[A-Z]{3}$/.test(code) ? countries.alpha3ToAlpha2(code) : undefined) ??
    (text.trim().length > 3 ? countries.getAlpha2Code(text.trim(), 'en') : undefined);
  const shown = JSON.stringify(text.trim());
  return `${shown} is not an ISO 3166-1 alpha-2 country code${hint ? `; did you mean ${hint}?` : ''}`;
}
