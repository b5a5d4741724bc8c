/**
 * The drivers-and-proxies result. Plain JSON: numbers are finite, "cannot compute" is `null` with
 * a reason code, never NaN, Infinity or a typed array, so a report can store it verbatim.
 */

/** Why a value is null or a feature was left out of the surrogate. Stable codes for reports. */
export type DriversReason =
  | 'no_rows' // no rows are included in the audit
  | 'decisions_constant' // every included decision is the same: nothing to explain
  | 'no_usable_features' // every feature is constant or entirely missing
  | 'feature_constant' // one value (or one level) on every included row
  | 'feature_all_missing' // missing on every included row
  | 'sensitive_single_level' // the sensitive column has at most one observed level
  | 'no_complete_rows'; // no row has the sensitive value present

export interface DriversMethod {
  surrogate: 'logistic_regression';
  /** Objective: mean log-loss + lambda/2 * ||beta||^2 over every design column except the intercept. */
  regularisation: { kind: 'l2'; lambda: number; interceptPenalised: false };
  solver: 'newton_irls';
  maxIterations: number;
  /** Above this many included rows the fit uses a seeded subsample. */
  fitSampleLimit: number;
  /** Categorical features keep their most frequent levels, the rest become one "other" level. */
  maxLevels: number;
  numericEncoding: 'standardised_mean_sd_mean_imputed_with_missing_indicator';
  categoricalEncoding: 'one_hot_all_levels_missing_as_level';
  attribution: 'mean_abs_centred_linear_contribution';
  permutation: { metric: 'agreement_drop'; repeats: number; sampleLimit: number };
  association: {
    cramersV: 'bias_corrected_bergsma_2013';
    mutualInformation: 'nmi_arithmetic_mean_of_entropies';
    numericBins: number;
    /** Above this many included rows the quantile edges come from a seeded subsample. */
    quantileSample: number;
    maxLevels: number;
    flagMeasure: 'cramers_v';
  };
  topK: number;
  proxyThreshold: number;
  /** A feature whose attribution share is below this is not called a driver even inside the top K. */
  minDriverShare: number;
  seed: number;
}

export interface TermCoefficient {
  /** The design column: the standardised value, the missing indicator, or one level of a category. */
  term: 'value' | 'missing_indicator' | 'level' | 'other_levels' | 'missing_level';
  /** The level name for `level`; absent otherwise. */
  level?: string;
  /** On the design scale: per standard deviation for `value`, per membership for the others. */
  coefficient: number;
  /** For `value` only: the effect of one raw unit (coefficient / sd). */
  perRawUnit?: number;
}

export interface FeatureDriver {
  name: string;
  kind: 'numeric' | 'categorical';
  /** null when the feature entered the surrogate; otherwise why it was left out. */
  excludedReason: DriversReason | null;
  coefficients: TermCoefficient[];
  /** Mean over included rows of |sum over the feature's columns of beta_c (x_c - mean_c)|. */
  meanAbsContribution: number | null;
  /** meanAbsContribution divided by the sum over all features; the shares sum to 1. */
  share: number | null;
  /** Mean drop in agreement with the decisions when this feature is permuted; std over repeats. */
  permutationImportance: { mean: number; std: number; repeats: number; n: number } | null;
  /** 1-based rank by share (ties by name); null when excluded or there is no surrogate. */
  rank: number | null;
}

export type SurrogateSummary =
  | {
      fitted: true;
      nFit: number;
      subsampled: boolean;
      iterations: number;
      converged: boolean;
      intercept: number;
      designColumns: number;
      fidelity: {
        /** Share of included rows where (surrogate probability >= 0.5) equals the decision. */
        agreement: number;
        /** The agreement a constant prediction of the majority decision would get, for scale. */
        majorityAgreement: number;
        /** Probability that a positive decision gets a higher surrogate probability than a negative one. */
        auc: number;
        n: number;
      };
    }
  | { fitted: false; reason: DriversReason; message: string };

export interface ProxyAssociation {
  feature: string;
  sensitive: string;
  /** Rows with the sensitive value present (a missing feature value is its own level). */
  n: number;
  featureLevels: number;
  sensitiveLevels: number;
  /** Bias-corrected (Bergsma 2013); this one decides `strong`. */
  cramersV: number | null;
  /** Uncorrected, for comparison with tools that report it. */
  cramersVPlain: number | null;
  nmi: number | null;
  reason: DriversReason | null;
  strong: boolean;
}

export interface DriverFlag {
  kind: 'protected_attribute_driver' | 'proxy_driver';
  feature: string;
  rank: number;
  share: number;
  attribute: string;
  /** Bias-corrected Cramér's V between the feature and the attribute (null if undefined). */
  association: number | null;
  message: string;
}

export interface DriversResult {
  method: DriversMethod;
  /** Included rows. */
  n: number;
  surrogate: SurrogateSummary;
  features: FeatureDriver[];
  /** Features by rank (top first); only those that entered the surrogate. */
  ranking: string[];
  proxies: ProxyAssociation[];
  flags: DriverFlag[];
}
