// Organisations: the knowledge base's parent links as a graph, and the roll-up of a resolved unit
// (an institute, a lab, a campus, a school) to the organisation the question asks about.
//
//   unit    the institution the affiliation resolved to (no roll-up)
//   parent  the organisation it is part of: `part` links followed up (a CAS institute -> CAS, Microsoft
//           Research Asia -> Microsoft, a school -> its university), stopping below a `subsidiary` link
//   top     every link followed to the root (a subsidiary -> its group)
//
// Both are idempotent: a unit and its parent count as the same organisation at either level.
// A link marked `parentContested` (the unit is an organisation in its own right although the parent
// runs it: a university run by an academy, a joint lab) is followed only under contestedParents=follow.
// Institutions without a knowledge-base id, or whose id the base does not know, stay as they are.
import { existsSync } from 'node:fs';
import type { Affiliation, Definitions, Paper, Sector } from '../types.js';
import { countedPaperAffiliations } from '../definitions.js';
import { isGenericInstitution } from '../analyze/generic-names.js';
import { userKbDir } from '../home.js';
import { CURATED_DIR } from './load.js';
import { organisationRecords, organisationRecordsOf, type InstitutionLike, type OrganisationRecord } from './organisation-records.js';

export type { OrganisationRecord };

export type InstitutionLevel = Definitions['institutionLevel'];
export type ContestedParents = Definitions['contestedParents'];

/** Longest parent chain followed (guards against a cycle the schema cannot rule out). */
const MAX_DEPTH = 12;

export class OrganisationGraph {
  private filled: Map<string, OrganisationRecord> | null = null;
  /** rollUp answers by level and policy, then by id. */
  private readonly memo = new Map<string, Map<string, string>>();

  /** The institutions, or a function that gives the graph's records, called when the graph is first
   *  asked (a run with no knowledge-base ids never reads the base's files). */
  constructor(institutions: Iterable<InstitutionLike> | (() => Map<string, OrganisationRecord>)) {
    if (typeof institutions === 'function') this.read = institutions;
    else this.filled = organisationRecords(institutions);
  }

  private readonly read: (() => Map<string, OrganisationRecord>) | null = null;

  private get records(): Map<string, OrganisationRecord> {
    return (this.filled ??= (this.read as () => Map<string, OrganisationRecord>)());
  }

  get size(): number {
    return this.records.size;
  }

  get(id: string): OrganisationRecord | undefined {
    return this.records.get(id);
  }

  /** The id, its parent, its parent's parent... as far as the base records (known ids only, no cycles). */
  chain(id: string): string[] {
    const chain = [id];
    let current = this.records.get(id);
    while (current?.parent && chain.length <= MAX_DEPTH && this.records.has(current.parent) && !chain.includes(current.parent)) {
      chain.push(current.parent);
      current = this.records.get(current.parent);
    }
    return chain;
  }

  /** The id an institution counts as at a level. */
  rollUp(id: string, level: InstitutionLevel, contested: ContestedParents): string {
    if (level === 'unit') return id;
    const policy = `${level}|${contested}`;
    let memo = this.memo.get(policy);
    if (!memo) this.memo.set(policy, (memo = new Map()));
    const known = memo.get(id);
    if (known !== undefined) return known;
    const chain = this.chain(id);
    let result = id;
    for (let i = 1; i < chain.length; i++) {
      const link = this.records.get(chain[i - 1]) as OrganisationRecord;
      if (link.parentContested && contested !== 'follow') break;
      if (level === 'parent' && link.parentKind === 'subsidiary') break;
      result = chain[i];
    }
    memo.set(id, result);
    return result;
  }
}

export interface OrganisationNode {
  /** Node key `<id>@<country>` (or `name:<name>@<country>` without an id): the organisation at a country. */
  key: string;
  /** The key of the unit itself (what `unit` gives), for explaining a rolled-up row. */
  unitKey: string;
  id: string | null;
  name: string;
  sector: Sector | null;
}

/**
 * The unit an affiliation names: its knowledge-base id, else its lower-cased canonical name; null when
 * none, or when the name is a generic word rather than one institution ("MOE", "Key Laboratory").
 */
export function unitBase(affiliation: Affiliation): string | null {
  if (affiliation.institutionId) return affiliation.institutionId;
  if (isGenericInstitution(affiliation)) return null;
  const name = affiliation.institution?.trim();
  return name ? `name:${name.toLowerCase()}` : null;
}

/**
 * The organisation node an affiliation counts as under the definitions' institution level, at the
 * country it counts for. Without a roll-up the node is exactly the unit (its own name and sector).
 */
export function organisationNode(
  affiliation: Affiliation,
  country: string | null,
  definitions: Pick<Definitions, 'institutionLevel' | 'contestedParents'>,
  graph: OrganisationGraph,
): OrganisationNode | null {
  const base = unitBase(affiliation);
  if (base === null) return null;
  const at = `@${country ?? '?'}`;
  const unitName = affiliation.institution?.trim() || affiliation.institutionId || base;
  const unit = { key: base + at, unitKey: base + at, id: affiliation.institutionId, name: unitName, sector: affiliation.sector };
  if (!affiliation.institutionId) return unit;
  const level = definitions.institutionLevel ?? 'unit';
  const orgId = graph.rollUp(affiliation.institutionId, level, definitions.contestedParents ?? 'separate');
  if (orgId === affiliation.institutionId) return unit;
  const org = graph.get(orgId) as OrganisationRecord;
  return { key: orgId + at, unitKey: unit.key, id: orgId, name: org.name, sector: org.sector };
}

/** Whether an affiliation's unit, or the organisation it counts as, has this name or id (lower case). */
export function organisationMatches(
  affiliation: Affiliation,
  wanted: string,
  definitions: Pick<Definitions, 'institutionLevel' | 'contestedParents'>,
  graph: OrganisationGraph,
): boolean {
  if (affiliation.institution?.toLowerCase() === wanted || affiliation.institutionId?.toLowerCase() === wanted) return true;
  const node = organisationNode(affiliation, null, definitions, graph);
  return node !== null && node.id !== affiliation.institutionId && (node.name.toLowerCase() === wanted || node.id?.toLowerCase() === wanted);
}

/**
 * Whether a paper has an affiliation (among those that count under the definitions) whose unit or
 * organisation at the institution level in force is `wanted` (a name or id, any case): the filter of
 * `papers --institution` and of the dashboard.
 */
export function paperMatchesInstitution(
  paper: Pick<Paper, 'authors' | 'unattributed'>,
  wanted: string,
  definitions: Definitions,
  graph: OrganisationGraph = loadOrganisations(),
): boolean {
  const name = wanted.trim().toLowerCase();
  return countedPaperAffiliations(paper, definitions).some((a) => organisationMatches(a, name, definitions, graph));
}

const cache = new Map<string, OrganisationGraph>();
let defaultGraph: OrganisationGraph | undefined;

/**
 * The organisation graph of the curated base plus the user's imported files ($COLLABSCOPE_HOME/kb),
 * the same folders the resolver reads by default. Built once per set of folders.
 */
export function loadOrganisations(options: { kbDirs?: string[]; curatedDir?: string } = {}): OrganisationGraph {
  if (!options.kbDirs && !options.curatedDir) return (defaultGraph ??= loadOrganisations({ curatedDir: CURATED_DIR }));
  const curated = options.curatedDir ?? CURATED_DIR;
  const extra = options.kbDirs ?? (existsSync(userKbDir()) ? [userKbDir()] : []);
  const key = JSON.stringify([curated, extra]);
  let graph = cache.get(key);
  // the records a resolver index of these folders holds when this process has one (an analyze run), else the files'
  if (!graph) cache.set(key, (graph = new OrganisationGraph(() => organisationRecordsOf([curated, ...extra]))));
  return graph;
}
