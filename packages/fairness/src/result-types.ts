/**
 * The audit result. Plain JSON: no typed arrays, no NaN or Infinity. Anything that cannot be
 * computed is `{ value: null, reason }`, never 0, so a report cannot mistake "undefined" for "fair".
 */
import type { ResolvedAuditConfig } from './config-types.ts';
import type { ResolvedCountsConfig } from './counts-types.ts';
import type { DriversResult } from './drivers/index.ts';

export const RATE_NAMES = [
  'selection_rate',
  'base_rate',
  'tpr',
  'fpr',
  'fnr',
  'tnr',
  'ppv',
  'npv',
  'fdr',
  'for',
  'accuracy',
] as const;
export type RateName = (typeof RATE_NAMES)[number];

export type NullReason =
  | 'empty_group'
  | 'no_label_positives'
  | 'no_label_negatives'
  | 'no_predicted_positives'
  | 'no_predicted_negatives'
  | 'reference_undefined'
  | 'group_undefined'
  | 'division_by_zero'
  | 'needs_rows'
  | 'no_score'
  | 'single_class'
  | 'zero_mean'
  | 'alpha_undefined_with_zero_benefit'
  | 'no_eligible_groups'
  | 'fewer_than_two_groups'
  | 'not_requested';

export type Interval = [number, number];

export type Estimate =
  | { value: number; interval: Interval; numerator: number; denominator: number; smallCell: boolean }
  | { value: null; reason: NullReason; numerator: number; denominator: number; smallCell: boolean };

export type Scalar = { value: number; interval: Interval | null } | { value: null; reason: NullReason };

export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  n: number;
  meanScore: number | null;
  observedRate: Estimate;
}

export interface GroupReport extends ConfusionCounts {
  /** Group label; for an intersection the member values joined with " × ". */
  key: string;
  /** The sensitive value per column that defines this group. */
  values: Record<string, string>;
  /** Rows in the group (unweighted) and total weight (= rows without weights). */
  rows: number;
  n: number;
  /** Kish effective sample size, (Σw)²/Σw² (= rows without weights). */
  effectiveN: number;
  small: boolean;
  smallReasons: string[];
  rates: Record<RateName, Estimate>;
  auc: Scalar;
  calibration: { bins: CalibrationBin[]; ece: number | null } | null;
}

export interface Spread {
  metric: RateName;
  /** Over eligible groups (non-small, rate defined and its denominator not small). */
  eligibleGroups: string[];
  max: { group: string; value: number } | null;
  min: { group: string; value: number } | null;
  difference: Scalar;
  ratio: Scalar;
  /** max_g |m_g − m_overall| and min_g min(m_g/m_all, m_all/m_g) (fairlearn "to_overall"). */
  differenceToOverall: Scalar;
  ratioToOverall: Scalar;
}

export interface GroupComparison {
  metric: RateName;
  group: string;
  reference: string;
  /** group − reference, Newcombe hybrid score interval (per comparison, not simultaneous). */
  difference: Scalar;
  /** group / reference, Katz log interval. */
  ratio: Scalar;
  test: SignificanceTest | null;
  smallCell: boolean;
}

export interface SignificanceTest {
  method: 'two_proportion_z' | 'fisher_exact';
  metric: RateName;
  groups: [string, string];
  statistic: number | null;
  pValue: number;
  /** Adjusted across the report's family of tests (AuditResult.multipleTesting). */
  pAdjusted: number;
  significant: boolean;
}

export interface Criterion {
  name: string;
  description: string;
  value: Scalar;
  /** Groups that set the value (e.g. the max and min group of a spread). */
  groups: string[];
  /** Adjusted p-value (AuditResult.multipleTesting) of the test behind the value, when there is one. */
  pValue: number | null;
  /** For rule-style criteria (four-fifths): whether the rule holds; null when it cannot be assessed. */
  passed?: boolean | null;
}

export interface Verdict {
  attribute: string;
  metric: string;
  status: 'pass' | 'warn' | 'fail';
  groups: string[];
  value: number | null;
  interval: Interval | null;
  threshold: number;
  pValue: number | null;
  significant: boolean | null;
  reason: string;
}

export interface ReferenceChoice {
  group: string | null;
  strategy: 'user' | 'largest' | 'best-off' | 'highest-selection-rate';
}

export interface AttributeReport {
  /** Column name, or the columns joined with " × " for the intersection. */
  name: string;
  columns: string[];
  groups: GroupReport[];
  reference: ReferenceChoice;
  spreads: Spread[];
  comparisons: GroupComparison[];
  tests: SignificanceTest[];
  criteria: Criterion[];
  betweenGroupGei: Scalar;
  verdicts: Verdict[];
}

/** How the report's significance tests were corrected for multiplicity, stated in the report itself. */
export interface MultipleTesting {
  /** Holm's step-down; Bonferroni when the family exceeds 20,000 hypotheses (Holm needs every p-value). */
  correction: 'holm' | 'bonferroni';
  /** 'report': one family for every attribute and tested rate of the report. */
  family: 'report';
  /** Hypotheses in the family: every pair of eligible groups per attribute and tested rate. */
  hypotheses: number;
  /** Tests listed in the report (attributes[].tests), a subset of the family. */
  shown: number;
  alpha: number;
  description: string;
}

export interface RiskAssessment {
  level: 'low' | 'medium' | 'high' | 'critical';
  reasons: string[];
}

export interface AuditResult {
  engineVersion: string;
  overall: GroupReport;
  attributes: AttributeReport[];
  multipleTesting: MultipleTesting;
  inequality: { theil: Scalar; gei: Scalar & { alpha: number }; coefficientOfVariation: Scalar };
  verdicts: Verdict[];
  risk: RiskAssessment;
  /** Output of drivers/proxies analysis (src/drivers) when features were given; else null with the reason. */
  drivers: DriversResult | null;
  driversReason: string | null;
  conventions: Record<string, string>;
  provenance: {
    engineVersion: string;
    /** The full resolved configuration (counts-only audits have no column settings). */
    config: ResolvedAuditConfig | ResolvedCountsConfig;
    source: 'table' | 'counts';
    inputDigest: string | null;
    rowCount: number;
    includedRows: number;
    excluded: { reason: string; rows: number }[];
    missingSensitive: { column: string; rows: number }[];
  };
}
