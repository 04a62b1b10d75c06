// Plain-text explanation of one paper: every author, raw affiliation, what it resolved to and why.
import type { Affiliation, Paper } from '../types.js';
import { describePlacement } from '../resolve/unlocated.js';

export function renderExplanation(paper: Paper): string {
  const lines = [
    `${paper.id}  ${paper.venue} ${paper.year}${paper.track ? ` (${paper.track})` : ''}`,
    `title: ${paper.title}`,
    `source: ${paper.source.file} record ${paper.source.index}`,
    `countries: ${paper.countries.join(', ') || '(none resolved)'}`,
    ...(paper.affiliationSlots === undefined ? [] : [slotNote(paper.affiliationSlots, paper.authors.length, paper.unattributed?.length ?? 0)]),
    '',
  ];
  paper.authors.forEach((author, i) => {
    lines.push(`${i + 1}. ${author.name}${author.emailDomain ? `  <@${author.emailDomain}>` : ''}`);
    if (author.affiliations.length === 0) lines.push('     (no affiliation given)');
    for (const a of author.affiliations) lines.push(...describeAffiliation(a, 'this author or a co-author'));
  });
  if (paper.unattributed?.length) {
    lines.push('(no author) slots past the last author: they count for the paper only under --authors all --affiliations all, for no author');
    for (const a of paper.unattributed) lines.push(...describeAffiliation(a, 'an affiliation no author holds (resolved alone)'));
  }
  lines.push('', `fields: ${paper.fields.join(', ') || '(none)'}`);
  for (const e of paper.fieldEvidence) lines.push(`   ${e.field} <- ${e.signal}: ${e.terms.join(', ')} (score ${e.score}${e.contribution === undefined ? '' : `, model ${e.contribution >= 0 ? '+' : ''}${e.contribution}`})`);
  lines.push(`technologies: ${paper.technologies.map(describeTechnology).join('; ') || '(none)'}`);
  return lines.join('\n');
}

/** One affiliation's lines: the text, what it resolved to, the rule and evidence, and for an unlocated company what each --unlocated does. */
function describeAffiliation(a: Affiliation, whose: string): string[] {
  const answer = a.country
    ? `${a.institution ?? '(unnamed institution)'} | ${a.country}${a.hqCountry && a.hqCountry !== a.country ? ` (HQ ${a.hqCountry})` : ''} | ${a.sector ?? 'sector unknown'}`
    : `UNRESOLVED${a.reason ? `: ${a.reason}` : ''}`;
  const lines = [`   - "${a.raw}"`, `       -> ${answer}`, `       rule: ${a.method}, confidence ${a.confidence.toFixed(2)}${a.model ? `, model ${a.model}` : ''}`];
  for (const e of a.evidence) lines.push(`       evidence: ${e}`);
  if (a.method === 'hq-default') {
    lines.push(
      `       unlocated company: ${a.inferred ? describePlacement(a.inferred) : `--unlocated infer: no located site of the company in the run for ${whose}, so the headquarters`}; --unlocated hq: ${a.country ?? 'unknown'}; --unlocated exclude: unknown`,
    );
  }
  return lines;
}

/** The source's affiliation slots were not one per author: say that the authors' institutions below are a guess. */
function slotNote(slots: number, authors: number, kept: number): string {
  const missing = authors - slots;
  const surplus = slots - authors;
  const rest = kept > 0 ? `their ${kept} text${kept === 1 ? '' : 's'} no author lists count${kept === 1 ? 's' : ''} for the paper, not for an author: "(no author)" below` : 'they repeat texts the authors list';
  const how = slots > authors ? `one each; the last ${surplus} no author holds: ${rest}` : `the last ${missing} author${missing === 1 ? '' : 's'} without one`;
  return `note: the source gives ${slots} affiliation slots for ${authors} authors, matched by position (${how}), so which author holds which institution is a guess`;
}

/** "GPT family [OpenAI, US] via "GPT-4" (mentioned: comparison: outperforms)". */
function describeTechnology(t: Paper['technologies'][number]): string {
  const derived = t.derivedFrom ? `, derived from ${t.derivedFrom}` : '';
  const use = t.use === 'mentioned' ? ` (mentioned only: ${t.cue ?? 'no cue recorded'})` : t.use === 'used' ? ' (used)' : '';
  return `${t.name} [${t.origin.organization}, ${t.origin.country}${derived}] via "${t.matched.join('", "')}"${use}`;
}
