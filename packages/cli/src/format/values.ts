/** Shared text forms of rates, intervals and undefined values for the human-readable formats. */
import type { Estimate, Interval, Scalar, Verdict } from '@ethixai/fairness';

/** The rates a reader scans first (the table and html formats show these per group). */
export const KEY_RATES = [
  { name: 'selection_rate', title: 'selection' },
  { name: 'tpr', title: 'TPR' },
  { name: 'fpr', title: 'FPR' },
  { name: 'ppv', title: 'PPV' },
] as const;

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** "58.8% (57.2–60.4)", or "n/a" when undefined. */
export function rateText(estimate: Estimate): string {
  if (estimate.value === null) return 'n/a';
  const [lo, hi] = estimate.interval;
  return `${percent(estimate.value)} (${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)})`;
}

export function numberText(value: number | null, digits = 3): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}

export function intervalText(interval: Interval | null, digits = 3): string {
  return interval === null ? '' : `[${interval[0].toFixed(digits)}, ${interval[1].toFixed(digits)}]`;
}

export function scalarText(scalar: Scalar, digits = 3): string {
  if (scalar.value === null) return `n/a (${scalar.reason})`;
  const interval = intervalText(scalar.interval, digits);
  return interval === '' ? scalar.value.toFixed(digits) : `${scalar.value.toFixed(digits)} ${interval}`;
}

export function pValueText(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`;
}

/** "0.457 [0.41, 0.50] vs 0.10, p<0.001" */
export function verdictMeasure(verdict: Verdict): string {
  const parts = [
    `${numberText(verdict.value)}${verdict.interval ? ` ${intervalText(verdict.interval)}` : ''}`,
    `threshold ${verdict.threshold}`,
  ];
  const p = pValueText(verdict.pValue);
  if (p !== '') parts.push(p);
  return parts.join(', ');
}

export function count(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2);
}
