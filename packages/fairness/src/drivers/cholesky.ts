/**
 * Solves H x = b for a symmetric positive-definite H (row-major p x p) by Cholesky factorisation.
 * The Newton system of an L2-penalised logistic regression is SPD by construction; a pivot that
 * still comes out non-positive (round-off when the data separate perfectly) gets a small diagonal
 * jitter rather than a crash, and the caller's line search guards the resulting step.
 */
export function solveSpd(h: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(h[i * p + i]));
  const floor = Math.max(maxDiag, 1) * 1e-13;
  for (let j = 0; j < p; j++) {
    let d = h[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > floor)) d = floor;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = h[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}
