import { describe, expect, it } from 'vitest';
import type { SlotDesign } from '../../src/drivers/design-matrix.ts';
import { fitLogistic } from '../../src/drivers/logistic-regression.ts';
import { mulberry32 } from '../../src/drivers/prng.ts';

/** A dense design (every row has every column) in the slot layout; column 0 is the intercept. */
function dense(x: number[][]): SlotDesign {
  const slots = x[0].length;
  const cols = new Int32Array(x.length * slots);
  const vals = new Float64Array(x.length * slots);
  x.forEach((row, i) =>
    row.forEach((v, t) => {
      cols[i * slots + t] = t + 1;
      vals[i * slots + t] = v;
    }),
  );
  return { rows: x.length, slots, columns: slots + 1, cols, vals };
}

/** Independent reference: plain dense Newton with Gaussian elimination (partial pivoting). */
function referenceNewton(x: number[][], y: number[], lambda: number): number[] {
  const n = x.length;
  const p = x[0].length + 1;
  const X = x.map((r) => [1, ...r]);
  let b = new Array(p).fill(0);
  for (let it = 0; it < 100; it++) {
    const g = new Array(p).fill(0);
    const H = Array.from({ length: p }, () => new Array(p).fill(0));
    for (let i = 0; i < n; i++) {
      const eta = X[i].reduce((s, v, j) => s + v * b[j], 0);
      const mu = 1 / (1 + Math.exp(-eta));
      for (let a = 0; a < p; a++) {
        g[a] += ((mu - y[i]) * X[i][a]) / n;
        for (let c = 0; c < p; c++) H[a][c] += (mu * (1 - mu) * X[i][a] * X[i][c]) / n;
      }
    }
    for (let a = 1; a < p; a++) {
      g[a] += lambda * b[a];
      H[a][a] += lambda;
    }
    const A = H.map((row, a) => [...row, -g[a]]);
    for (let c = 0; c < p; c++) {
      let piv = c;
      for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
      [A[c], A[piv]] = [A[piv], A[c]];
      for (let r = c + 1; r < p; r++) {
        const f = A[r][c] / A[c][c];
        for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
      }
    }
    const d = new Array(p).fill(0);
    for (let r = p - 1; r >= 0; r--) {
      let s = A[r][p];
      for (let k = r + 1; k < p; k++) s -= A[r][k] * d[k];
      d[r] = s / A[r][r];
    }
    b = b.map((v, j) => v + d[j]);
    if (Math.max(...d.map(Math.abs)) < 1e-13) break;
  }
  return b;
}

describe('L2-penalised logistic regression (Newton)', () => {
  it('lambda = 0 on one binary feature recovers the log odds exactly', () => {
    // x = 0: 30 positive / 70 negative; x = 1: 60 / 40.
    const x: number[][] = [];
    const y: number[] = [];
    const add = (v: number, pos: number, neg: number) => {
      for (let k = 0; k < pos; k++) {
        x.push([v]);
        y.push(1);
      }
      for (let k = 0; k < neg; k++) {
        x.push([v]);
        y.push(0);
      }
    };
    add(0, 30, 70);
    add(1, 60, 40);
    const fit = fitLogistic(dense(x), Uint8Array.from(y), 0, 50);
    expect(fit.converged).toBe(true);
    expect(fit.beta[0]).toBeCloseTo(Math.log(30 / 70), 10);
    expect(fit.beta[1]).toBeCloseTo(Math.log(60 / 40) - Math.log(30 / 70), 10);
  });

  it('separable-with-noise data: matches an independent dense Newton solution, gradient zero', () => {
    const r = mulberry32(2024);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const a = r() * 4 - 2;
      const b = r() * 4 - 2;
      x.push([a, b]);
      // Separable by 2a - b > 0 except for 10% flipped labels.
      const label = 2 * a - b > 0 ? 1 : 0;
      y.push(r() < 0.1 ? 1 - label : label);
    }
    const lambda = 1e-3;
    const fit = fitLogistic(dense(x), Uint8Array.from(y), lambda, 50);
    const ref = referenceNewton(x, y, lambda);
    expect(fit.converged).toBe(true);
    for (let j = 0; j < 3; j++) expect(fit.beta[j]).toBeCloseTo(ref[j], 9);
    // First-order optimality at the returned coefficients: mean (mu - y) x + lambda beta = 0.
    const grad = [0, 0, 0];
    x.forEach(([a, b], i) => {
      const mu = 1 / (1 + Math.exp(-(fit.beta[0] + fit.beta[1] * a + fit.beta[2] * b)));
      [1, a, b].forEach((v, j) => (grad[j] += ((mu - y[i]) * v) / x.length));
    });
    grad[1] += lambda * fit.beta[1];
    grad[2] += lambda * fit.beta[2];
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-12);
    // The direction the data were generated from: beta_a / beta_b ~ -2.
    expect(fit.beta[1] / fit.beta[2]).toBeGreaterThan(-2.6);
    expect(fit.beta[1] / fit.beta[2]).toBeLessThan(-1.5);
  });

  it('perfectly separable data: the penalty keeps the optimum finite and Newton converges', () => {
    const x = Array.from({ length: 40 }, (_, i) => [i - 19.5]);
    const y = x.map(([v]) => (v > 0 ? 1 : 0));
    const fit = fitLogistic(dense(x), Uint8Array.from(y), 1e-3, 50);
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.beta[1])).toBe(true);
    expect(fit.beta[1]).toBeGreaterThan(1);
    const ref = referenceNewton(x, y, 1e-3);
    expect(fit.beta[1]).toBeCloseTo(ref[1], 8);
  });

  it('reports non-convergence when the iteration cap is hit', () => {
    const x = Array.from({ length: 40 }, (_, i) => [i - 19.5]);
    const y = x.map(([v]) => (v > 0 ? 1 : 0));
    const fit = fitLogistic(dense(x), Uint8Array.from(y), 1e-3, 1);
    expect(fit.iterations).toBe(1);
    expect(fit.converged).toBe(false);
  });
});
