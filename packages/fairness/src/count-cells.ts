/**
 * The hot path: one pass over the rows gives each row its intersection cell (the combination of all
 * sensitive values, a mixed-radix code with slot 0 = missing) and adds its weight to that cell's
 * confusion counts. Every attribute's groups and the overall row are sums of cells, so nothing else
 * touches the rows again. Label and decision are read through their lookup tables (no decoded copy).
 * The common case (no weights, missing values kept as a group, ≤ 2 sensitive columns) runs a
 * specialised loop that also hashes each row's key for the input digest and stores nothing per row;
 * row-level extras (AUC, drivers) recompute the cells they need.
 */
import type { MissingSensitivePolicy } from './config-types.ts';
import { FairnessError } from './errors.ts';
import type { SensitiveCodes } from './sensitive.ts';
import type { BinarySource } from './columns.ts';
import { Digest, H1_SEED, H2_SEED } from './digest.ts';
import { compactCells, EXCLUDED, type CellCounts, type RawCells } from './compact-cells.ts';

export type { CellCounts } from './compact-cells.ts';

const DENSE_LIMIT = 1 << 20;

// A usable weight is 0 or within [MIN_WEIGHT, MAX_WEIGHT]. Kish sizes square weight sums and AUC
// multiplies weights pairwise; outside this range those products leave double precision (below
// ~1e-154 they underflow to 0, so uniform weights of 1e-200 gave an effective size of 0 and no AUC),
// while inside it every result is the same as with the weights rescaled. Such rows are excluded
// with their reason, like negative weights (exclusions.ts names the range in that reason).
const MIN_WEIGHT = 1e-100;
const MAX_WEIGHT = 1e100;

export function countCells(
  y: BinarySource,
  p: BinarySource,
  weights: Float64Array | null,
  sensitive: readonly SensitiveCodes[],
  policy: MissingSensitivePolicy,
): CellCounts {
  const radix = sensitive.map((s) => s.levels.length + 1);
  const total = radix.reduce((a, b) => a * b, 1);
  const fast = weights === null && policy === 'group' && sensitive.length <= 2 && total <= DENSE_LIMIT;
  const n = y.codes.length;
  const raw = fast
    ? countFast(y, p, n, sensitive, radix, total)
    : countGeneral(y, p, n, weights, sensitive, radix, policy);
  return compactCells(raw, sensitive);
}

/** Dense counts by cell code (≤ 2 sensitive columns, slot 0 = missing); rows with a missing y or ŷ are excluded. */
function countFast(
  y: BinarySource,
  p: BinarySource,
  n: number,
  sensitive: readonly SensitiveCodes[],
  radix: number[],
  total: number,
): RawCells {
  const w = new Float64Array(total * 4);
  const a = sensitive[0].codes;
  const b = sensitive.length === 2 ? sensitive[1].codes : null;
  const rb = sensitive.length === 2 ? radix[1] : 1;
  const yc = y.codes,
    ly = y.lut,
    pc = p.codes,
    lp = p.lut;
  let exLabel = 0,
    exDecision = 0;
  let h1 = H1_SEED,
    h2 = H2_SEED;
  for (let i = 0; i < n; i++) {
    const yi = ly[yc[i] + 1],
      pi = lp[pc[i] + 1];
    let key: number;
    if ((yi | pi) > 1) {
      if (yi > 1) {
        exLabel++;
        key = EXCLUDED.label;
      } else {
        exDecision++;
        key = EXCLUDED.decision;
      }
    } else {
      key = ((b === null ? a[i] + 1 : (a[i] + 1) * rb + b[i] + 1) << 2) | (yi << 1) | pi;
      w[key] += 1;
    }
    // Digest.words' mixing step on the key, inlined so the row keys need not be stored.
    h1 = Math.imul(h1 ^ key, 0x01000193);
    let k = Math.imul(key, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h2 ^= k;
    h2 = (Math.imul((h2 << 13) | (h2 >>> 19), 5) + 0xe6546b64) | 0;
  }
  return {
    code: null,
    cellIds: fastCellIds(y, p, n, sensitive, rb),
    rowDigest: digestOf(h1, h2, n),
    ids: null,
    w,
    w2: w,
    rows: w,
    radix,
    excluded: { label: exLabel, decision: exDecision, weight: 0, sensitive: 0 },
  };
}

// Closures are made outside the counting functions: one inside would move the hot loops' locals into a heap context.
function digestOf(h1: number, h2: number, n: number): () => Digest {
  return () => Digest.afterWords(h1, h2, n);
}

function fastCellIds(
  y: BinarySource,
  p: BinarySource,
  n: number,
  sensitive: readonly SensitiveCodes[],
  rb: number,
): (toCell: Int32Array) => Int32Array {
  return (toCell) => recomputeCellIds(y, p, n, sensitive, rb, toCell);
}

function recomputeCellIds(
  y: BinarySource,
  p: BinarySource,
  n: number,
  sensitive: readonly SensitiveCodes[],
  rb: number,
  toCell: Int32Array,
): Int32Array {
  const a = sensitive[0].codes;
  const b = sensitive.length === 2 ? sensitive[1].codes : null;
  const yc = y.codes,
    ly = y.lut,
    pc = p.codes,
    lp = p.lut;
  const cell = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    cell[i] = (ly[yc[i] + 1] | lp[pc[i] + 1]) > 1 ? -1 : toCell[b === null ? a[i] + 1 : (a[i] + 1) * rb + b[i] + 1];
  }
  return cell;
}

function countGeneral(
  y: BinarySource,
  p: BinarySource,
  n: number,
  weights: Float64Array | null,
  sensitive: readonly SensitiveCodes[],
  radix: number[],
  policy: MissingSensitivePolicy,
): RawCells {
  const k = sensitive.length;
  const S = sensitive.map((s) => s.codes);
  const ids = new Map<number, number>();
  const codes: number[] = [];
  const w: number[] = [],
    w2: number[] = [],
    rows: number[] = [];
  const code = new Int32Array(n);
  const excluded = { label: 0, decision: 0, weight: 0, sensitive: 0 };
  const yc = y.codes,
    ly = y.lut,
    pc = p.codes,
    lp = p.lut;
  rowLoop: for (let i = 0; i < n; i++) {
    const yi = ly[yc[i] + 1],
      pi = lp[pc[i] + 1];
    if (yi > 1) {
      excluded.label++;
      code[i] = EXCLUDED.label;
      continue;
    }
    if (pi > 1) {
      excluded.decision++;
      code[i] = EXCLUDED.decision;
      continue;
    }
    const wi = weights === null ? 1 : weights[i];
    if (!(wi === 0 || (wi >= MIN_WEIGHT && wi <= MAX_WEIGHT))) {
      excluded.weight++;
      code[i] = EXCLUDED.weight;
      continue;
    }
    let c = 0;
    for (let j = 0; j < k; j++) {
      const v = S[j][i];
      if (v < 0 && policy === 'drop') {
        excluded.sensitive++;
        code[i] = EXCLUDED.sensitive;
        continue rowLoop;
      }
      if (v < 0 && policy === 'error') {
        throw new FairnessError(
          'FAIR_ERR_MISSING_SENSITIVE',
          `sensitive column "${sensitive[j].name}" is missing a value in data row ${i + 1}`,
          { column: sensitive[j].name, row: i + 1 },
        );
      }
      c = c * radix[j] + v + 1;
    }
    let id = ids.get(c);
    if (id === undefined) {
      id = codes.length;
      ids.set(c, id);
      codes.push(c);
      w.push(0, 0, 0, 0);
      w2.push(0, 0, 0, 0);
      rows.push(0, 0, 0, 0);
    }
    const slot = id * 4 + yi * 2 + pi;
    code[i] = slot;
    w[slot] += wi;
    w2[slot] += wi * wi;
    rows[slot] += 1;
  }
  return {
    code,
    cellIds: storedCellIds(code),
    rowDigest: storedDigest(code),
    ids: codes,
    w: Float64Array.from(w),
    w2: Float64Array.from(w2),
    rows: Float64Array.from(rows),
    radix,
    excluded,
  };
}

function storedCellIds(code: Int32Array): (toCell: Int32Array) => Int32Array {
  return (toCell) => {
    const cell = new Int32Array(code.length);
    for (let i = 0; i < code.length; i++) {
      const c = code[i];
      cell[i] = c < 0 ? -1 : toCell[c >> 2];
    }
    return cell;
  };
}

function storedDigest(code: Int32Array): () => Digest {
  return () => new Digest().array(code);
}
