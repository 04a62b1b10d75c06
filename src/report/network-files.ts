// Co-authorship networks as files for VOSviewer (its JSON map/network format) and for Gephi, yEd or
// Cytoscape (GraphML). Pure: text in, text out; `collabscope export --network FILE` writes them.
import { lstatSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file.js';
import { coauthorshipNetwork, type CoauthorshipNetwork, type NetworkLevel } from '../analyze/coauthorship.js';
import { CollabscopeError } from '../errors.js';
import { readPapers, readSummary } from '../output.js';
import { DEFAULT_DEFINITIONS, type Definitions } from '../types.js';
import { escapeHtml } from './escape.js';

export type Counting = 'full' | 'fractional';

const round = (x: number) => Math.round(x * 1e6) / 1e6;
/** Marks a file as written by collabscope (a JSON key, an XML comment), so a re-export may replace it. */
const GENERATOR_KEY = 'collabscope-network';

/**
 * VOSviewer JSON: `network.items` (id, label, cluster, weights, description) and `network.links`
 * (source_id, target_id, strength). Link strength follows `counting`; items carry both weights. Items
 * are clustered by country (cluster 1 = the country with the most papers), so VOSviewer colours by country.
 */
export function toVosviewerJson(network: CoauthorshipNetwork, counting: Counting): string {
  const ids = new Map(network.nodes.map((node, i) => [node.key, i + 1]));
  const countryPapers = new Map<string, number>();
  for (const node of network.nodes) if (node.country) countryPapers.set(node.country, (countryPapers.get(node.country) ?? 0) + node.papers);
  const clusters = new Map([...countryPapers].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([country], i) => [country, i + 1]));
  const what = network.level === 'country' ? 'Country' : 'Institution';
  const document = {
    [GENERATOR_KEY]: { level: network.level, counting, pair: network.pair.join('-'), pairOnly: network.pairOnly, papers: network.papers },
    config: {
      terminology: {
        item: what,
        items: `${what === 'Country' ? 'Countries' : 'Institutions'}`,
        link: 'Co-authorship link',
        links: 'Co-authorship links',
        link_strength: counting === 'full' ? 'Co-authored papers' : 'Co-authored papers (fractional)',
        total_link_strength: counting === 'full' ? 'Total co-authored papers' : 'Total co-authored papers (fractional)',
      },
    },
    network: {
      items: network.nodes.map((node) => ({
        id: ids.get(node.key),
        label: node.label,
        ...(node.country && clusters.has(node.country) ? { cluster: clusters.get(node.country) } : {}),
        weights: { Papers: node.papers, 'Fractional papers': round(node.fractionalPapers) },
        description: `<table><tr><td>Country</td><td>${escapeHtml(node.country ?? 'unknown')}</td></tr>${
          node.sector ? `<tr><td>Sector</td><td>${escapeHtml(node.sector)}</td></tr>` : ''
        }</table>`,
      })),
      links: network.links.map((link) => ({
        source_id: ids.get(link.source),
        target_id: ids.get(link.target),
        strength: counting === 'full' ? link.papers : round(link.fractional),
      })),
    },
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}

/** GraphML with node attributes label, country, sector, papers, fractional_papers and edge weights under both countings. */
export function toGraphml(network: CoauthorshipNetwork, counting: Counting): string {
  const x = (text: string) => escapeHtml(text);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${GENERATOR_KEY}: ${network.level} co-authorship network, ${counting} counting, ${network.papers} papers -->`,
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="country" for="node" attr.name="country" attr.type="string"/>',
    '  <key id="sector" for="node" attr.name="sector" attr.type="string"/>',
    '  <key id="papers" for="node" attr.name="papers" attr.type="int"/>',
    '  <key id="fractional_papers" for="node" attr.name="fractional_papers" attr.type="double"/>',
    `  <key id="weight" for="edge" attr.name="weight" attr.type="double"><desc>${counting} counting (the weight Gephi uses)</desc></key>`,
    '  <key id="papers_full" for="edge" attr.name="papers_full" attr.type="int"/>',
    '  <key id="papers_fractional" for="edge" attr.name="papers_fractional" attr.type="double"/>',
    `  <graph id="${network.level}-coauthorship" edgedefault="undirected">`,
  ];
  for (const node of network.nodes) {
    lines.push(
      `    <node id="${x(node.key)}">`,
      `      <data key="label">${x(node.label)}</data>`,
      ...(node.country ? [`      <data key="country">${x(node.country)}</data>`] : []),
      ...(node.sector ? [`      <data key="sector">${x(node.sector)}</data>`] : []),
      `      <data key="papers">${node.papers}</data>`,
      `      <data key="fractional_papers">${round(node.fractionalPapers)}</data>`,
      '    </node>',
    );
  }
  network.links.forEach((link, i) => {
    lines.push(
      `    <edge id="e${i}" source="${x(link.source)}" target="${x(link.target)}">`,
      `      <data key="weight">${counting === 'full' ? link.papers : round(link.fractional)}</data>`,
      `      <data key="papers_full">${link.papers}</data>`,
      `      <data key="papers_fractional">${round(link.fractional)}</data>`,
      '    </edge>',
    );
  });
  lines.push('  </graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}

export interface NetworkExportOptions {
  level: NetworkLevel;
  counting: Counting;
  pairOnly: boolean;
  /** Explicit format; default from the file's extension (.json VOSviewer, .graphml GraphML). */
  format?: 'vosviewer' | 'graphml';
}

/** Reads an analyze run, builds its co-authorship network and writes it to `file` (atomically). */
export function exportNetwork(runDir: string, file: string, options: NetworkExportOptions): { file: string; format: string; nodes: number; links: number; papers: number } {
  const format = options.format ?? formatOf(file);
  const summary = readSummary(runDir);
  const definitions = (summary.definitions as Definitions | undefined) ?? DEFAULT_DEFINITIONS;
  const pair = Array.isArray(summary.pair) ? (summary.pair as [string, string]) : (['US', 'CN'] as [string, string]);
  const network = coauthorshipNetwork(readPapers(runDir), { level: options.level, pair, definitions, pairOnly: options.pairOnly });
  const text = format === 'vosviewer' ? toVosviewerJson(network, options.counting) : toGraphml(network, options.counting);
  checkNetworkTarget(file);
  writeFileAtomic(file, text, 'E_OUTPUT');
  return { file, format, nodes: network.nodes.length, links: network.links.length, papers: network.papers };
}

/** Never replaces a file collabscope did not write. */
function checkNetworkTarget(file: string): void {
  let stats;
  try {
    stats = lstatSync(file);
  } catch {
    return;
  }
  const ours = stats.isFile() && readFileSync(file, 'utf8').slice(0, 4096).includes(GENERATOR_KEY);
  if (!ours) throw new CollabscopeError('E_OUTPUT', `--network ${file}: exists and is not a network collabscope wrote; give a new file name; nothing was written`);
}

function formatOf(file: string): 'vosviewer' | 'graphml' {
  if (/\.json$/i.test(file)) return 'vosviewer';
  if (/\.graphml$/i.test(file)) return 'graphml';
  throw new CollabscopeError('E_BAD_ARGUMENT', `--network ${file}: name a .json file (VOSviewer) or a .graphml file (Gephi), or pass --network-format`);
}
