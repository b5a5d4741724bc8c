/** Turning flag strings into typed configuration values, with errors naming the flag. */
import { UsageError } from './exit-codes.ts';

/** Every occurrence, split on commas, trimmed, empties dropped. */
export function list(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, got "${value}"`);
  return n;
}

/** `KEY=VALUE` occurrences as a record (split at the first '='). */
export function assignments(
  values: readonly string[] | undefined,
  flag: string,
  example: string,
): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1)
      throw new UsageError(`--${flag} takes KEY=VALUE (e.g. --${flag} ${example}), got "${value}"`);
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
}

/** `--buckets age=25,45` → { age: [25, 45] }. */
export function buckets(values: readonly string[] | undefined): Record<string, number[]> | undefined {
  const raw = assignments(values, 'buckets', 'age=25,45');
  if (raw === undefined) return undefined;
  const out: Record<string, number[]> = {};
  for (const [column, edges] of Object.entries(raw))
    out[column] = edges.split(',').map((e) => number(e, `buckets ${column}`)!);
  return out;
}

const POLICY_KEYS: Record<string, string> = {
  'demographic-parity-difference': 'demographicParityDifference',
  'disparate-impact': 'disparateImpact',
  'equal-opportunity-difference': 'equalOpportunityDifference',
  'equalized-odds-difference': 'equalizedOddsDifference',
  'predictive-parity-difference': 'predictiveParityDifference',
  'fpr-difference': 'fprDifference',
  'fnr-difference': 'fnrDifference',
  'for-difference': 'forDifference',
  'fdr-difference': 'fdrDifference',
  'accuracy-difference': 'accuracyDifference',
};
export const POLICY_FLAG_NAMES = Object.keys(POLICY_KEYS);

/** `--policy disparate-impact=0.9 --policy fpr-difference=0.05 --policy equal-opportunity-difference=off`. */
export function policy(values: readonly string[] | undefined): Record<string, number | null> | undefined {
  const raw = assignments(values, 'policy', 'disparate-impact=0.8');
  if (raw === undefined) return undefined;
  const out: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = POLICY_KEYS[name] ?? (Object.values(POLICY_KEYS).includes(name) ? name : undefined);
    if (key === undefined)
      throw new UsageError(`--policy: unknown threshold "${name}"; known: ${POLICY_FLAG_NAMES.join(', ')}`);
    out[key] = value === 'off' || value === 'none' ? null : number(value, `policy ${name}`)!;
  }
  return out;
}

export function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
