import type { Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { print } from '../print.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .summary('show how one paper was resolved, down to each affiliation string')
    .description(
      'Print, for one paper of an analyze run, every author, each raw affiliation string, the institution,\n' +
        'country and sector chosen, and the rule and evidence behind each; then its fields and technologies.\n' +
        'The id is the `id` of papers.jsonl (e.g. neurips2018:11201); a source id alone works when unique.',
    )
    .argument('<paper-id>', 'paper id from papers.jsonl')
    .option('-o, --out <dir>', 'output directory of an analyze run', 'collabscope-out')
    .option('--json', 'print the paper record as JSON')
    .action(async (id: string, flags: { out: string; json?: boolean }) => {
      const [{ readPapers }, { renderExplanation }] = await Promise.all([import('../../output.js'), import('../../report/explain.js')]);
      const paper = findPaper(readPapers(flags.out), id);
      print(flags.json ? `${JSON.stringify(paper, null, 2)}\n` : `${renderExplanation(paper)}\n`);
    });
}

function findPaper<T extends { id: string }>(papers: T[], id: string): T {
  const exact = papers.find((p) => p.id === id);
  if (exact) return exact;
  const bySourceId = papers.filter((p) => p.id.endsWith(`:${id}`));
  if (bySourceId.length === 1) return bySourceId[0];
  if (bySourceId.length > 1) {
    throw new CollabscopeError('E_NOT_FOUND', `paper id "${id}" is ambiguous: ${bySourceId.slice(0, 5).map((p) => p.id).join(', ')}`);
  }
  throw new CollabscopeError('E_NOT_FOUND', `no paper with id "${id}" in papers.jsonl`);
}
