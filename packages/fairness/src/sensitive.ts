/**
 * Sensitive columns as (codes, levels). Numeric columns are bucketed by the configured edges:
 * edges [a, b] give "< a", "[a, b)", ">= b". Without edges a numeric column with few distinct
 * values (≤ 100) is treated as categorical; more is an error asking for edges.
 */
import type { Column } from './table.ts';
import { FairnessError } from './errors.ts';

export interface SensitiveCodes {
  name: string;
  codes: Int32Array;
  levels: string[];
}

const MAX_DISTINCT_WITHOUT_EDGES = 100;

export function bucketLabels(edges: readonly number[]): string[] {
  const labels = [`< ${edges[0]}`];
  for (let i = 1; i < edges.length; i++) labels.push(`[${edges[i - 1]}, ${edges[i]})`);
  labels.push(`>= ${edges[edges.length - 1]}`);
  return labels;
}

export function sensitiveCodes(name: string, col: Column, edges: readonly number[] | undefined): SensitiveCodes {
  if (col.kind === 'categorical') {
    if (edges) {
      throw new FairnessError(
        'FAIR_ERR_INVALID_CONFIG',
        `config.buckets.${name}: column "${name}" is categorical, buckets need a numeric column`,
        { field: `buckets.${name}` },
      );
    }
    return { name, codes: col.codes, levels: [...col.levels] };
  }
  const vals = col.values;
  const codes = new Int32Array(vals.length);
  if (edges) {
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (v !== v) {
        codes[i] = -1;
        continue;
      }
      let b = 0;
      while (b < edges.length && v >= edges[b]) b++;
      codes[i] = b;
    }
    return { name, codes, levels: bucketLabels(edges) };
  }
  const index = new Map<number, number>();
  const levels: string[] = [];
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      if (levels.length === MAX_DISTINCT_WITHOUT_EDGES) {
        throw new FairnessError(
          'FAIR_ERR_INVALID_CONFIG',
          `config.buckets.${name}: numeric sensitive column "${name}" has more than ${MAX_DISTINCT_WITHOUT_EDGES} distinct values; give bucket edges`,
          { field: `buckets.${name}` },
        );
      }
      c = levels.length;
      levels.push(String(v));
      index.set(v, c);
    }
    codes[i] = c;
  }
  return { name, codes, levels };
}
