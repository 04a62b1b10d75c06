// Number formatting shared by the findings sentences and the terminal tables.

export function pct(share: number | null, digits = 1): string {
  return share === null || !Number.isFinite(share) ? '-' : `${(share * 100).toFixed(digits)}%`;
}

export function signedPct(share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '-';
  const text = (share * 100).toFixed(digits);
  return `${share >= 0 && !text.startsWith('-') ? '+' : ''}${text}%`;
}

/** Percentage points: 0.012 -> "+1.2 pp". */
export function signedPp(delta: number | null, digits = 1): string {
  if (delta === null || !Number.isFinite(delta)) return '-';
  const text = (delta * 100).toFixed(digits);
  return `${delta >= 0 && !text.startsWith('-') ? '+' : ''}${text} pp`;
}

export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '-';
  if (p < 0.001) return '<0.001';
  return p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}

/** "p=0.40" or "p<0.001". */
export function pText(p: number): string {
  const text = formatP(p);
  return text.startsWith('<') ? `p${text}` : `p=${text}`;
}

export function fixed(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

export function interval(ci: [number, number], digits = 1): string {
  return `${(ci[0] * 100).toFixed(digits)}-${(ci[1] * 100).toFixed(digits)}%`;
}

/** Cuts a label to `width` characters with an ellipsis. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
