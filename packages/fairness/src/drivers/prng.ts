/**
 * Seeded randomness for subsampling and permutation. Never Math.random: the same seed must give
 * the same report on every machine, so the generator is a fixed 32-bit integer recurrence.
 */

/** mulberry32: a 32-bit state generator, uniform doubles in [0, 1). Fast and good enough for sampling. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Independent streams from one user seed (subsample vs permutations), so changing how many
 * permutations run never changes which rows the surrogate was fitted on.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * k of n positions without replacement, in increasing order (Knuth's selection sampling,
 * Algorithm S): one pass, no index array of size n, and sorted output keeps later gathers
 * cache-friendly. Returns 0..n-1 when k >= n.
 */
export function sampleSorted(n: number, k: number, random: () => number): Uint32Array {
  if (k >= n) return allPositions(n);
  const out = new Uint32Array(k);
  let chosen = 0;
  for (let i = 0; i < n && chosen < k; i++) {
    if ((n - i) * random() < k - chosen) out[chosen++] = i;
  }
  return out;
}

/** 0..n-1: the "sample" that is the whole set. */
export function allPositions(n: number): Uint32Array {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}

/** Fisher-Yates shuffle of 0..n-1 into `out` (reused across repeats to avoid allocation). */
export function permutation(out: Uint32Array, random: () => number): Uint32Array {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
