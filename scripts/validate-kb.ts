// Checks the curated knowledge base: schema, unique ids, parents that exist, aliases claimed twice.
// Usage: node --import tsx scripts/validate-kb.ts
import { loadCuratedInstitutions } from '../src/kb/load.js';

const institutions = loadCuratedInstitutions();
const ids = new Map<string, number>();
for (const inst of institutions) ids.set(inst.id, (ids.get(inst.id) ?? 0) + 1);
const problems: string[] = [];
for (const [id, n] of ids) if (n > 1) problems.push(`duplicate id ${id} (${n} times)`);
for (const inst of institutions) {
  if (inst.parent && !ids.has(inst.parent)) problems.push(`${inst.id}: parent ${inst.parent} not found`);
}
const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const owners = new Map<string, string[]>();
for (const inst of institutions) {
  for (const name of new Set([inst.name, ...inst.aliases].map(norm))) {
    owners.set(name, [...(owners.get(name) ?? []), inst.id]);
  }
}
const shared = [...owners].filter(([, o]) => o.length > 1);
console.log(`${institutions.length} institutions, ${ids.size} ids`);
for (const p of problems) console.log(`ERROR ${p}`);
for (const [name, o] of shared) console.log(`shared name "${name}": ${o.join(', ')} (needs city/places to tell apart)`);
process.exit(problems.length ? 1 : 0);
