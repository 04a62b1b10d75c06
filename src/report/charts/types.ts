// What every chart module produces: a Vega-Lite spec plus the words and numbers around it. The same
// object feeds the static report (rendered to SVG on the server), the PNG export and the dashboard
// (compiled to Vega on the server, drawn in the browser).
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../run.js';
import type { NetworkLayout } from './network-layout.js';

/**
 * Query parameters of `/api/papers` that list exactly the papers behind a number (merged over the
 * dashboard's filters). See src/serve/query.ts for their meaning.
 */
export type Drill = Record<string, string>;

export interface TableCell {
  text: string;
  /** A line of explanation under the text (a definition spelled out), and the flag that sets it. */
  note?: string;
  flag?: string;
  /** Present on numbers that count papers: the papers behind the number. */
  drill?: Drill;
}

export interface DataTable {
  /** `note`: what the column counts, shown under its heading. */
  columns: Array<{ label: string; numeric?: boolean; note?: string }>;
  rows: TableCell[][];
}

export interface Chart {
  /** Stable id: `trend`, `fields`, ... (also the PNG file name). */
  id: string;
  title: string;
  /** Plain text stating what is counted and the definitions in force. */
  caption: string;
  /** Vega-Lite spec without a title (the page shows it); data rows may carry `drill`. */
  spec: TopLevelSpec;
  /** The numbers behind the chart, for screen readers and for clicking through. */
  table: DataTable;
}

/** Everything the charts are drawn from: the analysis of one output directory (or one filtered view of it). */
export interface ChartInput {
  summary: Summary;
  network: NetworkLayout;
}

export function cell(text: string | number, drill?: Drill): TableCell {
  return drill ? { text: String(text), drill } : { text: String(text) };
}
