import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ingestPapers, queryDatabase } from '../../src/store/duckdb.js';
import { OrganisationGraph } from '../../src/kb/organisations.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { ORGANISATION_RECORDS, organisationCorpus } from '../analyze/organisation-fixtures.js';

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'collabscope-orgs-')), 'test.duckdb');

test('the organisations view maps each unit to its parent and root, as the analytics do', async () => {
  const file = dbFile();
  const graph = new OrganisationGraph(ORGANISATION_RECORDS);
  await ingestPapers(file, organisationCorpus(), DEFAULT_DEFINITIONS, graph);
  const view = await queryDatabase(file, 'SELECT institution_id, parent_id, top_id, parent_id_follow, top_id_follow FROM organisations ORDER BY institution_id');
  const expected = ORGANISATION_RECORDS.map((r) => r.id)
    .sort()
    .map((id) => ({
      institution_id: id,
      parent_id: graph.rollUp(id, 'parent', 'separate'),
      top_id: graph.rollUp(id, 'top', 'separate'),
      parent_id_follow: graph.rollUp(id, 'parent', 'follow'),
      top_id_follow: graph.rollUp(id, 'top', 'follow'),
    }));
  assert.deepEqual(view.rows, expected);
  // by hand: the contested university stays itself unless followed; BigCo's lab goes to BigCo, then Holding
  assert.deepEqual(view.rows.find((r) => r.institution_id === 'cn-academy-univ'), {
    institution_id: 'cn-academy-univ', parent_id: 'cn-academy-univ', top_id: 'cn-academy-univ', parent_id_follow: 'cn-academy', top_id_follow: 'cn-academy',
  });
  assert.deepEqual(view.rows.find((r) => r.institution_id === 'cn-bigco-east'), {
    institution_id: 'cn-bigco-east', parent_id: 'us-bigco', top_id: 'us-holding', parent_id_follow: 'us-bigco', top_id_follow: 'us-holding',
  });
  // the roll-up is one join: CN organisations on papers, a paper once per organisation (Q1 and Q4 for the Academy)
  const cn = await queryDatabase(
    file,
    `SELECT o.parent_name AS organisation, count(DISTINCT a.paper_id) AS papers FROM affiliations a
     JOIN organisations o USING (institution_id) WHERE a.country = 'CN' GROUP BY ALL ORDER BY papers DESC, organisation`,
  );
  assert.deepEqual(cn.rows, [
    { organisation: 'Academy', papers: '2' },
    { organisation: 'BigCo', papers: '1' },
    { organisation: 'University of the Academy', papers: '1' },
  ]);
});
