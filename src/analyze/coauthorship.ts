// The co-authorship network of a run, at the level of institutions or of countries, for the tools
// analysts map networks with (VOSviewer, Gephi: src/report/network-files.ts writes the files).
//
// Nodes are institutions at a country (institutionKey, as in the analytics) or countries, under the
// definitions of the run. Two nodes are linked when they appear on the same in-scope paper. Weights:
//  - full counting: a node counts the papers it appears on; a link the papers both ends appear on;
//  - fractional counting: a node counts its authors' shares of each paper (1 / authors / affiliations,
//    as in the analytics); a paper with n nodes gives each of its n(n-1)/2 links 1/(n-1), so that every
//    paper adds the same total link strength per node (Perianes-Rodriguez, Waltman & van Eck 2016).
import type { Definitions, Paper, Sector } from '../types.js';
import { viewPaper, type AffiliationView, type AnalysisContext } from './context.js';
import { compareStrings } from './stats.js';

export type NetworkLevel = 'institution' | 'country';

export interface CoauthorshipNode {
  key: string;
  label: string;
  country: string | null;
  sector: Sector | null;
  papers: number;
  fractionalPapers: number;
}

export interface CoauthorshipLink {
  source: string;
  target: string;
  papers: number;
  fractional: number;
}

export interface CoauthorshipNetwork {
  level: NetworkLevel;
  pair: [string, string];
  /** Only the papers of the pair were used. */
  pairOnly: boolean;
  papers: number;
  nodes: CoauthorshipNode[];
  links: CoauthorshipLink[];
}

export interface CoauthorshipOptions {
  level: NetworkLevel;
  pair: [string, string];
  definitions: Definitions;
  pairOnly?: boolean;
}

export function coauthorshipNetwork(papers: Iterable<Paper>, options: CoauthorshipOptions): CoauthorshipNetwork {
  const context: AnalysisContext = { pair: options.pair, definitions: options.definitions, topN: 0, focusFields: [] };
  const nodes = new Map<string, CoauthorshipNode>();
  const links = new Map<string, CoauthorshipLink>();
  let used = 0;
  for (const paper of papers) {
    const view = viewPaper(paper, context);
    if (!view.inScope || (options.pairOnly && !view.isPair)) continue;
    used++;
    const weights = new Map<string, number>();
    const note = (a: AffiliationView) => {
      const key = options.level === 'country' ? a.country : a.node;
      if (key === null) return;
      const label = options.level === 'country' ? key : a.affiliation.institution?.trim() || a.affiliation.institutionId || key;
      if (!nodes.has(key)) {
        nodes.set(key, { key, label, country: a.country, sector: options.level === 'country' ? null : a.affiliation.sector, papers: 0, fractionalPapers: 0 });
      }
      weights.set(key, (weights.get(key) ?? 0) + a.weight);
    };
    for (const author of view.authors) author.affiliations.forEach(note);
    // the affiliations no author holds (weight 0): the paper's nodes and links, as in the analytics' network
    view.unattributed.forEach(note);
    const keys = [...weights.keys()].sort(compareStrings);
    for (const key of keys) {
      const node = nodes.get(key) as CoauthorshipNode;
      node.papers++;
      node.fractionalPapers += weights.get(key) as number;
    }
    const share = keys.length > 1 ? 1 / (keys.length - 1) : 0;
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const id = `${keys[i]}\t${keys[j]}`;
        const link = links.get(id);
        if (link) {
          link.papers++;
          link.fractional += share;
        } else links.set(id, { source: keys[i], target: keys[j], papers: 1, fractional: share });
      }
    }
  }
  return {
    level: options.level,
    pair: options.pair,
    pairOnly: options.pairOnly === true,
    papers: used,
    nodes: [...nodes.values()].sort((x, y) => y.papers - x.papers || compareStrings(x.key, y.key)),
    links: [...links.values()].sort((x, y) => y.papers - x.papers || compareStrings(x.source, y.source) || compareStrings(x.target, y.target)),
  };
}
