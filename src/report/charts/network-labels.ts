// Labels of the institution network: a short text per institution (its name when it fits, else its
// acronym in the knowledge base, else the name cut with an ellipsis), placed greedily in priority
// order at one of eight spots around the circle where it overlaps no other label, no circle and
// stays inside the frame. Institutions left without a spot are named on hover and in the table.
import { textWidth } from './metrics.js';

export const LABEL_FONT = 11;
/** Widest label in pixels (about 28 characters). */
const LABEL_MAX_WIDTH = 170;

export interface Label {
  text: string;
  x: number;
  y: number;
  align: 'left' | 'right' | 'center';
}

export interface LabelledCircle {
  key: string;
  x: number;
  y: number;
  r: number;
  label: Label | null;
}

/** The text a node is labelled with: its name if it fits, else its acronym, else the name shortened. */
export function shortLabel(name: string, acronym: string | null, bold = false): string {
  if (textWidth(name, LABEL_FONT, bold) <= LABEL_MAX_WIDTH) return name;
  if (acronym) return acronym;
  let text = name;
  while (text.length > 1 && textWidth(`${text}…`, LABEL_FONT, bold) > LABEL_MAX_WIDTH) text = text.slice(0, -1);
  return `${text.trimEnd()}…`;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Places the labels of `wanted` (in that order: most important first) and sets `label` on each node
 * that found a free spot. `texts` gives each node's label text and whether it is bold.
 */
export function placeLabels<N extends LabelledCircle>(
  nodes: N[],
  wanted: N[],
  texts: Map<string, { text: string; bold: boolean }>,
  width: number,
  height: number,
): void {
  const placed: Box[] = [];
  const circles: Array<Box & { key: string }> = nodes.map((n) => ({ key: n.key, x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r }));
  const h = LABEL_FONT + 2;
  const gap = 3;
  for (const node of wanted) {
    const { text, bold } = texts.get(node.key) ?? { text: node.key, bold: false };
    const w = textWidth(text, LABEL_FONT, bold);
    const { x, y, r } = node;
    const diagonal = r * Math.SQRT1_2 + gap;
    const candidates: Array<{ box: Box; label: Label }> = [
      { box: { x0: x + r + gap, y0: y - h / 2, x1: x + r + gap + w, y1: y + h / 2 }, label: { text, x: x + r + gap, y, align: 'left' } },
      { box: { x0: x - r - gap - w, y0: y - h / 2, x1: x - r - gap, y1: y + h / 2 }, label: { text, x: x - r - gap, y, align: 'right' } },
      { box: { x0: x - w / 2, y0: y - r - gap - h, x1: x + w / 2, y1: y - r - gap }, label: { text, x, y: y - r - gap - h / 2, align: 'center' } },
      { box: { x0: x - w / 2, y0: y + r + gap, x1: x + w / 2, y1: y + r + gap + h }, label: { text, x, y: y + r + gap + h / 2, align: 'center' } },
      { box: { x0: x + diagonal, y0: y - diagonal - h, x1: x + diagonal + w, y1: y - diagonal }, label: { text, x: x + diagonal, y: y - diagonal - h / 2, align: 'left' } },
      { box: { x0: x - diagonal - w, y0: y - diagonal - h, x1: x - diagonal, y1: y - diagonal }, label: { text, x: x - diagonal, y: y - diagonal - h / 2, align: 'right' } },
      { box: { x0: x + diagonal, y0: y + diagonal, x1: x + diagonal + w, y1: y + diagonal + h }, label: { text, x: x + diagonal, y: y + diagonal + h / 2, align: 'left' } },
      { box: { x0: x - diagonal - w, y0: y + diagonal, x1: x - diagonal, y1: y + diagonal + h }, label: { text, x: x - diagonal, y: y + diagonal + h / 2, align: 'right' } },
    ];
    for (const candidate of candidates) {
      const { box } = candidate;
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height) continue;
      if (placed.some((b) => overlaps(b, box))) continue;
      if (circles.some((c) => c.key !== node.key && overlaps(c, box))) continue;
      placed.push(box);
      node.label = { ...candidate.label, x: round(candidate.label.x), y: round(candidate.label.y) };
      break;
    }
  }
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
