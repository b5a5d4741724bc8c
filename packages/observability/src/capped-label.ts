import { MODEL_OVERFLOW } from './names.ts';

/**
 * A label whose values are chosen by callers: the first `cap` distinct values keep their own
 * series, every later one folds into `__other__`, so a flood of model names (or any such string)
 * cannot blow up the scrape size or Prometheus' memory.
 */
export function cappedLabel(cap: number): (value: string) => string {
  if (!Number.isInteger(cap) || cap < 0) throw new RangeError(`label cap must be a non-negative integer, got ${cap}`);
  const admitted = new Set<string>();
  return (value) => {
    if (admitted.has(value)) return value;
    if (admitted.size >= cap || value === MODEL_OVERFLOW) return MODEL_OVERFLOW;
    admitted.add(value);
    return value;
  };
}
