/**
 * The hot path: one pass over the rows gives each row its intersection cell (the combination of all
 * sensitive values, a mixed-radix code with slot 0 = missing) and adds its weight to that cell's
 * confusion counts. Every attribute's groups and the overall row are sums of cells, so nothing else
 * touches the rows again. The common case (no weights, missing values kept as a group, ≤ 2
 * sensitive columns) runs a branch-light specialised loop.
 */
import type { MissingSensitivePolicy } from './config-types.ts';
import { FairnessError } from './errors.ts';
import type { SensitiveCodes } from './sensitive.ts';
import { compactCells, EXCLUDED, type CellCounts, type RawCells } from './compact-cells.ts';

export type { CellCounts } from './compact-cells.ts';

const DENSE_LIMIT = 1 << 20;

export function countCells(y: Uint8Array, p: Uint8Array, weights: Float64Array | null, sensitive: readonly SensitiveCodes[],
  policy: MissingSensitivePolicy): CellCounts {
  const radix = sensitive.map((s) => s.levels.length + 1);
  const total = radix.reduce((a, b) => a * b, 1);
  const fast = weights === null && policy === 'group' && sensitive.length <= 2 && total <= DENSE_LIMIT;
  const raw = fast ? countFast(y, p, sensitive, radix, total) : countGeneral(y, p, weights, sensitive, radix, policy);
  return compactCells(raw, sensitive);
}

function countFast(y: Uint8Array, p: Uint8Array, sensitive: readonly SensitiveCodes[], radix: number[], total: number): RawCells {
  const n = y.length;
  const code = new Int32Array(n);
  const w = new Float64Array(total * 4);
  const a = sensitive[0].codes;
  const b = sensitive.length === 2 ? sensitive[1].codes : null;
  const rb = sensitive.length === 2 ? radix[1] : 1;
  let exLabel = 0, exDecision = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i], pi = p[i];
    if ((yi | pi) > 1) { if (yi > 1) { exLabel++; code[i] = EXCLUDED.label; } else { exDecision++; code[i] = EXCLUDED.decision; } continue; }
    const key = ((b === null ? a[i] + 1 : (a[i] + 1) * rb + b[i] + 1) << 2) | (yi << 1) | pi;
    code[i] = key;
    w[key] += 1;
  }
  return { code, ids: null, w, w2: w, rows: w, radix, excluded: { label: exLabel, decision: exDecision, weight: 0, sensitive: 0 } };
}

function countGeneral(y: Uint8Array, p: Uint8Array, weights: Float64Array | null, sensitive: readonly SensitiveCodes[],
  radix: number[], policy: MissingSensitivePolicy): RawCells {
  const n = y.length, k = sensitive.length;
  const S = sensitive.map((s) => s.codes);
  const ids = new Map<number, number>();
  const codes: number[] = [];
  let w: number[] = [], w2: number[] = [], rows: number[] = [];
  const code = new Int32Array(n);
  const excluded = { label: 0, decision: 0, weight: 0, sensitive: 0 };
  rowLoop: for (let i = 0; i < n; i++) {
    const yi = y[i], pi = p[i];
    if (yi > 1) { excluded.label++; code[i] = EXCLUDED.label; continue; }
    if (pi > 1) { excluded.decision++; code[i] = EXCLUDED.decision; continue; }
    const wi = weights === null ? 1 : weights[i];
    if (!(wi >= 0 && wi < Infinity)) { excluded.weight++; code[i] = EXCLUDED.weight; continue; }
    let c = 0;
    for (let j = 0; j < k; j++) {
      const v = S[j][i];
      if (v < 0 && policy === 'drop') { excluded.sensitive++; code[i] = EXCLUDED.sensitive; continue rowLoop; }
      if (v < 0 && policy === 'error') {
        throw new FairnessError('FAIR_ERR_MISSING_SENSITIVE', `sensitive column "${sensitive[j].name}" is missing a value in data row ${i + 1}`,
          { column: sensitive[j].name, row: i + 1 });
      }
      c = c * radix[j] + v + 1;
    }
    let id = ids.get(c);
    if (id === undefined) { id = codes.length; ids.set(c, id); codes.push(c); w.push(0, 0, 0, 0); w2.push(0, 0, 0, 0); rows.push(0, 0, 0, 0); }
    const slot = id * 4 + yi * 2 + pi;
    code[i] = slot;
    w[slot] += wi; w2[slot] += wi * wi; rows[slot] += 1;
  }
  return { code, ids: codes, w: Float64Array.from(w), w2: Float64Array.from(w2), rows: Float64Array.from(rows), radix, excluded };
}
