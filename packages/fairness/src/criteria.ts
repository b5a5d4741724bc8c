/**
 * The named fairness criteria, each read off the spreads (max − min and min / max over eligible
 * groups, as fairlearn) or, for disparate impact and four-fifths, off the table against the
 * highest-selection-rate group (EEOC).
 */
import type {
  Criterion,
  GroupComparison,
  Interval,
  RateName,
  Scalar,
  SignificanceTest,
  Spread,
} from './result-types.ts';

export interface SpreadEntry {
  spread: Spread;
  test: SignificanceTest | null;
}

const FAIRLEARN_STYLE: [string, RateName, string][] = [
  ['demographic_parity', 'selection_rate', 'selection rate'],
  ['equal_opportunity', 'tpr', 'true positive rate'],
  ['predictive_parity', 'ppv', 'positive predictive value'],
  ['fpr_parity', 'fpr', 'false positive rate'],
  ['fnr_parity', 'fnr', 'false negative rate'],
  ['for_parity', 'for', 'false omission rate'],
  ['fdr_parity', 'fdr', 'false discovery rate'],
  ['accuracy_parity', 'accuracy', 'accuracy'],
];

function spreadGroups(s: Spread): string[] {
  return s.max && s.min ? [s.max.group, s.min.group] : [];
}

export function namedCriteria(
  spreads: ReadonlyMap<RateName, SpreadEntry>,
  di: readonly GroupComparison[],
  diReference: string | null,
  equalizedOddsBounds: { difference: Interval; ratio: Interval } | null,
): Criterion[] {
  const out: Criterion[] = [];
  for (const [name, metric, label] of FAIRLEARN_STYLE) {
    const e = spreads.get(metric)!;
    out.push({
      name: `${name}_difference`,
      description: `max − min ${label} over eligible groups`,
      value: e.spread.difference,
      groups: spreadGroups(e.spread),
      pValue: e.test?.pAdjusted ?? null,
    });
    out.push({
      name: `${name}_ratio`,
      description: `min / max ${label} over eligible groups`,
      value: e.spread.ratio,
      groups: spreadGroups(e.spread),
      pValue: e.test?.pAdjusted ?? null,
    });
  }
  out.push(...equalizedOdds(spreads.get('tpr')!, spreads.get('fpr')!, equalizedOddsBounds));
  out.push(...disparateImpact(di, diReference, spreads.get('selection_rate')!.spread));
  return out;
}

function equalizedOdds(
  tpr: SpreadEntry,
  fpr: SpreadEntry,
  bounds: { difference: Interval; ratio: Interval } | null,
): Criterion[] {
  const a = tpr.spread.difference,
    b = fpr.spread.difference;
  if (a.value === null || b.value === null) {
    const none: Scalar = a.value === null ? a : b;
    return ['worst_case', 'mean', 'ratio'].map((k) => ({
      name: k === 'ratio' ? 'equalized_odds_ratio' : `equalized_odds_difference_${k}`,
      description: 'equalized odds needs both the TPR and the FPR spread',
      value: none,
      groups: [],
      pValue: null,
    }));
  }
  const worst = a.value >= b.value ? tpr : fpr;
  const ra = tpr.spread.ratio,
    rb = fpr.spread.ratio;
  // The worst case of two spreads needs intervals simultaneous over both rates' pairs (extreme-gap.ts).
  const ratio: Scalar =
    ra.value === null
      ? ra
      : rb.value === null
        ? rb
        : { value: Math.min(ra.value, rb.value), interval: bounds?.ratio ?? null };
  return [
    {
      name: 'equalized_odds_difference_worst_case',
      description: 'max(TPR spread, FPR spread)',
      value: { value: worst.spread.difference.value as number, interval: bounds?.difference ?? null },
      groups: spreadGroups(worst.spread),
      pValue: worst.test?.pAdjusted ?? null,
    },
    {
      name: 'equalized_odds_difference_mean',
      description: 'mean of TPR spread and FPR spread',
      value: { value: (a.value + b.value) / 2, interval: null },
      groups: [],
      pValue: null,
    },
    {
      name: 'equalized_odds_ratio',
      description: 'min(TPR min/max ratio, FPR min/max ratio)',
      value: ratio,
      groups: [],
      pValue: null,
    },
  ];
}

function disparateImpact(di: readonly GroupComparison[], reference: string | null, selection: Spread): Criterion[] {
  const rows = di.filter((c) => !c.smallCell && c.ratio.value !== null);
  const none: Scalar = { value: null, reason: reference === null ? 'no_eligible_groups' : 'fewer_than_two_groups' };
  let worst: GroupComparison | null = null;
  for (const c of rows) if (!worst || (c.ratio.value as number) < (worst.ratio.value as number)) worst = c;
  const below = rows.filter((c) => (c.ratio.value as number) < 0.8).map((c) => c.group);
  const groups = worst ? [worst.group, worst.reference] : [];
  // The worst ratio is the selection-rate spread's min / max; its interval must hold for the extreme pair.
  const value: Scalar = !worst ? none : selection.ratio.value === worst.ratio.value ? selection.ratio : worst.ratio;
  return [
    {
      name: 'disparate_impact',
      description: 'lowest selection-rate ratio to the highest-selection-rate eligible group',
      value,
      groups,
      pValue: worst?.test?.pAdjusted ?? null,
    },
    {
      name: 'four_fifths',
      description:
        'holds when every eligible group selects at ≥ 4/5 the rate of the highest group; groups lists those below',
      value,
      groups: below,
      pValue: worst?.test?.pAdjusted ?? null,
      passed: worst ? below.length === 0 : null,
    },
  ];
}
