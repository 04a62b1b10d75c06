// Flags shared by several commands: the switchable definitions and the country pair.
import { Option, type Command } from 'commander';
import { CollabscopeError } from '../errors.js';
import { DEFAULT_DEFINITIONS, DEFINITION_CHOICES, type Definitions } from '../types.js';

export interface DefinitionFlags {
  chinaScope: string;
  multinational: string;
  dualAffiliation: string;
  affiliations: string;
  tracks: string;
  authors: string;
  unlocated: string;
  denominator: string;
  institutionLevel: string;
  contestedParents: string;
}

export function addDefinitionOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--china-scope <scope>', 'mainland: HK, MO, TW are their own countries; greater: folded into CN')
        .choices(['mainland', 'greater'])
        .default(DEFAULT_DEFINITIONS.chinaScope),
    )
    .addOption(
      new Option('--multinational <policy>', "lab: a company's lab counts where it is; hq: in the headquarters' country")
        .choices(['lab', 'hq'])
        .default(DEFAULT_DEFINITIONS.multinational),
    )
    .addOption(
      new Option('--dual-affiliation <rule>', 'count: an author listing institutions in both countries links them; ignore: does not')
        .choices(['count', 'ignore'])
        .default(DEFAULT_DEFINITIONS.dualAffiliation),
    )
    .addOption(
      new Option('--affiliations <which>', "all: every affiliation of an author; first: only each author's first")
        .choices(['all', 'first'])
        .default(DEFAULT_DEFINITIONS.affiliations),
    )
    .addOption(
      new Option('--tracks <which>', 'all: every track; main: main track only (no workshops, D&B, demos)')
        .choices(['all', 'main'])
        .default(DEFAULT_DEFINITIONS.tracks),
    )
    .addOption(
      new Option('--authors <whose>', "whose affiliations make a paper's countries: all, first, last, or first-last (a single author is both)")
        .choices([...DEFINITION_CHOICES.authors])
        .default(DEFAULT_DEFINITIONS.authors),
    )
    .addOption(
      new Option(
        '--unlocated <policy>',
        'a company named without a site: infer (from the same author or a co-author at a located site in the run, else hq), hq (headquarters), exclude (unknown)',
      )
        .choices([...DEFINITION_CHOICES.unlocated])
        .default(DEFAULT_DEFINITIONS.unlocated),
    )
    .addOption(
      new Option('--denominator <papers>', 'located: shares over papers with at least one located author; all: over every paper')
        .choices([...DEFINITION_CHOICES.denominator])
        .default(DEFAULT_DEFINITIONS.denominator),
    )
    .addOption(
      new Option('--institution-level <level>', 'unit: institutes and labs as resolved; parent: the organisation a unit is part of; top: the root organisation (subsidiaries into their group)')
        .choices(['unit', 'parent', 'top'])
        .default(DEFAULT_DEFINITIONS.institutionLevel),
    )
    .addOption(
      new Option('--contested-parents <policy>', 'separate: a contested parent link (a university run by an academy) is not followed; follow: it is')
        .choices(['separate', 'follow'])
        .default(DEFAULT_DEFINITIONS.contestedParents),
    );
}

export function definitionsFrom(flags: DefinitionFlags): Definitions {
  return {
    chinaScope: flags.chinaScope as Definitions['chinaScope'],
    multinational: flags.multinational as Definitions['multinational'],
    dualAffiliation: flags.dualAffiliation as Definitions['dualAffiliation'],
    affiliations: flags.affiliations as Definitions['affiliations'],
    tracks: flags.tracks as Definitions['tracks'],
    authors: flags.authors as Definitions['authors'],
    unlocated: flags.unlocated as Definitions['unlocated'],
    denominator: flags.denominator as Definitions['denominator'],
    institutionLevel: flags.institutionLevel as Definitions['institutionLevel'],
    contestedParents: flags.contestedParents as Definitions['contestedParents'],
  };
}

export function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 1900 || year > 2100) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--year must be a four-digit year (got "${text}")`);
  }
  return year;
}
