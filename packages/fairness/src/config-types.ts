/**
 * What an audit is asked to compute. Everything optional has a documented default applied by
 * `resolveConfigDefaults`; the resolved form is what provenance records, so a report can always be
 * re-run with exactly the settings that produced it.
 */
export type MissingSensitivePolicy = 'group' | 'drop' | 'error';
/** How the reference group of reference-style comparisons is chosen when the user names none. */
export type ReferenceStrategy = 'largest' | 'best-off';
/** Interval of a single rate (and, through Newcombe's construction, of differences). */
export type IntervalMethod = 'wilson' | 'clopper-pearson' | 'jeffreys';

/**
 * Policy thresholds. Differences are absolute (|a − b| > threshold breaches); the disparate-impact
 * threshold τ defines the fair band [τ, 1/τ] (inclusive). `null` = report the criterion, no verdict.
 */
export interface PolicyThresholds {
  demographicParityDifference: number | null;
  disparateImpact: number | null;
  equalOpportunityDifference: number | null;
  equalizedOddsDifference: number | null;
  predictiveParityDifference: number | null;
  fprDifference: number | null;
  fnrDifference: number | null;
  forDifference: number | null;
  fdrDifference: number | null;
  accuracyDifference: number | null;
}

export interface AuditConfig {
  /** Column holding the true outcome. */
  label: string;
  /** Values of the label column that count as positive; default: 1 / true / yes when the column is binary. */
  labelPositive?: string[] | null;
  /** Column holding the model's decision. At least one of `prediction` and `score`+`threshold` is required. */
  prediction?: string | null;
  /** Values of the prediction column that count as a positive decision. */
  predictionPositive?: string[] | null;
  /** Numeric score column: used for AUC and calibration, and for the decision when `prediction` is absent. */
  score?: string | null;
  /** A score ≥ threshold is a positive decision (only used when `prediction` is absent). */
  threshold?: number | null;
  /** Sample weights column: 0 or within [1e-100, 1e100]; other rows are excluded (count-cells.ts). */
  weights?: string | null;
  /** Sensitive (protected) columns; each is audited alone and, when there are several, in intersection. */
  sensitive: string[];
  /** Bucket edges for numeric sensitive columns: edges [a,b] give (<a), [a,b), (≥b). */
  buckets?: Record<string, number[]>;
  /** What to do with a missing sensitive value (default: its own group "(missing)"). */
  missingSensitive?: MissingSensitivePolicy;
  /** User-chosen reference group per sensitive column (key: column name, or the intersection name). */
  reference?: Record<string, string>;
  referenceStrategy?: ReferenceStrategy;
  /** Feature columns for drivers and proxies. */
  features?: string[];
  /** Groups with fewer (effective) rows are small cells (default 30). */
  minGroupSize?: number;
  /** A rate whose (effective) denominator is below this is a small cell (default 10). */
  minDenominator?: number;
  /** Confidence level of every interval; significance level is 1 − confidence (default 0.95). */
  confidence?: number;
  /** Interval method of every rate and difference: wilson (default), clopper-pearson (exact) or jeffreys. */
  intervalMethod?: IntervalMethod;
  policy?: Partial<PolicyThresholds>;
  /** Alpha of the generalized entropy index (default 2). */
  geiAlpha?: number;
  /** Seed for every randomised step (drivers' permutations). Default 0. */
  seed?: number;
  /** Number of equal-width calibration bins (default 10). */
  calibrationBins?: number;
  /** Audit the intersection of all sensitive columns (default true when there are ≥ 2). */
  intersection?: boolean;
}

export type ResolvedAuditConfig = {
  label: string;
  labelPositive: string[] | null;
  prediction: string | null;
  predictionPositive: string[] | null;
  score: string | null;
  threshold: number | null;
  weights: string | null;
  sensitive: string[];
  buckets: Record<string, number[]>;
  missingSensitive: MissingSensitivePolicy;
  reference: Record<string, string>;
  referenceStrategy: ReferenceStrategy;
  features: string[];
  minGroupSize: number;
  minDenominator: number;
  confidence: number;
  intervalMethod: IntervalMethod;
  policy: PolicyThresholds;
  geiAlpha: number;
  seed: number;
  calibrationBins: number;
  intersection: boolean;
};

export const DEFAULT_POLICY: Readonly<PolicyThresholds> = Object.freeze({
  demographicParityDifference: 0.1,
  disparateImpact: 0.8,
  equalOpportunityDifference: 0.05,
  equalizedOddsDifference: null,
  predictiveParityDifference: null,
  fprDifference: null,
  fnrDifference: null,
  forDifference: null,
  fdrDifference: null,
  accuracyDifference: null,
});
