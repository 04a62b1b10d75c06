// Each word's facts from both indexes (does a name or a place start with it?), remembered by the word as
// written. The same few thousand words make up most affiliations, and a look-up in the big index maps
// costs a cache miss: one look-up here per token replaces four or five there.
import type { Token } from './normalize.js';
import type { NameIndex, NameStart } from './name-index.js';
import type { Gazetteer, PlaceStart } from './places.js';

interface WordStarts {
  /** The normal form the facts were looked up under (a word's normal form can depend on its neighbours). */
  norm: string;
  name: NameStart;
  place: PlaceStart;
}

export interface TokenStarts {
  names: NameStart[];
  places: PlaceStart[];
}

const MAX_WORDS = 200_000;

export class Lexicon {
  private readonly words = new Map<string, WordStarts>();

  constructor(
    private readonly names: NameIndex,
    private readonly places: Gazetteer,
  ) {}

  startsOf(tokens: Token[]): TokenStarts {
    const names: NameStart[] = [];
    const places: PlaceStart[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const word = this.wordOf(tokens[i]);
      names.push(word.name);
      places.push(word.place);
    }
    return { names, places };
  }

  private wordOf(token: Token): WordStarts {
    const known = this.words.get(token.surface);
    if (known && known.norm === token.norm) return known;
    const word = { norm: token.norm, name: this.names.startOf(token), place: this.places.startOf(token) };
    if (!known) {
      if (this.words.size >= MAX_WORDS) this.words.clear();
      this.words.set(token.surface, word);
    }
    return word;
  }
}
