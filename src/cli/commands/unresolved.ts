import type { Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { print } from '../print.js';

interface UnresolvedFlags {
  out: string;
  top: string;
  minConfidence: string;
  json?: boolean;
}

export function registerUnresolved(program: Command): void {
  program
    .command('unresolved')
    .summary('list the most frequent unresolved or low-confidence affiliation strings')
    .description(
      'Read DIR/papers.jsonl (written by collabscope analyze --out DIR) and list the affiliation strings ' +
        'that were not resolved to a country, or only with low confidence, most frequent first, with the ' +
        "resolver's reason. Add the institutions that matter to a knowledge-base file (see collabscope kb).",
    )
    .option('-o, --out <dir>', 'the output directory of an analyze run', 'collabscope-out')
    .option('--top <n>', 'how many strings to list', '50')
    .option('--min-confidence <x>', 'answers below this confidence are listed as low', '0.5')
    .option('--json', 'print the report as JSON')
    .action(async (flags: UnresolvedFlags) => {
      const top = Number(flags.top);
      const min = Number(flags.minConfidence);
      if (!Number.isInteger(top) || top < 1) throw new CollabscopeError('E_BAD_ARGUMENT', `--top must be a positive whole number (got "${flags.top}")`);
      if (!(min >= 0 && min <= 1)) throw new CollabscopeError('E_BAD_ARGUMENT', `--min-confidence must be between 0 and 1 (got "${flags.minConfidence}")`);
      const { renderUnresolved, unresolvedReport } = await import('../../evaluate/unresolved.js');
      const report = unresolvedReport(flags.out, { top, minConfidence: min });
      print(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderUnresolved(report)}\n`);
    });
}
