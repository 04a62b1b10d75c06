import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestPapers, queryDatabase } from '../../src/store/duckdb.js';
import { DEFAULT_DEFINITIONS, type Paper, type TechnologyHit } from '../../src/types.js';

const GPT: TechnologyHit = { id: 'gpt', name: 'GPT family', origin: { organization: 'OpenAI', country: 'US' }, matched: ['GPT-4'], where: ['abstract'] };

function paper(id: string, technologies: TechnologyHit[]): Paper {
  return {
    id, source: { file: 'f.json', index: 0 }, venue: 'COLM', year: 2024, title: id, track: null, status: null, topic: null, keywords: [], url: null,
    authors: [], countries: [], fields: ['llm-nlp'], fieldEvidence: [], technologies,
  };
}

test('technologies rows record whether the paper uses the technology or only mentions it', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'collabscope-db-')), 'test.duckdb');
  await ingestPapers(file, [paper('a', [{ ...GPT, use: 'used' }]), paper('b', [{ ...GPT, use: 'mentioned', cue: 'comparison: outperforms' }]), paper('c', [GPT])], DEFAULT_DEFINITIONS);
  const rows = await queryDatabase(file, 'SELECT paper_id, usage FROM technologies ORDER BY paper_id');
  // a hit without a verdict (older runs, LLM-added) counts as used, as techFlow counts it
  assert.deepEqual(rows.rows, [{ paper_id: 'a', usage: 'used' }, { paper_id: 'b', usage: 'mentioned' }, { paper_id: 'c', usage: 'used' }]);
});

test('a database written before the usage column gains it', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'collabscope-db-')), 'old.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE technologies (slice VARCHAR NOT NULL, paper_id VARCHAR NOT NULL, technology_id VARCHAR NOT NULL, name VARCHAR,
    origin_organization VARCHAR, origin_country VARCHAR, matched VARCHAR)`);
  connection.closeSync();
  instance.closeSync();
  await ingestPapers(file, [paper('a', [{ ...GPT, use: 'mentioned' }])], DEFAULT_DEFINITIONS);
  const rows = await queryDatabase(file, 'SELECT paper_id, usage FROM technologies');
  assert.deepEqual(rows.rows, [{ paper_id: 'a', usage: 'mentioned' }]);
});
