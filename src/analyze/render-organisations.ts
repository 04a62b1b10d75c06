// Terminal note under an institution table: which units each organisation row gathers (institution
// level parent/top), so a rolled-up number can be traced to the institutes and labs behind it.
import type { InstitutionRow } from './types.js';

const UNITS_SHOWN = 4;

/** The note, starting with a newline, or '' when no row gathers units. */
export function renderGatheredUnits(rows: InstitutionRow[], level: string | undefined): string {
  const gathered = rows.filter((r) => r.units && r.units.length > 0);
  if (gathered.length === 0) return '';
  const lines = gathered.map((r) => {
    const units = r.units ?? [];
    const shown = units.slice(0, UNITS_SHOWN).map((u) => `${u.institution} ${u.papers}`);
    const more = units.length > UNITS_SHOWN ? `, +${units.length - UNITS_SHOWN} more` : '';
    return `   ${r.institution} (${r.papers}) = ${shown.join(', ')}${more}`;
  });
  return ['', `   Units gathered (--institution-level ${level ?? 'parent'}; papers per unit, a paper once per organisation):`, ...lines].join('\n');
}
