// 5. Sector pairs across the border: for every collaboration paper, each combination of a sector on
// side A with a sector on side B that the paper has (US company x CN university...), overall and per year.
import { SECTORS } from '../types.js';
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { NO_SECTOR, pairSides } from './context.js';
import { round } from './stats.js';
import type { SectorCell, SectorMatrix, Sectors } from './types.js';

export const SECTOR_AXIS: readonly string[] = [...SECTORS, NO_SECTOR];

interface MatrixCount {
  pairPapers: number;
  cells: Map<string, { combinations: number; papers: number }>;
}

function emptyMatrix(): MatrixCount {
  return { pairPapers: 0, cells: new Map() };
}

export function sectorsAccumulator(context: AnalysisContext): Accumulator<Sectors> {
  const overall = emptyMatrix();
  const byYear = new Map<number, MatrixCount>();
  return {
    add(view: PaperView) {
      if (!view.inScope || !view.isPair) return;
      const [sideA, sideB] = pairSides(view, context.pair).map(
        // the sector of the organisation each affiliation counts as (its own under institutionLevel=unit)
        (side) => new Set(side.map((affiliation) => affiliation.nodeSector ?? NO_SECTOR)),
      );
      const combinations: string[] = [];
      for (const a of sideA) for (const b of sideB) combinations.push(`${a}\t${b}`);
      let year = byYear.get(view.paper.year);
      if (!year) byYear.set(view.paper.year, (year = emptyMatrix()));
      for (const matrix of [overall, year]) {
        matrix.pairPapers++;
        for (const key of combinations) {
          let cell = matrix.cells.get(key);
          if (!cell) matrix.cells.set(key, (cell = { combinations: 0, papers: 0 }));
          cell.combinations++;
          cell.papers += 1 / combinations.length;
        }
      }
    },
    finish() {
      return {
        pair: context.pair,
        sectors: [...SECTOR_AXIS],
        overall: sectorMatrix(overall),
        byYear: [...byYear].sort(([a], [b]) => a - b).map(([year, matrix]) => ({ year, ...sectorMatrix(matrix) })),
      };
    },
  };
}

function axisIndex(sector: string): number {
  const i = SECTOR_AXIS.indexOf(sector);
  return i === -1 ? SECTOR_AXIS.length : i;
}

function sectorMatrix(matrix: MatrixCount): SectorMatrix {
  const total = [...matrix.cells.values()].reduce((s, c) => s + c.combinations, 0);
  const cells: SectorCell[] = [...matrix.cells]
    .map(([key, c]) => {
      const [sectorA, sectorB] = key.split('\t');
      return { sectorA, sectorB, combinations: c.combinations, share: total ? round(c.combinations / total) : 0, papers: round(c.papers) };
    })
    .sort(
      (x, y) =>
        y.combinations - x.combinations || axisIndex(x.sectorA) - axisIndex(y.sectorA) || axisIndex(x.sectorB) - axisIndex(y.sectorB),
    );
  return { pairPapers: matrix.pairPapers, combinations: total, cells };
}
