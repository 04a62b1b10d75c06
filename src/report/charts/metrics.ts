// Text widths for server-side rendering. Vega measures text with a canvas when it has one; on the
// server it has none and guesses 0.8 em per character, which leaves labels spaced and truncated as
// if every letter were a W. This uses Arial's advance widths (Liberation Sans is metric-compatible,
// and the charts ask for Arial first), so labels fit and are cut where the browser would cut them.
import * as vega from 'vega';

// Advance widths of ASCII 32..126 in thousandths of an em (Helvetica/Arial AFM).
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space .. /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
  278, 278, 584, 584, 584, 556, 1015, // : ; < = > ? @
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // A-Z
  278, 278, 278, 469, 556, 333, // [ \ ] ^ _ `
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // a-z
  334, 260, 334, 584, // { | } ~
];

/** Width in pixels of `text` in Arial at `fontSize`, bold about 8% wider. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 32;
    if (code >= 32 && code <= 126) units += WIDTHS[code - 32];
    else if (code >= 0x2e80) units += 1000; // CJK and other wide scripts
    else units += 580; // accented Latin, Greek, Cyrillic, punctuation: about an average letter
  }
  return (units / 1000) * fontSize * (bold ? 1.08 : 1);
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

let installed = false;

/** Makes Vega measure text with the table above (once per process; no effect in a browser). */
export function useArialMetrics(): void {
  if (installed) return;
  installed = true;
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item: TextItem, text?: unknown) => {
    const value = text ?? item.text;
    const line = Array.isArray(value) ? value.join(' ') : String(value ?? '');
    const weight = item.fontWeight;
    const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600);
    return textWidth(line, item.fontSize ?? 11, bold);
  };
}
