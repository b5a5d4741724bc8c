/**
 * Input of `auditFromCounts`: per-group confusion counts only (the backend's live monitoring window
 * stores exactly this). Everything except AUC and calibration derives from these counts.
 */
import type { ConfusionCounts } from './result-types.ts';
import type { ResolvedAuditConfig } from './config-types.ts';

export interface GroupCountsInput {
  /** Group label as it should appear in the report. */
  key: string;
  /** Sensitive value per column; defaults to { [attribute name]: key }. */
  values?: Record<string, string>;
  /** Weighted (or plain) confusion counts. */
  counts: ConfusionCounts;
  /** Σw² per cell, for Kish effective sizes; omit for unweighted counts (Σw² = Σw). */
  weightSquares?: ConfusionCounts;
  /** Number of rows behind the counts; defaults to tp+fp+tn+fn. */
  rows?: number;
}

export interface AttributeCountsInput {
  name: string;
  columns?: string[];
  groups: GroupCountsInput[];
}

export interface CountsAuditInput {
  attributes: AttributeCountsInput[];
  /** Overall counts; default: the sum over the first attribute's groups. */
  overall?: GroupCountsInput;
}

export type CountsAuditConfig = Partial<
  Pick<
    ResolvedAuditConfig,
    'reference' | 'referenceStrategy' | 'minGroupSize' | 'minDenominator' | 'confidence' | 'intervalMethod' | 'geiAlpha'
  >
> & {
  policy?: Partial<ResolvedAuditConfig['policy']>;
};

export type ResolvedCountsConfig = Pick<
  ResolvedAuditConfig,
  | 'reference'
  | 'referenceStrategy'
  | 'minGroupSize'
  | 'minDenominator'
  | 'confidence'
  | 'intervalMethod'
  | 'geiAlpha'
  | 'policy'
>;
