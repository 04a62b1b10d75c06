// Vega-Lite -> Vega -> SVG on the server (Vega's headless view, renderer 'none'), and the Vega spec
// the dashboard draws in the browser.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Chart } from './types.js';
import { CONFIG } from './theme.js';
import { useArialMetrics } from './metrics.js';

export interface RenderOptions {
  /** Draw the title (and this subtitle) inside the chart: for PNG files, which have no page around them. */
  title?: { text: string; subtitle?: string[] };
}

export function vegaLiteSpec(chart: Chart, options: RenderOptions = {}): TopLevelSpec {
  const spec = { ...chart.spec, config: { ...CONFIG, ...(chart.spec.config ?? {}) } } as TopLevelSpec & { title?: unknown; description?: string };
  spec.description = `${chart.title}. ${chart.caption}`;
  if (options.title) spec.title = { text: options.title.text, subtitle: options.title.subtitle ?? [] };
  return spec;
}

export function vegaSpec(chart: Chart, options: RenderOptions = {}): vega.Spec {
  return compile(vegaLiteSpec(chart, options)).spec;
}

export async function renderSvg(chart: Chart, options: RenderOptions = {}): Promise<string> {
  useArialMetrics();
  const view = new vega.View(vega.parse(vegaSpec(chart, options)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Splits a sentence into lines of at most `width` characters (for subtitles). */
export function wrapText(text: string, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
