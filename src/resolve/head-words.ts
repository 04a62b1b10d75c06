// Institution head words ("University", "Universität", "Institute", "Hospital", ...) in the languages seen
// in affiliations, as normal forms: what makes a phrase look like an institution's name (segment.ts), and
// what a city named right after makes that institution's seat ("Université de <City>", places.ts).
import type { Token } from './normalize.js';

/** Words that make a phrase look like an institution's name, in any of the languages seen in affiliations. */
export const HEAD_WORDS = new Set([
  'university', 'universitat', 'universite', 'universidad', 'universita', 'universiteit', 'universitet', 'uniwersytet',
  'universidade', 'univerzita', 'universiti', 'universitas', 'egyetem', 'yliopisto', 'institute', 'institut',
  'instituto', 'istituto', 'college', 'academy', 'academia', 'akademie', 'polytechnic', 'politecnico',
  'polytechnique', 'hochschule', 'fachhochschule', 'ecole', 'scuola', 'hospital', 'clinic', 'laboratory', 'inc',
  'corporation', 'ltd', 'limited', 'gmbh', 'ag', 'company', 'technology', 'research', 'foundation', 'center', 'agency',
  'council', 'ministry', 'llc', 'plc', 'srl', 'bv', 'sa', 'group', 'ai', 'labs', 'museum', 'observatory', 'consortium',
  'universitatea', 'universitesi', 'universitet', 'univerzitet', 'univerza', 'sveuciliste', 'politechnika', 'politeknik',
  'ammattikorkeakoulu', 'korkeakoulu', 'hogskola', 'hogskolan', 'daigaku', 'faculdade', 'escuela', 'escola', 'universiti',
  'instytut', 'uczelnia', 'hochschule', 'fakultas', 'centro', 'centre', 'laboratoire', 'laboratorio', 'ospedale', 'hopital',
  'school', 'klinik', 'klinikum', 'universitatsklinikum', 'trust',
]);

/** Head words of bodies named after their seat ("University of X", "Universität X", "X" a town). */
const SEAT_HEADS = new Set([
  'university', 'universitat', 'universite', 'universidad', 'universita', 'universiteit', 'universitet', 'uniwersytet',
  'universidade', 'univerzita', 'universiti', 'universitas', 'universitatea', 'univerzitet', 'univerza', 'sveuciliste',
  'college', 'polytechnic', 'politecnico', 'politechnika', 'polytechnique', 'hochschule', 'fachhochschule', 'ecole',
  'escuela', 'escola', 'hospital', 'hopital', 'ospedale', 'klinikum', 'universitatsklinikum', 'yliopisto', 'egyetem',
]);

/** Words between a head word and its seat's name: "of", "de", "di", "zu"... */
const SEAT_LINKS = new Set(['of', 'de', 'di', 'du', 'des', 'der', 'do', 'da', 'degli', 'della', 'del', 'zu', 'w', 'v', 've', 'u']);

/** Whether a normal form is a head word of bodies named after their seat or their own name (University, Universidad, College...). */
export function isSeatHead(norm: string): boolean {
  return SEAT_HEADS.has(norm);
}

/** Whether the word at `i` directly follows a seat head word, in the same segment ("Université de Bouira", "Univ Krems"). */
export function followsSeatHead(tokens: Token[], i: number, isBreak: (gap: string) => boolean): boolean {
  let j = i - 1;
  if (j >= 0 && SEAT_LINKS.has(tokens[j].norm) && !isBreak(tokens[j + 1].gapBefore)) j--;
  return j >= 0 && j < i && !isBreak(tokens[j + 1].gapBefore) && SEAT_HEADS.has(tokens[j].norm);
}
