import type { RiskLevel, Verdict } from './types.ts';
import { pct, pValue, ratio } from './format.ts';

/**
 * Verdicts in words a compliance officer reads without the engine's vocabulary: what was
 * compared, how far apart the groups are, the policy limit, and whether the gap could be chance.
 */
interface MetricWords {
  /** What the criterion compares, as a noun phrase. */
  readonly subject: string;
  /** How the value reads: a ratio or a gap in percentage points. */
  readonly kind: 'ratio' | 'difference';
}

const METRICS: Record<string, MetricWords> = {
  disparate_impact: {
    subject: 'how often each group is selected (ratio of selection rates, the four-fifths rule)',
    kind: 'ratio',
  },
  demographic_parity_difference: { subject: 'how often each group is selected (selection rate)', kind: 'difference' },
  equal_opportunity_difference: {
    subject: 'how often people who truly qualify are selected (true-positive rate)',
    kind: 'difference',
  },
  equalized_odds_difference_worst_case: {
    subject: 'both error rates (true- and false-positive rates)',
    kind: 'difference',
  },
  predictive_parity_difference: { subject: 'how often a positive decision is right (precision)', kind: 'difference' },
  fpr_parity_difference: {
    subject: 'how often people who do not qualify are wrongly selected (false-positive rate)',
    kind: 'difference',
  },
  fnr_parity_difference: {
    subject: 'how often people who qualify are wrongly turned down (false-negative rate)',
    kind: 'difference',
  },
  for_parity_difference: {
    subject: 'how often a negative decision is wrong (false omission rate)',
    kind: 'difference',
  },
  fdr_parity_difference: {
    subject: 'how often a positive decision is wrong (false discovery rate)',
    kind: 'difference',
  },
  accuracy_parity_difference: { subject: 'how often the model is right (accuracy)', kind: 'difference' },
};

export const STATUS_WORDS: Record<Verdict['status'], string> = { pass: 'Passes', warn: 'Needs review', fail: 'Fails' };

export interface PlainVerdict {
  readonly status: Verdict['status'];
  readonly title: string;
  readonly sentence: string;
  readonly certainty: string;
}

function measured(v: Verdict, words: MetricWords): string {
  const between =
    v.groups.length >= 2
      ? ` between ${v.groups[0]} and ${v.groups[1]}`
      : v.groups.length === 1
        ? ` for ${v.groups[0]}`
        : '';
  if (v.value === null) return `It could not be measured${between}.`;
  if (words.kind === 'ratio') {
    return `The least-selected group${between ? ` (${v.groups[0]})` : ''} is selected at ${pct(v.value, 0)} of the rate of the most-selected group (ratio ${ratio(v.value)}); the policy asks for at least ${ratio(v.threshold)}.`;
  }
  return `The gap${between} is ${(v.value * 100).toFixed(1)} percentage points; the policy allows at most ${(v.threshold * 100).toFixed(1)}.`;
}

function certainty(v: Verdict): string {
  if (v.significant === true)
    return `The gap is statistically significant (${pValue(v.pValue)}): it is unlikely to be chance.`;
  if (v.significant === false)
    return `The gap is not statistically significant (${pValue(v.pValue)}): it may be chance, so more data is needed.`;
  if (v.status === 'warn') return `Why it needs review: ${v.reason}.`;
  return '';
}

export function plainVerdict(v: Verdict): PlainVerdict {
  const words = METRICS[v.metric] ?? { subject: v.metric.replace(/_/g, ' '), kind: 'difference' as const };
  return {
    status: v.status,
    title: `${STATUS_WORDS[v.status]}: ${v.attribute} — ${words.subject}`,
    sentence: measured(v, words),
    certainty: certainty(v),
  };
}

/** Fails first, then reviews, then passes; stable within each. */
export function orderVerdicts(verdicts: readonly Verdict[]): Verdict[] {
  const rank = { fail: 0, warn: 1, pass: 2 } as const;
  return verdicts
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank[a.v.status] - rank[b.v.status] || a.i - b.i)
    .map(({ v }) => v);
}

export const RISK_WORDS: Record<RiskLevel, string> = {
  low: 'Low risk: no criterion fails the policy.',
  medium: 'Medium risk: some gaps need review, none is a clear failure.',
  high: 'High risk: the model fails the policy for at least one group.',
  critical: 'Critical risk: large, statistically significant gaps between groups.',
};
