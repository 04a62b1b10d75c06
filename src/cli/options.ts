// Flags shared by several commands: the switchable definitions and the country pair.
import { Option, type Command } from 'commander';
import { CollabscopeError } from '../errors.js';
import { DEFAULT_DEFINITIONS, DEFINITION_CHOICES, type Definitions } from '../types.js';

export type DefinitionFlags = { [K in keyof Definitions]: string };

/** Each definition's flag and help text; its choices and default come from DEFINITION_CHOICES and DEFAULT_DEFINITIONS. */
const DEFINITION_FLAGS: { readonly [K in keyof Definitions]: readonly [flag: string, help: string] } = {
  chinaScope: ['--china-scope <scope>', 'mainland: HK, MO, TW are their own countries; greater: folded into CN'],
  multinational: ['--multinational <policy>', "lab: a company's lab counts where it is; hq: in the headquarters' country"],
  dualAffiliation: ['--dual-affiliation <rule>', 'count: an author listing institutions in both countries links them; ignore: does not'],
  affiliations: ['--affiliations <which>', "all: every affiliation of an author; first: only each author's first"],
  tracks: ['--tracks <which>', 'all: every track; main: main track only (no workshops, D&B, demos)'],
  authors: ['--authors <whose>', "whose affiliations make a paper's countries: all, first, last, or first-last (a single author is both)"],
  unlocated: [
    '--unlocated <policy>',
    'a company named without a site: infer (from the same author or a co-author at a located site in the run, else hq), hq (headquarters), exclude (unknown)',
  ],
  denominator: ['--denominator <papers>', 'located: shares over papers with at least one located author; all: over every paper'],
  institutionLevel: [
    '--institution-level <level>',
    'unit: institutes and labs as resolved; parent: the organisation a unit is part of; top: the root organisation (subsidiaries into their group)',
  ],
  contestedParents: ['--contested-parents <policy>', 'separate: a contested parent link (a university run by an academy) is not followed; follow: it is'],
};

const DEFINITION_KEYS = Object.keys(DEFINITION_FLAGS) as Array<keyof Definitions>;

export function addDefinitionOptions(command: Command): Command {
  for (const key of DEFINITION_KEYS) {
    const [flag, help] = DEFINITION_FLAGS[key];
    command.addOption(new Option(flag, help).choices([...DEFINITION_CHOICES[key]]).default(DEFAULT_DEFINITIONS[key]));
  }
  return command;
}

/** The one --quiet of every command that draws progress bars or prints notes on stderr. */
export function addQuietOption(command: Command): Command {
  return command.option('-q, --quiet', 'no progress bars or notes on stderr (bars are drawn only when stderr is a terminal anyway)');
}

export function definitionsFrom(flags: DefinitionFlags): Definitions {
  return Object.fromEntries(DEFINITION_KEYS.map((key) => [key, flags[key]])) as unknown as Definitions;
}

export function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 1900 || year > 2100) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--year must be a four-digit year (got "${text}")`);
  }
  return year;
}
