// Fitting a conditional-logit (multinomial logistic) ranker: each example is a choice among candidates,
// each candidate a sparse feature vector; P(candidate) = softmax(w . features). The weights minimise the
// mean negative log-likelihood plus l2/2 |w - prior|^2, by L-BFGS with a backtracking line search: convex, so
// the optimum is unique, and the arithmetic is deterministic (same input, same weights, bit for bit).

/** One labelled choice: the candidates' features (name -> value) and the index of the right one. */
export interface Choice {
  candidates: Array<ReadonlyMap<string, number>>;
  label: number;
}

export interface FitOptions {
  /** L2 penalty (mean-loss scale): one for every weight, or one per feature name. */
  l2: number | ((name: string) => number);
  /** The value a weight is pulled to (default 0): a feature the data never shows keeps its prior. */
  priors?: Readonly<Record<string, number>>;
  maxIterations?: number;
  /** Stop when the gradient's largest component is below this. */
  tolerance?: number;
}

export interface FitResult {
  weights: Map<string, number>;
  loss: number;
  iterations: number;
}

interface Dense {
  /** Per choice, per candidate: feature indices and values. */
  rows: Array<Array<{ idx: Int32Array; val: Float64Array }>>;
  labels: number[];
}

export function fitConditionalLogit(choices: Choice[], options: FitOptions): FitResult {
  const names = [...new Set([...choices.flatMap((c) => c.candidates.flatMap((f) => [...f.keys()])), ...Object.keys(options.priors ?? {})])].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const data: Dense = {
    rows: choices.map((c) =>
      c.candidates.map((f) => {
        const entries = [...f].filter(([, v]) => v !== 0);
        return { idx: Int32Array.from(entries.map(([n]) => index.get(n)!)), val: Float64Array.from(entries.map(([, v]) => v)) };
      }),
    ),
    labels: choices.map((c) => c.label),
  };
  const l2 = Float64Array.from(names, (n) => (typeof options.l2 === 'number' ? options.l2 : options.l2(n)));
  const prior = Float64Array.from(names, (n) => options.priors?.[n] ?? 0);
  const { x, loss, iterations } = lbfgs((w, g) => objective(data, w, g, l2, prior), prior, options.maxIterations ?? 500, options.tolerance ?? 1e-6);
  return { weights: new Map(names.map((n, i) => [n, x[i]])), loss, iterations };
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
    loss += Math.log(z) + max - scores[data.labels[e]];
    cands.forEach(({ idx, val }, c) => {
      const p = exps[c] / z - (c === data.labels[e] ? 1 : 0);
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
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((sum, v, i) => sum + v * b[i], 0);
  for (; iterations < maxIterations; iterations++) {
    if (g.reduce((m, v) => Math.max(m, Math.abs(v)), 0) < tolerance) break;
    // direction d = -H g by the two-loop recursion
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      const a = dot(s[k], q) / dot(y[k], s[k]);
      alpha[k] = a;
      for (let i = 0; i < dim; i++) q[i] -= a * y[k][i];
    }
    const gamma = s.length ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1]) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < dim; i++) q[i] *= gamma;
    for (let k = 0; k < s.length; k++) {
      const b = dot(y[k], q) / dot(y[k], s[k]);
      for (let i = 0; i < dim; i++) q[i] += s[k][i] * (alpha[k] - b);
    }
    const d = q.map((v) => -v);
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
    const sk = xNew.map((v, i) => v - x[i]);
    const yk = gNew.map((v, i) => v - g[i]);
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
