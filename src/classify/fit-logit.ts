// Fitting a conditional-logit (multinomial logistic) ranker: each example is a choice among candidates,
// each candidate a sparse feature vector; P(candidate) = softmax(w . features). The weights minimise the
// mean negative log-likelihood plus l2/2 |w - prior|^2, by L-BFGS with a backtracking line search: convex, so
// the optimum is unique, and the arithmetic is deterministic (same input, same weights, bit for bit).
// Beside the named features a choice may carry an indexed block (the hashed words of field-text.ts):
// per candidate, indices into a weight vector of a given size with their own L2 penalty.

/** Features of one candidate in the indexed block: indices in [0, block size) and their values. */
export interface BlockFeatures {
  idx: Int32Array;
  val: Float64Array;
}

/** One labelled choice: the candidates' features (name -> value) and the index of the right one. */
export interface Choice {
  candidates: Array<ReadonlyMap<string, number>>;
  label: number;
  /** A soft target: each candidate's share (summing to 1), instead of all of it on `label`. */
  target?: readonly number[];
  /** Per candidate, its features in the indexed block (FitOptions.block). */
  block?: readonly BlockFeatures[];
}

export interface FitOptions {
  /** L2 penalty (mean-loss scale): one for every weight, or one per feature name. */
  l2: number | ((name: string) => number);
  /** The value a weight is pulled to (default 0): a feature the data never shows keeps its prior. */
  priors?: Readonly<Record<string, number>>;
  maxIterations?: number;
  /** Stop when the gradient's largest component is below this. */
  tolerance?: number;
  /** The indexed block's size and L2 penalty, one for all or one per index (its weights are pulled to 0). */
  block?: { size: number; l2: number | ((index: number) => number) };
}

export interface FitResult {
  weights: Map<string, number>;
  /** The indexed block's weights (empty without a block). */
  block: Float64Array;
  loss: number;
  iterations: number;
}

interface Dense {
  /** Per choice, per candidate: feature indices and values (block features after the named ones). */
  rows: Array<Array<{ idx: Int32Array; val: Float64Array }>>;
  labels: number[];
  targets: Array<readonly number[] | undefined>;
}

export function fitConditionalLogit(choices: Choice[], options: FitOptions): FitResult {
  const names = [...new Set([...choices.flatMap((c) => c.candidates.flatMap((f) => [...f.keys()])), ...Object.keys(options.priors ?? {})])].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const offset = names.length;
  const blockSize = options.block?.size ?? 0;
  const data: Dense = {
    rows: choices.map((c) =>
      c.candidates.map((f, k) => {
        const entries = [...f].filter(([, v]) => v !== 0);
        const idx = entries.map(([n]) => index.get(n)!);
        const val = entries.map(([, v]) => v);
        const block = c.block?.[k];
        if (block) {
          if (block.idx.some((i) => i < 0 || i >= blockSize)) throw new Error('block feature index outside the block');
          block.idx.forEach((i, j) => {
            idx.push(offset + i);
            val.push(block.val[j]);
          });
        }
        return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
      }),
    ),
    labels: choices.map((c) => c.label),
    targets: choices.map((c) => c.target),
  };
  const l2 = new Float64Array(offset + blockSize);
  names.forEach((n, i) => (l2[i] = typeof options.l2 === 'number' ? options.l2 : options.l2(n)));
  const blockL2 = options.block?.l2 ?? 0;
  if (typeof blockL2 === 'number') l2.fill(blockL2, offset);
  else for (let i = 0; i < blockSize; i++) l2[offset + i] = blockL2(i);
  const prior = new Float64Array(offset + blockSize);
  names.forEach((n, i) => (prior[i] = options.priors?.[n] ?? 0));
  const { x, loss, iterations } = lbfgs((w, g) => objective(data, w, g, l2, prior), prior, options.maxIterations ?? 500, options.tolerance ?? 1e-6);
  if (process.env.FIT_DEBUG) console.error(`fit: ${iterations} iterations, loss ${loss}, dim ${x.length}`);
  return { weights: new Map(names.map((n, i) => [n, x[i]])), block: x.slice(offset), loss, iterations };
}

/** Mean negative log-likelihood + sum of l2_i/2 (w_i - prior_i)^2; writes the gradient into g. */
function objective(data: Dense, w: Float64Array, g: Float64Array, l2: Float64Array, prior: Float64Array): number {
  g.fill(0);
  let loss = 0;
  const n = data.rows.length;
  for (let e = 0; e < n; e++) {
    const cands = data.rows[e];
    const scores = cands.map(({ idx, val }) => {
      let s = 0;
      for (let k = 0; k < idx.length; k++) s += w[idx[k]] * val[k];
      return s;
    });
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - max));
    const z = exps.reduce((a, b) => a + b, 0);
    const target = data.targets[e];
    if (target) for (let c = 0; c < cands.length; c++) loss -= target[c] * (scores[c] - max - Math.log(z));
    else loss += Math.log(z) + max - scores[data.labels[e]];
    cands.forEach(({ idx, val }, c) => {
      const p = exps[c] / z - (target ? target[c] : c === data.labels[e] ? 1 : 0);
      for (let k = 0; k < idx.length; k++) g[idx[k]] += (p * val[k]) / n;
    });
  }
  let penalty = 0;
  for (let i = 0; i < w.length; i++) {
    const d = w[i] - prior[i];
    penalty += (l2[i] / 2) * d * d;
    g[i] += l2[i] * d;
  }
  return loss / n + penalty;
}

/** a . b, summed in index order. */
function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Limited-memory BFGS (two-loop recursion, memory 10) with Armijo backtracking, from start. */
function lbfgs(f: (x: Float64Array, g: Float64Array) => number, start: Float64Array, maxIterations: number, tolerance: number): { x: Float64Array; loss: number; iterations: number } {
  const memory = 10;
  const dim = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(dim);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let largest = 0;
    for (let i = 0; i < dim; i++) largest = Math.max(largest, Math.abs(g[i]));
    if (largest < tolerance) break;
    // direction d = -H g by the two-loop recursion
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      const sk = s[k];
      const yk = y[k];
      const a = dot(sk, q) / dot(yk, sk);
      alpha[k] = a;
      for (let i = 0; i < dim; i++) q[i] -= a * yk[i];
    }
    const gamma = s.length ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1]) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < dim; i++) q[i] *= gamma;
    for (let k = 0; k < s.length; k++) {
      const sk = s[k];
      const yk = y[k];
      const b = dot(yk, q) / dot(yk, sk);
      const c = alpha[k] - b;
      for (let i = 0; i < dim; i++) q[i] += sk[i] * c;
    }
    const d = new Float64Array(dim);
    for (let i = 0; i < dim; i++) d[i] = -q[i];
    let slope = dot(g, d);
    if (slope >= 0) {
      // not a descent direction: restart from the gradient
      s.length = y.length = 0;
      for (let i = 0; i < dim; i++) d[i] = -g[i];
      slope = -dot(g, g);
    }
    let step = 1;
    const xNew = new Float64Array(dim);
    const gNew = new Float64Array(dim);
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++, step /= 2) {
      for (let i = 0; i < dim; i++) xNew[i] = x[i] + step * d[i];
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
    }
    if (!(fNew < fx)) break;
    const sk = new Float64Array(dim);
    const yk = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      sk[i] = xNew[i] - x[i];
      yk[i] = gNew[i] - g[i];
    }
    if (dot(sk, yk) > 1e-12) {
      s.push(sk);
      y.push(yk);
      if (s.length > memory) {
        s.shift();
        y.shift();
      }
    }
    const converged = fx - fNew < 1e-12 * Math.max(1, Math.abs(fx));
    x = xNew;
    g = gNew;
    fx = fNew;
    if (converged) break;
  }
  return { x, loss: fx, iterations };
}
