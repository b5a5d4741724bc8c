/**
 * What the engine makes of a column's values, applied to the distinct values a counting query
 * returned (the rules of @ethixai/fairness columns.ts and sensitive.ts, with the same messages):
 * which label and decision values are positive, and how a sensitive value is named. Text '' and a
 * numeric NaN are missing, as in the engine.
 */
import { binaryValues, FairnessError } from '@ethixai/fairness';
import type { ColumnKind } from './spec.ts';

export type RawValue = string | number | null;

export const MISSING_LABEL = '(missing)';
export const INTERSECTION_SEPARATOR = ' × ';
const MAX_DISTINCT_WITHOUT_EDGES = 100;

export function isMissing(v: RawValue): boolean {
  return v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/** 1 (positive), 0, or null (missing) for each value of a label or decision column. */
export type BinaryMap = (v: RawValue) => 0 | 1 | null;

/**
 * The engine decides (binaryValues): on the column's distinct values, read as numbers for a numeric
 * column and as text otherwise; `field` names the option in messages (labelPositive, predictionPositive).
 */
export function binaryMap(
  values: Iterable<RawValue>,
  kind: ColumnKind,
  positives: readonly string[] | null,
  column: string,
  field: string,
): BinaryMap {
  const present = [...new Set([...values].filter((v) => !isMissing(v)))];
  const distinct = kind === 'number' ? present.map(Number) : present.map(String);
  const decided = binaryValues(distinct as string[] | number[], positives, column, field);
  // Decided once per distinct value: the map is asked once per counted group.
  const byValue = new Map<RawValue, 0 | 1>(present.map((v, i) => [v, decided[i]]));
  return (v) => byValue.get(v) ?? null;
}

export function bucketLabels(edges: readonly number[]): string[] {
  const labels = [`< ${edges[0]}`];
  for (let i = 1; i < edges.length; i++) labels.push(`[${edges[i - 1]}, ${edges[i]})`);
  labels.push(`>= ${edges[edges.length - 1]}`);
  return labels;
}

/**
 * A sensitive column's levels in report order and each value's level. Text sorts by code unit,
 * numbers ascending, buckets by edge; "(missing)" is last (level = levels.length).
 */
export interface SensitiveLevels {
  name: string;
  levels: string[];
  levelOf(v: RawValue): number;
}

export function sensitiveLevels(
  name: string,
  values: Iterable<RawValue>,
  kind: ColumnKind,
  buckets: readonly number[] | null,
): SensitiveLevels {
  const present = [...new Set([...values].filter((v) => !isMissing(v)))];
  if (buckets) {
    const levels = bucketLabels(buckets);
    return { name, levels, levelOf: (v) => (isMissing(v) ? levels.length : Number(v)) };
  }
  if (kind === 'number') {
    const nums = [...new Set(present.map(Number))].sort((a, b) => a - b);
    if (nums.length > MAX_DISTINCT_WITHOUT_EDGES) {
      throw new FairnessError(
        'FAIR_ERR_INVALID_CONFIG',
        `config.buckets.${name}: numeric sensitive column "${name}" has more than ${MAX_DISTINCT_WITHOUT_EDGES} distinct values; give bucket edges`,
        { field: `buckets.${name}` },
      );
    }
    const index = new Map(nums.map((n, i) => [n, i]));
    return { name, levels: nums.map(String), levelOf: (v) => (isMissing(v) ? nums.length : index.get(Number(v))!) };
  }
  const texts = [...new Set(present.map(String))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(texts.map((s, i) => [s, i]));
  return { name, levels: texts, levelOf: (v) => (isMissing(v) ? texts.length : index.get(String(v))!) };
}

export function levelName(s: SensitiveLevels, level: number): string {
  return level === s.levels.length ? MISSING_LABEL : s.levels[level];
}
