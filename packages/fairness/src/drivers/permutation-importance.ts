/**
 * Permutation importance: how much the surrogate's agreement with the decisions drops when one
 * feature's values are shuffled across rows (its link to the other features and the decision is
 * broken, its distribution kept). Model-agnostic, so it cross-checks the exact linear attributions
 * in the unit a reader cares about (fidelity points). Because the surrogate is additive, shuffling
 * a feature only swaps its contribution: logit' = logit - c_f(i) + c_f(pi(i)), O(n) per repeat.
 */
import { permutation } from './prng.ts';

export interface PermutationImportance {
  mean: number;
  std: number;
  repeats: number;
  n: number;
}

/** `sampleContrib` is feature-major: feature f's contributions at the n sample rows are block f. */
export function permutationImportance(
  sampleEta: Float64Array,
  sampleContrib: Float64Array,
  features: number,
  decisions: Uint8Array,
  repeats: number,
  random: () => number,
): PermutationImportance[] {
  const n = sampleEta.length;
  let base = 0;
  for (let i = 0; i < n; i++) base += (sampleEta[i] >= 0 ? 1 : 0) === decisions[i] ? 1 : 0;
  const pi = new Uint32Array(n);
  const out: PermutationImportance[] = [];
  for (let f = 0; f < features; f++) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      permutation(pi, random);
      let agree = 0;
      const c = sampleContrib.subarray(f * n, (f + 1) * n);
      for (let i = 0; i < n; i++) {
        const eta = sampleEta[i] - c[i] + c[pi[i]];
        agree += (eta >= 0 ? 1 : 0) === decisions[i] ? 1 : 0;
      }
      drops.push((base - agree) / n);
    }
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const variance = repeats > 1 ? drops.reduce((a, b) => a + (b - mean) ** 2, 0) / (repeats - 1) : 0;
    out.push({ mean, std: Math.sqrt(variance), repeats, n });
  }
  return out;
}
