import type { Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { DEFAULT_DEFINITIONS, type Definitions } from '../../types.js';
import { print } from '../print.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .summary('show how one paper was resolved, down to each affiliation string')
    .description(
      'Print, for one paper of an analyze run, every author, each raw affiliation string, the institution, ' +
        'country and sector chosen, and the rule and evidence behind each; then its fields and technologies. ' +
        'The id is the `id` of papers.jsonl (e.g. neurips2018:11201); a source id alone works when unique.',
    )
    .argument('<paper-id>', 'paper id from papers.jsonl')
    .option('-o, --out <dir>', 'output directory of an analyze run', 'collabscope-out')
    .option('--json', 'print the paper record as JSON')
    .action(async (id: string, flags: { out: string; json?: boolean }) => {
      const [{ readPapers, readSummary }, { renderExplanation }, { pairReason, reasonSentence }] = await Promise.all([
        import('../../output.js'),
        import('../../report/explain.js'),
        import('../../analyze/reason.js'),
      ]);
      const paper = findPaper(readPapers(flags.out), id);
      if (flags.json) {
        print(`${JSON.stringify(paper, null, 2)}\n`);
        return;
      }
      const summary = readSummary(flags.out);
      const definitions = (summary.definitions as Definitions | undefined) ?? DEFAULT_DEFINITIONS;
      const pair = Array.isArray(summary.pair) ? (summary.pair as [string, string]) : (['US', 'CN'] as [string, string]);
      print(`${reasonSentence(pairReason(paper, pair, definitions))}\n\n${renderExplanation(paper)}\n`);
    });
}

function findPaper<T extends { id: string; source: { file: string; index: number } }>(papers: T[], id: string): T {
  const exact = papers.find((p) => p.id === id);
  if (exact) return exact;
  // A source id alone, or the `file#index` position of a record in its source file.
  const bySourceId = papers.filter((p) => p.id.endsWith(`:${id}`) || `${p.source.file}#${p.source.index}` === id);
  if (bySourceId.length === 1) return bySourceId[0];
  if (bySourceId.length > 1) {
    throw new CollabscopeError('E_NOT_FOUND', `paper id "${id}" is ambiguous: ${bySourceId.slice(0, 5).map((p) => p.id).join(', ')}`);
  }
  throw new CollabscopeError('E_NOT_FOUND', `no paper with id "${id}" in papers.jsonl`);
}
