/**
 * Flags of audits that count where the data lives (`--engine duckdb`, Parquet files, `--source`,
 * `--counts`) and of `ethixai sql`, and turning them into pushdown options. Filters are
 * column=value pairs, bound as parameters; nothing here is SQL text.
 */
import type { FilterSpec } from '@ethixai/pushdown';
import { UsageError } from '../exit-codes.ts';

export const PUSHDOWN_OPTIONS = {
  engine: { type: 'string' },
  source: { type: 'string' },
  table: { type: 'string' },
  where: { type: 'string', multiple: true },
  counts: { type: 'string' },
  'score-bins': { type: 'string' },
  'sample-rows': { type: 'string' },
  threads: { type: 'string' },
  'memory-limit': { type: 'string' },
  'save-counts': { type: 'string' },
} as const;

/** `--where region=north --where year=2024`: column=value, split at the first '='. */
export function filters(values: readonly string[] | undefined): FilterSpec[] {
  return (values ?? []).map((v) => {
    const at = v.indexOf('=');
    if (at <= 0) throw new UsageError(`--where takes COLUMN=VALUE (e.g. --where region=north), got "${v}"`);
    return { column: v.slice(0, at), value: v.slice(at + 1) };
  });
}

/** `--score-bins 2000` or `--score-bins exact`. */
export function scoreBins(value: string | undefined): number | 'exact' | undefined {
  if (value === undefined) return undefined;
  if (value === 'exact') return 'exact';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--score-bins must be a positive integer or "exact", got "${value}"`);
  return n;
}

export function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** `--table analytics.decisions` → ["analytics", "decisions"]; each part is quoted in the query. */
export function tableName(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '')
    throw new UsageError('--table is required: the table to audit, e.g. --table analytics.decisions');
  const parts = value.split('.');
  if (parts.length > 3 || parts.some((p) => p === ''))
    throw new UsageError(`--table takes NAME, SCHEMA.NAME or PROJECT.DATASET.NAME, got "${value}"`);
  return parts;
}

/** DuckDB's memory limit as DuckDB spells it: 512MB, 2GB. */
export function memoryLimit(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value))
    throw new UsageError(`--memory-limit takes a size like 512MB or 2GB, got "${value}"`);
  return value;
}
