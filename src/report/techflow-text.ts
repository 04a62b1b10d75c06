// The technology flow as a terminal table: one row per tracked technology (zeros included), with the
// papers using it and those among them with authors in each country of the pair, so that "papers
// with CN authors using Llama" and "papers with US authors using Qwen" are read in one place.
import type { TechFlowSummary } from '../classify/techflow.js';
import { percent, textTable, type Cell } from './text-table.js';

/** Long organisation names are cut so that the table stays within 120 columns. */
const ORGANIZATION_WIDTH = 30;

const papersText = (n: number) => `${n} ${n === 1 ? 'paper' : 'papers'}`;
const clip = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

export function renderTechFlowText(techFlow: TechFlowSummary, pair: readonly [string, string]): string {
  const [a, b] = pair;
  const names = new Map(techFlow.technologies.map((t) => [t.id, t.name]));
  const counted = techFlow.count === 'used' ? 'using' : 'using or mentioning';
  const rows: Cell[][] = techFlow.technologies.map((t) => [
    t.derivedFrom ? `${t.name} (from ${names.get(t.derivedFrom) ?? t.derivedFrom})` : t.name,
    `${clip(t.origin.organization, ORGANIZATION_WIDTH)}, ${t.origin.country}`,
    t.papers,
    t.papersByCountry[a] ?? 0,
    t.papersByCountry[b] ?? 0,
    techFlow.count === 'used' ? t.mentionedOnly : '-',
  ]);
  const flow = (from: string, to: string) => techFlow.flows.find((f) => f.from === from && f.to === to)?.papers ?? 0;
  const share = techFlow.papers ? techFlow.papersWithAbstract / techFlow.papers : 0;
  const lines = [
    textTable(
      `Technology flow: papers ${counted} each tracked technology (--tech ${techFlow.count}), and those with authors in ${a} and in ${b}`,
      ['technology', 'released by', 'papers', `with ${a} authors`, `with ${b} authors`, 'mentioned only'],
      rows,
    ),
    `across the border: ${papersText(flow(a, b))} with ${b} authors use a technology from ${a}; ${papersText(flow(b, a))} with ${a} authors use one from ${b}.`,
    `papers with an abstract: ${techFlow.papersWithAbstract} of ${techFlow.papers} (${percent(share)}); technologies are read from titles, abstracts and keywords.`,
  ];
  if (techFlow.warning) lines.push(`warning: ${techFlow.warning}.`);
  return lines.join('\n');
}
