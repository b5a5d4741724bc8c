/**
 * Argsort of float scores by LSD radix sort on their IEEE-754 bits (4 passes of 16 bits; a pass
 * whose digit is the same for every key is skipped, so integer-valued scores such as deciles cost
 * one or two passes). Exact for every double; linear time; no comparator calls.
 */
export function argsortScores(values: Float64Array, indices: Uint32Array): Uint32Array {
  const n = indices.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let hi = new Uint32Array(n), lo = new Uint32Array(n), idx = indices.slice();
  for (let i = 0; i < n; i++) {
    const r = idx[i];
    let h = bits[r * 2 + 1], l = bits[r * 2];
    if (h & 0x80000000) { h = ~h >>> 0; l = ~l >>> 0; } else h = (h | 0x80000000) >>> 0;
    if (values[r] === 0) { h = 0x80000000; l = 0; } // −0 and +0 are the same score
    hi[i] = h; lo[i] = l;
  }
  let hi2 = new Uint32Array(n), lo2 = new Uint32Array(n), idx2 = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & 0xffff]++;
    if (n === 0 || count[(src[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) { const c = count[d]; count[d] = sum; sum += c; }
    for (let i = 0; i < n; i++) {
      const pos = count[(src[i] >>> shift) & 0xffff]++;
      hi2[pos] = hi[i]; lo2[pos] = lo[i]; idx2[pos] = idx[i];
    }
    [hi, hi2] = [hi2, hi]; [lo, lo2] = [lo2, lo]; [idx, idx2] = [idx2, idx];
  }
  return idx;
}
