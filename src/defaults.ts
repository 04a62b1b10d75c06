// File names, defaults and choice lists that the command line's help text shows. This module imports
// nothing, so that `collabscope --help` (and every command's registration) loads no heavy module:
// each command imports its real work (DuckDB, the chart stack, Hono, the resolver) only when it runs.
// The owning modules re-export these names.

export const DEFAULT_DB_FILE = 'collabscope.duckdb';
export const REPORT_FILE = 'report.html';
export const GRID_FILE = 'grid.csv';
export const DEFAULT_PORT = 8765;
export const DEFAULT_HOST = '127.0.0.1';

export type SourceName = 'neurips' | 'openreview' | 'openalex' | 'papercopilot';
export const FETCH_SOURCES: readonly SourceName[] = ['neurips', 'openreview', 'openalex', 'papercopilot'];

export type ImportFormat = 'hipo' | 'ror';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['hipo', 'ror'];
