/**
 * The surrogate's design: numeric features standardised (mean-imputed, plus a missing-indicator
 * column when any value is missing), categorical features one-hot over their collapsed levels.
 *
 * One-hot keeps every level (no dropped reference): the L2 penalty makes the fit identifiable and
 * the coefficients then do not depend on which level would have been the reference.
 *
 * The fit matrix is stored as fixed-width "slots" per row (column index + value), not densely:
 * each row touches one column per categorical feature, so a dense one-hot matrix would be mostly
 * zeros, and the Hessian costs slots^2 per row instead of columns^2.
 */
import type { Column } from '../table.ts';
import { collapseLevels, type CollapsedLevels } from './categorical-levels.ts';
import { gatherCodes, gatherNumeric } from './columns.ts';
import { numericStats, type NumericStats } from './standardise.ts';
import type { DriversReason } from './types.ts';

export interface NumericEncoding {
  name: string;
  kind: 'numeric';
  excludedReason: null;
  /** Included rows' raw values. */
  values: Float64Array;
  stats: NumericStats;
  offset: number;
  /** Design column of the missing indicator, -1 when no value is missing. */
  missingOffset: number;
  missingShare: number;
}

export interface CategoricalEncoding {
  name: string;
  kind: 'categorical';
  excludedReason: null;
  /** Included rows' original codes (-1 = missing); `collapsed.lookup[code + 1]` is the level. */
  codes: Int32Array;
  collapsed: CollapsedLevels;
  offset: number;
  /** Share of included rows at each collapsed level: the mean of each one-hot column. */
  shares: Float64Array;
}

export interface ExcludedFeature {
  name: string;
  kind: 'numeric' | 'categorical';
  excludedReason: DriversReason;
}

export type FeatureEncoding = NumericEncoding | CategoricalEncoding | ExcludedFeature;
export type UsedEncoding = NumericEncoding | CategoricalEncoding;

/** Encodes one feature; `nextOffset` is the first free design column (0 is the intercept). */
export function encodeFeature(
  name: string,
  column: Column,
  rows: Uint32Array | null,
  maxLevels: number,
  nextOffset: number,
): FeatureEncoding {
  if (column.kind === 'numeric') {
    const values = gatherNumeric(column.values, rows);
    const stats = numericStats(values);
    if (stats.observed === 0) return { name, kind: 'numeric', excludedReason: 'feature_all_missing' };
    if (stats.sd === 0 && stats.missing === 0) return { name, kind: 'numeric', excludedReason: 'feature_constant' };
    // A constant observed value with some missing rows still carries the missingness signal.
    const missingOffset = stats.missing > 0 ? nextOffset + 1 : -1;
    return {
      name,
      kind: 'numeric',
      excludedReason: null,
      values,
      stats,
      offset: nextOffset,
      missingOffset,
      missingShare: stats.missing / values.length,
    };
  }
  const raw = gatherCodes(column.codes, rows);
  const collapsed = collapseLevels(raw, column.levels, maxLevels);
  if (collapsed.names.length <= 1) {
    const allMissing = collapsed.missingLevel === 0;
    return { name, kind: 'categorical', excludedReason: allMissing ? 'feature_all_missing' : 'feature_constant' };
  }
  const shares = collapsed.counts.map((c) => c / raw.length);
  return {
    name,
    kind: 'categorical',
    excludedReason: null,
    codes: raw,
    collapsed,
    offset: nextOffset,
    shares,
  };
}

/** Design columns a used feature occupies. */
export function encodingWidth(e: UsedEncoding): number {
  if (e.kind === 'categorical') return e.collapsed.names.length;
  return e.missingOffset >= 0 ? 2 : 1;
}

function slotsOf(e: UsedEncoding): number {
  return e.kind === 'numeric' && e.missingOffset >= 0 ? 2 : 1;
}

export interface SlotDesign {
  rows: number;
  /** Slots per row, the intercept not included (it is implicit). */
  slots: number;
  columns: number;
  cols: Int32Array;
  vals: Float64Array;
}

/** The fit matrix on the sampled included rows (`sample` holds included-row positions). */
export function buildSlotDesign(encodings: UsedEncoding[], sample: Uint32Array, columns: number): SlotDesign {
  const n = sample.length;
  const slots = encodings.reduce((s, e) => s + slotsOf(e), 0);
  const cols = new Int32Array(n * slots);
  const vals = new Float64Array(n * slots);
  let slot = 0;
  for (const e of encodings) {
    if (e.kind === 'numeric') {
      const { values, stats, offset, missingOffset } = e;
      const sd = stats.sd > 0 ? stats.sd : 1;
      for (let i = 0, k = slot; i < n; i++, k += slots) {
        const v = values[sample[i]];
        const present = v === v;
        cols[k] = offset;
        vals[k] = present ? (v - stats.mean) / sd : 0;
        if (missingOffset >= 0) {
          cols[k + 1] = missingOffset;
          vals[k + 1] = present ? 0 : 1;
        }
      }
    } else {
      const { codes, offset } = e;
      const { lookup } = e.collapsed;
      for (let i = 0, k = slot; i < n; i++, k += slots) {
        cols[k] = offset + lookup[codes[sample[i]] + 1];
        vals[k] = 1;
      }
    }
    slot += slotsOf(e);
  }
  return { rows: n, slots, columns, cols, vals };
}
