import { Option, type Command } from 'commander';
import { parsePair } from '../../definitions.js';
import { CollabscopeError } from '../../errors.js';
import { DEFAULT_DEFINITIONS, type Definitions } from '../../types.js';
import { parseYear } from '../options.js';
import { print } from '../print.js';

interface PapersFlags {
  pair?: string;
  field?: string;
  institution?: string;
  technology?: string;
  year?: string;
  country?: string;
  all?: boolean;
  format: 'table' | 'csv' | 'jsonl';
}

export function registerPapers(program: Command): void {
  program
    .command('papers')
    .summary('list the papers behind a number, each with the reason it counts')
    .description(
      'List the papers of an analyze run that make up a number of its output: the collaboration papers of ' +
        'the run\'s pair (or --pair), narrowed by field, institution, technology, year or country. Each line ' +
        'says which authors and institutions stand on each side, and whether the paper counts only through an ' +
        'author with institutions in both countries (a dual affiliation) or a company placed at its ' +
        'headquarters. The definitions are those the run was made with (summary.json). Ids are the ids ' +
        'that `collabscope explain` takes.',
    )
    .argument('[run-dir]', 'output directory of an analyze run', 'collabscope-out')
    .option('-p, --pair <a,b>', "the country pair (default: the run's pair)")
    .option('--field <field>', 'papers carrying this field (any of their fields, e.g. llm-nlp)')
    .option('--institution <name>', 'papers with this institution on a side of the pair (name or knowledge-base id; else a part of the name)')
    .option('--technology <name>', 'papers using this technology (id or name, e.g. llama)')
    .option('--year <yyyy>', 'papers of this year')
    .option('--country <code>', 'papers with an author affiliation in this country (with --all: any paper)')
    .option('--all', 'every in-scope paper matching the filters, not only the pair papers')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'jsonl']).default('table'))
    .action(async (runDir: string, flags: PapersFlags) => {
      const [{ readPapers, readSummary }, { selectPapers }, { formatSelected }] = await Promise.all([
        import('../../output.js'),
        import('../../analyze/select.js'),
        import('./papers-format.js'),
      ]);
      const summary = readSummary(runDir);
      const definitions = (summary.definitions as Definitions | undefined) ?? DEFAULT_DEFINITIONS;
      const runPair = Array.isArray(summary.pair) ? (summary.pair as [string, string]) : (['US', 'CN'] as [string, string]);
      const pair = flags.pair ? parsePair(flags.pair) : runPair;
      const country = flags.country?.trim().toUpperCase();
      if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw new CollabscopeError('E_BAD_ARGUMENT', `--country must be an ISO 3166-1 alpha-2 code like CN (got "${flags.country}")`);
      const selected = selectPapers(readPapers(runDir), definitions, {
        pair,
        pairOnly: !flags.all,
        field: flags.field,
        institution: flags.institution,
        technology: flags.technology,
        year: flags.year ? parseYear(flags.year) : undefined,
        country,
      });
      print(formatSelected(selected, flags.format, describeFilter(pair, flags)));
    });
}

function describeFilter(pair: [string, string], flags: PapersFlags): string {
  const parts = [flags.all ? 'in-scope papers' : `${pair.join('-')} papers`];
  if (flags.year) parts.push(`in ${flags.year}`);
  if (flags.field) parts.push(`with field ${flags.field}`);
  if (flags.institution) parts.push(`with ${flags.institution}`);
  if (flags.technology) parts.push(`using ${flags.technology}`);
  if (flags.country) parts.push(`with an author in ${flags.country.toUpperCase()}`);
  return parts.join(' ');
}
