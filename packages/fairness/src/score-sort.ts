/**
 * Sorting scored rows by the order-preserving 64-bit key of their float score (hi, lo: two 32-bit
 * halves) with a 32-bit payload carried along, so the sweep after the sort reads sequentially instead
 * of gathering by row index. One LSD radix sort on hi only, on the range maxHi − minHi with as few
 * ≤ 11-bit digits as that range needs (passes whose digit is constant are skipped); then each run of
 * equal hi (few rows for continuous scores) is ordered by lo: insertion sort when short, the same
 * radix sort on lo when long. Stable (equal keys keep their input order) and exact for every double;
 * −0 and +0 get the same key. 11-bit digits keep the scatter's write streams cache-resident.
 */
export interface KeyedRows {
  hi: Uint32Array;
  lo: Uint32Array;
  payload: Uint32Array;
}

const MAX_DIGIT = 11;
const SHORT_RUN = 48;

/** Histograms of hi's three digits (bits 0–10, 11–21, 22–31), filled while the keys are written. */
export const HI_DIGITS = 3 * 2048;

/**
 * Writes the order-preserving key of scores[r] (whose words are bits[2r], bits[2r + 1]) at position i
 * and counts hi's digits into hist; −0 gets +0's key. Small enough for V8 to inline into the caller's loop.
 */
export function putKey(
  s: number,
  bits: Uint32Array,
  r: number,
  hi: Uint32Array,
  lo: Uint32Array,
  i: number,
  hist: Uint32Array,
): void {
  let h = bits[r * 2 + 1],
    l = bits[r * 2];
  if (s === 0) {
    h = 0x80000000;
    l = 0;
  } else if (h & 0x80000000) {
    h = ~h >>> 0;
    l = ~l >>> 0;
  } else h = (h | 0x80000000) >>> 0;
  hi[i] = h;
  lo[i] = l;
  hist[h & 0x7ff]++;
  hist[2048 + ((h >>> 11) & 0x7ff)]++;
  hist[4096 + (h >>> 22)]++;
}

const word = new Uint32Array(2),
  double = new Float64Array(word.buffer);

/** The score whose key is (hi, lo) (+0 for a zero). */
export function scoreOfKey(hi: number, lo: number): number {
  if (hi & 0x80000000) {
    word[1] = hi & 0x7fffffff;
    word[0] = lo;
  } else {
    word[1] = ~hi;
    word[0] = ~lo;
  }
  return double[0];
}

/**
 * Sorts rows [0, n) of k in place by (hi, lo); hist = putKey's digit counts of those rows; `scratch`
 * has at least n rows (its contents are overwritten).
 */
export function sortKeyed(k: KeyedRows, scratch: KeyedRows, n: number, hist: Uint32Array): void {
  hiPasses(k, scratch, n, hist);
  const { hi, lo, payload } = k;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const h = hi[i];
    while (j < n && hi[j] === h) j++;
    if (j - i > SHORT_RUN) radixRange(lo, hi, payload, scratch.lo, scratch.hi, scratch.payload, i, j);
    else if (j - i > 1) insertionByLo(lo, payload, i, j);
    i = j;
  }
}

function hiPasses(k: KeyedRows, scratch: KeyedRows, n: number, hist: Uint32Array): void {
  let a = k.hi,
    b = k.lo,
    c = k.payload,
    a2 = scratch.hi,
    b2 = scratch.lo,
    c2 = scratch.payload,
    swapped = false;
  for (let p = 0; p < 3 && n > 0; p++) {
    const off = p * 2048,
      shift = p * 11;
    if (hist[off + ((a[0] >>> shift) & 0x7ff)] === n) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const x = hist[off + d];
      hist[off + d] = sum;
      sum += x;
    }
    for (let i = 0; i < n; i++) {
      const at = hist[off + ((a[i] >>> shift) & 0x7ff)]++;
      a2[at] = a[i];
      b2[at] = b[i];
      c2[at] = c[i];
    }
    let t = a;
    a = a2;
    a2 = t;
    t = b;
    b = b2;
    b2 = t;
    t = c;
    c = c2;
    c2 = t;
    swapped = !swapped;
  }
  if (swapped) {
    k.hi.set(a.subarray(0, n));
    k.lo.set(b.subarray(0, n));
    k.payload.set(c.subarray(0, n));
  }
}

function insertionByLo(lo: Uint32Array, payload: Uint32Array, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    const l = lo[a],
      p = payload[a];
    let b = a - 1;
    while (b >= from && lo[b] > l) {
      lo[b + 1] = lo[b];
      payload[b + 1] = payload[b];
      b--;
    }
    lo[b + 1] = l;
    payload[b + 1] = p;
  }
}

/** Stable LSD radix sort of [from, to) by key, moving other and payload; the result ends up in the first arrays. */
function radixRange(
  key: Uint32Array,
  other: Uint32Array,
  pay: Uint32Array,
  key2: Uint32Array,
  other2: Uint32Array,
  pay2: Uint32Array,
  from: number,
  to: number,
): void {
  const n = to - from;
  if (n < 2) return;
  let min = key[from],
    max = min;
  for (let i = from + 1; i < to; i++) {
    const v = key[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const range = (max - min) >>> 0;
  if (range === 0) return;
  const bits = 32 - Math.clz32(range);
  const passes = Math.ceil(bits / MAX_DIGIT),
    width = Math.ceil(bits / passes),
    mask = (1 << width) - 1;
  const size = 1 << width;
  const hist = new Uint32Array(passes * size);
  for (let i = from; i < to; i++) {
    const v = (key[i] - min) >>> 0;
    for (let p = 0; p < passes; p++) hist[p * size + ((v >>> (p * width)) & mask)]++;
  }
  let a = key,
    b = other,
    c = pay,
    a2 = key2,
    b2 = other2,
    c2 = pay2,
    swapped = false;
  for (let p = 0; p < passes; p++) {
    const off = p * size,
      shift = p * width;
    if (hist[off + (((a[from] - min) >>> shift) & mask)] === n) continue;
    let sum = from;
    for (let d = 0; d < size; d++) {
      const x = hist[off + d];
      hist[off + d] = sum;
      sum += x;
    }
    for (let i = from; i < to; i++) {
      const at = hist[off + ((((a[i] - min) >>> 0) >>> shift) & mask)]++;
      a2[at] = a[i];
      b2[at] = b[i];
      c2[at] = c[i];
    }
    let t = a;
    a = a2;
    a2 = t;
    t = b;
    b = b2;
    b2 = t;
    t = c;
    c = c2;
    c2 = t;
    swapped = !swapped;
  }
  if (swapped) {
    key.set(a.subarray(from, to), from);
    other.set(b.subarray(from, to), from);
    pay.set(c.subarray(from, to), from);
  }
}
