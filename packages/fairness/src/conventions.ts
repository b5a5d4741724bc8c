/** The conventions every report states about itself, so readers never guess a direction or a denominator. */
export const CONVENTIONS: Record<string, string> = {
  rates:
    'selection_rate = (TP+FP)/n; base_rate = (TP+FN)/n; tpr = TP/(TP+FN); fnr = FN/(TP+FN); fpr = FP/(FP+TN); ' +
    'tnr = TN/(FP+TN); ppv = TP/(TP+FP); fdr = FP/(TP+FP); npv = TN/(TN+FN); for = FN/(TN+FN); accuracy = (TP+TN)/n',
  undefined: 'a rate with a zero denominator is null with a reason, never 0; it is left out of spreads and verdicts',
  weights:
    'with weights, counts are weight sums; intervals and tests use Kish effective sizes (Σw)²/Σw² of each denominator',
  intervals:
    'per rate by the configured method (intervalMethod: wilson score by default, clopper-pearson exact, or jeffreys with lower 0 at x = 0 and upper 1 at x = n); ' +
    "differences by Newcombe's construction from the two rates' intervals; ratios by Katz log (0.5 added to every cell of the 2×2 table when one is empty); every interval contains its estimate",
  extremeGap:
    'intervals of spreads (max − min, min / max) and of the criteria read off them hold for the extreme gap: ' +
    'all K(K−1)/2 pairwise intervals of eligible groups at the Šidák-adjusted level 1 − (1 − α)^(2/(K(K−1))), bounds max L ≤ max − min ≤ max U and min L ≤ min / max ≤ min U; ' +
    'equalized odds uses one family over the TPR and FPR pairs; reference comparisons carry per-comparison intervals',
  undefinedRatios:
    'a ratio a / b is null (division_by_zero) when b = 0, including 0 / 0; min / max is null when every eligible group has rate 0; 1 / 1 is 1 with an interval from the corrected counts',
  spreadDirection:
    'difference = max − min (≥ 0); ratio = min / max (in [0,1]) over eligible groups; to-overall: max |g − overall| and min(g/overall, overall/g)',
  referenceDirection: 'reference comparisons: difference = group − reference, ratio = group / reference',
  disparateImpact:
    'selection rate of each group / that of the eligible group with the highest selection rate (EEOC); fair band [τ, 1/τ] inclusive; four-fifths: every ratio ≥ 0.8',
  eligibility:
    'a group is a small cell when its effective size < minGroupSize; a rate is a small cell when its effective denominator < minDenominator; small cells are reported but excluded from spreads, tests and fail verdicts',
  tests:
    'two-proportion z test (pooled), Fisher exact (two-sided) when an expected cell < 5; family = every pair of eligible groups, for every attribute and tested rate of the report (multipleTesting), Holm-adjusted (Bonferroni by the family size beyond 20,000 hypotheses); complements (fnr/tpr, tnr/fpr, fdr/ppv, for/npv) share a test; base_rate is not tested',
  verdicts:
    'fail = breached by eligible groups and significant (adjusted p < 1 − confidence); warn = breached but not significant, or breached only with small cells; pass otherwise',
  inequality: 'generalized entropy index over b = ŷ − y + 1 (AIF360); exact from counts because b ∈ {0,1,2}',
  missingSensitive:
    "policy 'group' puts missing values in their own group '(missing)'; 'drop' excludes the row; 'error' rejects the input",
  intersection: "groups of the intersection are the observed combinations of all sensitive columns, keyed 'a × b'",
};
