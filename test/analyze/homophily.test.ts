// bootstrapAssortativity sums each paper's ties once and adds the sums per drawn paper (a speed change
// only): its replicates must be those of the plain algorithm, which walks every tie of every drawn
// paper, to the bit, on any tie lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bootstrapAssortativity, type PaperTies } from '../../src/analyze/homophily.js';
import { mulberry32 } from '../../src/analyze/stats.js';

/** The plain algorithm: every tie of every drawn paper counted one by one. */
function referenceBootstrap(ties: PaperTies, replicates: number, seed: number): number[] {
  const papers = ties.starts.length - 1;
  const random = mulberry32(seed);
  const strength = new Float64Array(ties.countries);
  const values: number[] = [];
  if (papers <= 0) return values;
  for (let b = 0; b < replicates; b++) {
    strength.fill(0);
    let total = 0;
    let within = 0;
    for (let k = 0; k < papers; k++) {
      const p = Math.floor(random() * papers);
      for (let t = ties.starts[p]; t < ties.starts[p + 1]; t++) {
        const cx = ties.label[ties.x[t]];
        const cy = ties.label[ties.y[t]];
        total++;
        strength[cx]++;
        strength[cy]++;
        if (cx === cy) within++;
      }
    }
    if (!(total > 0)) continue;
    let sumA2 = 0;
    for (const s of strength) sumA2 += (s / (2 * total)) ** 2;
    values.push(sumA2 < 1 ? (within / total - sumA2) / (1 - sumA2) : 0);
  }
  return values;
}

/** Random tie lists: up to 12 nodes in up to 4 countries, papers with 0-6 ties each. */
const tieLists = fc
  .record({
    countries: fc.integer({ min: 1, max: 4 }),
    nodes: fc.integer({ min: 1, max: 12 }),
    papers: fc.array(fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), { maxLength: 15 }),
    labels: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  })
  .map(({ countries, nodes, papers, labels }): PaperTies => {
    const x: number[] = [];
    const y: number[] = [];
    const starts = [0];
    for (const paper of papers) {
      for (const [i, j] of paper) {
        x.push(i % nodes);
        y.push(j % nodes);
      }
      starts.push(x.length);
    }
    return {
      x: Int32Array.from(x),
      y: Int32Array.from(y),
      starts: Int32Array.from(starts),
      label: Int32Array.from(labels.slice(0, nodes), (l) => l % countries),
      countries,
    };
  });

test('bootstrapAssortativity gives the plain algorithm replicates, to the bit', () => {
  fc.assert(
    fc.property(tieLists, fc.integer({ min: 0, max: 40 }), fc.integer(), (ties, replicates, seed) => {
      assert.deepEqual(bootstrapAssortativity(ties, replicates, seed), referenceBootstrap(ties, replicates, seed));
    }),
    { numRuns: 500 },
  );
});

test('bootstrapAssortativity: hand-checked replicate (one paper, a within and an across tie)', () => {
  // One paper: ties 0-1 (both country 0) and 0-2 (countries 0 and 1). Every replicate draws it:
  // total 2, within 1, strengths [3, 1] / 4 -> sumA2 = 9/16 + 1/16 = 10/16; r = (1/2 - 10/16) / (6/16) = -1/3.
  const ties: PaperTies = { x: Int32Array.from([0, 0]), y: Int32Array.from([1, 2]), starts: Int32Array.from([0, 2]), label: Int32Array.from([0, 0, 1]), countries: 2 };
  const values = bootstrapAssortativity(ties, 3, 1);
  assert.equal(values.length, 3);
  for (const r of values) assert.ok(Math.abs(r + 1 / 3) < 1e-12, String(r));
});
