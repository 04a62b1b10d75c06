// Whether an occurrence of a technology is a use or only a mention: negation ("does not use GANs"),
// comparison ("outperforms GPT-4") and prior-work ("existing Transformer-based methods fail") cues,
// from data/technologies/cues.json. Pure text rules; the paper uses a technology when any occurrence is a use.
import type { CueFile } from './schema.js';

export type Where = 'title' | 'abstract' | 'keywords' | 'fulltext';

export interface UseVerdict {
  use: 'used' | 'mentioned';
  /** For a mention, the kind of cue and the text that triggered it. */
  cue?: string;
}

interface CompiledCue {
  regex: RegExp;
  kind: 'negation' | 'comparison' | 'prior work';
}

export interface UseJudge {
  /** The verdict for the occurrence text[start, end) in a section. */
  judge(where: Where, text: string, start: number, end: number): UseVerdict;
}

const USED: UseVerdict = { use: 'used' };
const KEYWORD_ONLY: UseVerdict = { use: 'mentioned', cue: 'keywords only: a topic, not a use' };

export function createUseJudge(file: CueFile): UseJudge {
  const before: CompiledCue[] = [
    ...file.negation.map((c) => ({ regex: new RegExp(`(?:${c.regex})`, 'i'), kind: 'negation' as const })),
    ...file.comparison.map((c) => ({ regex: new RegExp(`(?:${c.regex})`, 'i'), kind: 'comparison' as const })),
  ];
  const priorWork = file.priorWork.map((c) => ({ regex: new RegExp(c.regex, 'gi'), before: c.before ?? false }));
  const firstPerson = new RegExp(file.firstPerson, 'i');
  const breaks = new RegExp(file.breaks, 'i');
  const negationOnly = before.filter((c) => c.kind === 'negation');

  const cueBefore = (cues: CompiledCue[], sentence: string, offset: number): UseVerdict | null => {
    const lead = sentence.slice(Math.max(0, offset - file.window), offset);
    for (const cue of cues) {
      const m = cue.regex.exec(lead);
      if (!m) continue;
      // the cue's own words end where the stretch up to the occurrence starts
      const stretch = lead.slice((m.index ?? 0) + cueHead(m[0]).length);
      if (breaks.test(stretch)) continue;
      return { use: 'mentioned', cue: `${cue.kind}: ${cueHead(m[0]).trim()}` };
    }
    return null;
  };

  return {
    judge(where, text, start, end) {
      // keywords name topics (often the venue's own subject areas: "generative models, GANs"), not what a paper uses
      if (where === 'keywords') return KEYWORD_ONLY;
      const { sentence, offset } = sentenceAround(text, start, end);
      if (where === 'title') return cueBefore(negationOnly, sentence, offset) ?? USED;
      const local = cueBefore(before, sentence, offset);
      if (local) return local;
      if (!firstPerson.test(sentence)) {
        for (const { regex, before } of priorWork) {
          const m = [...sentence.matchAll(regex)].find((found) => !before || (found.index ?? 0) < offset);
          if (m) return { use: 'mentioned', cue: `prior work: ${m[0]}` };
        }
      }
      return USED;
    },
  };
}

/** The cue word(s) of a match that runs on to the end of the lead ("outperforms strong models like " -> "outperforms"). */
function cueHead(match: string): string {
  const head = /^\s*[\w-]+(?:\s+(?:not|than|to|with|by|against|over|on|of|for|the need for|such as|like|including))?/i.exec(match);
  return head ? head[0] : match;
}

/** The sentence holding text[start, end) and where the occurrence starts in it. */
export function sentenceAround(text: string, start: number, end: number): { sentence: string; offset: number } {
  const boundary = /[.!?](?=\s+[A-Z(])|\n/g;
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(boundary)) {
    const at = m.index ?? 0;
    if (at < start) from = at + 1;
    else if (at >= end) {
      to = at + 1;
      break;
    }
  }
  return { sentence: text.slice(from, to), offset: start - from };
}
