/**
 * What the counting query computes: the audit's column choices (label, decision, score, weights,
 * sensitive columns and their buckets), where the rows come from, the row filters, each column's
 * kind and how scores are grouped. Everything an analyst chooses lives here; the builder turns it
 * into SQL and the counts document carries it, so a report can always say which query it came from.
 */
import type { AuditConfig } from '@ethixai/fairness';
import { pushdownError } from './errors.ts';

/** text: a string column; number: numeric; other: anything else (boolean, date), compared as its text. */
export type ColumnKind = 'text' | 'number' | 'other';

export type SourceSpec =
  | { readonly kind: 'table'; readonly name: readonly string[] }
  | { readonly kind: 'parquet'; readonly paths: readonly string[] }
  | { readonly kind: 'csv'; readonly path: string; readonly delimiter: string };

export interface SensitiveSpec {
  readonly name: string;
  readonly buckets: readonly number[] | null;
}

export interface FilterSpec {
  readonly column: string;
  readonly value: string;
}

/**
 * bins: scores grouped into `bins` equal-width bins over the scored rows' range ([0, 1] for
 * probabilities), `bins` a power-of-two multiple of the calibration bins so each bin lies in one
 * calibration bin; exact: grouped by distinct value.
 */
export type ScoreSpec =
  | { readonly mode: 'bins'; readonly bins: number; readonly calibrationBins: number }
  | { readonly mode: 'exact'; readonly calibrationBins: number };

export interface QuerySpec {
  readonly source: SourceSpec;
  readonly label: string;
  readonly prediction: string | null;
  /** The decision is score ≥ threshold when there is no prediction column. */
  readonly threshold: number | null;
  readonly score: string | null;
  readonly weights: string | null;
  readonly sensitive: readonly SensitiveSpec[];
  readonly missingSensitive: 'group' | 'drop' | 'error';
  /** Kind of every column the query reads (label, prediction, score, weights, sensitive, filters). */
  readonly kinds: Readonly<Record<string, ColumnKind>>;
  readonly filters: readonly FilterSpec[];
  readonly scores: ScoreSpec | null;
}

export const DEFAULT_SCORE_BINS = 1000;
export const MAX_SCORE_BINS = 1 << 16;

/** The smallest power-of-two multiple of the calibration bins that is at least `wanted`. */
export function fineBinCount(wanted: number, calibrationBins: number): number {
  let bins = calibrationBins;
  while (bins < wanted) bins *= 2;
  if (bins > MAX_SCORE_BINS) {
    throw pushdownError(
      'PUSH_ERR_INVALID_REQUEST',
      `score bins: ${wanted} bins would need ${bins} (a power-of-two multiple of ${calibrationBins} calibration bins), above the limit ${MAX_SCORE_BINS}`,
      { field: 'scoreBins' },
    );
  }
  return bins;
}

export interface SpecOptions {
  readonly source: SourceSpec;
  readonly kinds: Readonly<Record<string, ColumnKind>>;
  readonly filters?: readonly FilterSpec[];
  /** Minimum number of score bins, or 'exact' for distinct scores (default DEFAULT_SCORE_BINS). */
  readonly scoreBins?: number | 'exact';
}

/** The columns the counting query reads, each once. */
export function queryColumns(
  spec: Pick<QuerySpec, 'label' | 'prediction' | 'score' | 'weights' | 'sensitive'>,
): string[] {
  const names = [spec.label, spec.prediction, spec.score, spec.weights, ...spec.sensitive.map((s) => s.name)];
  return [...new Set(names.filter((n): n is string => n !== null))];
}

/** A validated engine configuration (validateAuditConfig) plus where and how to count. */
export function specFromConfig(config: AuditConfig, options: SpecOptions): QuerySpec {
  const calibrationBins = config.calibrationBins ?? 10;
  const wanted = options.scoreBins ?? DEFAULT_SCORE_BINS;
  if (wanted !== 'exact' && !(Number.isInteger(wanted) && wanted >= 1)) {
    throw pushdownError(
      'PUSH_ERR_INVALID_REQUEST',
      `score bins must be a positive integer or "exact", got ${String(wanted)}`,
      { field: 'scoreBins' },
    );
  }
  const score = config.score ?? null;
  const spec: QuerySpec = {
    source: options.source,
    label: config.label,
    prediction: config.prediction ?? null,
    threshold: config.prediction ? null : (config.threshold ?? null),
    score,
    weights: config.weights ?? null,
    sensitive: config.sensitive.map((name) => ({
      name,
      buckets: config.buckets?.[name] ? [...config.buckets[name]] : null,
    })),
    missingSensitive: config.missingSensitive ?? 'group',
    kinds: {},
    filters: [...(options.filters ?? [])],
    scores:
      score === null
        ? null
        : wanted === 'exact'
          ? { mode: 'exact', calibrationBins }
          : { mode: 'bins', bins: fineBinCount(wanted, calibrationBins), calibrationBins },
  };
  const kinds: Record<string, ColumnKind> = {};
  for (const column of [...queryColumns(spec), ...spec.filters.map((f) => f.column)]) {
    if (options.kinds[column] === undefined)
      throw pushdownError('PUSH_ERR_INVALID_REQUEST', `no kind is known for column "${column}"`, { column });
    kinds[column] = options.kinds[column];
  }
  for (const f of spec.filters) {
    if (kinds[f.column] === 'number' && !Number.isFinite(f.value.trim() === '' ? NaN : Number(f.value))) {
      throw pushdownError(
        'PUSH_ERR_INVALID_REQUEST',
        `where ${f.column}=${f.value}: column "${f.column}" is numeric and "${f.value}" is not a number`,
        { column: f.column, field: 'where' },
      );
    }
  }
  return { ...spec, kinds };
}
