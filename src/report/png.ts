// PNG export of the charts (resvg): each chart is drawn again with its title and the definitions in
// force inside the picture, since a PNG travels without the page around it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Chart } from './charts/index.js';
import { renderSvg, wrapText } from './charts/render.js';
import { describeDefinitions } from './charts/theme.js';
import type { Definitions } from '../types.js';

/** Pixels per SVG unit: 2 for sharp text on high-density screens and in slides. */
export const PNG_SCALE = 2;

export function svgToPng(svg: string, scale = PNG_SCALE): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/** Writes DIR/<chart id>.png for every chart; returns the paths written. */
export async function exportPngs(charts: Chart[], dir: string, context: { subtitle: string; definitions: Definitions }): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const chart of charts) {
    const subtitle = [...wrapText(context.subtitle, 100), ...wrapText(describeDefinitions(context.definitions), 100)];
    const svg = await renderSvg(chart, { title: { text: chart.title, subtitle } });
    const path = join(dir, `${chart.id}.png`);
    writeFileSync(path, svgToPng(svg));
    written.push(path);
  }
  return written;
}
