/**
 * Scores usually take few distinct values (deciles, rounded probabilities). Then AUC needs no row
 * sort: one hashing pass gives each distinct value an id and adds each row's weight to a
 * (value, cell, label) histogram, and the sweep visits the distinct values in order. The pass gives
 * up (null) as soon as there are more than `limit` distinct values; the caller then sorts the rows.
 * ±0 are one value (as in the radix sort); rows without a cell or a score are skipped.
 */
export interface ScoreLevels {
  /** Distinct values by id (first appearance), `count` of them. */
  values: Float64Array;
  count: number;
  /** (id * nCells + cell) * 2 + y: Σw of the rows with that value, cell and label. */
  hist: Float64Array;
  /** cell * 2 + y: Σw² over the scored rows, in row order. */
  sq: Float64Array;
  /** Rows with a cell and a score. */
  usable: number;
}

const INITIAL_LEVELS = 1024;
const SAMPLE = 1 << 14;

/**
 * Whether the first SAMPLE scored rows are nearly all distinct (> 15/16): then the scores are
 * continuous and the histogram would only fill up to its limit and give up, so the caller sorts
 * straight away. A cheap guess (a few hundred µs): a wrong one only costs time, never changes results.
 */
export function looksContinuous(scores: Float64Array, cell: Int32Array): boolean {
  const mask = 2 * SAMPLE - 1;
  const keys = new Float64Array(mask + 1),
    used = new Uint8Array(mask + 1);
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, scores.length * 2);
  let seen = 0,
    distinct = 0;
  for (let i = 0; i < scores.length && seen < SAMPLE; i++) {
    const s = scores[i];
    if (cell[i] < 0 || s !== s) continue;
    seen++;
    let h = s === 0 ? 0 : Math.imul(bits[2 * i] ^ Math.imul(bits[2 * i + 1], 0x9e3779b1), 0x85ebca6b) >>> 17;
    while (used[h] === 1 && keys[h] !== s) h = (h + 1) & mask;
    if (used[h] === 0) {
      used[h] = 1;
      keys[h] = s;
      distinct++;
    }
  }
  return seen === SAMPLE && distinct * 16 > seen * 15;
}

export function scoreLevels(
  scores: Float64Array,
  y: Uint8Array,
  weights: Float64Array | null,
  cell: Int32Array,
  nCells: number,
  limit: number,
): ScoreLevels | null {
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, scores.length * 2);
  // The table starts small and doubles at half load, so it stays cache-resident for a few thousand values.
  let tableBits = 11;
  let mask = (1 << tableBits) - 1,
    shift = 32 - tableBits;
  let keys: Float64Array = new Float64Array(mask + 1),
    ids: Int32Array = new Int32Array(mask + 1).fill(-1);
  let capacity = Math.min(limit, INITIAL_LEVELS);
  let values: Float64Array = new Float64Array(capacity);
  let hist: Float64Array = new Float64Array(capacity * nCells * 2);
  const sq = new Float64Array(nCells * 2);
  let count = 0,
    usable = 0;
  for (let i = 0; i < scores.length; i++) {
    const c = cell[i],
      s = scores[i];
    if (c < 0 || s !== s) continue;
    const lo = s === 0 ? 0 : bits[2 * i],
      hi = s === 0 ? 0 : bits[2 * i + 1];
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> shift;
    let id = ids[h];
    while (id >= 0 && keys[h] !== s) {
      h = (h + 1) & mask;
      id = ids[h];
    }
    if (id < 0) {
      if (count === limit) return null;
      if (count === capacity) {
        capacity = Math.min(limit, capacity * 2);
        values = grow(values, capacity);
        hist = grow(hist, capacity * nCells * 2);
      }
      id = count++;
      ids[h] = id;
      keys[h] = s;
      values[id] = s === 0 ? 0 : s;
      if (2 * count > mask) {
        tableBits++;
        mask = (1 << tableBits) - 1;
        shift = 32 - tableBits;
        keys = new Float64Array(mask + 1);
        ids = new Int32Array(mask + 1).fill(-1);
        for (let v = 0; v < count; v++) {
          const x = values[v];
          const vb = new Float64Array([x]),
            u = new Uint32Array(vb.buffer);
          let g = Math.imul(u[0] ^ Math.imul(u[1], 0x9e3779b1), 0x85ebca6b) >>> shift;
          while (ids[g] >= 0) g = (g + 1) & mask;
          ids[g] = v;
          keys[g] = x;
        }
      }
    }
    const w = weights === null ? 1 : weights[i];
    const yi = y[i];
    hist[(id * nCells + c) * 2 + yi] += w;
    sq[c * 2 + yi] += w * w;
    usable++;
  }
  return { values, count, hist, sq, usable };
}

function grow(a: Float64Array, length: number): Float64Array {
  const b = new Float64Array(length);
  b.set(a);
  return b;
}
