// Building RawPaper objects for classifier tests.
import type { RawPaper } from '../../src/types.js';

export function rawPaper(fields: Partial<RawPaper> & { title: string }): RawPaper {
  return {
    sourceId: null,
    source: { file: 'test.json', index: 0 },
    venue: 'TEST',
    year: 2024,
    abstract: null,
    track: null,
    status: null,
    topic: null,
    keywords: [],
    url: null,
    authors: [],
    ...fields,
  };
}
