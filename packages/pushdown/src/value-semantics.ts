/**
 * What the engine makes of a column's values, applied to the distinct values a counting query
 * returned (the rules of @ethixai/fairness columns.ts and sensitive.ts, with the same messages):
 * which label and decision values are positive, and how a sensitive value is named. Text '' and a
 * numeric NaN are missing, as in the engine.
 */
import { FairnessError } from '@ethixai/fairness';
import type { ColumnKind } from './spec.ts';

export type RawValue = string | number | null;

export const MISSING_LABEL = '(missing)';
export const INTERSECTION_SEPARATOR = ' × ';
const MAX_DISTINCT_WITHOUT_EDGES = 100;
const POSITIVE_BY_PAIR: Record<string, string> = { '0|1': '1', 'false|true': 'true', 'no|yes': 'yes', 'n|y': 'y' };

export function isMissing(v: RawValue): boolean {
  return v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/** 1 (positive), 0, or null (missing) for each value of a label or decision column. */
export type BinaryMap = (v: RawValue) => 0 | 1 | null;

export function binaryMap(
  values: Iterable<RawValue>,
  kind: ColumnKind,
  positives: readonly string[] | null,
  column: string,
): BinaryMap {
  const present = [...new Set([...values].filter((v) => !isMissing(v)))];
  if (kind === 'number') {
    let posNums: number[];
    if (positives) posNums = positives.map(Number).filter((n) => !Number.isNaN(n));
    else {
      for (const v of present) {
        if (v !== 0 && v !== 1) {
          throw new FairnessError(
            'FAIR_ERR_NOT_BINARY',
            `column "${column}" holds ${v}, not only 0 and 1; say which values are positive`,
            { column },
          );
        }
      }
      posNums = [1];
    }
    return (v) => (isMissing(v) ? null : posNums.includes(v as number) ? 1 : 0);
  }
  const wanted = new Set(positives ?? [defaultPositive(present.map(String), column)]);
  // Decided once per distinct value: the map is asked once per counted group.
  const decided = new Map<RawValue, 0 | 1>(
    present.map((v) => [v, wanted.has(positives ? String(v) : String(v).trim().toLowerCase()) ? 1 : 0]),
  );
  return (v) => decided.get(v) ?? null;
}

function defaultPositive(values: string[], name: string): string {
  const norm = [...new Set(values.map((v) => v.trim().toLowerCase()))].sort();
  for (const [pair, pos] of Object.entries(POSITIVE_BY_PAIR)) {
    const allowed = pair.split('|');
    if (norm.every((v) => allowed.includes(v))) return pos;
  }
  throw new FairnessError(
    'FAIR_ERR_NOT_BINARY',
    `column "${name}" has values ${norm.slice(0, 5).join(', ')}${norm.length > 5 ? ', …' : ''}; say which are positive`,
    { column: name },
  );
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
