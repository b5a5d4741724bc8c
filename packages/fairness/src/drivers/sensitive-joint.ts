/**
 * Counting feature x attribute tables for several sensitive attributes in one pass per feature:
 * each row gets one joint code over the attributes (missing = digit 0), every feature is counted
 * once against the joint code, and each attribute's table is a marginal of that count. With two
 * attributes this halves the passes over a million rows; the joint is capped in size (and falls
 * back to one group per attribute) so wide attributes never explode the table.
 */
import { gatherCodes } from './columns.ts';
import { tableFromCounts, type Contingency } from './contingency.ts';

const MAX_JOINT = 4096;

export interface JointGroup {
  /** Indices into the sensitive list of the attributes this joint code covers. */
  members: number[];
  /** Per member: levels + 1 (digit 0 = missing). */
  radices: number[];
  size: number;
  /** Joint code per included row. */
  codes: Int32Array;
}

export function jointGroups(
  sensitive: { codes: Int32Array; levels: readonly string[] }[],
  rows: Uint32Array | null,
): JointGroup[] {
  const radices = sensitive.map((s) => s.levels.length + 1);
  const total = radices.reduce((a, b) => a * b, 1);
  const groups = total <= MAX_JOINT ? [sensitive.map((_, j) => j)] : sensitive.map((_, j) => [j]);
  return groups.map((members) => {
    const r = members.map((j) => radices[j]);
    const cols = members.map((j) => gatherCodes(sensitive[j].codes, rows));
    const m = cols.length === 0 ? 0 : cols[0].length;
    const codes = new Int32Array(m);
    let stride = 1;
    cols.forEach((c, t) => {
      for (let i = 0; i < m; i++) codes[i] += (c[i] + 1) * stride;
      stride *= r[t];
    });
    return { members, radices: r, size: stride, codes };
  });
}

/** The attribute table of member `t` (levels = radix - 1), summing the other digits out. */
export function marginal(counts: Float64Array, featureLevels: number, g: JointGroup, t: number): Contingency {
  let stride = 1;
  for (let u = 0; u < t; u++) stride *= g.radices[u];
  const levels = g.radices[t] - 1;
  const out = new Float64Array(featureLevels * levels);
  for (let a = 0; a < featureLevels; a++) {
    for (let k = 0; k < g.size; k++) {
      const digit = Math.floor(k / stride) % g.radices[t];
      if (digit > 0) out[a * levels + digit - 1] += counts[a * g.size + k];
    }
  }
  return tableFromCounts(out, featureLevels, levels);
}
