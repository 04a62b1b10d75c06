// PNG export of the charts (resvg): each chart is drawn again with its title and the definitions in
// force inside the picture, since a PNG travels without the page around it.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { CollabscopeError, fsErrorText } from '../errors.js';
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
  assertPngTargets(charts, dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new CollabscopeError('E_OUTPUT', `--png ${dir}: cannot write (${fsErrorText(error)})`);
  }
  const written: string[] = [];
  for (const chart of charts) {
    const subtitle = [...wrapText(context.subtitle, 100), ...wrapText(describeDefinitions(context.definitions), 100)];
    const svg = await renderSvg(chart, { title: { text: chart.title, subtitle } });
    const path = join(dir, `${chart.id}.png`);
    writeFileSync(path, withSoftwareTag(svgToPng(svg)));
    written.push(path);
  }
  return written;
}

/** Refuses to overwrite a chart's PNG that collabscope did not write (or a PNG path that is not a directory). */
export function assertPngTargets(charts: Array<Pick<Chart, 'id'>>, dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CollabscopeError('E_OUTPUT', `--png ${dir}: exists and is not a directory; nothing was written`);
  for (const chart of charts) {
    const path = join(dir, `${chart.id}.png`);
    if (existsSync(path) && !isOurPng(path)) {
      throw new CollabscopeError('E_OUTPUT', `--png ${dir}: ${chart.id}.png exists and was not written by collabscope; give another directory; nothing was written`);
    }
  }
}

const SOFTWARE_TEXT = Buffer.from('Software\0collabscope', 'latin1');

/** Adds a PNG tEXt chunk "Software: collabscope" after IHDR, so a later run knows the file is its own. */
export function withSoftwareTag(png: Buffer): Buffer {
  const ihdrEnd = 8 + 8 + png.readUInt32BE(8) + 4;
  const type = Buffer.from('tEXt', 'latin1');
  const chunk = Buffer.alloc(12 + SOFTWARE_TEXT.length);
  chunk.writeUInt32BE(SOFTWARE_TEXT.length, 0);
  type.copy(chunk, 4);
  SOFTWARE_TEXT.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, SOFTWARE_TEXT])) >>> 0, 8 + SOFTWARE_TEXT.length);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

function isOurPng(path: string): boolean {
  try {
    const head = readFileSync(path).subarray(0, 256);
    return head.includes(SOFTWARE_TEXT);
  } catch {
    return false;
  }
}
