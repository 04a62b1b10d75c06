import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { parsePair } from '../../definitions.js';
import { addQuietOption, parseYear } from '../options.js';
import { addLlmEndpointOptions, llmOptionsFrom, type LlmFlags } from '../llm-options.js';
import { print } from '../print.js';

interface EvalFlags extends LlmFlags {
  quiet?: boolean;
  email: boolean;
  json?: boolean;
  pair: string;
  sample: string;
  disagreements?: string;
  kb?: string[];
  gold?: string[];
  fields?: string;
  venue?: string;
  year?: string;
  errors?: string;
}

export function registerEval(program: Command): void {
  const command = program
    .command('eval')
    .summary("compare resolved countries with Paper Copilot's own labels (or gold strings, or labelled fields)")
    .description(
      "Resolve the affiliations of Paper Copilot paper lists and compare each paper's set of countries " +
        "with Paper Copilot's own labels (aff_country_unique / aff_country_unique_index), folding HK, MO and " +
        'TW into CN as those labels do and skipping papers with unlabelled authors. Prints the agreement ' +
        '(share of papers with the same country set), precision/recall/F1 of the --pair collaboration, and ' +
        'how many affiliation strings stayed unresolved. The labels are read here only; the resolver never sees them. ' +
        'With --gold, scores affiliation strings against a gold country instead (coverage, exact, per country, ' +
        'confusions). With --fields, scores papers\' primary research fields against your hand labels (the paper ' +
        'lists given are where labelled file+index items are read), for the classifier and, with --llm, the model.',
    )
    .argument('[paper-list...]', 'Paper Copilot JSON files (e.g. nips2018.json)')
    .option('--gold <tsv...>', 'instead: string-level gold sets (affiliation<TAB>country with a header): coverage, exact, per country, confusions')
    .option(
      '--fields <labels.json>',
      'instead: primary-field accuracy against hand-labelled papers (items with primaryField and secondField, each a title with abstract and keywords, or a file and index into the paper lists given); with --llm also the model\'s',
    )
    .option('--venue <name>', 'with --fields: venue name for every paper list given (instead of the file name)')
    .option('--year <yyyy>', 'with --fields: year for every paper list given (instead of the file name)')
    .option('--errors <file>', 'with --gold: write every error (gold vs predicted, institution, method, reason) to this TSV file')
    .option('--no-email', 'ignore aff_domain/email: resolve from the affiliation strings alone')
    .option('-p, --pair <a,b>', 'the collaboration to score, two ISO 3166-1 alpha-2 codes', 'US,CN')
    .option('--sample <n>', 'how many disagreements to list (in the text, --json and --disagreements output)', '20')
    .option('--disagreements <file>', 'write the sampled disagreements (ours vs labels, per affiliation) to this JSON file')
    .option('--kb <dir...>', 'institution folders to load besides the curated base (default: $COLLABSCOPE_HOME/kb)')
    .option('--json', 'print the metrics as JSON');
  addQuietOption(command);
  addLlmEndpointOptions(command);
  command.action(async (files: string[], flags: EvalFlags) => {
      const { terminalProgress } = await import('../progress.js');
      if (flags.gold && flags.fields) throw new CollabscopeError('E_BAD_ARGUMENT', 'eval takes --gold or --fields, not both');
      if ((flags.venue || flags.year) && !flags.fields) throw new CollabscopeError('E_BAD_ARGUMENT', '--venue and --year go with --fields (Paper Copilot lists and gold sets carry their own)');
      if (flags.gold) {
        const { evaluateGold, goldErrorsTsv, renderGold } = await import('../../evaluate/gold.js');
        if (files.length > 0) throw new CollabscopeError('E_BAD_ARGUMENT', 'eval takes either Paper Copilot lists or --gold files, not both');
        const gold = evaluateGold(flags.gold, { resolverOptions: flags.kb ? { kbDirs: flags.kb } : {}, progress: terminalProgress(process.stderr, { quiet: flags.quiet }) });
        if (flags.errors) writeFileSync(flags.errors, goldErrorsTsv(gold.errors));
        const { errors, ...summary } = gold;
        print(flags.json ? `${JSON.stringify({ ...summary, errors: errors.length }, null, 2)}\n` : `${renderGold(gold)}\n`);
        return;
      }
      if (flags.fields) {
        const notHere = (['errors', 'disagreements', 'pair', 'sample', 'kb'] as const).filter((name) => command.getOptionValueSource(name) === 'cli');
        if (notHere.length) throw new CollabscopeError('E_BAD_ARGUMENT', `--${notHere[0]} does not go with --fields (it scores research fields, not countries)`);
        const { evaluateFields, renderFieldsEval } = await import('../../evaluate/fields.js');
        const source = { venue: flags.venue, year: flags.year ? parseYear(flags.year) : undefined };
        const result = await evaluateFields(flags.fields, files, flags.llm ? llmOptionsFrom(flags) : undefined, source);
        print(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderFieldsEval(result)}\n`);
        return;
      }
      if (flags.errors) throw new CollabscopeError('E_BAD_ARGUMENT', '--errors goes with --gold (use --disagreements for paper lists)');
      if (files.length === 0) throw new CollabscopeError('E_BAD_ARGUMENT', 'eval needs Paper Copilot files or --gold TSV files');
      const sample = Number(flags.sample);
      if (!Number.isInteger(sample) || sample < 0) throw new CollabscopeError('E_BAD_ARGUMENT', `--sample must be a whole number (got "${flags.sample}")`);
      const options = {
        noEmail: !flags.email,
        pair: parsePair(flags.pair),
        sampleSize: sample,
        resolverOptions: flags.kb ? { kbDirs: flags.kb } : {},
        progress: terminalProgress(process.stderr, { quiet: flags.quiet }),
      };
      if (flags.llm) {
        const { evaluateWithLlm, renderLlmEval } = await import('../../evaluate/llm.js');
        const result = await evaluateWithLlm(files, options, llmOptionsFrom(flags));
        if (flags.disagreements) writeFileSync(flags.disagreements, `${JSON.stringify(result.withLlm.disagreements, null, 2)}\n`);
        print(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderLlmEval(result)}\n`);
        return;
      }
      const { evaluateFiles, renderEval } = await import('../../evaluate/eval.js');
      const metrics = evaluateFiles(files, options);
      if (flags.disagreements) writeFileSync(flags.disagreements, `${JSON.stringify(metrics.disagreements, null, 2)}\n`);
      print(flags.json ? `${JSON.stringify(metrics, null, 2)}\n` : `${renderEval(metrics)}\n`);
    });
}
