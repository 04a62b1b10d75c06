// How `collabscope papers` prints the selected papers (table, CSV, JSONL); loaded when the command runs.
import { stringify } from 'csv-stringify/sync';
import { describeSides, reasonKind, reasonSentence } from '../../analyze/reason.js';
import type { SelectedPaper } from '../../analyze/select.js';

export function formatSelected(selected: SelectedPaper[], format: 'table' | 'csv' | 'jsonl', what: string): string {
  if (format === 'jsonl') {
    return selected.map((s) => `${JSON.stringify(record(s))}\n`).join('');
  }
  const rows = selected.map((s) => [s.paper.id, String(s.paper.year), reasonKind(s.reason), describeSides(s.reason), s.paper.title]);
  const header = ['id', 'year', 'how it counts', 'authors and institutions on each side', 'title'];
  if (format === 'csv') return stringify([header, ...rows]);
  const count = `${selected.length} ${selected.length === 1 ? 'paper' : 'papers'}: ${what}`;
  if (selected.length === 0) return `${count}\n`;
  const lines = rows.map((r) => `${r[0]}  ${r[1]}  [${r[2]}]  ${r[3]}  -- ${r[4]}`);
  return `${lines.join('\n')}\n${count}\n`;
}

function record({ paper, reason }: SelectedPaper) {
  return {
    id: paper.id,
    venue: paper.venue,
    year: paper.year,
    title: paper.title,
    counts: reason.counts,
    how: reasonKind(reason),
    sides: Object.fromEntries(reason.pair.map((country, s) => [country, reason.sides[s]])),
    onlyThroughDual: reason.onlyThroughDual,
    onlyThroughHeadquarters: reason.onlyThroughHeadquarters,
    onlyThroughUnattributed: reason.onlyThroughUnattributed,
    reason: reasonSentence(reason),
  };
}
