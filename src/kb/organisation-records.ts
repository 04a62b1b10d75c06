// The organisation graph's records (id, name, country, sector, parent link), one per knowledge-base id:
// made from institution files by `organisationRecords`, and kept in the prebuilt resolver index
// (resolve/index.ts builds them with the index), so that a run that has the index asks it for the few
// ids it rolls up instead of reading and parsing every institution file (a third of a small run's CPU).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Sector } from '../types.js';
import { loadInstitutionFile } from './load.js';
import type { Institution } from './schema.js';

export interface OrganisationRecord {
  id: string;
  name: string;
  country: string;
  sector: Sector;
  parent: string | null;
  parentKind: 'part' | 'subsidiary';
  parentContested: boolean;
  parentSource: string | null;
  /** The first acronym the base records (short labels: charts). */
  acronym: string | null;
}

export type InstitutionLike = Pick<Institution, 'id' | 'name' | 'country' | 'sector'> & Partial<Institution>;

/** Records by id; a later institution with an id already present (an imported copy) is left out: the first, curated, record wins. */
export function organisationRecords(institutions: Iterable<InstitutionLike>): Map<string, OrganisationRecord> {
  const records = new Map<string, OrganisationRecord>();
  for (const inst of institutions) {
    if (records.has(inst.id)) continue;
    records.set(inst.id, {
      id: inst.id,
      name: inst.name,
      country: inst.country,
      sector: inst.sector as Sector,
      parent: inst.parent ?? null,
      parentKind: inst.parentKind ?? 'part',
      parentContested: inst.parentContested === true,
      parentSource: inst.parentSource ?? null,
      acronym: inst.acronyms?.[0] ?? null,
    });
  }
  return records;
}

/** Every institution of these folders, folder by folder, files in name order (hidden files and missing folders skipped). */
export function institutionsIn(dirs: string[]): Institution[] {
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
          .sort()
          .flatMap((f) => loadInstitutionFile(join(dir, f)))
      : [],
  );
}

/** Records of folder lists that this process already holds (from a resolver index), by the folders. */
const offered = new Map<string, Map<string, OrganisationRecord>>();

function foldersKey(dirs: string[]): string {
  return JSON.stringify(dirs.map((dir) => resolve(dir)));
}

/** The records of these folders (made from their files now) are `records`: a resolver index read or built from them offers its own. */
export function offerOrganisationRecords(dirs: string[], records: Map<string, OrganisationRecord>): void {
  offered.set(foldersKey(dirs), records);
}

/** The records of these folders: those a resolver index of them offered, else made from the files. */
export function organisationRecordsOf(dirs: string[]): Map<string, OrganisationRecord> {
  return offered.get(foldersKey(dirs)) ?? organisationRecords(institutionsIn(dirs));
}
