// Plain-text tables for the terminal: right-aligned numbers, left-aligned text.

export type Cell = string | number;

export function textTable(title: string, header: string[], rows: Cell[][]): string {
  const cells = [header, ...rows.map((row) => row.map(formatCell))];
  const widths = header.map((_, col) => Math.max(...cells.map((row) => String(row[col] ?? '').length)));
  const numeric = header.map((_, col) => rows.length > 0 && rows.every((row) => typeof row[col] === 'number' || /^[-+]?[\d.,]+%?$/.test(String(row[col]))));
  const line = (row: Cell[]) =>
    row
      .map((cell, col) => (numeric[col] ? String(cell).padStart(widths[col]) : String(cell).padEnd(widths[col])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [title, line(header), rule, ...cells.slice(1).map(line)].join('\n');
}

function formatCell(cell: Cell): Cell {
  return typeof cell === 'number' && !Number.isInteger(cell) ? Number(cell.toFixed(3)) : cell;
}

export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}
