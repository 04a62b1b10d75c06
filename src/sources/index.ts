// Reads any supported input file into RawPapers: the format is detected from content unless given.
import { basename } from 'node:path';
import { CollabscopeError } from '../errors.js';
import { readHead } from './lines.js';
import type { RawPaper } from '../types.js';
import { assertReadableFile, SOURCE_FORMATS, type SourceFormat, type SourceOptions, type SourceResult } from './common.js';
import { readNeuripsVirtual } from './neurips.js';
import { readPaperCopilot } from './papercopilot.js';
import { readCsv, readJsonl } from './table.js';

export type { SourceFormat, SourceOptions, SourceResult, SourceWarning } from './common.js';
export { SOURCE_FORMATS, venueFromFileName } from './common.js';

const READERS: Record<SourceFormat, (path: string, options: SourceOptions) => SourceResult> = {
  papercopilot: readPaperCopilot,
  neurips: readNeuripsVirtual,
  csv: readCsv,
  jsonl: readJsonl,
};

/** Reads a source as a stream of papers (the pipeline's way in). */
export function streamSource(path: string, options: SourceOptions & { format?: SourceFormat } = {}): SourceResult {
  const format = options.format ?? detectFormat(path);
  return READERS[format](path, options);
}

/** Reads a whole source into memory. */
export function readSource(path: string, options: SourceOptions & { format?: SourceFormat } = {}): SourceResult & { papers: RawPaper[] } {
  const result = streamSource(path, options);
  return { ...result, papers: Array.from(result.papers) };
}

/** Looks at the first bytes: `[` Paper Copilot, `{"results"` NeurIPS, `{` per line JSONL, else CSV. */
export function detectFormat(path: string): SourceFormat {
  assertReadableFile(path);
  const head = readHead(path).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[')) return 'papercopilot';
  if (head.startsWith('{')) {
    const firstLine = head.split('\n')[0].trim();
    if (/^\{\s*"(count|next|previous|results)"/.test(head) && !isCompleteJsonObject(firstLine)) return 'neurips';
    if (/"results"\s*:\s*\[/.test(head) && !isCompleteJsonObject(firstLine)) return 'neurips';
    return 'jsonl';
  }
  if (/^[^\n]*,[^\n]*\n/.test(head) && /title|author/i.test(head.split('\n')[0])) return 'csv';
  throw new CollabscopeError(
    'E_UNKNOWN_FORMAT',
    `${basename(path)}: unknown format (expected ${SOURCE_FORMATS.join(', ')}); pass --format to say which`,
  );
}

function isCompleteJsonObject(line: string): boolean {
  try {
    const value = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !('results' in value);
  } catch {
    return false;
  }
}

export function parseFormat(text: string): SourceFormat {
  if ((SOURCE_FORMATS as readonly string[]).includes(text)) return text as SourceFormat;
  throw new CollabscopeError('E_BAD_ARGUMENT', `--format must be one of ${SOURCE_FORMATS.join(', ')} (got "${text}")`);
}
