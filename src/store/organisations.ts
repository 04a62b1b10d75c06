// The institution level in SQL: the knowledge base's parent links for every institution a slice
// names (and their ancestors), and an `organisations` view mapping each unit to its parent and to
// its root, so rolling affiliations up to organisations is one join:
//
//   SELECT o.parent_name, count(DISTINCT a.paper_id) FROM affiliations a
//   JOIN organisations o USING (institution_id) WHERE a.country = 'CN' GROUP BY ALL ORDER BY 2 DESC;
//
// The columns mirror src/kb/organisations.ts: parent_id follows `part` links (institutionLevel=parent),
// top_id every link (top); both stop at a contested link (contestedParents=separate), the *_follow
// columns follow it (contestedParents=follow). A unit without a parent is its own parent and root.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Paper } from '../types.js';
import type { OrganisationGraph } from '../kb/organisations.js';
import { allAffiliations } from '../definitions.js';

export const ORGANISATION_SCHEMA = `
CREATE TABLE IF NOT EXISTS organisation_links (
  institution_id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, sector VARCHAR,
  parent_id VARCHAR, parent_kind VARCHAR, parent_contested BOOLEAN, parent_source VARCHAR);
CREATE OR REPLACE VIEW organisation_walk AS
  WITH RECURSIVE walk(institution_id, step, org_id, via_subsidiary, via_contested) AS (
    SELECT institution_id, 0, institution_id, false, false FROM organisation_links
    UNION ALL
    SELECT w.institution_id, w.step + 1, l.parent_id,
      w.via_subsidiary OR l.parent_kind = 'subsidiary', w.via_contested OR coalesce(l.parent_contested, false)
    FROM walk w JOIN organisation_links l ON l.institution_id = w.org_id
    WHERE l.parent_id IS NOT NULL AND w.step < 12 AND l.parent_id IN (SELECT institution_id FROM organisation_links))
  SELECT * FROM walk;
CREATE OR REPLACE VIEW organisations AS
  WITH ids AS (
    SELECT institution_id,
      arg_max(org_id, step) FILTER (WHERE NOT via_subsidiary AND NOT via_contested) AS parent_id,
      arg_max(org_id, step) FILTER (WHERE NOT via_contested) AS top_id,
      arg_max(org_id, step) FILTER (WHERE NOT via_subsidiary) AS parent_id_follow,
      arg_max(org_id, step) AS top_id_follow
    FROM organisation_walk GROUP BY institution_id)
  SELECT u.institution_id, u.name, u.country, u.sector,
    ids.parent_id, p.name AS parent_name, ids.top_id, t.name AS top_name,
    ids.parent_id_follow, pf.name AS parent_name_follow, ids.top_id_follow, tf.name AS top_name_follow,
    u.parent_id AS linked_parent_id, u.parent_kind, u.parent_contested, u.parent_source
  FROM organisation_links u JOIN ids USING (institution_id)
  JOIN organisation_links p ON p.institution_id = ids.parent_id
  JOIN organisation_links t ON t.institution_id = ids.top_id
  JOIN organisation_links pf ON pf.institution_id = ids.parent_id_follow
  JOIN organisation_links tf ON tf.institution_id = ids.top_id_follow;
`;

type Row = [string, string | null, string | null, string | null, string | null, string | null, boolean | null, string | null];

/** The links rows for the institutions the papers name and all their ancestors. */
export function organisationLinkRows(papers: Iterable<Paper>, graph: OrganisationGraph): Row[] {
  const rows = new Map<string, Row>();
  const addKnown = (id: string) => {
    for (const link of graph.chain(id)) {
      if (rows.has(link)) continue;
      const r = graph.get(link);
      if (!r) continue;
      const parent = r.parent && graph.get(r.parent) ? r.parent : null;
      rows.set(link, [r.id, r.name, r.country, r.sector, parent, parent ? r.parentKind : null, parent ? r.parentContested : null, parent ? r.parentSource : null]);
    }
  };
  for (const paper of papers) {
    for (const f of allAffiliations(paper)) {
      if (!f.institutionId || rows.has(f.institutionId)) continue;
      if (graph.get(f.institutionId)) addKnown(f.institutionId);
      else rows.set(f.institutionId, [f.institutionId, f.institution, f.country, f.sector, null, null, null, null]);
    }
  }
  return [...rows.values()];
}

/** Inserts or replaces the links rows (inside the caller's transaction). */
export async function writeOrganisationLinks(connection: DuckDBConnection, papers: Paper[], graph: OrganisationGraph): Promise<void> {
  const rows = organisationLinkRows(papers, graph);
  if (rows.length === 0) return;
  await connection.run('CREATE TEMP TABLE IF NOT EXISTS new_organisation_links AS SELECT * FROM organisation_links LIMIT 0');
  await connection.run('DELETE FROM new_organisation_links');
  const appender = await connection.createAppender('new_organisation_links');
  for (const values of rows) {
    for (const value of values) {
      if (value === null) appender.appendNull();
      else if (typeof value === 'boolean') appender.appendBoolean(value);
      else appender.appendVarchar(value);
    }
    appender.endRow();
  }
  appender.closeSync();
  await connection.run('INSERT OR REPLACE INTO organisation_links SELECT * FROM new_organisation_links');
}
